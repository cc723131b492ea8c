package blob

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func statfs(dir string) (total, free int64, err error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, 0, err
	}
	return int64(st.Blocks) * st.Bsize, int64(st.Bavail) * st.Bsize, nil
}

// ioIdle measures how idle the volume's block device is, from the
// io_ticks counter in /sys/dev/block/MAJ:MIN/stat between two calls.
type ioIdle struct {
	mu       sync.Mutex
	statPath string
	lastTick int64
	lastAt   time.Time
	last     float64
}

func (d *ioIdle) init(dir string) {
	d.last = 100
	var st syscall.Stat_t
	if err := syscall.Stat(dir, &st); err != nil {
		return
	}
	major, minor := (st.Dev>>8)&0xfff|(st.Dev>>32)&^0xfff, st.Dev&0xff|(st.Dev>>12)&^0xff
	p := fmt.Sprintf("/sys/dev/block/%d:%d/stat", major, minor)
	if _, err := os.Stat(p); err == nil {
		d.statPath = p
	}
}

func (d *ioIdle) idle() float64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.statPath == "" {
		return 100
	}
	b, err := os.ReadFile(d.statPath)
	if err != nil {
		return d.last
	}
	f := strings.Fields(string(b))
	if len(f) < 10 {
		return d.last
	}
	ticks, _ := strconv.ParseInt(f[9], 10, 64)
	now := time.Now()
	if !d.lastAt.IsZero() {
		if el := now.Sub(d.lastAt).Milliseconds(); el > 0 {
			busy := float64(ticks-d.lastTick) / float64(el) * 100
			d.last = min(100, max(0, 100-busy))
		}
	}
	d.lastTick, d.lastAt = ticks, now
	return d.last
}
