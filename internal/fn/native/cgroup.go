//go:build linux

package native

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// cgroupParent is the directory under the cgroup v2 root that holds one
// cgroup per running invocation.
const cgroupParent = "strata-fn"

// cgroupsUsable reports whether root is a writable cgroup v2 mount.
func cgroupsUsable(root string) bool {
	var st unix.Statfs_t
	if err := unix.Statfs(root, &st); err != nil || st.Type != unix.CGROUP2_SUPER_MAGIC {
		return false
	}
	return unix.Access(root, unix.W_OK) == nil
}

// prepareCgroupParent creates the parent cgroup and delegates the
// controllers we use to it. Controllers that cannot be enabled (a
// container's cgroup with processes in it, say) are left off: each
// invocation then applies what its cgroup offers.
func prepareCgroupParent(root string) (string, error) {
	parent := filepath.Join(root, cgroupParent)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	for _, dir := range []string{root, parent} {
		for _, c := range []string{"+memory", "+pids", "+cpu"} {
			_ = os.WriteFile(filepath.Join(dir, "cgroup.subtree_control"), []byte(c), 0)
		}
	}
	return parent, nil
}

// cgroup is one invocation's cgroup.
type cgroup struct {
	dir string
	fd  *os.File // open directory, for SysProcAttr.CgroupFD
}

// newCgroup creates the cgroup for invocation id under parent and
// writes its limits. Limits whose controller is missing are skipped.
func newCgroup(parent, id string, memMiB, pids int) (*cgroup, error) {
	// A random suffix: a retried invocation may still be cleaning up.
	dir, err := os.MkdirTemp(parent, safeName(id)+"-")
	if err != nil {
		return nil, err
	}
	cg := &cgroup{dir: dir}
	cg.write("memory.max", strconv.Itoa(memMiB<<20))
	cg.write("memory.swap.max", "0")
	cg.write("pids.max", strconv.Itoa(pids))
	fd, err := os.Open(dir)
	if err != nil {
		cg.remove()
		return nil, err
	}
	cg.fd = fd
	return cg, nil
}

func (cg *cgroup) write(file, value string) bool {
	return os.WriteFile(filepath.Join(cg.dir, file), []byte(value), 0) == nil
}

// hasMemoryLimit reports whether memory.max exists, i.e. the memory
// controller is on for this cgroup.
func (cg *cgroup) hasMemoryLimit() bool {
	_, err := os.Stat(filepath.Join(cg.dir, "memory.max"))
	return err == nil
}

// kill kills every process in the cgroup.
func (cg *cgroup) kill() {
	cg.write("cgroup.kill", "1")
}

// oomKills returns the oom_kill count from memory.events.
func (cg *cgroup) oomKills() int {
	b, err := os.ReadFile(filepath.Join(cg.dir, "memory.events"))
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var n int
		if _, err := fmt.Sscanf(sc.Text(), "oom_kill %d", &n); err == nil {
			return n
		}
	}
	return 0
}

// remove kills what is left and removes the cgroup; rmdir fails with
// EBUSY until the killed processes are gone, so it retries briefly.
func (cg *cgroup) remove() error {
	if cg.fd != nil {
		cg.fd.Close()
		cg.fd = nil
	}
	cg.kill()
	var err error
	for i := 0; i < 100; i++ {
		if err = unix.Rmdir(cg.dir); err == nil || errors.Is(err, unix.ENOENT) {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return err
}

// safeName keeps an id usable as one path element.
func safeName(id string) string {
	b := []byte(id)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			b[i] = '_'
		}
	}
	if len(b) == 0 || string(b) == "." || string(b) == ".." {
		return "inv"
	}
	return string(b)
}
