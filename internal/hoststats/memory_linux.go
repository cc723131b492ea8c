package hoststats

import (
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// cgroupLimits are the files of a memory limit set on this process's
// cgroup, as a container sees them (v2, then v1).
var cgroupLimits = []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}

// Memory returns the memory this process may use in bytes: the
// machine's, or its container's limit when lower (0 if unknown). A cache
// sized by the host's memory in a smaller container would grow into the
// OOM killer.
func Memory() int64 {
	var si unix.Sysinfo_t
	if err := unix.Sysinfo(&si); err != nil {
		return 0
	}
	mem := int64(si.Totalram) * int64(si.Unit)
	for _, f := range cgroupLimits {
		if b, err := os.ReadFile(f); err == nil {
			if lim, ok := parseLimit(string(b)); ok && lim < mem {
				mem = lim
			}
		}
	}
	return mem
}

// parseLimit reads a cgroup memory limit: a byte count, or "max" (none).
func parseLimit(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}
