package auth

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// body is the verifying request body.
type body struct {
	r         io.Reader
	size      int64
	sha       hash.Hash // payload hash to check, for signed payloads
	shaWant   string
	sums      map[string]hash.Hash
	want      map[string]string // expected checksums from headers
	trailerOf *chunkedReader    // where trailing checksums come from
	got       map[string]string
	err       error
}

var _ Body = (*body)(nil)

func newBody(r *http.Request, chain *chainState, payload string) (Body, error) {
	b := &body{r: r.Body, size: r.ContentLength}
	if r.Body == nil {
		b.r = http.NoBody
	}
	var err *Error
	if b.want, err = checksumHeaders(r.Header); err != nil && !isComplete(r) {
		return nil, err
	}
	if isComplete(r) {
		// On CompleteMultipartUpload an x-amz-checksum-* header is the
		// whole object's checksum (e.g. composite "BASE64-N"), not the
		// XML body's: the handler checks it against the parts.
		b.want = nil
	}
	switch payload {
	case streamingPayload, streamingPayloadTrail, streamingUnsignedTrail:
		dl, perr := strconv.ParseInt(r.Header.Get("X-Amz-Decoded-Content-Length"), 10, 64)
		if perr != nil || dl < 0 {
			return nil, newErr("MissingContentLength", http.StatusLengthRequired, "You must provide the Content-Length HTTP header.")
		}
		b.size = dl
		cr := &chunkedReader{br: bufio.NewReaderSize(b.r, lineBuffer), src: b.r, remaining: dl,
			trailer: payload != streamingPayload}
		if payload != streamingUnsignedTrail {
			if chain == nil {
				return nil, errSignature
			}
			cr.chain = chain
		}
		b.r, b.trailerOf = cr, cr
	case unsignedPayload, emptySHA256:
		if payload == emptySHA256 && r.ContentLength > 0 {
			b.sha, b.shaWant = sha256.New(), payload
		}
	default:
		if len(payload) != 64 {
			return nil, newErr("InvalidArgument", http.StatusBadRequest, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-* or a hex SHA-256")
		}
		if _, herr := hex.DecodeString(payload); herr != nil {
			return nil, errPayload
		}
		b.sha, b.shaWant = sha256.New(), payload
	}
	// Hash what the client announced, as a header, a trailer or by name.
	algs := map[string]bool{}
	for alg := range b.want {
		algs[alg] = true
	}
	for _, t := range strings.Split(r.Header.Get("X-Amz-Trailer"), ",") {
		if alg, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(t)), "x-amz-checksum-"); ok {
			algs[strings.ToUpper(alg)] = true
		}
	}
	if alg := strings.ToUpper(r.Header.Get("X-Amz-Sdk-Checksum-Algorithm")); alg != "" {
		algs[alg] = true
	}
	for alg := range algs {
		if h := NewChecksum(alg); h != nil {
			if b.sums == nil {
				b.sums = map[string]hash.Hash{}
			}
			b.sums[alg] = h
		}
	}
	return b, nil
}

func (b *body) Size() int64 { return b.size }

func (b *body) Checksums() map[string]string { return b.got }

func (b *body) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.r.Read(p)
	if n > 0 {
		if b.sha != nil {
			b.sha.Write(p[:n])
		}
		for _, h := range b.sums {
			h.Write(p[:n])
		}
	}
	if err == io.EOF {
		if ferr := b.finish(); ferr != nil {
			b.err = ferr
			return n, ferr
		}
	}
	if err != nil {
		b.err = err
	}
	return n, err
}

// finish checks the payload hash and the checksums at the end of the body.
func (b *body) finish() error {
	if b.sha != nil && hex.EncodeToString(b.sha.Sum(nil)) != b.shaWant {
		return errPayload
	}
	want := b.want
	if b.trailerOf != nil && len(b.trailerOf.trailers) > 0 {
		want = map[string]string{}
		for k, v := range b.want {
			want[k] = v
		}
		for name, v := range b.trailerOf.trailers {
			alg, ok := strings.CutPrefix(name, "x-amz-checksum-")
			if !ok {
				continue
			}
			alg = strings.ToUpper(alg)
			if err := checkTrailerChecksum(alg, v, b.sums); err != nil {
				return err
			}
			want[alg] = v
		}
	}
	got := map[string]string{}
	for alg, h := range b.sums {
		sum := base64.StdEncoding.EncodeToString(h.Sum(nil))
		if w, ok := want[alg]; ok && w != sum {
			// AWS names the algorithm: "The CRC32 you specified ...".
			return newErr("BadDigest", http.StatusBadRequest, "The "+alg+" you specified did not match the calculated checksum.")
		}
		got[alg] = sum
	}
	if len(got) > 0 {
		b.got = got
	}
	return nil
}

// isComplete reports whether r is a CompleteMultipartUpload.
func isComplete(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL.Query().Has("uploadId")
}

// checkTrailerChecksum refuses a checksum trailer that is malformed or
// was not declared in x-amz-trailer: its value could not be checked, as
// the body was hashed only with the algorithms announced before it.
func checkTrailerChecksum(alg, v string, sums map[string]hash.Hash) error {
	h := NewChecksum(alg)
	if h == nil {
		return newErr("InvalidRequest", http.StatusBadRequest, "The algorithm of trailer x-amz-checksum-"+strings.ToLower(alg)+" is not supported.")
	}
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(raw) != h.Size() {
		return newErr("InvalidRequest", http.StatusBadRequest, "Value for x-amz-checksum-"+strings.ToLower(alg)+" trailing header is invalid.")
	}
	if sums[alg] == nil {
		return newErr("InvalidRequest", http.StatusBadRequest, "The trailer x-amz-checksum-"+strings.ToLower(alg)+" was not declared in x-amz-trailer.")
	}
	return nil
}
