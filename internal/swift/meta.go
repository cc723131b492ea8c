package swift

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// containerConfig is the bucket configuration document that holds a
// container's Swift state.
const containerConfig = "swift"

// containerDoc is a container's Swift state: metadata, ACLs and the
// versioning location.
type containerDoc struct {
	Meta     map[string]string `json:"meta,omitempty"` // X-Container-Meta-* by lower-case name
	Read     string            `json:"read,omitempty"`
	Write    string            `json:"write,omitempty"`
	Versions string            `json:"versions,omitempty"` // X-Versions-Location
	History  string            `json:"history,omitempty"`  // X-History-Location
}

// containerDoc reads a container's Swift state (zero when none).
func (rq *request) containerDoc(bucket string) (containerDoc, error) {
	var d containerDoc
	raw, err := rq.h.cfg.Objects.GetBucketConfig(rq.ctx, bucket, containerConfig)
	if err != nil {
		if strata.Is(err, strata.NotExist) {
			return d, nil
		}
		return d, err
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, strata.E("swift.containerDoc", strata.Corrupt, err)
	}
	return d, nil
}

func (rq *request) putContainerDoc(bucket string, d containerDoc) error {
	raw, _ := json.Marshal(d)
	return rq.h.cfg.Objects.PutBucketConfig(rq.ctx, bucket, containerConfig, raw)
}

// accountKey is where an account's metadata lives in the root engine.
func accountKey(account string) []byte { return []byte("W/a/" + account) }

// accountMeta reads X-Account-Meta-* of an account.
func (h *Handler) accountMeta(ctx context.Context, account string) (map[string]string, error) {
	m := map[string]string{}
	if h.cfg.Root == nil {
		return m, nil
	}
	err := h.cfg.Root.View(ctx, func(r meta.Reader) error {
		raw, err := r.Get(accountKey(account))
		if err != nil {
			return err
		}
		return json.Unmarshal(raw, &m)
	})
	if err != nil && !strata.Is(err, strata.NotExist) {
		return nil, err
	}
	return m, nil
}

// updateAccountMeta applies the request's metadata headers to the account.
func (h *Handler) updateAccountMeta(ctx context.Context, account string, hdr http.Header) error {
	if h.cfg.Root == nil {
		return strata.Errorf("swift.accountMeta", strata.Unavailable, "no metadata engine")
	}
	return h.cfg.Root.Update(ctx, func(tx meta.Txn) error {
		m := map[string]string{}
		if raw, err := tx.Get(accountKey(account)); err == nil {
			json.Unmarshal(raw, &m)
		}
		applyMeta(m, hdr, "Account")
		if len(m) == 0 {
			return tx.Delete(accountKey(account))
		}
		raw, _ := json.Marshal(m)
		return tx.Set(accountKey(account), raw)
	})
}

// applyMeta applies X-<Kind>-Meta-* (an empty value removes) and
// X-Remove-<Kind>-Meta-* headers to m, keyed by lower-case name.
func applyMeta(m map[string]string, hdr http.Header, kind string) {
	set := "x-" + strings.ToLower(kind) + "-meta-"
	rm := "x-remove-" + strings.ToLower(kind) + "-meta-"
	for k, vs := range hdr {
		lk := strings.ToLower(k)
		v := ""
		if len(vs) > 0 {
			v = vs[0]
		}
		switch {
		case strings.HasPrefix(lk, set) && len(lk) > len(set):
			if v == "" {
				delete(m, lk[len(set):])
			} else {
				m[lk[len(set):]] = v
			}
		case strings.HasPrefix(lk, rm) && len(lk) > len(rm):
			delete(m, lk[len(rm):])
		}
	}
}

// metaTooLarge applies Swift's default metadata limits: 90 items, 4 KiB
// in all, names of 128 bytes and values of 256.
func metaTooLarge(m map[string]string) bool {
	total := 0
	for k, v := range m {
		if len(k) > 128 || len(v) > 256 {
			return true
		}
		total += len(k) + len(v)
	}
	return len(m) > 90 || total > 4096
}

// writeMeta sets X-<Kind>-Meta-* response headers.
func writeMeta(h http.Header, kind string, m map[string]string) {
	for k, v := range m {
		h["X-"+kind+"-Meta-"+canonical(k)] = []string{v}
	}
}

// canonical capitalises each dash-separated word of a header name.
func canonical(s string) string { return http.CanonicalHeaderKey(s) }

func constantEqual(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
