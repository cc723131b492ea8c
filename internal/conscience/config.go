package conscience

import (
	"context"
	"log/slog"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// DefaultExpiry is how long a service may stay silent before it scores 0.
const DefaultExpiry = 10 * time.Second

// LockStore persists operator locks so that a drain survives a restart.
// SaveLock with locked=false removes the lock; score is then ignored.
// Both may be called concurrently with each other.
type LockStore interface {
	LoadLocks(ctx context.Context) (map[string]int, error)
	SaveLock(ctx context.Context, id string, score int, locked bool) error
}

// Config configures a Local registry. Zero fields take their defaults.
type Config struct {
	Formula   string           // score formula; DefaultFormula if empty
	Expiry    time.Duration    // a service silent this long scores 0; DefaultExpiry if 0
	Now       func() time.Time // the clock; time.Now if nil
	Logger    *slog.Logger     // nil discards
	LockStore LockStore        // nil keeps locks in memory only
}

// DefaultConfig returns the defaults: DefaultFormula and DefaultExpiry.
func DefaultConfig() Config {
	return Config{Formula: DefaultFormula, Expiry: DefaultExpiry, Now: time.Now}
}

// Validate reports a config that NewLocal would refuse, with kind
// strata.Invalid.
func (c Config) Validate() error {
	if c.Expiry < 0 {
		return strata.Errorf("conscience.Config", strata.Invalid, "negative expiry %v", c.Expiry)
	}
	if c.Formula != "" {
		if _, err := ParseFormula(c.Formula); err != nil {
			return err
		}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Formula == "" {
		c.Formula = DefaultFormula
	}
	if c.Expiry == 0 {
		c.Expiry = DefaultExpiry
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}
