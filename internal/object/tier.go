package object

import (
	"context"
	"io"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/strata"
)

// TierRemote is a client of one remote tier (tier.Remote): one remote
// object per write, read by ranges, deleted with the version.
type TierRemote interface {
	Put(ctx context.Context, key string, body io.Reader, size int64) (int64, error)
	Open(ctx context.Context, key string, off, length int64) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}

// Tiers gives clients of the remote tiers that classes name.
type Tiers interface {
	Remote(ctx context.Context, tier string) (TierRemote, error)
}

// remoteRef is a segment stored as one object on a remote tier: the
// segment's Size bytes start at its Off in that object.
type remoteRef struct {
	Tier string `json:"t"`
	Key  string `json:"k"` // relative to the tier's prefix
}

// SetTiers wires the remote tiers in: writes of a class with a tier then
// go to it (see writeTier), and reads of such segments through it.
func (s *Service) SetTiers(t Tiers) {
	s.archive.mu.Lock()
	s.archive.tiers = t
	s.archive.mu.Unlock()
}

func (s *Service) tiers() Tiers {
	s.archive.mu.Lock()
	defer s.archive.mu.Unlock()
	return s.archive.tiers
}

// tierOf is the tier of a write's class ("" = this cluster's volumes),
// as the class store configures it (strata class set --tier).
func (s *Service) tierOf(ctx context.Context, class string) string {
	if s.classes == nil {
		return ""
	}
	if sc, ok, err := s.classes.lookup(ctx, class); err == nil && ok {
		return sc.Tier
	}
	return ""
}

func (s *Service) remote(ctx context.Context, tier string) (TierRemote, error) {
	t := s.tiers()
	if t == nil {
		return nil, strata.Errorf("object.tier", strata.Unavailable, "no remote tiers on this gateway (tier %s)", tier)
	}
	return t.Remote(ctx, tier)
}

// writeTier streams a body to one remote object of the tier, named
// <bucket>/<key>/<version>/<unique id> under the tier's prefix (parts of
// a multipart upload and rewrites get objects of their own), and returns
// the one segment that points at it.
func (s *Service) writeTier(ctx context.Context, tier string, c directory.Container, ref blob.BackRef, body io.Reader, size int64) ([]segment, int64, error) {
	r, err := s.remote(ctx, tier)
	if strata.Is(err, strata.NotExist) {
		return nil, 0, strata.Errorf("object.writeTier", strata.Invalid, "InvalidStorageClass: the class's tier %q is not configured", tier)
	}
	if err != nil {
		return nil, 0, err
	}
	key := c.Name + "/" + ref.Object + "/" + ref.Version + "/" + string(strata.NewChunkID())
	n, err := r.Put(ctx, key, body, size)
	if err != nil {
		// A failed multipart upload is aborted by the client; a single
		// PUT that failed left nothing.
		return nil, 0, bodyError(err)
	}
	return []segment{{Size: n, Remote: &remoteRef{Tier: tier, Key: key}}}, n, nil
}

// tierMisplaced is the class convergence rule for tiers: under a class
// with a tier, data on this cluster's volumes (or on another tier) moves
// to the tier; under a class without one, data on a tier comes back.
// decided is false when tiers have no say (the pool rules apply).
func tierMisplaced(sc StorageClass, rec *record) (move, decided bool) {
	for _, sg := range rec.Content {
		switch {
		case sg.Remote != nil && sg.Remote.Tier != sc.Tier:
			return true, true
		case sg.MC != nil && sc.Tier != "":
			return true, true
		}
	}
	return false, sc.Tier != ""
}

// openRemote reads length bytes at off of a remote segment.
func (s *Service) openRemote(ctx context.Context, ref *remoteRef, off, length int64) (io.ReadCloser, error) {
	r, err := s.remote(ctx, ref.Tier)
	if err != nil {
		return nil, err
	}
	return r.Open(ctx, ref.Key, off, length)
}

// deleteRemotes deletes the remote objects of content, best effort: a
// tier that is down keeps an orphan, logged with its key.
func (s *Service) deleteRemotes(ctx context.Context, content []segment) {
	seen := map[remoteRef]bool{}
	for _, sg := range content {
		if sg.Remote == nil || sg.Shared || seen[*sg.Remote] {
			continue
		}
		seen[*sg.Remote] = true
		r, err := s.remote(ctx, sg.Remote.Tier)
		if err == nil {
			err = r.Delete(ctx, sg.Remote.Key)
		}
		if err != nil && !strata.Is(err, strata.NotExist) {
			s.log.Warn("remote tier object not deleted; queued for retry", "tier", sg.Remote.Tier, "key", sg.Remote.Key, "err", err)
			s.queueRemoteDelete(ctx, *sg.Remote)
		}
	}
}
