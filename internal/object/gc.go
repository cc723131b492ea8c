package object

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// GCReport says what an orphan collection did.
type GCReport struct {
	Scanned int64 `json:"scanned"`
	Live    int64 `json:"live"`
	Young   int64 `json:"young"` // orphans younger than the grace period, kept
	Deleted int64 `json:"deleted"`
	Bytes   int64 `json:"bytes_deleted"`
	Errors  int64 `json:"errors"`
	// Tier is the same for the objects on remote tiers (tierorphans.go).
	Tier TierGCReport `json:"tier"`
}

// CollectOrphans deletes chunks older than grace that no committed version
// or uploaded part references: the leftovers of writes that were
// interrupted before their commit, or of deletes that could not reach a
// volume. A chunk's back-reference names the version or upload that
// should hold it, so each check is one meta2 read.
func (s *Service) CollectOrphans(ctx context.Context, grace time.Duration) (GCReport, error) {
	var rep GCReport
	cutoff := time.Now().Add(-grace)
	scans := map[string]map[string]bool{} // container -> every chunk its records name
	for _, id := range s.blobs.Services() {
		st, err := s.blobs.Store(id)
		if err != nil {
			rep.Errors++
			continue
		}
		var orphans []blob.ChunkInfo
		err = st.Walk(ctx, func(ci blob.ChunkInfo) error {
			rep.Scanned++
			if ci.Created.IsZero() {
				return nil // unreadable chunk: the scrubber's business
			}
			live, err := s.referenced(ctx, id, ci)
			if err == nil && !live && !ci.Created.After(cutoff) {
				// Files written through mounts share chunks between
				// versions, links and renamed names, so a stale
				// back-reference proves nothing: check every record.
				live, err = s.referencedAnywhere(ctx, scans, id, ci)
			}
			if err != nil {
				rep.Errors++
				return nil
			}
			switch {
			case live:
				rep.Live++
			case ci.Created.After(cutoff):
				rep.Young++
			default:
				orphans = append(orphans, ci)
			}
			return nil
		})
		if err != nil {
			return rep, err
		}
		for _, ci := range orphans {
			if err := st.Delete(ctx, ci.ID); err != nil {
				rep.Errors++
				continue
			}
			rep.Deleted++
			rep.Bytes += ci.Size
		}
	}
	if rep.Deleted > 0 {
		s.log.Info("orphan chunks collected", "deleted", rep.Deleted, "bytes", rep.Bytes)
	}
	rep.Tier = s.collectTierOrphans(ctx, cutoff)
	return rep, nil
}

// referenced reports whether the chunk's back-reference leads to a record
// that lists it.
func (s *Service) referenced(ctx context.Context, service string, ci blob.ChunkInfo) (bool, error) {
	cid, err := strata.ParseContainerID(ci.Ref.Container)
	if err != nil {
		return false, nil
	}
	key := ci.Ref.Object
	e, m2, err := s.refRange(ctx, cid, key)
	if strata.Is(err, strata.NotExist) {
		return false, nil // the bucket is gone
	}
	if err != nil {
		return false, err
	}
	found := false
	err = e.View(ctx, func(r meta.Reader) error {
		if upload, ok := strings.CutPrefix(ci.Ref.Version, "mpu:"); ok {
			// A part: live while its upload holds it, or once completed,
			// while a version made from that upload holds it.
			if mc, _ := strconv.Atoi(strings.SplitN(ci.Ref.Position, ".", 2)[0]); mc >= 0 {
				all, err := allParts(r, m2, upload)
				if err != nil {
					return err
				}
				for _, p := range all {
					if hasChunk(p.Content, service, ci.ID) {
						found = true
						return nil
					}
				}
			}
			return scanVersions(r, m2, key, func(rec *record) bool {
				found = rec.UploadID == upload && hasChunk(rec.owned(), service, ci.ID)
				return found
			})
		}
		return scanVersions(r, m2, key, func(rec *record) bool {
			found = rec.Info.VersionID == ci.Ref.Version && hasChunk(rec.owned(), service, ci.ID)
			return found
		})
	})
	return found, err
}

// shardOf finds the meta2 shard of a container id through meta1.
func (s *Service) shardOf(ctx context.Context, cid strata.ContainerID) (string, error) {
	var shard string
	err := s.dir.Root().View(ctx, func(r meta.Reader) error {
		sh, err := s.dir.ShardOf(r, cid)
		shard = sh
		return err
	})
	return shard, err
}

