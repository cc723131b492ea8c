package fn

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// SystemBucket holds function modules. Its name is not a valid S3 bucket
// name, so no user can create, list or reach it.
const (
	SystemBucket  = ".strata-functions"
	systemAccount = "_strata"
	maxModule     = 64 << 20
)

func validName(s string) bool { return events.ValidName(s) }

func manifestKey(name string) []byte { return []byte("F/" + name) }

// Registry keeps deployed functions: manifests in the root engine,
// modules in SystemBucket.
type Registry struct {
	root    meta.Engine
	objects *object.Service

	mu     sync.Mutex
	cache  map[string]*Manifest
	loaded time.Time
	mods   map[string][]byte // digest -> module
}

// NewRegistry returns the registry.
func NewRegistry(root meta.Engine, objects *object.Service) *Registry {
	return &Registry{root: root, objects: objects, mods: map[string][]byte{}}
}

// Deploy validates and stores a function, replacing any of the same name.
func (r *Registry) Deploy(ctx context.Context, m Manifest, module []byte, owner string) (Manifest, error) {
	const op = "fn.Deploy"
	if err := m.Validate(); err != nil {
		return m, err
	}
	m.Module, m.Owner, m.Deployed = "", owner, time.Now().UTC()
	if m.Runtime == RuntimeWasm {
		if len(module) < 8 || !bytes.Equal(module[:4], []byte("\x00asm")) {
			return m, strata.Errorf(op, strata.Invalid, "the module is not WebAssembly (build with GOOS=wasip1 GOARCH=wasm)")
		}
		if len(module) > maxModule {
			return m, strata.Errorf(op, strata.Invalid, "the module is larger than %d MiB", maxModule>>20)
		}
		sum := sha256.Sum256(module)
		m.Digest = hex.EncodeToString(sum[:])
		if err := r.objects.CreateBucket(ctx, object.Bucket{Name: SystemBucket, Account: systemAccount}); err != nil && !strata.Is(err, strata.Exist) {
			return m, err
		}
		if _, err := r.objects.PutObject(ctx, SystemBucket, m.Name+"/"+m.Digest+".wasm", bytes.NewReader(module),
			object.PutOptions{Size: int64(len(module)), Owner: systemAccount}); err != nil {
			return m, err
		}
	}
	b, _ := json.Marshal(m)
	if err := r.root.Update(ctx, func(tx meta.Txn) error { return tx.Set(manifestKey(m.Name), b) }); err != nil {
		return m, err
	}
	r.invalidate()
	return m, nil
}

// Remove deletes a function and its modules.
func (r *Registry) Remove(ctx context.Context, name string) error {
	if _, err := r.Get(ctx, name); err != nil {
		return err
	}
	if err := r.root.Update(ctx, func(tx meta.Txn) error { return tx.Delete(manifestKey(name)) }); err != nil {
		return err
	}
	r.invalidate()
	res, err := r.objects.ListObjects(ctx, SystemBucket, object.ListOptions{Prefix: name + "/", MaxKeys: 1000})
	if err == nil {
		for _, o := range res.Objects {
			r.objects.DeleteObject(ctx, SystemBucket, o.Key, "")
		}
	}
	return nil
}

func (r *Registry) invalidate() {
	r.mu.Lock()
	r.cache = nil
	r.mu.Unlock()
}

// all returns every manifest, read at most maxAge ago.
func (r *Registry) all(ctx context.Context, maxAge time.Duration) (map[string]*Manifest, error) {
	r.mu.Lock()
	if r.cache != nil && time.Since(r.loaded) <= maxAge {
		c := r.cache
		r.mu.Unlock()
		return c, nil
	}
	r.mu.Unlock()
	out := map[string]*Manifest{}
	err := r.root.View(ctx, func(rd meta.Reader) error {
		p := []byte("F/")
		it := rd.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var m Manifest
			if json.Unmarshal(it.Value(), &m) == nil {
				out[m.Name] = &m
			}
		}
		return it.Error()
	})
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.cache, r.loaded = out, time.Now()
	r.mu.Unlock()
	return out, nil
}

// Get returns a deployed function (strata.NotExist if none).
func (r *Registry) Get(ctx context.Context, name string) (*Manifest, error) {
	all, err := r.all(ctx, time.Second)
	if err != nil {
		return nil, err
	}
	if m, ok := all[name]; ok {
		return m.clone(), nil
	}
	// Not in a cached copy: it may have just been deployed elsewhere.
	if all, err = r.all(ctx, 0); err != nil {
		return nil, err
	}
	if m, ok := all[name]; ok {
		return m.clone(), nil
	}
	return nil, strata.Errorf("fn.Get", strata.NotExist, "no function %q", name)
}

// List returns every function, by name.
func (r *Registry) List(ctx context.Context) ([]*Manifest, error) {
	all, err := r.all(ctx, 0)
	if err != nil {
		return nil, err
	}
	out := make([]*Manifest, 0, len(all))
	for _, m := range all {
		out = append(out, m.clone())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Module returns a function's wasm module (cached by digest).
func (r *Registry) Module(ctx context.Context, m *Manifest) ([]byte, error) {
	r.mu.Lock()
	b, ok := r.mods[m.Digest]
	r.mu.Unlock()
	if ok {
		return b, nil
	}
	_, rc, err := r.objects.GetObject(ctx, SystemBucket, m.Name+"/"+m.Digest+".wasm", object.GetOptions{})
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if b, err = io.ReadAll(io.LimitReader(rc, maxModule+1)); err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != m.Digest {
		return nil, strata.Errorf("fn.Module", strata.Corrupt, "module of %s does not match its digest", m.Name)
	}
	r.mu.Lock()
	if len(r.mods) > 64 {
		clear(r.mods)
	}
	r.mods[m.Digest] = b
	r.mu.Unlock()
	return b, nil
}
