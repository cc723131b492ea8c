package s3

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Server-side encryption headers. The object service encrypts; this file
// only reads what the client asks for and reports what was done.
const (
	hdrSSE         = "X-Amz-Server-Side-Encryption"
	hdrSSEKeyID    = "X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id"
	hdrSSEContext  = "X-Amz-Server-Side-Encryption-Context"
	hdrSSEBucket   = "X-Amz-Server-Side-Encryption-Bucket-Key-Enabled"
	sseCPrefix     = "X-Amz-Server-Side-Encryption-Customer-"
	copySSECPrefix = "X-Amz-Copy-Source-Server-Side-Encryption-Customer-"
)

func init() {
	codeStatus["InvalidEncryptionAlgorithmError"] = 400
	codeStatus["KMS.DisabledException"] = 400
	codeStatus["KMS.NotFoundException"] = 400
	codeStatus["AccessDenied"] = 403
}

// sseOptions is the encryption of a new object: what the headers ask
// for, else the bucket's default encryption.
func (rq *request) sseOptions() (*object.SSE, error) {
	sse, err := parseSSE(rq.r.Header)
	if err != nil || sse != nil {
		return sse, err
	}
	doc, err := rq.h.svc.GetBucketConfig(rq.r.Context(), rq.bucket, "encryption")
	if strata.Is(err, strata.NotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseEncryptionConfig(doc)
}

// parseSSE reads the SSE headers of a write; nil means none were sent.
func parseSSE(h http.Header) (*object.SSE, error) {
	ssec, err := customerKey(h, sseCPrefix)
	if err != nil {
		return nil, err
	}
	mode := h.Get(hdrSSE)
	if ssec != nil {
		if mode != "" || h.Get(hdrSSEKeyID) != "" {
			return nil, errInvalidArg("Server Side Encryption with Customer provided key is incompatible with the encryption method specified")
		}
		return ssec, nil
	}
	switch mode {
	case "":
		if h.Get(hdrSSEKeyID) != "" || h.Get(hdrSSEContext) != "" {
			return nil, errInvalidArg("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms")
		}
		return nil, nil
	case object.SSEModeS3:
		if h.Get(hdrSSEKeyID) != "" || h.Get(hdrSSEContext) != "" {
			return nil, errInvalidArg("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms")
		}
		return &object.SSE{Mode: object.SSEModeS3}, nil
	case object.SSEModeKMS:
		sse := &object.SSE{Mode: object.SSEModeKMS, KeyID: strings.TrimSpace(h.Get(hdrSSEKeyID)),
			BucketKey: strings.EqualFold(h.Get(hdrSSEBucket), "true")}
		if c := h.Get(hdrSSEContext); c != "" {
			raw, err := base64.StdEncoding.DecodeString(c)
			if err != nil || json.Unmarshal(raw, &sse.Context) != nil {
				return nil, errInvalidArg("The x-amz-server-side-encryption-context header must be base64-encoded JSON of string pairs")
			}
		}
		return sse, nil
	}
	return nil, errInvalidArg("The encryption method specified is not supported")
}

// customerKey reads SSE-C headers (prefix: of the object, or of a copy
// source); nil when absent. The key's MD5 must match the one sent.
func customerKey(h http.Header, prefix string) (*object.SSE, error) {
	alg, key, sum := h.Get(prefix+"Algorithm"), h.Get(prefix+"Key"), h.Get(prefix+"Key-Md5")
	if alg == "" && key == "" && sum == "" {
		return nil, nil
	}
	if alg == "" {
		return nil, errInvalidArg("Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.")
	}
	if alg != "AES256" {
		return nil, errorf("InvalidEncryptionAlgorithmError", 400, "The encryption request you specified is not valid. The valid value is AES256.")
	}
	if key == "" {
		return nil, errInvalidArg("Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.")
	}
	raw, err := base64.StdEncoding.DecodeString(key)
	if err != nil || len(raw) != 32 {
		return nil, errInvalidArg("The secret key was invalid for the specified algorithm.")
	}
	if sum == "" {
		return nil, errInvalidArg("Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.")
	}
	want := md5.Sum(raw)
	if got, err := base64.StdEncoding.DecodeString(sum); err != nil || string(got) != string(want[:]) {
		return nil, errInvalidArg("The calculated MD5 hash of the key did not match the hash that was provided.")
	}
	return &object.SSE{Mode: object.SSEModeC, CustomerKey: raw}, nil
}

// sseExplicit says whether the request names an encryption (a copy onto
// itself is then legal: it changes the encryption).
func sseExplicit(h http.Header) bool {
	return h.Get(hdrSSE) != "" || h.Get(sseCPrefix+"Algorithm") != ""
}

// setSSEHeaders reports a version's encryption as S3 does.
func (rq *request) setSSEHeaders(info object.ObjectInfo) {
	if info.SSE == nil {
		return
	}
	h := rq.w.Header()
	switch info.SSE.Mode {
	case object.SSEModeS3:
		h.Set(hdrSSE, object.SSEModeS3)
	case object.SSEModeKMS:
		h.Set(hdrSSE, object.SSEModeKMS)
		h.Set(hdrSSEKeyID, info.SSE.KeyID)
		if info.SSE.BucketKey {
			h.Set(hdrSSEBucket, "true")
		}
	case object.SSEModeC:
		h.Set(sseCPrefix+"Algorithm", "AES256")
		if sum := rq.r.Header.Get(sseCPrefix + "Key-Md5"); sum != "" {
			h.Set(sseCPrefix+"Key-Md5", sum)
		}
	}
}

// sseInfoOf is the report of a requested encryption (before any version
// exists, e.g. CreateMultipartUpload).
func sseInfoOf(sse *object.SSE) *object.SSEInfo {
	if sse == nil {
		return nil
	}
	info := &object.SSEInfo{Mode: sse.Mode, KeyID: sse.KeyID, BucketKey: sse.BucketKey}
	if sse.Mode == object.SSEModeKMS && info.KeyID == "" {
		info.KeyID = defaultKMSKey
	}
	return info
}

// defaultKMSKey is the key SSE-KMS uses when none is named (kms.SSES3Key).
const defaultKMSKey = "strata-sse-s3"

// encryptionConfig is PutBucketEncryption's document.
type encryptionConfig struct {
	XMLName xml.Name `xml:"ServerSideEncryptionConfiguration"`
	Rules   []struct {
		Default *struct {
			Algorithm string `xml:"SSEAlgorithm"`
			KeyID     string `xml:"KMSMasterKeyID"`
		} `xml:"ApplyServerSideEncryptionByDefault"`
		BucketKey bool `xml:"BucketKeyEnabled"`
	} `xml:"Rule"`
}

// parseEncryptionConfig returns the default encryption a bucket's
// configuration asks for.
func parseEncryptionConfig(doc []byte) (*object.SSE, error) {
	var c encryptionConfig
	if xml.Unmarshal(doc, &c) != nil || len(c.Rules) != 1 || c.Rules[0].Default == nil {
		return nil, errMalformedXML
	}
	r := c.Rules[0]
	switch r.Default.Algorithm {
	case object.SSEModeS3:
		if r.Default.KeyID != "" {
			return nil, errInvalidArg("a KMSMasterKeyID is only allowed with the aws:kms algorithm")
		}
		return &object.SSE{Mode: object.SSEModeS3, BucketKey: r.BucketKey}, nil
	case object.SSEModeKMS:
		return &object.SSE{Mode: object.SSEModeKMS, KeyID: r.Default.KeyID, BucketKey: r.BucketKey}, nil
	}
	return nil, errMalformedXML
}

func validateEncryption(doc []byte) error {
	_, err := parseEncryptionConfig(doc)
	return err
}
