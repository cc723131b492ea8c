package directory

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// DefaultShard is the meta2 shard id on the embedded default.
const DefaultShard = "0"

// Container is the meta1 record of a container (an S3 bucket).
type Container struct {
	ID         strata.ContainerID `json:"-"`
	Name       string             `json:"name"`
	Account    string             `json:"account"`
	Shard      string             `json:"shard"`
	Created    time.Time          `json:"created"`
	Policy     string             `json:"policy,omitempty"`
	Versioning string             `json:"versioning,omitempty"`
	Region     string             `json:"region,omitempty"`
	ObjectLock bool               `json:"object_lock,omitempty"`
	// Ranges split the container's keys over sub-containers (see
	// ranges.go); none is one range: the container itself on Shard.
	Ranges []Range `json:"ranges,omitempty"`
	// ConfigGen counts the changes of the container's configuration
	// documents (meta2 k/ keys): gateways cache the documents and read
	// them again when the generation they follow by watch moves.
	ConfigGen uint64 `json:"config_gen,omitempty"`
	// VersionMarks: the container was made with every range keeping the
	// h/ mark of its first non-null version or delete marker
	// (Meta2.MarksVersions); set by Create, never changed.
	VersionMarks bool `json:"version_marks,omitempty"`
	// SeqMarks: the container was made with every range's h/ mark also
	// saying whether the range may hold a key's event sequence without
	// its current record (Meta2.MarksSeqs); set by Create, never changed.
	SeqMarks bool `json:"seq_marks,omitempty"`
	// UsageExact: the container was made with exact usage counters (every
	// version change updates them in its transaction), so its usage never
	// needs a recount; set by Create, never changed. Containers made
	// before the counters are recounted once (object.BucketUsage).
	UsageExact bool `json:"usage_exact,omitempty"`
}

// Directory resolves containers through meta0 and meta1 and hands out
// their meta2 shard. Lookups are cached; this node's own changes update
// the cache at once.
type Directory struct {
	root   meta.Engine
	shards map[string]meta.Engine
	src    ShardSource // nil: only the shards above
	log    *slog.Logger

	mu    sync.RWMutex
	cache map[string]Container
	epoch uint64 // counts cache changes by writers; a lookup that raced one keeps nothing

	// OnBucket, if set, runs inside the root transaction that creates
	// or removes a container (the object service writes its event).
	OnBucket func(tx meta.Txn, c Container, created bool) error
}

// New returns a directory with meta0/meta1 on root and meta2 on shards
// (nil: a single shard on root).
func New(root meta.Engine, shards map[string]meta.Engine, log *slog.Logger) (*Directory, error) {
	if shards == nil {
		shards = map[string]meta.Engine{DefaultShard: root}
	}
	if log == nil {
		log = slog.Default()
	}
	return &Directory{root: root, shards: shards, log: log, cache: map[string]Container{}}, nil
}

// ShardSource reaches the meta2 shards of a cluster beyond the root one
// and chooses where new containers go.
type ShardSource interface {
	// Engine returns the engine of a shard.
	Engine(ctx context.Context, id string) (meta.Engine, error)
	// Pick chooses the shard of a new container: the best-scored one,
	// at random weighted by score.
	Pick(ctx context.Context) (string, error)
}

// UseShards makes the directory place new containers with src and reach
// shards other than the root's through it.
func (d *Directory) UseShards(src ShardSource) { d.src = src }

// ContainerKeyPrefix is the root-engine prefix of meta1 container
// records, for caches that follow changes (see Forget).
func ContainerKeyPrefix() []byte { return append([]byte(nil), containerPref...) }

// Forget drops a bucket from the lookup cache: another gateway changed or
// deleted it. "" drops every bucket.
func (d *Directory) Forget(name string) { d.forget(name) }

// Root is the engine holding meta0 and meta1.
func (d *Directory) Root() meta.Engine { return d.root }

// Shards returns every meta2 shard, by id.
func (d *Directory) Shards() map[string]meta.Engine { return d.shards }

// Shard returns the engine of a meta2 shard.
func (d *Directory) Shard(id string) (meta.Engine, error) {
	e, ok := d.shards[id]
	if !ok && d.src != nil {
		return d.src.Engine(context.Background(), id)
	}
	if !ok {
		return nil, strata.Errorf("directory.Shard", strata.Unavailable, "meta2 shard %q unknown", id)
	}
	return e, nil
}

