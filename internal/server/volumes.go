package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/strata"
)

// volumeIDFile holds a volume's stable service id, so that chunk
// locations recorded in meta2 stay valid across restarts and moves.
const volumeIDFile = "volume.id"

// volumeID returns the volume's service id, creating it on first use.
func volumeID(dir string) (string, error) {
	path := filepath.Join(dir, volumeIDFile)
	b, err := os.ReadFile(path)
	if err == nil {
		return strings.TrimSpace(string(b)), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	var r [6]byte
	rand.Read(r[:])
	id := "blob-" + hex.EncodeToString(r[:])
	return id, writeFileSync(path, []byte(id+"\n"), 0o644)
}

// volumeSet maps blob service ids to their stores. It implements
// object.Blobs for the object service.
type volumeSet struct {
	mu     sync.RWMutex
	stores map[string]blob.Store
}

func newVolumeSet() *volumeSet { return &volumeSet{stores: make(map[string]blob.Store)} }

func (v *volumeSet) add(id string, s blob.Store) {
	v.mu.Lock()
	v.stores[id] = s
	v.mu.Unlock()
}

// Store returns the store of a blob service.
func (v *volumeSet) Store(id string) (blob.Store, error) {
	v.mu.RLock()
	s, ok := v.stores[id]
	v.mu.RUnlock()
	if !ok {
		return nil, strata.Errorf("server.Store", strata.Unavailable, "blob service %s is unknown or gone", id)
	}
	return s, nil
}

// Volumes returns how many volumes there are.
func (v *volumeSet) Volumes() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return len(v.stores)
}

// Services returns the ids of every blob service, sorted.
func (v *volumeSet) Services() []string {
	v.mu.RLock()
	ids := make([]string, 0, len(v.stores))
	for id := range v.stores {
		ids = append(ids, id)
	}
	v.mu.RUnlock()
	sort.Strings(ids)
	return ids
}

// usage reads the usage of every volume, for the conscience.
func (v *volumeSet) usage(ctx context.Context) map[string]blob.Usage {
	out := make(map[string]blob.Usage)
	for _, id := range v.Services() {
		s, _ := v.Store(id)
		if u, err := s.Usage(ctx); err == nil {
			out[id] = u
		}
	}
	return out
}
