package events

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"time"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TargetConfig is a notification target registered by the administrator.
// Buckets name it in their notification configuration by ARN.
type TargetConfig struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // event.KindWebhook or event.KindNATS
	// Webhook: URL receives POSTs of S3 event JSON, signed with Secret
	// (header X-Strata-Signature: sha256=HMAC(secret, timestamp "." body)).
	URL    string `json:"url,omitempty"`
	Secret string `json:"secret,omitempty"`
	// NATS: Subject gets each event's JSON; Server is an external NATS
	// URL ("" = the cluster's bus).
	Subject string `json:"subject,omitempty"`
	Server  string `json:"server,omitempty"`
	// MaxAttempts bounds delivery attempts before the event goes to the
	// dead-letter stream (default 30: about 13 minutes of retries).
	MaxAttempts int           `json:"max_attempts,omitempty"`
	Timeout     time.Duration `json:"timeout,omitempty"` // per attempt; default 10 s
	Created     time.Time     `json:"created"`
}

// DefaultTargetAttempts is TargetConfig.MaxAttempts when unset.
const DefaultTargetAttempts = 30

var nameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ValidName reports whether a target or function name is usable: it
// becomes a NATS subject token and a consumer name.
func ValidName(s string) bool { return nameRE.MatchString(s) }

// Validate checks a target before it is stored.
func (t *TargetConfig) Validate() error {
	const op = "events.Target"
	if !ValidName(t.Name) {
		return strata.Errorf(op, strata.Invalid, "target name %q: use 1-64 letters, digits, - or _", t.Name)
	}
	switch t.Kind {
	case event.KindWebhook:
		if t.URL == "" {
			return strata.Errorf(op, strata.Invalid, "webhook target %q needs a URL", t.Name)
		}
	case event.KindNATS:
		if t.Subject == "" {
			return strata.Errorf(op, strata.Invalid, "NATS target %q needs a subject", t.Name)
		}
	default:
		return strata.Errorf(op, strata.Invalid, "target kind %q: want webhook or nats", t.Kind)
	}
	if t.MaxAttempts < 0 || t.Timeout < 0 {
		return strata.Errorf(op, strata.Invalid, "negative attempts or timeout")
	}
	return nil
}

func (t *TargetConfig) attempts() int {
	if t.MaxAttempts > 0 {
		return t.MaxAttempts
	}
	return DefaultTargetAttempts
}

func (t *TargetConfig) timeout() time.Duration {
	if t.Timeout > 0 {
		return t.Timeout
	}
	return 10 * time.Second
}

// Targets is the registry of targets, kept in the root metadata engine.
type Targets struct{ e meta.Engine }

// NewTargets returns the registry on engine e.
func NewTargets(e meta.Engine) *Targets { return &Targets{e: e} }

func targetKey(name string) []byte { return []byte("T/" + name) }

// Put adds or replaces a target.
func (ts *Targets) Put(ctx context.Context, t TargetConfig) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if t.Created.IsZero() {
		t.Created = time.Now().UTC()
	}
	b, _ := json.Marshal(t)
	return ts.e.Update(ctx, func(tx meta.Txn) error { return tx.Set(targetKey(t.Name), b) })
}

// Get returns a target (strata.NotExist if none).
func (ts *Targets) Get(ctx context.Context, name string) (TargetConfig, error) {
	var t TargetConfig
	err := ts.e.View(ctx, func(r meta.Reader) error {
		b, err := r.Get(targetKey(name))
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &t)
	})
	if strata.Is(err, strata.NotExist) {
		return t, strata.Errorf("events.Targets", strata.NotExist, "no target %q", name)
	}
	return t, err
}

// Delete removes a target.
func (ts *Targets) Delete(ctx context.Context, name string) error {
	if _, err := ts.Get(ctx, name); err != nil {
		return err
	}
	return ts.e.Update(ctx, func(tx meta.Txn) error { return tx.Delete(targetKey(name)) })
}

// List returns every target, by name.
func (ts *Targets) List(ctx context.Context) ([]TargetConfig, error) {
	var out []TargetConfig
	err := ts.e.View(ctx, func(r meta.Reader) error {
		p := []byte("T/")
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var t TargetConfig
			if json.Unmarshal(it.Value(), &t) == nil {
				out = append(out, t)
			}
		}
		return it.Error()
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// Check is the S3 layer's target validation: webhook and NATS targets must
// be registered, functions deployed (fnExists).
func (ts *Targets) Check(fnExists func(ctx context.Context, name string) bool) func(ctx context.Context, t event.Target) error {
	return func(ctx context.Context, t event.Target) error {
		switch t.Kind {
		case event.KindFunction:
			if fnExists == nil || !fnExists(ctx, t.Name) {
				return strata.Errorf("events.Check", strata.NotExist, "no function %q", t.Name)
			}
			return nil
		default:
			got, err := ts.Get(ctx, t.Name)
			if err != nil {
				return err
			}
			if got.Kind != t.Kind {
				return strata.Errorf("events.Check", strata.Invalid, "target %q is a %s target", t.Name, got.Kind)
			}
			return nil
		}
	}
}
