package swift

import (
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/object"
)

// formPost is FormPOST: a browser form (multipart/form-data) signed with
// a Temp-URL key uploads files under the URL's prefix. The signature is
// an HMAC of "PATH\nREDIRECT\nMAX_FILE_SIZE\nMAX_FILE_COUNT\nEXPIRES".
func (rq *request) formPost() error {
	mr, err := rq.r.MultipartReader()
	if err != nil {
		return herr(http.StatusBadRequest, "FormPost: invalid form")
	}
	if _, err := rq.bucket(rq.container); err != nil {
		return err
	}
	fields := map[string]string{}
	count := 0
	var status = "201 Created"
	var msg string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return herr(http.StatusBadRequest, "FormPost: invalid form")
		}
		if part.FileName() == "" {
			v, _ := io.ReadAll(io.LimitReader(part, 8192))
			fields[part.FormName()] = string(v)
			continue
		}
		if count == 0 {
			if err := rq.checkFormSig(fields); err != nil {
				return err
			}
		}
		maxCount, _ := strconv.Atoi(fields["max_file_count"])
		maxSize, _ := strconv.ParseInt(fields["max_file_size"], 10, 64)
		if count++; count > maxCount {
			status, msg = "400 Bad Request", "max_file_count exceeded"
			break
		}
		key := rq.object + part.FileName()
		ct := part.Header.Get("Content-Type")
		if ct == "" {
			ct = guessType(key)
		}
		opts := object.PutOptions{Size: -1, Owner: rq.account, Headers: map[string]string{"Content-Type": ct}}
		body := &capped{r: part, n: maxSize}
		if _, err := rq.store(rq.container, key, body, opts); err != nil || body.over {
			status, msg = "400 Bad Request", "max_file_size exceeded"
			if !body.over {
				st, m := statusOf(err)
				status, msg = strconv.Itoa(st)+" "+http.StatusText(st), m
			} else {
				rq.h.cfg.Objects.DeleteObject(rq.ctx, rq.container, key, "")
			}
			break
		}
	}
	if count == 0 {
		if err := rq.checkFormSig(fields); err != nil {
			return err
		}
	}
	if redirect := fields["redirect"]; redirect != "" {
		sep := "?"
		if strings.Contains(redirect, "?") {
			sep = "&"
		}
		loc := redirect + sep + "status=" + url.QueryEscape(strings.Fields(status)[0]) + "&message=" + url.QueryEscape(msg)
		rq.w.Header().Set("Location", loc)
		return noContent(rq.w, http.StatusSeeOther)
	}
	code, _ := strconv.Atoi(strings.Fields(status)[0])
	body := "<h1>" + status + "</h1><p>FormPost: " + msg + "</p>"
	rq.w.Header().Set("Content-Type", "text/html")
	rq.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	rq.w.WriteHeader(code)
	rq.w.Write([]byte(body))
	return nil
}

// checkFormSig checks a FormPOST's expiry and signature.
func (rq *request) checkFormSig(f map[string]string) error {
	exp, err := strconv.ParseInt(f["expires"], 10, 64)
	if err != nil || time.Now().Unix() >= exp {
		return herr(http.StatusUnauthorized, "FormPost: Form Expired")
	}
	msg := rq.r.URL.Path + "\n" + f["redirect"] + "\n" + f["max_file_size"] + "\n" + f["max_file_count"] + "\n" + f["expires"]
	if !validSig(f["signature"], msg, rq.tempURLKeys(rq.container)) {
		return herr(http.StatusUnauthorized, "FormPost: Invalid Signature")
	}
	rq.tempURL = true
	return nil
}

// capped reads at most n bytes, then fails and marks itself over.
type capped struct {
	r    io.Reader
	n    int64
	over bool
}

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n -= int64(n)
	if c.n < 0 {
		c.over = true
		return n, errTooLarge
	}
	return n, err
}

var _ = multipart.ErrMessageTooLarge
