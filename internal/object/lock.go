package object

import (
	"context"
	"encoding/json"
	"errors"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Object Lock (WORM): a version under retention or legal hold cannot be
// deleted, whatever the door (S3, the mount, lifecycle). Deleting a key
// without a version id only stacks a delete marker, and writing it makes
// a new version, so neither touches a locked version.

// Retention modes, as S3 names them.
const (
	LockGovernance = "GOVERNANCE" // lifted by callers allowed to bypass governance
	LockCompliance = "COMPLIANCE" // lifted by nobody until it expires
)

// Legal hold states, as S3 names them.
const (
	HoldOn  = "ON"
	HoldOff = "OFF"
)

// ObjectLock is the WORM state of one version, kept in its record.
type ObjectLock struct {
	Mode      string    `json:"m,omitempty"` // "", GOVERNANCE or COMPLIANCE
	Until     time.Time `json:"u,omitzero"`  // retain until (with Mode)
	LegalHold string    `json:"h,omitempty"` // "", ON or OFF ("" = never set)
}

// retained reports whether retention is in force at now.
func (l *ObjectLock) retained(now time.Time) bool {
	return l != nil && l.Mode != "" && now.Before(l.Until)
}

func (l *ObjectLock) held() bool { return l != nil && l.LegalHold == HoldOn }

// Locked reports whether the version may not be deleted at now.
func (l *ObjectLock) Locked(now time.Time) bool { return l.held() || l.retained(now) }

// LockConfig is a bucket's Object Lock configuration: the retention new
// versions get when their write names none. Mode "" means no default.
type LockConfig struct {
	Mode  string `json:"mode,omitempty"`
	Days  int    `json:"days,omitempty"`
	Years int    `json:"years,omitempty"`
}

// until is the retain-until date of a version created at t.
func (c LockConfig) until(t time.Time) time.Time {
	return t.AddDate(c.Years, 0, c.Days).UTC()
}

// ErrLocked is the cause when Object Lock refuses a change. Its errors
// have kind strata.Permission (S3 AccessDenied) and carry EPERM for the
// mount, where a locked file is read-only even for root.
var ErrLocked = errors.New("object is protected by Object Lock")

type lockedError struct{ msg string }

func (e *lockedError) Error() string   { return e.msg }
func (e *lockedError) Unwrap() []error { return []error{ErrLocked, syscall.EPERM} }

func errLocked(op, msg string) error {
	return strata.E(op, strata.Permission, &lockedError{msg: "Access Denied because object protected by object lock: " + msg})
}

// LockAPI is the Object Lock ability of the object service, found by
// type assertion on a ServiceAPI. Errors: NotExist for a missing bucket,
// key or version; Invalid "InvalidRequest: ..." when the bucket has no
// Object Lock; Conflict "InvalidBucketState: ..." when it cannot get it;
// Permission (wrapping ErrLocked) when the lock forbids the change.
type LockAPI interface {
	// PutLockConfig enables Object Lock on a versioned bucket (for good)
	// and sets its default retention.
	PutLockConfig(ctx context.Context, bucket string, cfg LockConfig) error
	// GetLockConfig returns the configuration; NotExist if the bucket
	// has no Object Lock.
	GetLockConfig(ctx context.Context, bucket string) (LockConfig, error)
	// PutRetention sets a version's retention (Mode "" removes it).
	// Shortening or removing GOVERNANCE retention needs a context from
	// WithGovernanceBypass; COMPLIANCE can only be extended.
	PutRetention(ctx context.Context, bucket, key, versionID, mode string, until time.Time) (ObjectInfo, error)
	// PutLegalHold sets a version's legal hold (HoldOn or HoldOff).
	PutLegalHold(ctx context.Context, bucket, key, versionID, status string) (ObjectInfo, error)
}

var _ LockAPI = (*Service)(nil)

type bypassKey struct{}

// WithGovernanceBypass marks ctx as coming from a caller that asked to
// bypass GOVERNANCE retention and holds the right to (the protocol
// checks s3:BypassGovernanceRetention). It never lifts COMPLIANCE
// retention or a legal hold.
func WithGovernanceBypass(ctx context.Context) context.Context {
	return context.WithValue(ctx, bypassKey{}, true)
}

func governanceBypass(ctx context.Context) bool {
	b, _ := ctx.Value(bypassKey{}).(bool)
	return b
}

// bypassTxn marks a transaction of a delete allowed to bypass
// GOVERNANCE retention, so that deleteVersion, shared by every delete
// path, needs no extra argument.
type bypassTxn struct{ meta.Txn }

// lockTxn returns tx, marked if ctx may bypass governance.
func lockTxn(ctx context.Context, tx meta.Txn) meta.Txn {
	if governanceBypass(ctx) {
		return bypassTxn{tx}
	}
	return tx
}

// checkDelete refuses to delete a locked version.
func checkDelete(tx meta.Txn, rec *record) error {
	const op = "object.delete"
	l := rec.Info.ObjectLock
	if l.held() {
		return errLocked(op, "legal hold")
	}
	if !l.retained(time.Now()) {
		return nil
	}
	if _, bypass := tx.(bypassTxn); bypass && l.Mode == LockGovernance {
		return nil
	}
	return errLocked(op, l.Mode+" retention until "+l.Until.Format(time.RFC3339))
}

// checkRetention applies S3's rules to replacing cur with (mode, until).
func checkRetention(cur *ObjectLock, mode string, until time.Time, bypass bool, now time.Time) error {
	const op = "object.PutRetention"
	if mode != "" && !until.After(now) {
		return strata.Errorf(op, strata.Invalid, "InvalidArgument: The retain until date must be in the future!")
	}
	if !cur.retained(now) {
		return nil
	}
	extends := mode != "" && !until.Before(cur.Until)
	switch {
	case cur.Mode == LockCompliance && (mode != LockCompliance || !extends):
		return errLocked(op, "COMPLIANCE retention can only be extended")
	case cur.Mode == LockGovernance && (mode != LockGovernance || !extends) && !bypass:
		return errLocked(op, "changing GOVERNANCE retention needs the bypass")
	}
	return nil
}

// lockConfigName is the bucket configuration document holding LockConfig.
const lockConfigName = "objectlock"

// applyDefaultRetention gives a new version its bucket's default
// retention when its write named none (hook of commitTx).
//
// Through a mount a file is written once: created empty, filled, then
// published on close or fsync. The directories and empty files a mount
// creates get no default retention, so that they can be filled; the
// first version with data does, and the file is read-only from then on.
func applyDefaultRetention(tx meta.Txn, m2 directory.Meta2, rec *record) error {
	if rec.Info.DeleteMarker || (rec.Info.ObjectLock != nil && rec.Info.ObjectLock.Mode != "") {
		return nil
	}
	if a := rec.FS; a != nil && (a.Mode&syscall.S_IFMT == syscall.S_IFDIR || rec.Info.Size == 0) {
		return nil
	}
	if m2.NoObjectLock {
		return nil // no Object Lock on the bucket: no default retention to read
	}
	b, err := tx.Get(m2.Config(lockConfigName))
	if strata.Is(err, strata.NotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var c LockConfig
	if err := json.Unmarshal(b, &c); err != nil {
		return strata.E("object.applyDefaultRetention", strata.Corrupt, err)
	}
	if c.Mode == "" {
		return nil
	}
	l := ObjectLock{}
	if rec.Info.ObjectLock != nil {
		l = *rec.Info.ObjectLock
	}
	l.Mode, l.Until = c.Mode, c.until(time.Now())
	rec.Info.ObjectLock = &l
	return nil
}

// PutLockConfig implements LockAPI.
func (s *Service) PutLockConfig(ctx context.Context, bucket string, cfg LockConfig) error {
	const op = "object.PutLockConfig"
	_, err := s.dir.Update(ctx, bucket, func(c *directory.Container) error {
		if !c.ObjectLock && c.Versioning != VersioningEnabled {
			return strata.Errorf(op, strata.Conflict, "InvalidBucketState: Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
		}
		c.ObjectLock = true
		return nil
	})
	if err != nil {
		return err
	}
	_, e, m2, err := s.bucket(ctx, bucket)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(cfg)
	if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set(m2.Config(lockConfigName), b) }); err != nil {
		return err
	}
	return s.configChanged(ctx, bucket)
}

// GetLockConfig implements LockAPI.
func (s *Service) GetLockConfig(ctx context.Context, bucket string) (LockConfig, error) {
	const op = "object.GetLockConfig"
	c, e, m2, err := s.bucket(ctx, bucket)
	if err != nil {
		return LockConfig{}, err
	}
	if !c.ObjectLock {
		return LockConfig{}, strata.Errorf(op, strata.NotExist, "no Object Lock configuration")
	}
	var cfg LockConfig
	err = e.View(ctx, func(r meta.Reader) error {
		b, err := r.Get(m2.Config(lockConfigName))
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &cfg)
	})
	if strata.Is(err, strata.NotExist) {
		return LockConfig{}, nil // enabled at creation, no default rule
	}
	return cfg, err
}

