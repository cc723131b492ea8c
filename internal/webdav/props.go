package webdav

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"

	xwebdav "golang.org/x/net/webdav"

	"github.com/strata-storage/strata/internal/filetree"
	"github.com/strata-storage/strata/internal/shares"
)

// Dead properties are extended attributes, and so object metadata: one
// attribute per property, named by a hash of its XML name (namespace
// URIs do not fit attribute or metadata names), holding the name and the
// value as JSON (printable, so that S3 shows it as x-amz-meta-dav.*).
const propPrefix = "user.dav."

type storedProp struct {
	Space string `json:"ns"`
	Local string `json:"name"`
	Lang  string `json:"lang,omitempty"`
	XML   string `json:"xml"`
}

func propAttr(n xml.Name) string {
	sum := sha256.Sum256([]byte(n.Space + "\x00" + n.Local))
	return propPrefix + hex.EncodeToString(sum[:12])
}

func encodeProp(p xwebdav.Property) []byte {
	b, _ := json.Marshal(storedProp{Space: p.XMLName.Space, Local: p.XMLName.Local, Lang: p.Lang, XML: string(p.InnerXML)})
	return b
}

func decodeProp(b []byte) (xwebdav.Property, bool) {
	var s storedProp
	if json.Unmarshal(b, &s) != nil || s.Local == "" {
		return xwebdav.Property{}, false
	}
	return xwebdav.Property{XMLName: xml.Name{Space: s.Space, Local: s.Local}, Lang: s.Lang, InnerXML: []byte(s.XML)}, true
}

// xattrPath is the file system and path whose attributes describe the
// resource; the root and the buckets themselves have none.
func (f *file) xattrPath() (bool, error) {
	if f.fs != nil {
		return true, nil
	}
	if _, rel := shares.Split(f.name); rel == "" {
		return false, nil
	}
	fs, rel, err := f.fsys.bucketFS(f.name)
	if err != nil || rel == "" {
		return false, err
	}
	f.fs, f.rel = fs, rel
	return true, nil
}

// DeadProps returns the resource's dead properties.
func (f *file) DeadProps() (map[xml.Name]xwebdav.Property, error) {
	if f.fsys.liveOnly {
		return nil, nil
	}
	ok, err := f.xattrPath()
	if err != nil || !ok {
		return nil, f.fsys.fail("props", f.name, err)
	}
	attrs, err := f.fs.Xattrs(f.ctx(), f.rel)
	if err != nil {
		// A listing must not fail for one node whose attributes the
		// policy hides (a folder above the user's prefix): it has none
		// to show.
		f.fsys.sess.Log().Debug("webdav dead properties unreadable", "path", f.name, "err", err)
		return nil, nil
	}
	var out map[xml.Name]xwebdav.Property
	for k, v := range attrs {
		if !strings.HasPrefix(k, propPrefix) {
			continue
		}
		if p, ok := decodeProp(v); ok {
			if out == nil {
				out = map[xml.Name]xwebdav.Property{}
			}
			out[p.XMLName] = p
		}
	}
	return out, nil
}

// Patch sets and removes dead properties, in order. Each one is its own
// attribute update: a failure part way leaves the earlier ones done, and
// the answer says so (RFC 4918 asks for all or nothing; no client we know
// depends on the difference).
func (f *file) Patch(patches []xwebdav.Proppatch) ([]xwebdav.Propstat, error) {
	ok, err := f.xattrPath()
	if err != nil {
		return nil, f.fsys.fail("proppatch", f.name, err)
	}
	f.fsys.changed()
	done := xwebdav.Propstat{Status: http.StatusOK}
	var failed []xwebdav.Propstat
	for _, patch := range patches {
		for _, p := range patch.Props {
			status := http.StatusOK
			switch {
			case !ok:
				status = http.StatusForbidden // the root and buckets keep no properties
			case patch.Remove:
				err = f.fs.SetXattr(f.ctx(), f.rel, propAttr(p.XMLName), nil, 0)
				if e := errnoOf(err); e == filetree.ErrnoNoAttr {
					err = nil
				}
			default:
				err = f.fs.SetXattr(f.ctx(), f.rel, propAttr(p.XMLName), encodeProp(p), 0)
			}
			if err != nil {
				status = httpStatus(errnoOf(err))
				f.fsys.rw.noteErrno(errnoOf(err))
			}
			if status == http.StatusOK {
				done.Props = append(done.Props, xwebdav.Property{XMLName: p.XMLName})
			} else {
				failed = append(failed, xwebdav.Propstat{Status: status, Props: []xwebdav.Property{{XMLName: p.XMLName}}})
			}
		}
	}
	if len(done.Props) == 0 {
		return failed, nil
	}
	return append([]xwebdav.Propstat{done}, failed...), nil
}

// liveProps are the DAV: properties x/net/webdav computes itself.
var liveProps = map[string]bool{"resourcetype": true, "displayname": true, "getcontentlength": true,
	"getlastmodified": true, "creationdate": true, "getcontentlanguage": true, "getcontenttype": true,
	"getetag": true, "lockdiscovery": true, "supportedlock": true}

// onlyLiveProps reports whether a PROPFIND names only live DAV:
// properties (what Windows, macOS, davfs2 and rclone ask for in a
// listing); then no file's attributes need be read.
func onlyLiveProps(body []byte) bool {
	var pf struct {
		Prop *struct {
			Names []struct{ XMLName xml.Name } `xml:",any"`
		} `xml:"DAV: prop"`
	}
	if xml.Unmarshal(body, &pf) != nil || pf.Prop == nil || len(pf.Prop.Names) == 0 {
		return false
	}
	for _, n := range pf.Prop.Names {
		if n.XMLName.Space != "DAV:" || !liveProps[n.XMLName.Local] {
			return false
		}
	}
	return true
}
