//go:build !linux

package native

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// errNeedsLinux is what New says where the sandbox (namespaces, cgroup
// v2, prctl) does not exist: such a node runs WebAssembly functions only.
var errNeedsLinux = errors.New("native: native functions need Linux (namespaces and cgroups); this node runs WebAssembly functions only")

// Runtime is never made here: New refuses.
type Runtime struct{}

var _ invoke.Runtime = (*Runtime)(nil)

// New refuses: native functions need Linux.
func New(Options) (*Runtime, error) { return nil, errNeedsLinux }

// Run is not reached: New refuses.
func (*Runtime) Run(context.Context, invoke.Code, invoke.Invocation, invoke.Host) (invoke.Result, error) {
	return invoke.Result{}, fmt.Errorf("%w: %w", invoke.ErrFailed, errNeedsLinux)
}

// ShimMain refuses: there is no sandbox to set up.
func ShimMain([]string) int {
	fmt.Fprintln(os.Stderr, errNeedsLinux)
	return 1
}
