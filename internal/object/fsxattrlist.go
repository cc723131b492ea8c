package object

import "context"

// FSStatXattrs is FSStat with the node's xattrs attached to the entry
// (the caller must be allowed to read the node).
func (s *Service) FSStatXattrs(ctx context.Context, bucket, p string) (Entry, error) {
	return s.fsStat(ctx, bucket, p, true)
}

// FSListXattrs is FSList with each entry's xattrs attached, so that a
// mount answers the getxattr calls of ls -l without a request per name
// (the caller must be allowed to read the directory's objects).
func (s *Service) FSListXattrs(ctx context.Context, bucket, p, after string, max int) ([]Entry, string, error) {
	return s.fsList(ctx, bucket, p, after, max, true)
}

// withXattrs attaches the xattrs of rec (nil: an implicit directory,
// which has none) to its entry.
func withXattrs(e *Entry, rec *record) {
	e.XattrsKnown = true
	if rec == nil {
		return
	}
	if m := xattrsOf(rec); len(m) > 0 {
		e.Xattrs = m
	}
}
