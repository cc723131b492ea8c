package s3

import (
	"crypto/hmac"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/strata-storage/strata/internal/event"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3/auth"
)

// postPolicy is a browser-upload policy document.
type postPolicy struct {
	Expiration string            `json:"expiration"`
	Conditions []json.RawMessage `json:"conditions"`
}

// formFieldsExempt are form fields a policy need not mention.
var formFieldsExempt = map[string]bool{"policy": true, "signature": true, "awsaccesskeyid": true,
	"x-amz-signature": true, "file": true, "x-amz-algorithm": false}

// postObject handles an HTML form upload (POST to the bucket).
func (rq *request) postObject() error {
	mr, err := rq.r.MultipartReader()
	if err != nil {
		return errInvalidRequest("POST requires a multipart/form-data body")
	}
	fields := map[string]string{} // lower-cased names
	names := map[string]string{}  // lower -> as sent
	var file *multipart.Part
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return errMalformedPOST("bad multipart body")
		}
		name := p.FormName()
		if strings.EqualFold(name, "file") {
			file = p
			break
		}
		v, err := io.ReadAll(io.LimitReader(p, 64<<10))
		if err != nil {
			return errMalformedPOST("bad form field")
		}
		fields[strings.ToLower(name)] = string(v)
		names[strings.ToLower(name)] = name
	}
	if file == nil {
		return errInvalidArg("POST requires exactly one file upload per request.")
	}
	key := fields["key"]
	if key == "" {
		return errInvalidArg("Bucket POST must contain a field named 'key'.")
	}
	key = strings.ReplaceAll(key, "${filename}", file.FileName())
	fields["key"] = key // the policy's conditions apply to the key as stored
	min, max, err := rq.checkPostAuth(fields, names)
	if err != nil {
		return err
	}
	rq.key = key
	rq.act = "s3:PutObject" // the form's key makes this look like an object request, whose POST is not an upload
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	opts := object.PutOptions{Size: -1, Headers: map[string]string{}, UserMeta: map[string]string{}, Owner: rq.ident.Account}
	if rq.ident.Anonymous {
		opts.Owner = rq.account
	}
	opts.Headers["Content-Type"] = "binary/octet-stream"
	for _, h := range systemHeaders {
		if v, ok := fields[strings.ToLower(h)]; ok {
			opts.Headers[h] = v
		}
	}
	if err := checkWebsiteRedirect(opts.Headers); err != nil {
		return err
	}
	for k, v := range fields {
		if m, ok := strings.CutPrefix(k, "x-amz-meta-"); ok {
			opts.UserMeta[m] = v
		}
	}
	if c := fields["acl"]; c != "" {
		a, err := cannedACL(c, opts.Owner, rq.account)
		if err != nil {
			return err
		}
		if err := rq.checkNewACLCanned(a, true, c); err != nil {
			return err
		}
		opts.ACL = encodeACL(a)
	}
	rq.applyOwnership(&opts, fields["acl"])
	if opts.ObjectLock, err = rq.lockFrom(func(n string) string { return fields[n] }); err != nil {
		return err
	}
	if opts.SSE, err = rq.postSSE(fields); err != nil {
		return err
	}
	if opts.Tags, err = postTags(fields["tagging"]); err != nil {
		return err
	}
	body, err := postChecksum(fields, &rangeReader{r: file, min: min, max: max}, &opts)
	if err != nil {
		return err
	}
	opts.Event = event.ObjectCreatedPost
	info, err := rq.h.svc.PutObject(rq.r.Context(), rq.bucket, key, body, opts)
	if err != nil {
		var ae *apiError
		if errors.As(err, &ae) {
			return ae
		}
		return err
	}
	rq.w.Header().Set("ETag", `"`+info.ETag+`"`)
	rq.setSSEHeaders(info)
	loc := rq.objectURL(key)
	rq.w.Header().Set("Location", loc)
	if redirect := fields["success_action_redirect"]; redirect != "" {
		u, err := url.Parse(redirect)
		if err == nil && u.Scheme != "" {
			u.RawQuery = redirectQuery(u.RawQuery, rq.bucket, key, info.ETag)
			http.Redirect(rq.w, rq.r, u.String(), http.StatusSeeOther)
			return nil
		}
	}
	switch fields["success_action_status"] {
	case "200":
		rq.w.WriteHeader(http.StatusOK)
	case "201":
		return rq.writeXML(http.StatusCreated, postResponse{Location: loc, Bucket: rq.bucket, Key: key, ETag: `"` + info.ETag + `"`})
	default:
		rq.w.WriteHeader(http.StatusNoContent)
	}
	return nil
}