// shardFor returns meta0's shard for the slot, assigning one if the slot
// is new. New slots go to the first shard in id order; with scored shards
// (cluster) this is where the conscience will choose.
func (d *Directory) shardFor(tx meta.Txn, cid strata.ContainerID) (string, error) {
	k := meta0Key(cid.Slot())
	v, err := tx.Get(k)
	if err == nil {
		return string(v), nil
	}
	if !strata.Is(err, strata.NotExist) {
		return "", err
	}
	ids := make([]string, 0, len(d.shards))
	for id := range d.shards {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids[0], tx.Set(k, []byte(ids[0]))
}

// Create registers a new container. If the name is taken it fails with
// strata.Exist, whose cause is "BucketAlreadyOwnedByYou" when the same
// account owns it and "BucketAlreadyExists" otherwise.
func (d *Directory) Create(ctx context.Context, c Container) (Container, error) {
	const op = "directory.Create"
	c.ID = strata.NewContainerID(c.Account, c.Name)
	c.VersionMarks, c.SeqMarks, c.UsageExact = true, true, true
	var picked string
	if d.src != nil {
		var err error
		if picked, err = d.src.Pick(ctx); err != nil {
			return c, err
		}
	}
	err := d.root.Update(ctx, func(tx meta.Txn) error {
		if owner, err := tx.Get(bucketKey(c.Name)); err == nil {
			existing, err := d.get(tx, strata.ContainerID(owner))
			if err == nil && existing.Account == c.Account {
				return strata.Errorf(op, strata.Exist, "BucketAlreadyOwnedByYou")
			}
			return strata.Errorf(op, strata.Exist, "BucketAlreadyExists")
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		shard, err := d.shardFor(tx, c.ID)
		if err != nil {
			return err
		}
		c.Shard = shard
		if picked != "" {
			c.Shard = picked
		}
		b, _ := json.Marshal(c)
		if err := tx.Set(containerKey(c.ID), b); err != nil {
			return err
		}
		if err := tx.Set(bucketKey(c.Name), c.ID[:]); err != nil {
			return err
		}
		if d.OnBucket != nil {
			if err := d.OnBucket(tx, c, true); err != nil {
				return err
			}
		}
		return tx.Set(accountKey(c.Account, c.Name), nil)
	})
	if err != nil {
		return c, err
	}
	d.remember(c)
	return c, nil
}

func (d *Directory) get(r meta.Reader, cid strata.ContainerID) (Container, error) {
	b, err := r.Get(containerKey(cid))
	if err != nil {
		return Container{}, err
	}
	var c Container
	if err := json.Unmarshal(b, &c); err != nil {
		return c, strata.E("directory.get", strata.Corrupt, err)
	}
	c.ID = cid
	return c, nil
}

func (d *Directory) remember(c Container) {
	d.mu.Lock()
	d.epoch++
	d.cache[c.Name] = c
	d.mu.Unlock()
}

// rememberAt caches what a lookup read, unless a writer changed the cache
// since the lookup began (epoch): what it read may predate that change.
func (d *Directory) rememberAt(c Container, epoch uint64) {
	d.mu.Lock()
	if d.epoch == epoch {
		d.cache[c.Name] = c
	}
	d.mu.Unlock()
}

func (d *Directory) forget(name string) {
	d.mu.Lock()
	d.epoch++
	if name == "" {
		clear(d.cache)
	}
	delete(d.cache, name)
	d.mu.Unlock()
}

// Lookup resolves a bucket name to its container (NotExist if none).
func (d *Directory) Lookup(ctx context.Context, name string) (Container, error) {
	d.mu.RLock()
	c, ok := d.cache[name]
	epoch := d.epoch
	d.mu.RUnlock()
	if ok {
		return c, nil
	}
	err := d.root.View(ctx, func(r meta.Reader) error {
		owner, err := r.Get(bucketKey(name))
		if err != nil {
			return err
		}
		c, err = d.get(r, strata.ContainerID(owner))
		return err
	})
	if strata.Is(err, strata.NotExist) {
		return c, strata.Errorf("directory.Lookup bucket", strata.NotExist, "bucket %q does not exist", name)
	}
	if err != nil {
		return c, err
	}
	d.rememberAt(c, epoch)
	return c, nil
}

// Update changes a container's properties.
func (d *Directory) Update(ctx context.Context, name string, fn func(*Container) error) (Container, error) {
	c, err := d.Lookup(ctx, name)
	if err != nil {
		return c, err
	}
	err = d.root.Update(ctx, func(tx meta.Txn) error {
		cur, err := d.get(tx, c.ID)
		if err != nil {
			return err
		}
		if err := fn(&cur); err != nil {
			return err
		}
		c = cur
		b, _ := json.Marshal(cur)
		return tx.Set(containerKey(cur.ID), b)
	})
	if err != nil {
		d.forget(name)
		return c, err
	}
	d.remember(c)
	return c, nil
}

// Delete removes a container whose meta2 has no keys but settings.
func (d *Directory) Delete(ctx context.Context, name string) error {
	c, err := d.Lookup(ctx, name)
	if err != nil {
		return err
	}
	// Every range must be empty; each range is checked and cleared in
	// its own shard transaction, the home range (configuration) last, so
	// a range found not empty leaves the bucket whole.
	rs := c.RangeList()
	for i := len(rs) - 1; i >= 0; i-- {
		if err := d.clearRange(ctx, c, rs[i]); err != nil {
			return err
		}
	}
	// Forgotten again after the commit: a lookup between the two would
	// have cached the record being deleted (SFTP's rmdir of a bucket was
	// then still answered by HeadBucket on the same gateway).
	d.forget(name)
	defer d.forget(name)
	return d.root.Update(ctx, func(tx meta.Txn) error {
		if d.OnBucket != nil {
			if err := d.OnBucket(tx, c, false); err != nil {
				return err
			}
		}
		tx.Delete(accountKey(c.Account, c.Name))
		tx.Delete(bucketKey(c.Name))
		return tx.Delete(containerKey(c.ID))
	})
}

func (d *Directory) clearRange(ctx context.Context, c Container, r Range) error {
	const op = "directory.Delete"
	shard, err := d.Shard(r.Shard)
	if err != nil {
		return err
	}
	m2 := NewMeta2(r.Sub)
	// Emptiness and removal of meta2 in one shard transaction, so a
	// concurrent write either lands before (and we refuse) or finds the
	// bucket gone.
	return shard.Update(ctx, func(tx meta.Txn) error {
		for _, p := range [][]byte{m2.VersionPrefix(), m2.UploadPrefix()} {
			it := tx.Iter(p, meta.PrefixEnd(p))
			found := it.First()
			it.Close()
			if found {
				return strata.Errorf(op, strata.NotEmpty, "bucket %q is not empty", c.Name)
			}
		}
		it := tx.Iter(m2.All(), meta.PrefixEnd(m2.All()))
		var keys [][]byte
		for ok := it.First(); ok; ok = it.Next() {
			keys = append(keys, bytes.Clone(it.Key()))
		}
		it.Close()
		for _, k := range keys {
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// ContainerOf reads a container record by id from meta1 (not cached).
func (d *Directory) ContainerOf(r meta.Reader, cid strata.ContainerID) (Container, error) {
	return d.get(r, cid)
}

// List returns the containers of an account, by name.
func (d *Directory) List(ctx context.Context, account string) ([]Container, error) {
	var out []Container
	err := d.root.View(ctx, func(r meta.Reader) error {
		p := accountKey(account, "")
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			c, err := d.get(r, strata.NewContainerID(account, string(it.Key()[len(p):])))
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return it.Error()
	})
	return out, err
}

// ShardOf reads the meta2 shard of a container id from meta1.
func (d *Directory) ShardOf(r meta.Reader, cid strata.ContainerID) (string, error) {
	c, err := d.get(r, cid)
	return c.Shard, err
}

// Accounts lists the accounts that own at least one container.
func (d *Directory) Accounts(ctx context.Context) []string {
	var out []string
	d.root.View(ctx, func(r meta.Reader) error {
		it := r.Iter(accountPref, meta.PrefixEnd(accountPref))
		defer it.Close()
		for ok := it.First(); ok; {
			k := it.Key()[len(accountPref):]
			acct := string(k[:bytes.IndexByte(k, 0)])
			out = append(out, acct)
			ok = it.SeekGE(meta.PrefixEnd(accountKey(acct, "")))
		}
		return nil
	})
	return out
}
