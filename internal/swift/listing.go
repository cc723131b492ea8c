package swift

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxListing is the largest page a listing returns (Swift's
// container_listing_limit).
const maxListing = 10000

// listParams are the query parameters of an account or container listing.
type listParams struct {
	Format    string // "plain", "json" or "xml"
	Prefix    string
	Delimiter string
	Marker    string
	EndMarker string
	Limit     int
	Reverse   bool
}

// parseListParams reads the listing parameters; the format comes from
// ?format= or else the Accept header.
func parseListParams(q url.Values, accept string) (listParams, error) {
	lp := listParams{Format: "plain", Prefix: q.Get("prefix"), Delimiter: q.Get("delimiter"),
		Marker: q.Get("marker"), EndMarker: q.Get("end_marker"), Limit: maxListing}
	switch f := strings.ToLower(q.Get("format")); {
	case f == "json" || f == "xml" || f == "plain":
		lp.Format = f
	case f == "":
		switch {
		case strings.Contains(accept, "application/json"):
			lp.Format = "json"
		case strings.Contains(accept, "application/xml") || strings.Contains(accept, "text/xml"):
			lp.Format = "xml"
		}
	}
	if s := q.Get("limit"); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		n := int(f)
		if err != nil || f < 0 || f > 1e9 {
			return lp, herr(http.StatusPreconditionFailed, "Value of limit must be a positive integer")
		}
		if n > maxListing {
			return lp, herr(http.StatusPreconditionFailed, "Maximum limit is "+strconv.Itoa(maxListing))
		}
		lp.Limit = n
	}
	switch strings.ToLower(q.Get("reverse")) {
	case "true", "1", "yes", "on", "t", "y":
		lp.Reverse = true
	}
	for _, s := range []string{lp.Prefix, lp.Marker, lp.EndMarker, lp.Delimiter} {
		if !utf8Valid(s) {
			return lp, herr(http.StatusPreconditionFailed, "Invalid UTF8")
		}
	}
	return lp, nil
}

// entry is one row of a listing: an object, a container, or a subdir.
type entry struct {
	Name         string
	Subdir       bool
	Bytes        int64
	Count        int64
	Hash         string
	ContentType  string
	SLOEtag      string // quoted MD5 of the segments' MD5s, for an SLO
	LastModified time.Time
}

// inRange applies marker and end_marker (swapped when reversed).
func (lp listParams) inRange(name string) bool {
	if lp.Reverse {
		return (lp.Marker == "" || name < lp.Marker) && (lp.EndMarker == "" || name > lp.EndMarker)
	}
	return (lp.Marker == "" || name > lp.Marker) && (lp.EndMarker == "" || name < lp.EndMarker)
}

// page orders, bounds and cuts the rows.
func (lp listParams) page(rows []entry) []entry {
	out := rows[:0]
	for _, e := range rows {
		if strings.HasPrefix(e.Name, lp.Prefix) && lp.inRange(e.Name) {
			out = append(out, e)
		}
	}
	if lp.Reverse {
		slices.Reverse(out)
	}
	if len(out) > lp.Limit {
		out = out[:lp.Limit]
	}
	return out
}

// swiftTime formats a last_modified value.
func swiftTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000") }

// writeListing answers a listing in the format asked for. kind is
// "container" (rows are objects) or "account" (rows are containers).
func writeListing(w http.ResponseWriter, r *http.Request, lp listParams, kind, name string, rows []entry) {
	var body []byte
	switch lp.Format {
	case "json":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		body = listingJSON(kind, rows)
	case "xml":
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		body = listingXML(kind, name, rows)
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		var b strings.Builder
		for _, e := range rows {
			b.WriteString(e.Name)
			b.WriteByte('\n')
		}
		body = []byte(b.String())
	}
	status := http.StatusOK
	if len(rows) == 0 && lp.Format == "plain" {
		status = http.StatusNoContent
		body = nil
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func listingJSON(kind string, rows []entry) []byte {
	out := make([]any, 0, len(rows))
	for _, e := range rows {
		switch {
		case e.Subdir:
			out = append(out, map[string]any{"subdir": e.Name})
		case kind == "account":
			out = append(out, map[string]any{"name": e.Name, "count": e.Count, "bytes": e.Bytes,
				"last_modified": swiftTime(e.LastModified)})
		default:
			row := map[string]any{"name": e.Name, "hash": e.Hash, "bytes": e.Bytes,
				"content_type": e.ContentType, "last_modified": swiftTime(e.LastModified)}
			if e.SLOEtag != "" {
				row["slo_etag"] = e.SLOEtag
			}
			out = append(out, row)
		}
	}
	b, _ := json.Marshal(out)
	return b
}

func listingXML(kind, name string, rows []entry) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString("<" + kind + ` name="` + xmlEsc(name) + `">`)
	for _, e := range rows {
		switch {
		case e.Subdir:
			b.WriteString(`<subdir name="` + xmlEsc(e.Name) + `"><name>` + xmlEsc(e.Name) + `</name></subdir>`)
		case kind == "account":
			b.WriteString("<container><name>" + xmlEsc(e.Name) + "</name><count>" + strconv.FormatInt(e.Count, 10) +
				"</count><bytes>" + strconv.FormatInt(e.Bytes, 10) + "</bytes><last_modified>" +
				swiftTime(e.LastModified) + "</last_modified></container>")
		default:
			b.WriteString("<object><name>" + xmlEsc(e.Name) + "</name><hash>" + e.Hash + "</hash><bytes>" +
				strconv.FormatInt(e.Bytes, 10) + "</bytes><content_type>" + xmlEsc(e.ContentType) +
				"</content_type><last_modified>" + swiftTime(e.LastModified) + "</last_modified></object>")
		}
	}
	b.WriteString("</" + kind + ">")
	return []byte(b.String())
}

func xmlEsc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
