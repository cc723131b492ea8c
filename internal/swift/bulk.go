package swift

import (
	"archive/tar"
	"bufio"
	"compress/bzip2"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// bulkResult is the report of a bulk delete or extract-archive.
type bulkResult struct {
	Deleted, NotFound, Created int
	Errors                     [][2]string // name, status
	extract                    bool
}

// maxBulk is Swift's max_deletes_per_request and max_containers_per_extraction.
const maxBulk = 10000

// deleteOne deletes one "container[/object]" for a bulk delete.
func (rq *request) deleteOne(c, o string, res *bulkResult) {
	name := "/" + c
	if o != "" {
		name += "/" + o
	}
	if _, err := rq.bucket(c); err != nil {
		res.NotFound++
		return
	}
	var err error
	if o == "" {
		if err = rq.allow("s3:DeleteBucket", c, "", "", aclNone); err == nil {
			rq.h.cfg.Objects.DeleteBucketConfig(rq.ctx, c, containerConfig)
			err = rq.h.cfg.Objects.DeleteBucket(rq.ctx, c)
		}
	} else if err = rq.allow("s3:DeleteObject", c, o, "WRITE", aclWrite); err == nil {
		if _, err = rq.h.cfg.Objects.HeadObject(rq.ctx, c, o, object.GetOptions{}); err == nil {
			_, err = rq.h.cfg.Objects.DeleteObject(rq.ctx, c, o, "")
		}
	}
	switch {
	case err == nil:
		res.Deleted++
	case isNotFound(err):
		res.NotFound++
	default:
		st, _ := statusOf(err)
		if strata.Is(err, strata.NotEmpty) || strata.Is(err, strata.Conflict) {
			st = http.StatusConflict
		}
		res.Errors = append(res.Errors, [2]string{name, strconv.Itoa(st) + " " + http.StatusText(st)})
	}
}

// bulkDelete deletes the newline-separated, URL-encoded paths of the body.
func (rq *request) bulkDelete() error {
	var res bulkResult
	sc := bufio.NewScanner(io.LimitReader(rq.r.Body, 64<<20))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if n++; n > maxBulk {
			return herr(http.StatusRequestEntityTooLarge, "Maximum Bulk Deletes: 10000 per request")
		}
		p, err := url.PathUnescape(line)
		if err != nil {
			p = line
		}
		c, o, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
		if c == "" {
			res.Errors = append(res.Errors, [2]string{line, "400 Bad Request"})
			continue
		}
		rq.deleteOne(c, o, &res)
	}
	return rq.writeBulk(res, http.StatusOK)
}

// writeBulk answers in the format the Accept header asks for.
func (rq *request) writeBulk(res bulkResult, status int) error {
	rs := "200 OK"
	if len(res.Errors) > 0 {
		rs = "400 Bad Request"
		if res.Deleted+res.Created == 0 && len(res.Errors) > 0 {
			rs = res.Errors[0][1]
		}
	}
	errs := res.Errors
	if errs == nil {
		errs = [][2]string{}
	}
	var body []byte
	accept := rq.r.Header.Get("Accept")
	if strings.Contains(accept, "application/json") {
		m := map[string]any{"Response Status": rs, "Response Body": "", "Errors": errs}
		if res.extract {
			m["Number Files Created"] = res.Created
		} else {
			m["Number Deleted"], m["Number Not Found"] = res.Deleted, res.NotFound
		}
		body, _ = json.Marshal(m)
		rq.w.Header().Set("Content-Type", "application/json")
	} else {
		var b strings.Builder
		if res.extract {
			b.WriteString("Number Files Created: " + strconv.Itoa(res.Created) + "\n")
		} else {
			b.WriteString("Number Deleted: " + strconv.Itoa(res.Deleted) + "\nNumber Not Found: " + strconv.Itoa(res.NotFound) + "\n")
		}
		b.WriteString("Response Body: \nResponse Status: " + rs + "\nErrors:\n")
		for _, e := range res.Errors {
			b.WriteString(e[0] + ", " + e[1] + "\n")
		}
		body = []byte(b.String())
		rq.w.Header().Set("Content-Type", "text/plain")
	}
	rq.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	rq.w.WriteHeader(status)
	rq.w.Write(body)
	return nil
}

