package replication

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Target is a remote S3 endpoint and bucket that replicas go to.
type Target struct {
	Name      string `json:"name"`
	Endpoint  string `json:"endpoint"` // http(s)://host:port
	Bucket    string `json:"bucket"`
	Region    string `json:"region,omitempty"`
	AccessKey string `json:"access_key"`
	// SecretKey is clear only in memory: stored, it is SealedSecret.
	SecretKey    string    `json:"secret_key,omitempty"`
	SealedSecret []byte    `json:"sealed_secret,omitempty"`
	CA           string    `json:"ca,omitempty"` // PEM of extra roots for TLS
	Insecure     bool      `json:"insecure,omitempty"`
	Created      time.Time `json:"created"`
}

// ARN is what goes in Destination.Bucket of a rule.
func (t *Target) ARN() string { return arnPrefix + t.Name }

// arnPrefix names targets: arn:strata:s3:::target/NAME.
const arnPrefix = "arn:strata:s3:::target/"

// Public is the target without its secret, for listings.
func (t Target) Public() Target {
	t.SecretKey, t.SealedSecret = "", nil
	return t
}

var targetNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// Validate checks a target before it is stored.
func (t *Target) Validate() error {
	const op = "replication.Target"
	switch {
	case !targetNameRE.MatchString(t.Name):
		return strata.Errorf(op, strata.Invalid, "target name %q: use 1-64 letters, digits, - or _", t.Name)
	case !strings.HasPrefix(t.Endpoint, "http://") && !strings.HasPrefix(t.Endpoint, "https://"):
		return strata.Errorf(op, strata.Invalid, "endpoint %q: want http(s)://host:port", t.Endpoint)
	case t.Bucket == "":
		return strata.Errorf(op, strata.Invalid, "a target needs a destination bucket")
	case t.AccessKey == "" || t.SecretKey == "":
		return strata.Errorf(op, strata.Invalid, "a target needs an access key and a secret key")
	}
	return nil
}

// Sealer seals secrets under the cluster key (iam.Sealer).
type Sealer interface {
	Seal(id, secret string) []byte
	Open(id string, sealed []byte) (string, error)
}

// Targets is the registry of remote targets, in the root engine.
type Targets struct {
	e    meta.Engine
	seal Sealer
}

// NewTargets returns the registry on the root engine e.
func NewTargets(e meta.Engine, seal Sealer) *Targets { return &Targets{e: e, seal: seal} }

func targetKey(name string) []byte { return []byte("R/t/" + name) }

// sealID binds a sealed secret to its target and access key.
func sealID(t *Target) string { return "replication/" + t.Name + "/" + t.AccessKey }

// Put adds or replaces a target.
func (ts *Targets) Put(ctx context.Context, t Target) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if t.Created.IsZero() {
		t.Created = time.Now().UTC()
	}
	t.SealedSecret, t.SecretKey = ts.seal.Seal(sealID(&t), t.SecretKey), ""
	b, _ := json.Marshal(t)
	return ts.e.Update(ctx, func(tx meta.Txn) error { return tx.Set(targetKey(t.Name), b) })
}

// Get returns a target with its secret opened (strata.NotExist if none).
func (ts *Targets) Get(ctx context.Context, name string) (Target, error) {
	var t Target
	err := ts.e.View(ctx, func(r meta.Reader) error {
		b, err := r.Get(targetKey(name))
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &t)
	})
	if strata.Is(err, strata.NotExist) {
		return t, strata.Errorf("replication.Targets", strata.NotExist, "no replication target %q", name)
	}
	if err != nil {
		return t, err
	}
	t.SecretKey, err = ts.seal.Open(sealID(&t), t.SealedSecret)
	return t, err
}

// Delete removes a target.
func (ts *Targets) Delete(ctx context.Context, name string) error {
	if _, err := ts.Get(ctx, name); err != nil {
		return err
	}
	return ts.e.Update(ctx, func(tx meta.Txn) error { return tx.Delete(targetKey(name)) })
}

// List returns every target, without secrets, by name.
func (ts *Targets) List(ctx context.Context) ([]Target, error) {
	out := []Target{}
	err := ts.e.View(ctx, func(r meta.Reader) error {
		p := []byte("R/t/")
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var t Target
			if json.Unmarshal(it.Value(), &t) == nil {
				out = append(out, t.Public())
			}
		}
		return it.Error()
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// Resolve finds the target a destination ARN names: arn:strata:s3:::target/NAME,
// or arn:aws:s3:::BUCKET when exactly one target has that bucket.
func (ts *Targets) Resolve(ctx context.Context, arn string) (Target, error) {
	const op = "replication.Resolve"
	if name, ok := strings.CutPrefix(arn, arnPrefix); ok {
		return ts.Get(ctx, name)
	}
	bucket, ok := strings.CutPrefix(arn, "arn:aws:s3:::")
	if !ok {
		return Target{}, strata.Errorf(op, strata.Invalid, "destination %q: want arn:strata:s3:::target/NAME", arn)
	}
	all, err := ts.List(ctx)
	if err != nil {
		return Target{}, err
	}
	var found []string
	for _, t := range all {
		if t.Bucket == bucket {
			found = append(found, t.Name)
		}
	}
	switch len(found) {
	case 0:
		return Target{}, strata.Errorf(op, strata.NotExist, "no replication target has bucket %q", bucket)
	case 1:
		return ts.Get(ctx, found[0])
	}
	return Target{}, strata.Errorf(op, strata.Invalid, "targets %v all have bucket %q: name one as arn:strata:s3:::target/NAME", found, bucket)
}
