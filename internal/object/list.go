package object

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// walker scans one kind of meta2 key for a listing, folding keys into
// common prefixes and skipping past each folded prefix with one seek.
type walker struct {
	it        meta.Iterator
	base      []byte // the kind prefix: keys are base+name...
	prefix    string
	delimiter string
}

// name splits the entry's object name off its key (names end at \x00 for
// versions and uploads).
func (w *walker) name() string {
	k := w.it.Key()[len(w.base):]
	if i := bytes.IndexByte(k, 0); i >= 0 {
		k = k[:i]
	}
	return string(k)
}

// commonPrefix returns the folded prefix of name, if the delimiter applies.
func (w *walker) commonPrefix(name string) (string, bool) {
	if w.delimiter == "" {
		return "", false
	}
	rest := name[len(w.prefix):]
	i := strings.Index(rest, w.delimiter)
	if i < 0 {
		return "", false
	}
	return w.prefix + rest[:i+len(w.delimiter)], true
}

// skip moves past every key starting with name prefix p.
func (w *walker) skip(p string) bool {
	end := meta.PrefixEnd(append(append([]byte(nil), w.base...), p...))
	if end == nil {
		return false
	}
	return w.it.SeekGE(end)
}

func checkMax(n int) int {
	if n < 0 || n > 1000 {
		return 1000
	}
	return n
}

// ListObjects lists the current versions of a bucket's keys.
func (s *Service) ListObjects(ctx context.Context, bucket string, opts ListOptions) (ListResult, error) {
	_, e, m2, err := s.bucketAll(ctx, bucket)
	if err != nil {
		return ListResult{}, err
	}
	max := checkMax(opts.MaxKeys)
	var res ListResult
	err = e.View(ctx, func(r meta.Reader) error {
		var rec record // one for every key: decodeListed resets it
		base := m2.CurrentPrefix()
		lower := append(append([]byte(nil), base...), opts.Prefix...)
		it := r.Iter(base, meta.PrefixEnd(lower))
		defer it.Close()
		w := &walker{it: it, base: base, prefix: opts.Prefix, delimiter: opts.Delimiter}
		start := lower
		if opts.Marker != "" && opts.Marker >= opts.Prefix {
			start = append(append(append([]byte(nil), base...), opts.Marker...), 0)
		}
		for ok := it.SeekGE(start); ok; {
			name := w.name()
			if cp, folded := w.commonPrefix(name); folded {
				if cp <= opts.Marker {
					ok = w.skip(cp)
					continue
				}
				if len(res.Objects)+len(res.CommonPrefixes) >= max {
					res.IsTruncated = true
					break
				}
				res.CommonPrefixes = append(res.CommonPrefixes, cp)
				res.NextMarker = cp
				ok = w.skip(cp)
				continue
			}
			if len(res.Objects)+len(res.CommonPrefixes) >= max {
				res.IsTruncated = true
				break
			}
			if err := decodeListed(&rec, it.Value()); err != nil {
				return err
			}
			rec.Info.Bucket, rec.Info.IsLatest = bucket, true
			res.Objects = appendListed(res.Objects, &rec.Info, max)
			res.NextMarker = name
			ok = it.Next()
		}
		return it.Error()
	})
	if !res.IsTruncated {
		res.NextMarker = ""
	}
	return res, err
}

