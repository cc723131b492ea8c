package swift

import (
	"encoding/json"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// serveInfo answers GET /info with the capabilities served.
func (h *Handler) serveInfo(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeError(w, r, errNotAllowed)
		return
	}
	info := map[string]any{
		"swift": map[string]any{
			"version":                   "2.35.0-strata",
			"max_file_size":             h.cfg.MaxObjectSize,
			"max_meta_name_length":      128,
			"max_meta_value_length":     256,
			"max_meta_count":            90,
			"max_meta_overall_size":     4096,
			"max_header_size":           8192,
			"max_object_name_length":    maxNameBytes,
			"container_listing_limit":   maxListing,
			"account_listing_limit":     maxListing,
			"max_container_name_length": 63,
			"max_account_name_length":   256,
			"extra_header_count":        0,
			"strict_cors_mode":          true,
			"allow_account_management":  false,
			"account_autocreate":        true,
			"valid_api_versions":        []string{"v1", "v1.0"},
			"policies":                  []map[string]any{{"name": "Policy-0", "default": true}},
		},
		"tempauth":         map[string]any{"account_acls": false},
		"slo":              map[string]any{"max_manifest_segments": maxSLOSegments, "max_manifest_size": 8 << 20, "min_segment_size": 1, "yield_frequency": 10},
		"bulk_delete":      map[string]any{"max_deletes_per_request": maxBulk, "max_failed_deletes": 1000},
		"bulk_upload":      map[string]any{"max_containers_per_extraction": maxBulk, "max_failed_extractions": 1000},
		"tempurl":          map[string]any{"methods": []string{"GET", "HEAD", "PUT", "POST", "DELETE"}, "allowed_digests": []string{"sha1", "sha256", "sha512"}, "incoming_remove_headers": []string{}, "outgoing_remove_headers": []string{}},
		"formpost":         map[string]any{"allowed_digests": []string{"sha1", "sha256", "sha512"}},
		"versioned_writes": map[string]any{"allowed_flags": []string{"X-Versions-Location", "X-History-Location"}},
		"staticweb":        nil,
	}
	delete(info, "staticweb")
	b, _ := json.Marshal(info)
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		w.Write(b)
	}
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
