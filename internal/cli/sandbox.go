package cli

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/fn/native"
)

// sandboxCmd is the shim the native function runtime re-executes: it sets
// the limits, then execs the function's program. Not for people.
func sandboxCmd() *cobra.Command {
	return &cobra.Command{
		Use: native.ShimCommand, Hidden: true, DisableFlagParsing: true,
		Run: func(_ *cobra.Command, args []string) { os.Exit(native.ShimMain(args)) },
	}
}
