package object

import (
	"context"
	"log/slog"
	"math/rand"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// Blobs resolves blob service ids to stores.
type Blobs interface {
	Store(serviceID string) (blob.Store, error)
	Volumes() int
	Services() []string
}

// Config tunes the object service.
type Config struct {
	MetachunkSize int64         // bytes per placement unit (64 MiB)
	InlineMax     int64         // bodies up to this size live in meta2 (64 KiB)
	DefaultPolicy string        // "" = protect.DefaultPolicy(volumes)
	ECMinSize     int64         // with the default EC policy, smaller objects use THREECOPIES
	OrphanGrace   time.Duration // chunks younger than this are never collected
	UploadExpiry  time.Duration // multipart uploads older than this are aborted
	// MinSites is how many sites must hold a readable copy of a write
	// before it is acknowledged, for classes that do not say (0, 1: any).
	MinSites int
	Site     string // this gateway's site: reads try its copies first
}

// DefaultConfig returns the defaults explained in docs/DESIGN.md.
func DefaultConfig() Config {
	return Config{MetachunkSize: 64 << 20, InlineMax: 64 << 10, ECMinSize: 1 << 20,
		OrphanGrace: time.Hour, UploadExpiry: 7 * 24 * time.Hour}
}

// Validate checks the config.
func (c *Config) Validate() error {
	if c.MetachunkSize < 1<<20 && c.MetachunkSize != 0 && c.MetachunkSize < protect.MaxUnit {
		return strata.Errorf("object.Config", strata.Invalid, "metachunk size %d too small", c.MetachunkSize)
	}
	if c.MetachunkSize == 0 {
		c.MetachunkSize = 64 << 20
	}
	if c.DefaultPolicy == "" && c.MinSites > 1 {
		// The default by volume count may be EC4+2, which cannot keep a
		// readable copy per site (sites.go).
		c.DefaultPolicy = "THREECOPIES"
	}
	if c.DefaultPolicy != "" {
		p, err := protect.ParsePolicy(c.DefaultPolicy)
		if err != nil {
			return err
		}
		if err := sitePolicyError(p, c.MinSites); err != nil {
			return err
		}
	}
	if c.MinSites < 0 {
		return strata.Errorf("object.Config", strata.Invalid, "negative min sites %d", c.MinSites)
	}
	return nil
}

// Service is the object service.
type Service struct {
	cfg     Config
	configs configCache // bucket configuration documents, see BucketConfigs
	dir     *directory.Directory
	blobs   Blobs
	placer  conscience.Placer
	log     *slog.Logger
	sse     sseState // see SetKMS
	rndMu   sync.Mutex
	rnd     *rand.Rand

	compactOnce sync.Once
	compactQ    chan compactJob
	poke        chan struct{} // see Committed

	engMu     sync.Mutex
	engines   []meta.Engine // see OutboxEngines
	enginesAt time.Time

	quotas atomic.Pointer[Quotas] // see SetQuotas
	sites  siteCache              // site of each blob service (sites.go)

	classes *ClassStore // storage classes: pool and policy (classes.go)

	archive archiveState               // see restore.go
	repl    atomic.Pointer[Replicates] // see SetReplicates
	recs    readCache                  // decoded records of reads (recordcache.go)
	peekers sync.Pool                  // *bufio.Reader of InlineMax+1 bytes (see peekReader)

	splitOpts     atomic.Pointer[SplitOptions] // see SetSplitOptions
	splitLock     atomic.Pointer[SplitLock]    // see SetSplitLock
	splitSem      chan struct{}                // the split lock of a process without SetSplitLock
	trims         trimCursors                  // where each feed's last trim stopped (changestrim.go)
	usageSlot     atomic.Uint32                // the last usage counter slot handed out (addUsage)
	noVolumeIndex bool                         // benchmarks only: the write cost without rdir.go
}

var _ ServiceAPI = (*Service)(nil)

// New returns the object service.
func New(cfg Config, dir *directory.Directory, blobs Blobs, placer conscience.Placer, log *slog.Logger) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	s := &Service{cfg: cfg, dir: dir, blobs: blobs, placer: placer, log: log,
		rnd: rand.New(rand.NewSource(time.Now().UnixNano())), poke: make(chan struct{}, 1),
		splitSem: make(chan struct{}, 1),
		classes:  NewClassStore(dir.Root())}
	dir.OnBucket = bucketEvent
	s.usageSlot.Store(s.rnd.Uint32()) // gateways sharing a store start apart
	return s, nil
}

// bucket resolves a bucket to its container and meta2 shard.
func (s *Service) bucket(ctx context.Context, name string) (directory.Container, meta.Engine, directory.Meta2, error) {
	c, err := s.dir.Lookup(ctx, name)
	if err != nil {
		return c, nil, directory.Meta2{}, err
	}
	e, err := s.dir.Shard(c.Shard)
	m2 := directory.NewMeta2(c.ID)
	m2.Bucket, m2.MarksVersions, m2.MarksSeqs, m2.NoObjectLock = c.Name, c.VersionMarks, c.SeqMarks, !c.ObjectLock
	if err != nil {
		return c, nil, m2, err
	}
	if !s.noVolumeIndex {
		e = indexingEngine{e} // rdir.go
	}
	return c, pokingEngine{e, s.poke}, m2, nil
}

func toBucket(c directory.Container) Bucket {
	return Bucket{Name: c.Name, Account: c.Account, Created: c.Created, Policy: c.Policy,
		Versioning: c.Versioning, Region: c.Region, ObjectLock: c.ObjectLock}
}