// archiveReader opens the body of an extract-archive as a tar stream.
func archiveReader(kind string, body io.Reader) (*tar.Reader, error) {
	switch kind {
	case "tar":
		return tar.NewReader(body), nil
	case "tar.gz", "tgz":
		z, err := gzip.NewReader(body)
		if err != nil {
			return nil, herr(http.StatusBadRequest, "Invalid Tar File: not gzip")
		}
		return tar.NewReader(z), nil
	case "tar.bz2", "tbz":
		return tar.NewReader(bzip2.NewReader(body)), nil
	}
	return nil, herr(http.StatusBadRequest, "Unsupported archive format")
}

// archivePath maps a tar member name to container and object under the
// request's path; ok is false for names to skip (directories, empty).
func archivePath(base, name string) (c, o string, ok bool) {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "./"), "/")
	if base != "" {
		name = strings.TrimSuffix(base, "/") + "/" + name
	}
	c, o, _ = strings.Cut(name, "/")
	if c == "" || o == "" || strings.HasSuffix(o, "/") || len(o) > maxNameBytes {
		return "", "", false
	}
	return c, o, true
}

// extractArchive creates one object per regular file of a tar archive,
// its first path element the container unless the URL names one.
func (rq *request) extractArchive() error {
	tr, err := archiveReader(rq.r.URL.Query().Get("extract-archive"), rq.r.Body)
	if err != nil {
		return err
	}
	base := ""
	if rq.container != "" {
		base = rq.container + "/" + rq.object
	}
	res := bulkResult{extract: true}
	made := map[string]bool{}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return herr(http.StatusBadRequest, "Invalid Tar File: "+err.Error())
		}
		if hdr.Typeflag != tar.TypeReg {
			continue
		}
		c, o, ok := archivePath(base, hdr.Name)
		if !ok {
			continue
		}
		if err := rq.ensureContainer(c, made); err != nil {
			res.Errors = append(res.Errors, [2]string{"/" + c + "/" + o, statusLine(err)})
			continue
		}
		if err := rq.allow("s3:PutObject", c, o, "WRITE", aclWrite); err != nil {
			res.Errors = append(res.Errors, [2]string{"/" + c + "/" + o, statusLine(err)})
			continue
		}
		opts := object.PutOptions{Size: hdr.Size, Owner: rq.account,
			Headers: map[string]string{"Content-Type": guessType(o)}}
		if _, err := rq.store(c, o, tr, opts); err != nil {
			res.Errors = append(res.Errors, [2]string{"/" + c + "/" + o, statusLine(err)})
			continue
		}
		res.Created++
	}
	status := http.StatusCreated
	if res.Created == 0 {
		status = http.StatusOK
	}
	return rq.writeBulk(res, status)
}

// ensureContainer creates a container of the account for an archive.
func (rq *request) ensureContainer(c string, made map[string]bool) error {
	if made[c] {
		return nil
	}
	if _, err := rq.bucket(c); err == nil {
		made[c] = true
		return nil
	} else if !isNotFound(err) {
		return err
	}
	if !validContainer(c) {
		return errBadRequest
	}
	if !rq.sameAccount() {
		return rq.denied()
	}
	if err := rq.allow("s3:CreateBucket", "", "", "", aclNone); err != nil {
		return err
	}
	if err := rq.h.cfg.Objects.CreateBucket(rq.ctx, object.Bucket{Name: c, Account: rq.account}); err != nil && !strata.Is(err, strata.Exist) {
		return err
	}
	made[c] = true
	return nil
}

func statusLine(err error) string {
	st, _ := statusOf(err)
	return strconv.Itoa(st) + " " + http.StatusText(st)
}