type postResponse struct {
	XMLName  struct{} `xml:"PostResponse"`
	Location string   `xml:"Location"`
	Bucket   string   `xml:"Bucket"`
	Key      string   `xml:"Key"`
	ETag     string   `xml:"ETag"`
}

func errMalformedPOST(msg string) *apiError {
	return errorf("MalformedPOSTRequest", 400, "The body of your POST request is not well-formed multipart/form-data: "+msg)
}

// checkPostAuth verifies the policy signature (SigV2 or SigV4) and the
// policy's conditions; without a policy the upload is anonymous. It
// returns the content-length-range bounds.
func (rq *request) checkPostAuth(fields, names map[string]string) (int64, int64, error) {
	policyB64, hasPolicy := fields["policy"]
	if !hasPolicy {
		rq.ident = auth.Identity{Anonymous: true}
		return 0, -1, nil
	}
	ctx := rq.r.Context()
	creds := rq.h.cfg.Credentials
	if creds == nil {
		return 0, 0, errAccessDenied
	}
	switch {
	case fields["x-amz-signature"] != "":
		cred := strings.Split(fields["x-amz-credential"], "/")
		if len(cred) != 5 || fields["x-amz-algorithm"] != "AWS4-HMAC-SHA256" {
			return 0, 0, errInvalidArg("bad x-amz-credential")
		}
		secret, account, ok := creds.Lookup(ctx, cred[0])
		if !ok {
			return 0, 0, errorf("InvalidAccessKeyId", 403, "The AWS access key Id you provided does not exist in our records.")
		}
		k := hmacSHA256([]byte("AWS4"+secret), cred[1])
		for _, p := range cred[2:] {
			k = hmacSHA256(k, p)
		}
		if !hmac.Equal([]byte(hex.EncodeToString(hmacSHA256(k, policyB64))), []byte(fields["x-amz-signature"])) {
			return 0, 0, errorf("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided.")
		}
		rq.ident = rq.postIdentity(cred[0], account, fields)
	default:
		ak, sig := fields["awsaccesskeyid"], fields["signature"]
		if ak != "" && sig == "" {
			return 0, 0, errInvalidArg("Bucket POST must contain a field named 'Signature'.")
		}
		if ak == "" || sig == "" {
			return 0, 0, errorf("AccessDenied", 403, "Bucket POST must contain a signature and an access key id with a policy.")
		}
		secret, account, ok := creds.Lookup(ctx, ak)
		if !ok {
			return 0, 0, errorf("InvalidAccessKeyId", 403, "The AWS access key Id you provided does not exist in our records.")
		}
		if !hmac.Equal([]byte(auth.SignPolicyV2(secret, policyB64)), []byte(sig)) {
			return 0, 0, errorf("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided.")
		}
		rq.ident = rq.postIdentity(ak, account, fields)
	}
	return rq.checkPolicy(policyB64, fields)
}

