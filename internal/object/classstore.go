package object

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// Storage classes live in the root metadata engine (the one holding meta0
// and meta1), so every gateway of a cluster reads the same definitions:
//
//	SC/c/<name>  -> StorageClass JSON
//	SC!gen       -> generation: bumped by every change (decimal)
//	SC!improve   -> the class convergence pass's cursor (improve_class.go)
//
// Gateways cache the definitions for ClassTTL: a change reaches every
// gateway's new writes within that time, without a watch.
var (
	classPref   = []byte("SC/c/")
	classGenKey = []byte("SC!gen")
)

// ClassTTL is how long a gateway trusts its cached class definitions.
const ClassTTL = time.Second

var className = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)

func classKey(name string) []byte { return append(append([]byte(nil), classPref...), name...) }

// ValidateClass checks a class definition and normalises its policy names.
func ValidateClass(c *StorageClass) error {
	const op = "object.ValidateClass"
	c.Name = strings.ToUpper(strings.TrimSpace(c.Name))
	if !className.MatchString(c.Name) {
		return strata.Errorf(op, strata.Invalid, "class name %q: an S3 storage class name such as STANDARD_IA ([A-Z_])", c.Name)
	}
	if c.Pool != "" && strings.ContainsAny(c.Pool, " ,:=/") {
		return strata.Errorf(op, strata.Invalid, "pool %q: no spaces, commas, colons, '=' or '/'", c.Pool)
	}
	for _, p := range []*string{&c.Policy, &c.SmallPolicy} {
		if *p == "" {
			continue
		}
		pol, err := protect.ParsePolicy(*p)
		if err != nil {
			return strata.E(op, strata.Invalid, err)
		}
		*p = pol.Name
	}
	if c.ECMinSize < 0 {
		return strata.Errorf(op, strata.Invalid, "ec_min_size %d is negative", c.ECMinSize)
	}
	if c.MinSites < 0 {
		return strata.Errorf(op, strata.Invalid, "min_sites %d is negative", c.MinSites)
	}
	return validateClassSites(*c)
}

// ClassStore reads and changes the cluster's storage classes.
type ClassStore struct {
	root meta.Engine

	snap  atomic.Pointer[classSnap] // nil until loaded, or after a change here
	mu    sync.Mutex                // one refresh at a time
	pools poolCount                 // see Service.poolVolumes
}

// classSnap is the class definitions as read at one time.
type classSnap struct {
	at    time.Time
	m     map[string]StorageClass
	gen   uint64
	stale bool
}

// NewClassStore returns the class store over the root metadata engine.
func NewClassStore(root meta.Engine) *ClassStore { return &ClassStore{root: root} }

// List returns every configured class, by name.
func (cs *ClassStore) List(ctx context.Context) ([]StorageClass, error) {
	m, _, err := cs.load(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]StorageClass, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Get returns one class, or a strata.NotExist error.
func (cs *ClassStore) Get(ctx context.Context, name string) (StorageClass, error) {
	var c StorageClass
	err := cs.root.View(ctx, func(r meta.Reader) error {
		b, err := r.Get(classKey(strings.ToUpper(name)))
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &c)
	})
	if strata.Is(err, strata.NotExist) {
		return c, strata.Errorf("object.Class", strata.NotExist, "no storage class %q is configured", name)
	}
	return c, err
}

// Put creates or replaces a class and bumps the class generation, so
// that the improver converges existing objects to the new definition.
func (cs *ClassStore) Put(ctx context.Context, c StorageClass) (StorageClass, error) {
	if err := ValidateClass(&c); err != nil {
		return c, err
	}
	b, _ := json.Marshal(c)
	err := cs.root.Update(ctx, func(tx meta.Txn) error {
		if err := tx.Set(classKey(c.Name), b); err != nil {
			return err
		}
		return bumpGen(tx)
	})
	cs.invalidate()
	return c, err
}

// Delete removes a class: its objects fall back to the cluster default
// placement for new writes (existing data stays where it is).
func (cs *ClassStore) Delete(ctx context.Context, name string) error {
	name = strings.ToUpper(name)
	err := cs.root.Update(ctx, func(tx meta.Txn) error {
		if _, err := tx.Get(classKey(name)); err != nil {
			if strata.Is(err, strata.NotExist) {
				return strata.Errorf("object.DeleteClass", strata.NotExist, "no storage class %q is configured", name)
			}
			return err
		}
		if err := tx.Delete(classKey(name)); err != nil {
			return err
		}
		return bumpGen(tx)
	})
	cs.invalidate()
	return err
}

// Generation returns the class-configuration generation (0: never
// configured).
func (cs *ClassStore) Generation(ctx context.Context) (uint64, error) {
	_, g, err := cs.load(ctx)
	return g, err
}

func bumpGen(tx meta.Txn) error {
	g, err := readGen(tx)
	if err != nil {
		return err
	}
	return tx.Set(classGenKey, []byte(strconv.FormatUint(g+1, 10)))
}

func readGen(r meta.Reader) (uint64, error) {
	b, err := r.Get(classGenKey)
	if strata.Is(err, strata.NotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	g, err := strconv.ParseUint(string(b), 10, 64)
	if err != nil {
		return 0, strata.E("object.classGen", strata.Corrupt, err)
	}
	return g, nil
}

func (cs *ClassStore) invalidate() {
	if old := cs.snap.Load(); old != nil {
		cs.snap.Store(&classSnap{at: old.at, m: old.m, gen: old.gen, stale: true})
	}
}

func (sn *classSnap) fresh() bool { return sn != nil && !sn.stale && time.Since(sn.at) < ClassTTL }

// load returns the cached definitions, reading them again when older
// than ClassTTL: at most one metadata read per gateway and second, by one
// caller while the others wait for it.
func (cs *ClassStore) load(ctx context.Context) (map[string]StorageClass, uint64, error) {
	if sn := cs.snap.Load(); sn.fresh() {
		return sn.m, sn.gen, nil
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	old := cs.snap.Load()
	if old.fresh() {
		return old.m, old.gen, nil
	}
	m := map[string]StorageClass{}
	var gen uint64
	err := cs.root.View(ctx, func(r meta.Reader) error {
		clear(m)
		var err error
		if gen, err = readGen(r); err != nil || gen == 0 {
			return err // never configured: skip the scan
		}
		it := r.Iter(classPref, meta.PrefixEnd(classPref))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var c StorageClass
			if json.Unmarshal(it.Value(), &c) == nil {
				m[c.Name] = c
			}
		}
		return it.Error()
	})
	if err != nil {
		if old != nil {
			return old.m, old.gen, nil // keep serving the last definitions
		}
		return nil, 0, err
	}
	cs.snap.Store(&classSnap{at: time.Now(), m: m, gen: gen})
	return m, gen, nil
}

// lookup returns the configured class named class ("" = STANDARD).
func (cs *ClassStore) lookup(ctx context.Context, class string) (StorageClass, bool, error) {
	name := strings.ToUpper(class)
	if name == "" {
		name = "STANDARD"
	}
	m, _, err := cs.load(ctx)
	if err != nil {
		return StorageClass{}, false, err
	}
	c, ok := m[name]
	return c, ok, nil
}
