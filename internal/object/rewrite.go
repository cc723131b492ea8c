package object

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Rewrite moves one version's data to storage class class: its bytes are
// copied into new chunks placed and protected as the class says, and the
// version keeps its id, ETag, metadata, tags, object lock and Modified
// time; only its StorageClass (set to class), its Policy and its content
// map change. versionID "" names the latest version. The new content is
// committed only if the version did not change meanwhile (else the copy is
// dropped and Rewrite fails with strata.Conflict, for the caller to retry);
// the old chunks are deleted after the commit. Encrypted objects are
// copied as ciphertext, so their keys stay valid.
//
// Lifecycle transitions and the improver's class convergence use it.
func (s *Service) Rewrite(ctx context.Context, bucket, key, versionID, class string) error {
	const op = "object.Rewrite"
	class = strings.ToUpper(class)
	if class == "STANDARD" {
		class = "" // as a PUT without a class records it
	}
	c, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return err
	}
	rec, vkey, raw, err := s.rewriteSource(ctx, e, m2, key, versionID)
	if err != nil {
		return err
	}
	if rec.Info.DeleteMarker {
		return strata.E(op, strata.Invalid, ErrDeleteMarker)
	}
	if rec.FS != nil && rec.UploadID == "" && isCurrent(ctx, e, m2, key, raw) {
		return s.rewriteFile(ctx, c, bucket, rec, class)
	}
	w, err := s.copyContent(ctx, c, rec, rec.Info.VersionID, class)
	if err != nil {
		return err
	}
	next := *rec
	next.Content, next.Info.StorageClass, next.Info.Policy = w.content, class, policyName(w)
	committed := false
	err = e.Update(ctx, func(tx meta.Txn) error {
		committed = false
		cur, err := tx.Get(vkey)
		if err != nil && !strata.Is(err, strata.NotExist) {
			return err
		}
		if !bytes.Equal(cur, raw) {
			return nil // changed or gone meanwhile
		}
		b := encodeRecord(&next)
		if err := tx.Set(vkey, b); err != nil {
			return err
		}
		if latest, err := tx.Get(m2.Current(key)); err == nil && currentIs(latest, raw) {
			if err := tx.Set(m2.Current(key), b); err != nil {
				return err
			}
		}
		if w.shortfall {
			if err := tx.Set(m2.Improve(key, rec.Info.VersionID), nil); err != nil {
				return err
			}
		}
		if err := s.replaceUsage(tx, m2, &next, rec); err != nil {
			return err
		}
		committed = true
		// Mounts and caches re-read the key's content map.
		return noteChange(tx, m2, key, "meta", "")
	})
	if err != nil || !committed {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
		if err == nil {
			err = strata.Errorf(op, strata.Conflict, "%s/%s changed during the rewrite", bucket, key)
		}
		return err
	}
	s.deleteContent(context.WithoutCancel(ctx), rec.Content)
	return nil
}

// rewriteSource reads the version to rewrite, its meta2 key and its
// stored bytes (to compare at commit).
func (s *Service) rewriteSource(ctx context.Context, e meta.Engine, m2 directory.Meta2, key, versionID string) (*record, []byte, []byte, error) {
	var rec *record
	var vkey, raw []byte
	err := e.View(ctx, func(r meta.Reader) error {
		var err error
		if versionID == "" {
			rec, err = latestVersion(r, m2, key)
			if err == nil && rec == nil {
				err = strata.Errorf("object.Rewrite", strata.NotExist, "NoSuchKey: %q does not exist", key)
			}
			if err != nil {
				return err
			}
			vkey = m2.Version(key, rec.Nanos, rec.Info.VersionID)
		} else if rec, vkey, err = findVersion(r, m2, key, versionID); err != nil {
			return err
		}
		raw, err = r.Get(vkey)
		return err
	})
	return rec, vkey, raw, err
}

func isCurrent(ctx context.Context, e meta.Engine, m2 directory.Meta2, key string, raw []byte) bool {
	same := false
	e.View(ctx, func(r meta.Reader) error {
		b, err := r.Get(m2.Current(key))
		same = err == nil && currentIs(b, raw)
		return nil
	})
	return same
}

// currentIs reports whether cur, a key's current record, is the version
// stored as raw: the same bytes, or the same version in another form (a
// version made current again is encoded anew, so its current record may
// be compact while its version key still holds JSON).
func currentIs(cur, raw []byte) bool {
	if bytes.Equal(cur, raw) {
		return true
	}
	c, err := decodeRecord(cur)
	if err != nil {
		return false
	}
	v, err := decodeRecord(raw)
	return err == nil && c.Nanos == v.Nanos && c.Info.VersionID == v.Info.VersionID
}

// copyContent writes rec's stored bytes (ciphertext when encrypted) into
// new chunks placed as class says.
func (s *Service) copyContent(ctx context.Context, c directory.Container, rec *record, version, class string) (written, error) {
	size := contentSize(rec.Content)
	rd := &contentReader{ctx: ctx, s: s, content: rec.Content, end: size}
	defer rd.Close()
	ref := blob.BackRef{Container: c.ID.String(), Object: rec.Info.Key, Version: version}
	// sealedReader: the ETag is kept, so the copy needs no MD5.
	w, err := s.writeData(ctx, c, ref, sealedReader{rd}, size, class)
	if err != nil {
		return w, err
	}
	if w.size != size {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
		return written{}, strata.Errorf("object.Rewrite", strata.Corrupt, "%s: read %d bytes of %d", rec.Info.Key, w.size, size)
	}
	return w, nil
}

func policyName(w written) string {
	if len(w.content) == 1 && w.content[0].Inline != nil {
		return "INLINE"
	}
	if len(w.content) == 0 {
		return ""
	}
	return w.policy.Name
}

// rewriteFile is Rewrite for a file the mount has touched: like the
// compactor, it commits to every hard link of the inode and only while no
// write is pending on it; its old chunks, which other links or versions
// may share, are left to the orphan collector.
func (s *Service) rewriteFile(ctx context.Context, c directory.Container, bucket string, rec *record, class string) error {
	w, err := s.copyContent(ctx, c, rec, "fs", class)
	if err != nil {
		return err
	}
	fresh := sharedContent(w.content)
	committed := false
	err = s.fsUpdate(ctx, bucket, rec.Info.Key, func(t *fsTx) error {
		committed = false
		cur, err := t.record(rec.Info.Key)
		if err != nil || cur == nil || cur.FS == nil || cur.Nanos != rec.Nanos {
			return err
		}
		if ops, _, err := t.pending(cur); err != nil || len(ops) > 0 {
			return err
		}
		committed = true
		var delta Usage
		err = t.eachLink(cur, func(r *record) {
			delta.Add(usageOf(r), -1)
			r.Content, r.Info.StorageClass, r.Info.Policy = fresh, class, policyName(w)
			delta.Add(usageOf(r), 1)
		})
		if err != nil {
			return err
		}
		return s.addUsage(t.tx, t.m2, delta)
	})
	if err != nil || !committed {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
		if err == nil {
			err = strata.E("object.Rewrite", strata.Conflict, errors.New("the file changed during the rewrite"))
		}
		return err
	}
	return nil
}
