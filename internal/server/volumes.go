package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
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

// volumeSet maps blob service ids to stores: this node's volumes
// directly, other nodes' volumes through blob clients found in the
// conscience. It implements object.Blobs for the object service.
type volumeSet struct {
	mu     sync.RWMutex
	local  map[string]blob.Store
	remote map[string]remoteStore
	pools  map[string]string // local volume id -> pool (volumeflag.go)

	reg    conscience.Registry // nil on the embedded default
	hc     *http.Client
	scheme string // of the blob servers: http, or https with TLS
}

type remoteStore struct {
	addr  string
	store blob.Store
}

func newVolumeSet() *volumeSet {
	return &volumeSet{local: make(map[string]blob.Store), remote: make(map[string]remoteStore)}
}

// useCluster lets the set reach other nodes' volumes, signing requests
// with the cluster token, over TLS when tr has a TLS config.
func (v *volumeSet) useCluster(reg conscience.Registry, token string, tr *http.Transport) {
	scheme := "http"
	if tr.TLSClientConfig != nil {
		scheme = "https"
	}
	v.mu.Lock()
	v.reg, v.hc, v.scheme = reg, &http.Client{Transport: tokenTransport{base: tr, token: token}}, scheme
	v.mu.Unlock()
}

func (v *volumeSet) add(id string, s blob.Store) {
	v.mu.Lock()
	v.local[id] = s
	v.mu.Unlock()
}

// Store returns the store of a blob service.
func (v *volumeSet) Store(id string) (blob.Store, error) {
	v.mu.RLock()
	s, ok := v.local[id]
	r, known := v.remote[id]
	reg := v.reg
	v.mu.RUnlock()
	if ok {
		return s, nil
	}
	if known {
		// refreshRemotes follows address changes (a volume moved to
		// another machine keeps its id).
		return r.store, nil
	}
	if reg != nil {
		// Services that stopped heartbeating are still listed (score 0),
		// so reads keep trying their last known address.
		svcs, _ := reg.Services(context.Background(), strata.ServiceBlob)
		for _, svc := range svcs {
			if svc.ID == id && svc.Addr != "" {
				return v.remoteStore(id, svc.Addr), nil
			}
		}
	}
	return nil, strata.Errorf("server.Store", strata.Unavailable, "blob service %s is unknown or gone", id)
}

func (v *volumeSet) remoteStore(id, addr string) blob.Store {
	v.mu.RLock()
	r, ok := v.remote[id]
	v.mu.RUnlock()
	if ok && r.addr == addr {
		return r.store
	}
	r = remoteStore{addr: addr, store: blob.NewClient(v.scheme+"://"+addr+"/v/"+id, v.hc)}
	v.mu.Lock()
	v.remote[id] = r
	v.mu.Unlock()
	return r.store
}

// refreshRemotes re-resolves the known remote volumes whose address
// changed in the conscience.
func (v *volumeSet) refreshRemotes(ctx context.Context) {
	v.mu.RLock()
	reg := v.reg
	v.mu.RUnlock()
	if reg == nil {
		return
	}
	svcs, _ := reg.Services(ctx, strata.ServiceBlob)
	for _, svc := range svcs {
		v.mu.RLock()
		r, ok := v.remote[svc.ID]
		v.mu.RUnlock()
		if ok && svc.Addr != "" && r.addr != svc.Addr {
			v.remoteStore(svc.ID, svc.Addr)
		}
	}
}

// Volumes returns how many volumes the cluster has.
func (v *volumeSet) Volumes() int { return len(v.Services()) }

// Services returns the ids of every blob service, sorted.
func (v *volumeSet) Services() []string {
	seen := map[string]bool{}
	v.mu.RLock()
	for id := range v.local {
		seen[id] = true
	}
	reg := v.reg
	v.mu.RUnlock()
	if reg != nil {
		svcs, _ := reg.Services(context.Background(), strata.ServiceBlob)
		for _, s := range svcs {
			seen[s.ID] = true
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// LocalServices returns the ids of this node's volumes, sorted.
func (v *volumeSet) LocalServices() []string {
	v.mu.RLock()
	ids := make([]string, 0, len(v.local))
	for id := range v.local {
		ids = append(ids, id)
	}
	v.mu.RUnlock()
	sort.Strings(ids)
	return ids
}

// usage reads the usage of this node's volumes, for the conscience.
func (v *volumeSet) usage(ctx context.Context) map[string]blob.Usage {
	out := make(map[string]blob.Usage)
	for _, id := range v.LocalServices() {
		s, _ := v.Store(id)
		if u, err := s.Usage(ctx); err == nil {
			out[id] = u
		}
	}
	return out
}
