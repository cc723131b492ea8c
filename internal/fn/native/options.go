package native

import "log/slog"

// Options configure a Runtime.
type Options struct {
	// WorkDir holds one temporary working directory per invocation.
	// Default: $TMPDIR/strata-fn.
	WorkDir string
	// SelfExe is a binary that routes ShimCommand to ShimMain.
	// Default: os.Executable().
	SelfExe string
	Logger  *slog.Logger
	// NoNamespaces runs children without namespaces (rlimits, cgroups
	// and the user switch still apply).
	NoNamespaces bool
	// KeepUser keeps root's identity instead of switching to nobody.
	KeepUser bool
	// CgroupRoot is the cgroup v2 mount. Default: /sys/fs/cgroup.
	CgroupRoot string
}

// ShimCommand is the hidden subcommand under which the runtime re-execs
// SelfExe; the binary's main must route it to ShimMain.
const ShimCommand = "__sandbox"