func scanVersions(r meta.Reader, m2 directory.Meta2, key string, stop func(*record) bool) error {
	p := m2.Versions(key)
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		rec, err := decodeRecord(it.Value())
		if err != nil {
			return err
		}
		if stop(rec) {
			return nil
		}
	}
	return it.Error()
}

func hasChunk(content []segment, service string, id strata.ChunkID) bool {
	for _, f := range chunksOf(content) {
		if f.Chunk == id && f.Service == service {
			return true
		}
	}
	return false
}

// CleanUploads aborts multipart uploads initiated before olderThan.
func (s *Service) CleanUploads(ctx context.Context, olderThan time.Time) (int, error) {
	n := 0
	for _, acct := range s.dir.Accounts(ctx) {
		buckets, err := s.ListBuckets(ctx, acct)
		if err != nil {
			return n, err
		}
		for _, b := range buckets {
			marker, idMarker := "", ""
			for {
				res, err := s.ListUploads(ctx, b.Name, ListUploadsOptions{KeyMarker: marker, UploadIDMarker: idMarker, MaxUploads: 1000})
				if err != nil {
					return n, err
				}
				for _, u := range res.Uploads {
					if u.Initiated.Before(olderThan) {
						if err := s.AbortUpload(ctx, b.Name, u.Key, u.UploadID); err == nil {
							n++
						}
					}
				}
				if !res.IsTruncated {
					break
				}
				marker, idMarker = res.NextKeyMarker, res.NextUploadIDMarker
			}
		}
	}
	return n, nil
}

// referencedAnywhere reports whether any record of the chunk's container
// (versions, parts, pending file writes) names the chunk. The scan is done
// once per container per collection.
func (s *Service) referencedAnywhere(ctx context.Context, scans map[string]map[string]bool, service string, ci blob.ChunkInfo) (bool, error) {
	set, ok := scans[ci.Ref.Container]
	if !ok {
		cid, err := strata.ParseContainerID(ci.Ref.Container)
		if err != nil {
			return false, nil
		}
		e, m2, err := s.refRange(ctx, cid, "")
		if strata.Is(err, strata.NotExist) {
			scans[ci.Ref.Container] = nil
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if set, err = containerChunks(ctx, allRanges(e), m2); err != nil {
			return false, err
		}
		scans[ci.Ref.Container] = set
	}
	return set[service+"/"+string(ci.ID)], nil
}

// containerChunks lists every chunk a container's records reference.
func containerChunks(ctx context.Context, e meta.Engine, m2 directory.Meta2) (map[string]bool, error) {
	set := map[string]bool{}
	err := eachContent(ctx, e, m2, func(content []segment) {
		for _, f := range chunksOf(content) {
			set[f.Service+"/"+string(f.Chunk)] = true
		}
	})
	return set, err
}

// eachContent calls add with the content map of every record of the
// container that may reference data: versions, upload parts and pending
// mount writes. The collectors build their reference sets from it.
func eachContent(ctx context.Context, e meta.Engine, m2 directory.Meta2, add func([]segment)) error {
	if g, ok := e.(*rangedEngine); ok {
		// Every range unclipped: a split's old range still holding moved
		// records only keeps more chunks alive.
		for _, p := range g.parts {
			if err := eachContent(ctx, p.e, p.m2, add); err != nil {
				return err
			}
		}
		return nil
	}
	return e.View(ctx, func(r meta.Reader) error {
		for _, kind := range []byte{'v', 'p', 'l'} {
			p := append(m2.All(), kind, '/')
			it := r.Iter(p, meta.PrefixEnd(p))
			for ok := it.First(); ok; ok = it.Next() {
				switch kind {
				case 'v':
					if rec, err := decodeRecord(it.Value()); err == nil {
						add(rec.owned())
					}
				case 'p':
					var pr partRecord
					if json.Unmarshal(it.Value(), &pr) == nil {
						add(pr.Content)
					}
				case 'l':
					var op pendingOp
					if json.Unmarshal(it.Value(), &op) == nil { // the counters are not JSON
						add(op.Data)
					}
				}
			}
			if err := it.Close(); err != nil {
				return err
			}
		}
		return nil
	})
}
