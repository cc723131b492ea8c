package server

import (
	"regexp"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// A volume is given as DIR or DIR:pool=NAME (flag --volume, or an entry
// of Config.Volumes). Only a suffix of that exact form is taken as the
// pool: any other colon stays part of the folder name.

var poolName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// ParseVolume splits a volume entry into its folder and its pool ("" =
// none).
func ParseVolume(s string) (dir, pool string, err error) {
	i := strings.LastIndex(s, ":"+object.PoolTag+"=")
	if i < 0 {
		dir = s
	} else {
		dir, pool = s[:i], s[i+len(object.PoolTag)+2:]
		if !poolName.MatchString(pool) {
			return "", "", strata.Errorf("server.ParseVolume", strata.Invalid,
				"volume %q: pool %q must be 1 to 64 letters, digits, '_', '.' or '-'", s, pool)
		}
	}
	if strings.TrimSpace(dir) == "" {
		return "", "", strata.Errorf("server.ParseVolume", strata.Invalid, "volume %q: no folder", s)
	}
	return dir, pool, nil
}

// VolumeDir is the folder of a volume entry (the entry itself when it
// does not parse).
func VolumeDir(s string) string {
	if d, _, err := ParseVolume(s); err == nil {
		return d
	}
	return s
}

// setPool records the pool of a local volume, sent as its PoolTag.
func (v *volumeSet) setPool(id, pool string) {
	if pool == "" {
		return
	}
	v.mu.Lock()
	if v.pools == nil {
		v.pools = map[string]string{}
	}
	v.pools[id] = pool
	v.mu.Unlock()
}

// tagsOf returns a fresh tag map for a local volume's heartbeat (nil:
// no pool).
func (v *volumeSet) tagsOf(id string) map[string]string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if p := v.pools[id]; p != "" {
		return map[string]string{object.PoolTag: p}
	}
	return nil
}