// PutRetention implements LockAPI.
func (s *Service) PutRetention(ctx context.Context, bucket, key, versionID, mode string, until time.Time) (ObjectInfo, error) {
	bypass, now := governanceBypass(ctx), time.Now()
	return s.updateLock(ctx, bucket, key, versionID, func(l *ObjectLock) error {
		if err := checkRetention(l, mode, until, bypass, now); err != nil {
			return err
		}
		l.Mode, l.Until = mode, until.UTC()
		if mode == "" {
			l.Until = time.Time{}
		}
		return nil
	})
}

// PutLegalHold implements LockAPI.
func (s *Service) PutLegalHold(ctx context.Context, bucket, key, versionID, status string) (ObjectInfo, error) {
	if status != HoldOn && status != HoldOff {
		return ObjectInfo{}, strata.Errorf("object.PutLegalHold", strata.Invalid, "MalformedXML: bad legal hold status %q", status)
	}
	return s.updateLock(ctx, bucket, key, versionID, func(l *ObjectLock) error {
		l.LegalHold = status
		return nil
	})
}

// updateLock edits the lock of a version (the current one if versionID
// is "") in place, in one transaction.
func (s *Service) updateLock(ctx context.Context, bucket, key, versionID string, fn func(*ObjectLock) error) (ObjectInfo, error) {
	const op = "object.updateLock"
	c, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return ObjectInfo{}, err
	}
	if !c.ObjectLock {
		return ObjectInfo{}, strata.Errorf(op, strata.Invalid, "InvalidRequest: Bucket is missing ObjectLockConfiguration")
	}
	var out ObjectInfo
	err = e.Update(ctx, func(tx meta.Txn) error {
		rec, k, err := versionRecord(tx, m2, key, versionID)
		if err != nil {
			return err
		}
		if rec.Info.DeleteMarker {
			return strata.E(op, strata.Invalid, ErrDeleteMarker)
		}
		l := ObjectLock{}
		if rec.Info.ObjectLock != nil {
			l = *rec.Info.ObjectLock
		}
		if err := fn(&l); err != nil {
			return err
		}
		rec.Info.ObjectLock = &l
		if l == (ObjectLock{}) {
			rec.Info.ObjectLock = nil
		}
		b := encodeRecord(rec)
		if err := tx.Set(k, b); err != nil {
			return err
		}
		if cur, err := getRecord(tx, m2.Current(key)); err == nil && cur.Nanos == rec.Nanos {
			if err := tx.Set(m2.Current(key), b); err != nil {
				return err
			}
		}
		out = rec.Info
		out.Bucket = bucket
		return noteChange(tx, m2, key, "meta", "")
	})
	return out, err
}

// versionRecord finds a version by id, or the current one for "".
func versionRecord(tx meta.Reader, m2 directory.Meta2, key, versionID string) (*record, []byte, error) {
	if versionID != "" {
		return findVersion(tx, m2, key, versionID)
	}
	rec, err := getRecord(tx, m2.Current(key))
	if strata.Is(err, strata.NotExist) {
		return nil, nil, strata.Errorf("object.versionRecord", strata.NotExist, "NoSuchKey: the specified key does not exist")
	}
	if err != nil {
		return nil, nil, err
	}
	return rec, m2.Version(key, rec.Nanos, rec.Info.VersionID), nil
}

// fsWritable refuses, through a mount, any change to a file whose
// current version is locked: the file is read-only (EPERM), even though
// S3 could still stack a new version on it.
func fsWritable(op string, rec *record) error {
	if rec != nil && rec.Info.ObjectLock.Locked(time.Now()) {
		return errLocked(op, rec.Info.Key)
	}
	return nil
}
