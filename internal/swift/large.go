package swift

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
)

// seg is one piece of a large object: a range of a stored object.
type seg struct {
	bucket, key string
	start, end  int64  // inclusive, within the segment object
	data        []byte // an inline data segment (no object)
}

// largeObject is an SLO or DLO resolved to its segments.
type largeObject struct {
	slo  bool
	size int64
	etag string
	segs []seg
}

// maxSLODepth bounds nested SLOs, as Swift's max_manifest_depth.
const maxSLODepth = 10

// largeObject resolves a manifest to its segments; nil for a plain
// object.
func (rq *request) largeObject(info object.ObjectInfo) (*largeObject, error) {
	switch {
	case info.Headers[hdrSLO] != "":
		lo := &largeObject{slo: true, etag: info.Headers[hdrSLOEtag]}
		if err := rq.expandSLO(info.Bucket, info.Key, lo, 0); err != nil {
			return nil, err
		}
		return lo, nil
	case info.Headers[hdrManifest] != "":
		return rq.dlo(info.Headers[hdrManifest])
	}
	return nil, nil
}

// sloEntry is one segment of a stored SLO manifest (Swift's format, as
// ?multipart-manifest=get returns it).
type sloEntry struct {
	Name         string `json:"name"`
	Hash         string `json:"hash"`
	Bytes        int64  `json:"bytes"`
	ContentType  string `json:"content_type,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Range        string `json:"range,omitempty"`
	SubSLO       bool   `json:"sub_slo,omitempty"`
	Data         []byte `json:"data,omitempty"` // inline data segment
}

// readManifest reads a stored SLO manifest.
func (rq *request) readManifest(bucket, key string) ([]sloEntry, error) {
	_, body, err := rq.h.cfg.Objects.GetObject(rq.ctx, bucket, key, object.GetOptions{})
	if err != nil {
		return nil, err
	}
	defer body.Close()
	var es []sloEntry
	if err := json.NewDecoder(io.LimitReader(body, 8<<20)).Decode(&es); err != nil {
		return nil, herr(http.StatusInternalServerError, "Unable to read the manifest")
	}
	return es, nil
}

func (rq *request) expandSLO(bucket, key string, lo *largeObject, depth int) error {
	if depth > maxSLODepth {
		return herr(http.StatusConflict, "Max manifest depth exceeded")
	}
	es, err := rq.readManifest(bucket, key)
	if err != nil {
		return err
	}
	for _, e := range es {
		if e.Data != nil {
			lo.segs = append(lo.segs, seg{data: e.Data, end: int64(len(e.Data)) - 1})
			lo.size += int64(len(e.Data))
			continue
		}
		b, k, _ := strings.Cut(strings.TrimPrefix(e.Name, "/"), "/")
		if e.SubSLO {
			sub := &largeObject{}
			if err := rq.expandSLO(b, k, sub, depth+1); err != nil {
				return err
			}
			if r, _ := parseRange("bytes="+e.Range, sub.size); e.Range != "" && r != nil {
				sub.segs = sub.cut(r.Start, r.End)
				sub.size = r.End - r.Start + 1
			}
			lo.segs = append(lo.segs, sub.segs...)
			lo.size += sub.size
			continue
		}
		s := seg{bucket: b, key: k, start: 0, end: e.Bytes - 1}
		if e.Range != "" {
			if r, _ := parseRange("bytes="+e.Range, e.Bytes); r != nil {
				s.start, s.end = r.Start, r.End
			}
		}
		lo.segs = append(lo.segs, s)
		lo.size += s.end - s.start + 1
	}
	return nil
}

// dlo lists the segments of a dynamic large object: every object under
// the prefix, in name order.
func (rq *request) dlo(manifest string) (*largeObject, error) {
	if m, err := url.PathUnescape(manifest); err == nil {
		manifest = m
	}
	b, prefix, _ := strings.Cut(strings.TrimPrefix(manifest, "/"), "/")
	if rq.tempURL && b != rq.container {
		return nil, errUnauthorized
	}
	if err := rq.allow("s3:ListBucket", b, "", "READ", aclList); err != nil {
		return nil, err
	}
	lo := &largeObject{}
	h := md5.New()
	opts := object.ListOptions{Prefix: prefix, MaxKeys: 1000}
	for {
		res, err := rq.h.cfg.Objects.ListObjects(rq.ctx, b, opts)
		if err != nil {
			return nil, err
		}
		for _, o := range res.Objects {
			if o.Size > 0 {
				lo.segs = append(lo.segs, seg{bucket: b, key: o.Key, start: 0, end: o.Size - 1})
			}
			lo.size += o.Size
			h.Write([]byte(o.ETag))
		}
		if !res.IsTruncated {
			break
		}
		opts.Marker = res.NextMarker
	}
	lo.etag = hex.EncodeToString(h.Sum(nil))
	return lo, nil
}

// cut returns the segments covering bytes start..end, trimmed.
func (lo *largeObject) cut(start, end int64) []seg {
	var out []seg
	var off int64
	for _, s := range lo.segs {
		n := s.end - s.start + 1
		if off+n > start && off <= end {
			c := s
			c.start = s.start + max(start-off, 0)
			c.end = s.end - max(off+n-1-end, 0)
			out = append(out, c)
		}
		off += n
	}
	return out
}

// reader streams bytes start..end of the large object.
func (lo *largeObject) reader(rq *request, start, end int64) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(lo.copyRange(rq, pw, start, end))
	}()
	return pr
}

func (lo *largeObject) copyRange(rq *request, w io.Writer, start, end int64) error {
	var off int64
	for _, s := range lo.segs {
		n := s.end - s.start + 1
		if off+n <= start {
			off += n
			continue
		}
		if off > end {
			break
		}
		from := s.start + max(start-off, 0)
		to := s.end - max(off+n-1-end, 0)
		if s.data != nil {
			if _, err := w.Write(s.data[from : to+1]); err != nil {
				return err
			}
			off += n
			continue
		}
		if err := rq.allow("s3:GetObject", s.bucket, s.key, "READ", aclRead); err != nil {
			return err
		}
		_, body, err := rq.h.cfg.Objects.GetObject(rq.ctx, s.bucket, s.key,
			object.GetOptions{Range: &object.Range{Start: from, End: to}})
		if err != nil {
			return err
		}
		_, err = io.Copy(w, body)
		body.Close()
		if err != nil {
			return err
		}
		off += n
	}
	return nil
}

// sloPut is one segment of a manifest PUT.
type sloPut struct {
	Data      []byte  `json:"data"` // base64 inline data instead of a path
	Path      string  `json:"path"`
	Etag      *string `json:"etag"`
	SizeBytes *int64  `json:"size_bytes"`
	Range     string  `json:"range"`
}

// maxSLOSegments is Swift's max_manifest_segments.
const maxSLOSegments = 1000

// parseSLOPut reads and checks the shape of a manifest PUT body.
func parseSLOPut(body []byte) ([]sloPut, error) {
	var in []sloPut
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return nil, herr(http.StatusBadRequest, "Manifest must be valid JSON.")
	}
	if len(in) == 0 || len(in) > maxSLOSegments {
		return nil, herr(http.StatusBadRequest, "Manifest must list 1 to 1000 segments.")
	}
	for _, s := range in {
		if s.Data != nil && s.Path == "" {
			if len(s.Data) == 0 {
				return nil, herr(http.StatusBadRequest, "Inline data segment must not be empty")
			}
			continue
		}
		c, o, ok := strings.Cut(strings.TrimPrefix(s.Path, "/"), "/")
		if !ok || c == "" || o == "" {
			return nil, herr(http.StatusBadRequest, "Index 0: path does not refer to an object. Path must be of the form /container/object.")
		}
		if s.SizeBytes != nil && *s.SizeBytes < 0 {
			return nil, herr(http.StatusBadRequest, "Invalid size_bytes")
		}
	}
	return in, nil
}

// putSLO stores a static large object's manifest after checking each
// segment exists with the etag and size given.
func (rq *request) putSLO() error {
	if v := rq.r.Header.Get("If-None-Match"); v != "" && v != "*" {
		return herr(http.StatusBadRequest, "If-None-Match only supports *")
	}
	raw, err := io.ReadAll(io.LimitReader(rq.r.Body, 8<<20+1))
	if err != nil {
		return err
	}
	if len(raw) > 8<<20 {
		return errTooLarge
	}
	in, err := parseSLOPut(raw)
	if err != nil {
		return err
	}
	var out []sloEntry
	var problems []string
	etags := md5.New()
	var total int64
	for i, s := range in {
		if s.Data != nil && s.Path == "" {
			sum := md5.Sum(s.Data)
			etags.Write([]byte(hex.EncodeToString(sum[:])))
			total += int64(len(s.Data))
			out = append(out, sloEntry{Data: s.Data, Bytes: int64(len(s.Data))})
			continue
		}
		c, o, _ := strings.Cut(strings.TrimPrefix(s.Path, "/"), "/")
		if c == rq.container && o == rq.object {
			problems = append(problems, s.Path+", 409 Conflict: a manifest cannot reference itself")
			continue
		}
		if err := rq.allow("s3:GetObject", c, o, "READ", aclRead); err != nil {
			problems = append(problems, s.Path+", 403 Forbidden")
			continue
		}
		info, err := rq.head(c, o)
		if err != nil {
			problems = append(problems, s.Path+", 404 Not Found")
			continue
		}
		sub := info.Headers[hdrSLO] != ""
		size, etag := info.Size, info.ETag
		if sub {
			size, _ = strconv.ParseInt(info.Headers[hdrSLOSize], 10, 64)
			etag = info.Headers[hdrSLOEtag]
		}
		if s.Etag != nil && *s.Etag != "" && strings.Trim(*s.Etag, `"`) != etag {
			problems = append(problems, s.Path+", Etag Mismatch")
		}
		if s.SizeBytes != nil && *s.SizeBytes != size {
			problems = append(problems, s.Path+", Size Mismatch")
		}
		if size < 1 && i < len(in)-1 || size == 0 && len(in) == 1 {
			problems = append(problems, s.Path+", Too Small; each segment must be at least 1 byte.")
		}
		e := sloEntry{Name: "/" + c + "/" + o, Hash: etag, Bytes: size, ContentType: info.Headers["Content-Type"],
			LastModified: swiftTime(info.Modified), SubSLO: sub}
		seglen := size
		if s.Range != "" {
			r, _ := parseRange("bytes="+s.Range, size)
			if r == nil {
				problems = append(problems, s.Path+", Unsatisfiable Range")
				continue
			}
			e.Range = strconv.FormatInt(r.Start, 10) + "-" + strconv.FormatInt(r.End, 10)
			seglen = r.End - r.Start + 1
			etags.Write([]byte(etag + ":" + e.Range + ";"))
		} else {
			etags.Write([]byte(etag))
		}
		total += seglen
		out = append(out, e)
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return herr(http.StatusBadRequest, "Errors:\n"+strings.Join(problems, "\n"))
	}
	sloEtag := hex.EncodeToString(etags.Sum(nil))
	if e := strings.Trim(rq.r.Header.Get("Etag"), `"`); e != "" && e != sloEtag {
		return errUnprocessable
	}
	opts, err := rq.putOptions(rq.object)
	if err != nil {
		return err
	}
	opts.Headers[hdrSLO] = "True"
	opts.Headers[hdrSLOSize] = strconv.FormatInt(total, 10)
	opts.Headers[hdrSLOEtag] = sloEtag
	doc, _ := json.Marshal(out)
	opts.Size = int64(len(doc))
	if _, err := rq.store(rq.container, rq.object, strings.NewReader(string(doc)), opts); err != nil {
		return err
	}
	rq.w.Header().Set("Etag", `"`+sloEtag+`"`)
	return noContent(rq.w, http.StatusCreated)
}