// CreateBucket creates a bucket.
func (s *Service) CreateBucket(ctx context.Context, b Bucket) error {
	if b.Policy != "" {
		if _, err := protect.ParsePolicy(b.Policy); err != nil {
			return err
		}
	}
	if b.Created.IsZero() {
		b.Created = time.Now().UTC()
	}
	_, err := s.dir.Create(ctx, directory.Container{Name: b.Name, Account: b.Account, Created: b.Created,
		Policy: b.Policy, Versioning: b.Versioning, Region: b.Region, ObjectLock: b.ObjectLock})
	return err
}

// GetBucket returns a bucket's properties.
func (s *Service) GetBucket(ctx context.Context, name string) (Bucket, error) {
	c, err := s.dir.Lookup(ctx, name)
	return toBucket(c), err
}

// DeleteBucket deletes an empty bucket.
func (s *Service) DeleteBucket(ctx context.Context, name string) error {
	return s.dir.Delete(ctx, name)
}

// ListBuckets lists an account's buckets by name.
func (s *Service) ListBuckets(ctx context.Context, account string) ([]Bucket, error) {
	cs, err := s.dir.List(ctx, account)
	out := make([]Bucket, len(cs))
	for i, c := range cs {
		out[i] = toBucket(c)
	}
	return out, err
}

// SetVersioning sets a bucket's versioning state (Enabled or Suspended).
func (s *Service) SetVersioning(ctx context.Context, bucket, state string) error {
	if state != VersioningEnabled && state != VersioningSuspended {
		return strata.Errorf("object.SetVersioning", strata.Invalid, "MalformedXML: bad versioning state %q", state)
	}
	_, err := s.dir.Update(ctx, bucket, func(c *directory.Container) error {
		if c.ObjectLock && state == VersioningSuspended {
			return strata.Errorf("object.SetVersioning", strata.Conflict, "InvalidBucketState: object lock requires versioning")
		}
		c.Versioning = state
		return nil
	})
	return err
}

// PutBucketConfig stores a bucket configuration document.
func (s *Service) PutBucketConfig(ctx context.Context, bucket, name string, doc []byte) error {
	_, e, m2, err := s.bucket(ctx, bucket)
	if err != nil {
		return err
	}
	if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set(m2.Config(name), doc) }); err != nil {
		return err
	}
	return s.configChanged(ctx, bucket)
}

// GetBucketConfig returns a bucket configuration document.
func (s *Service) GetBucketConfig(ctx context.Context, bucket, name string) ([]byte, error) {
	_, e, m2, err := s.bucket(ctx, bucket)
	if err != nil {
		return nil, err
	}
	var doc []byte
	err = e.View(ctx, func(r meta.Reader) error {
		doc, err = r.Get(m2.Config(name))
		return err
	})
	if strata.Is(err, strata.NotExist) {
		return nil, strata.Errorf("object.GetBucketConfig", strata.NotExist, "no %s configuration", name)
	}
	return doc, err
}

// BucketConfigs reads several configuration documents of a bucket in one
// snapshot (one metadata round trip in a cluster); missing ones are
// absent from the map.
//
// The documents are cached per bucket and configuration generation
// (bucketconfigs.go): every S3 request's authorization reads them.
func (s *Service) BucketConfigs(ctx context.Context, bucket string, names ...string) (map[string][]byte, error) {
	c, e, m2, err := s.bucket(ctx, bucket)
	if err != nil {
		return nil, err
	}
	if docs, ok := s.configs.get(c, names); ok {
		return docs, nil
	}
	docs := make(map[string][]byte, len(names))
	err = e.View(ctx, func(r meta.Reader) error { return readConfigs(r, m2, names, docs) })
	if err == nil {
		s.configs.put(c, names, docs)
	}
	return docs, err
}

// DeleteBucketConfig removes a bucket configuration document.
func (s *Service) DeleteBucketConfig(ctx context.Context, bucket, name string) error {
	_, e, m2, err := s.bucket(ctx, bucket)
	if err != nil {
		return err
	}
	if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Delete(m2.Config(name)) }); err != nil {
		return err
	}
	return s.configChanged(ctx, bucket)
}

// policyFor chooses the storage policy of a write, and the pool it is
// placed in ("" = any volume) when its class is configured (classes.go).
func (s *Service) policyFor(ctx context.Context, c directory.Container, class string, size int64) (protect.Policy, string, error) {
	if sc, ok, err := s.classes.lookup(ctx, class); err != nil || ok {
		return s.classPolicy(ctx, c, sc, size, err)
	}
	p, err := s.defaultPolicy(c, class, size, s.blobs.Volumes())
	return p, "", err
}

// defaultPolicy is the policy of a write whose class is not configured,
// over a cluster (or pool) of vols volumes.
func (s *Service) defaultPolicy(c directory.Container, class string, size int64, vols int) (protect.Policy, error) {
	switch up := strings.ToUpper(class); up {
	case "", "STANDARD", "GLACIER", "DEEP_ARCHIVE": // archive classes: see restore.go
	case "REDUCED_REDUNDANCY":
		if vols >= 2 {
			return protect.ParsePolicy("TWOCOPIES")
		}
		return protect.ParsePolicy("SINGLE")
	default:
		p, err := protect.ParsePolicy(up)
		if err != nil {
			return p, strata.Errorf("object.policy", strata.Invalid, "InvalidStorageClass: %q", class)
		}
		return p, nil
	}
	if c.Policy != "" {
		return protect.ParsePolicy(c.Policy)
	}
	if s.cfg.DefaultPolicy != "" {
		return protect.ParsePolicy(s.cfg.DefaultPolicy)
	}
	p := protect.DefaultPolicy(vols)
	if p.IsEC() && size >= 0 && size < s.cfg.ECMinSize {
		return protect.ParsePolicy("THREECOPIES")
	}
	return p, nil
}