// ListVersions lists every version and delete marker, newest first within
// a key.
func (s *Service) ListVersions(ctx context.Context, bucket string, opts ListVersionsOptions) (ListVersionsResult, error) {
	_, e, m2, err := s.bucketAll(ctx, bucket)
	if err != nil {
		return ListVersionsResult{}, err
	}
	max := checkMax(opts.MaxKeys)
	var res ListVersionsResult
	err = e.View(ctx, func(r meta.Reader) error {
		var rec record // one for every version: decodeListed resets it
		base := m2.VersionPrefix()
		lower := append(append([]byte(nil), base...), opts.Prefix...)
		it := r.Iter(base, meta.PrefixEnd(lower))
		defer it.Close()
		w := &walker{it: it, base: base, prefix: opts.Prefix, delimiter: opts.Delimiter}
		ok := it.SeekGE(lower)
		if opts.KeyMarker != "" && opts.KeyMarker >= opts.Prefix {
			ok = w.skip(opts.KeyMarker + "\x00")
			if opts.VersionIDMarker != "" {
				// Resume inside the marker key, after the marker version.
				ok = it.SeekGE(m2.Versions(opts.KeyMarker))
				for ok && w.name() == opts.KeyMarker {
					found := string(it.Key()[len(m2.Versions(opts.KeyMarker))+8:]) == opts.VersionIDMarker
					ok = it.Next()
					if found {
						break
					}
				}
			}
		}
		lastName, latestNanos := "", int64(-1)
		for ok {
			name := w.name()
			if cp, folded := w.commonPrefix(name); folded {
				if cp <= opts.KeyMarker {
					ok = w.skip(cp)
					continue
				}
				if len(res.Versions)+len(res.CommonPrefixes) >= max {
					res.IsTruncated = true
					break
				}
				res.CommonPrefixes = append(res.CommonPrefixes, cp)
				res.NextKeyMarker, res.NextVersionIDMarker = cp, ""
				ok = w.skip(cp)
				continue
			}
			if len(res.Versions)+len(res.CommonPrefixes) >= max {
				res.IsTruncated = true
				break
			}
			if err := decodeListed(&rec, it.Value()); err != nil {
				return err
			}
			if name != lastName {
				lastName = name
				latest, err := latestVersion(r, m2, name)
				if err != nil {
					return err
				}
				latestNanos = latest.Nanos
			}
			rec.Info.Bucket, rec.Info.IsLatest = bucket, rec.Nanos == latestNanos
			res.Versions = appendListed(res.Versions, &rec.Info, max)
			res.NextKeyMarker, res.NextVersionIDMarker = name, rec.Info.VersionID
			ok = it.Next()
		}
		return it.Error()
	})
	if !res.IsTruncated {
		res.NextKeyMarker, res.NextVersionIDMarker = "", ""
	}
	return res, err
}

// ListUploads lists in-progress multipart uploads by key, then upload id.
func (s *Service) ListUploads(ctx context.Context, bucket string, opts ListUploadsOptions) (ListUploadsResult, error) {
	_, e, m2, err := s.bucketAll(ctx, bucket)
	if err != nil {
		return ListUploadsResult{}, err
	}
	max := checkMax(opts.MaxUploads)
	var res ListUploadsResult
	err = e.View(ctx, func(r meta.Reader) error {
		base := m2.UploadPrefix()
		lower := append(append([]byte(nil), base...), opts.Prefix...)
		it := r.Iter(base, meta.PrefixEnd(lower))
		defer it.Close()
		w := &walker{it: it, base: base, prefix: opts.Prefix, delimiter: opts.Delimiter}
		ok := it.SeekGE(lower)
		if opts.KeyMarker != "" {
			if opts.UploadIDMarker != "" {
				ok = it.SeekGE(append(m2.Upload(opts.KeyMarker, opts.UploadIDMarker), 0))
			} else {
				ok = w.skip(opts.KeyMarker + "\x00")
			}
		}
		for ok {
			name := w.name()
			if cp, folded := w.commonPrefix(name); folded {
				if cp <= opts.KeyMarker {
					ok = w.skip(cp)
					continue
				}
				if len(res.Uploads)+len(res.CommonPrefixes) >= max {
					res.IsTruncated = true
					break
				}
				res.CommonPrefixes = append(res.CommonPrefixes, cp)
				res.NextKeyMarker, res.NextUploadIDMarker = cp, ""
				ok = w.skip(cp)
				continue
			}
			if len(res.Uploads)+len(res.CommonPrefixes) >= max {
				res.IsTruncated = true
				break
			}
			var u uploadRecord
			if err := json.Unmarshal(it.Value(), &u); err != nil {
				return strata.E("object.ListUploads", strata.Corrupt, err)
			}
			res.Uploads = append(res.Uploads, u.Upload)
			res.NextKeyMarker, res.NextUploadIDMarker = name, u.Upload.UploadID
			ok = it.Next()
		}
		return it.Error()
	})
	return res, err
}
