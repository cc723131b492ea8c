package s3

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/strata-storage/strata/internal/object"
)

func sseHeader(mode, keyID, context, alg, key, sum string) http.Header {
	h := http.Header{}
	for k, v := range map[string]string{hdrSSE: mode, hdrSSEKeyID: keyID, hdrSSEContext: context,
		sseCPrefix + "Algorithm": alg, sseCPrefix + "Key": key, sseCPrefix + "Key-Md5": sum} {
		if v != "" {
			h.Set(k, v)
		}
	}
	return h
}

var (
	testKey    = bytes.Repeat([]byte{9}, 32)
	testKeyB64 = base64.StdEncoding.EncodeToString(testKey)
	testKeyMD5 = func() string { s := md5.Sum(testKey); return base64.StdEncoding.EncodeToString(s[:]) }()
)

func TestParseSSE(t *testing.T) {
	for _, tc := range []struct {
		h    http.Header
		mode string
		code string
	}{
		{sseHeader("", "", "", "", "", ""), "", ""},
		{sseHeader("AES256", "", "", "", "", ""), object.SSEModeS3, ""},
		{sseHeader("aws:kms", "k", "", "", "", ""), object.SSEModeKMS, ""},
		{sseHeader("aws:kms", "k", base64.StdEncoding.EncodeToString([]byte(`{"a":"b"}`)), "", "", ""), object.SSEModeKMS, ""},
		{sseHeader("aws:kms", "k", "not base64", "", "", ""), "", "InvalidArgument"},
		{sseHeader("AES256", "k", "", "", "", ""), "", "InvalidArgument"},
		{sseHeader("", "k", "", "", "", ""), "", "InvalidArgument"},
		{sseHeader("DES", "", "", "", "", ""), "", "InvalidArgument"},
		{sseHeader("", "", "", "AES256", testKeyB64, testKeyMD5), object.SSEModeC, ""},
		{sseHeader("AES256", "", "", "AES256", testKeyB64, testKeyMD5), "", "InvalidArgument"},
		{sseHeader("", "", "", "AES128", testKeyB64, testKeyMD5), "", "InvalidEncryptionAlgorithmError"},
		{sseHeader("", "", "", "AES256", testKeyB64, ""), "", "InvalidArgument"},
		{sseHeader("", "", "", "AES256", testKeyB64, "AAAA"), "", "InvalidArgument"},
		{sseHeader("", "", "", "AES256", "", testKeyMD5), "", "InvalidArgument"},
		{sseHeader("", "", "", "AES256", "c2hvcnQ=", testKeyMD5), "", "InvalidArgument"},
		{sseHeader("", "", "", "", testKeyB64, testKeyMD5), "", "InvalidArgument"},
	} {
		sse, err := parseSSE(tc.h)
		if tc.code != "" {
			if err == nil || toAPIError(err).Code != tc.code {
				t.Errorf("%v: got %v, want %s", tc.h, err, tc.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tc.h, err)
			continue
		}
		if (sse == nil) != (tc.mode == "") || sse != nil && sse.Mode != tc.mode {
			t.Errorf("%v: got %+v, want mode %q", tc.h, sse, tc.mode)
		}
	}
}

// FuzzSSEHeaders: the SSE header and bucket-encryption parsers never
// panic, and whatever they accept is well formed.
func FuzzSSEHeaders(f *testing.F) {
	f.Add("AES256", "", "", "", "", "")
	f.Add("aws:kms", "testkey-1", "eyJhIjoiYiJ9", "", "", "")
	f.Add("", "", "", "AES256", testKeyB64, testKeyMD5)
	f.Add("", "", "", "AES256", testKeyB64, "bad")
	f.Add("<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, mode, keyID, context, alg, key, sum string) {
		h := sseHeader(mode, keyID, context, alg, key, sum)
		sse, err := parseSSE(h)
		if err == nil && sse != nil {
			switch sse.Mode {
			case object.SSEModeC:
				want := md5.Sum(sse.CustomerKey)
				if len(sse.CustomerKey) != 32 || base64.StdEncoding.EncodeToString(want[:]) != h.Get(sseCPrefix+"Key-Md5") {
					t.Fatalf("accepted a bad SSE-C key: %+v", h)
				}
			case object.SSEModeS3, object.SSEModeKMS:
			default:
				t.Fatalf("accepted mode %q", sse.Mode)
			}
		}
		if err != nil && toAPIError(err).Status != 400 {
			t.Fatalf("status %d for bad headers", toAPIError(err).Status)
		}
		if c, err := parseEncryptionConfig([]byte(mode)); err == nil && c.Mode != object.SSEModeS3 && c.Mode != object.SSEModeKMS {
			t.Fatalf("config accepted mode %q", c.Mode)
		}
	})
}
