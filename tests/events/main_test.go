package eventstest

import (
	"os"
	"testing"

	"github.com/strata-storage/strata/internal/fn/native"
)

// TestMain lets the test binary act as the native runtime's sandbox shim:
// in-process servers re-execute themselves (os.Executable) to run native
// functions.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == native.ShimCommand {
		os.Exit(native.ShimMain(os.Args[2:]))
	}
	os.Exit(m.Run())
}