func (rq *request) checkPolicy(policyB64 string, fields map[string]string) (int64, int64, error) {
	raw, err := base64.StdEncoding.DecodeString(policyB64)
	if err != nil {
		return 0, 0, errInvalidArg("Invalid Policy: Invalid Base64 encoding.")
	}
	p, err := parsePostPolicy(raw)
	if err != nil {
		return 0, 0, err
	}
	if p.Expiration == "" {
		return 0, 0, errInvalidArg("Invalid Policy: Policy missing expiration.")
	}
	exp, err := time.Parse(time.RFC3339, p.Expiration)
	if err != nil {
		if exp, err = time.Parse("2006-01-02T15:04:05.000Z", p.Expiration); err != nil {
			return 0, 0, errInvalidArg("Invalid Policy: Invalid 'expiration' value.")
		}
	}
	if time.Now().After(exp) {
		return 0, 0, errorf("AccessDenied", 403, "Invalid according to Policy: Policy expired.")
	}
	if p.Conditions == nil {
		return 0, 0, errInvalidArg("Invalid Policy: Policy missing conditions.")
	}
	covered := map[string]bool{"bucket": true}
	min, max := int64(0), int64(-1)
	fail := func(cond string) (int64, int64, error) {
		return 0, 0, errorf("AccessDenied", 403, "Invalid according to Policy: Policy Condition failed: "+cond)
	}
	value := func(name string) string {
		if name == "bucket" {
			return rq.bucket
		}
		return fields[name]
	}
	for _, c := range p.Conditions {
		var obj map[string]string
		if json.Unmarshal(c, &obj) == nil {
			if len(obj) == 0 {
				return 0, 0, errInvalidArg("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.")
			}
			for k, v := range obj {
				lk := strings.ToLower(k)
				covered[lk] = true
				if value(lk) != v {
					return fail(fmt.Sprintf("[\"eq\", \"$%s\", %q]", k, v))
				}
			}
			continue
		}
		var arr []any
		if json.Unmarshal(c, &arr) != nil || len(arr) != 3 {
			return 0, 0, errInvalidArg("Invalid Policy: Invalid condition.")
		}
		op, _ := arr[0].(string)
		switch strings.ToLower(op) {
		case "content-length-range":
			lo, ok1 := arr[1].(float64)
			hi, ok2 := arr[2].(float64)
			if !ok1 || !ok2 {
				return 0, 0, errInvalidArg("Invalid Policy: Invalid content-length-range.")
			}
			min, max = int64(lo), int64(hi)
		case "eq", "starts-with":
			name, _ := arr[1].(string)
			want, _ := arr[2].(string)
			if !strings.HasPrefix(name, "$") {
				return 0, 0, errInvalidArg("Invalid Policy: Invalid condition field.")
			}
			lk := strings.ToLower(name[1:])
			covered[lk] = true
			got := value(lk)
			if op == "eq" && got != want || op == "starts-with" && !strings.HasPrefix(got, want) {
				return fail(fmt.Sprintf("[%q, %q, %q]", op, name, want))
			}
		default:
			return 0, 0, errInvalidArg("Invalid Policy: Invalid condition operator " + op)
		}
	}
	for k := range fields {
		// A checksum field only narrows what may be stored (the file must
		// match it), so a policy need not name it.
		if formFieldsExempt[k] || strings.HasPrefix(k, "x-ignore-") || strings.HasPrefix(k, "x-amz-checksum-") || covered[k] {
			continue
		}
		if k == "x-amz-credential" || k == "x-amz-date" || k == "x-amz-algorithm" {
			if covered[k] {
				continue
			}
		}
		return 0, 0, errorf("AccessDenied", 403, "Invalid according to Policy: Extra input fields: "+k)
	}
	return min, max, nil
}

// rangeReader enforces a content-length-range while the file streams, so
// an upload outside the range fails before its commit.
type rangeReader struct {
	r        io.Reader
	n        int64
	min, max int64
}

func (r *rangeReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.n += int64(n)
	if r.max >= 0 && r.n > r.max {
		return n, awsError("EntityTooLarge", 400)
	}
	if err == io.EOF && r.n < r.min {
		return n, awsError("EntityTooSmall", 400)
	}
	return n, err
}

// postIdentity is who signed a browser upload, with the IAM principal
// when the credentials resolve one (so that policies apply as to any
// other request).
func (rq *request) postIdentity(ak, account string, fields map[string]string) auth.Identity {
	id := auth.Identity{AccessKey: ak, Account: account}
	if res, ok := rq.h.cfg.Credentials.(auth.Resolver); ok {
		if _, full, err := res.Resolve(rq.r.Context(), ak, fields["x-amz-security-token"]); err == nil {
			full.AccessKey = ak
			return full
		}
	}
	return id
}