// serveManifest answers ?multipart-manifest=get with the stored manifest.
func (rq *request) serveManifest(info object.ObjectInfo) error {
	es, err := rq.readManifest(rq.container, rq.object)
	if err != nil {
		return err
	}
	doc, _ := json.Marshal(es)
	h := rq.w.Header()
	writeObjectHeaders(h, info, info.ETag, nil)
	if rq.r.URL.Query().Get("format") == "raw" {
		raw := make([]map[string]any, len(es))
		for i, e := range es {
			if e.Data != nil {
				raw[i] = map[string]any{"data": e.Data}
				continue
			}
			raw[i] = map[string]any{"path": e.Name, "etag": e.Hash, "size_bytes": e.Bytes}
			if e.Range != "" {
				raw[i]["range"] = e.Range
			}
		}
		doc, _ = json.Marshal(raw)
		sum := md5.Sum(doc)
		h.Set("Etag", hex.EncodeToString(sum[:]))
	} else {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	h.Set("Content-Length", strconv.Itoa(len(doc)))
	rq.w.WriteHeader(http.StatusOK)
	if rq.r.Method != http.MethodHead {
		rq.w.Write(doc)
	}
	return nil
}

// deleteSLO removes a manifest and its segments (?multipart-manifest=delete).
func (rq *request) deleteSLO(info object.ObjectInfo) error {
	es, err := rq.readManifest(rq.container, rq.object)
	if err != nil {
		return err
	}
	res := bulkResult{}
	for _, e := range es {
		if e.Data != nil {
			continue
		}
		c, o, _ := strings.Cut(strings.TrimPrefix(e.Name, "/"), "/")
		rq.deleteOne(c, o, &res)
	}
	rq.deleteOne(rq.container, rq.object, &res)
	return rq.writeBulk(res, http.StatusOK)
}
