package restapi

import (
	"time"

	"github.com/strata-storage/strata/internal/object"
)

// Versions is one page of object versions (delete markers included),
// newest first within a key.
type Versions struct {
	Versions []VersionEntry `json:"versions"`
	Prefixes []string       `json:"prefixes"`
	// NextKey and NextVersion continue the listing; "" on the last page.
	NextKey     string `json:"next_key,omitempty"`
	NextVersion string `json:"next_version,omitempty"`
}

// VersionEntry is one version of a listing.
type VersionEntry struct {
	Key          string    `json:"key"`
	VersionID    string    `json:"version_id"`
	IsLatest     bool      `json:"is_latest"`
	DeleteMarker bool      `json:"delete_marker,omitempty"`
	Size         int64     `json:"size"`
	ETag         string    `json:"etag,omitempty"`
	Modified     time.Time `json:"modified"`
}

func (a *API) versionRoutes() {
	a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}/versions", Action: "s3:ListBucketVersions", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			max, err := pageSize(c)
			if err != nil {
				return nil, err
			}
			res, err := a.opts.Buckets.ListVersions(c.Context(), c.Path("bucket"), object.ListVersionsOptions{
				Prefix: c.Query("prefix"), Delimiter: c.Query("delimiter"), KeyMarker: c.Query("key_marker"),
				VersionIDMarker: c.Query("version_marker"), MaxKeys: max})
			if err != nil {
				return nil, err
			}
			out := Versions{Versions: make([]VersionEntry, 0, len(res.Versions)), Prefixes: res.CommonPrefixes}
			if out.Prefixes == nil {
				out.Prefixes = []string{}
			}
			for _, v := range res.Versions {
				out.Versions = append(out.Versions, VersionEntry{Key: v.Key, VersionID: v.VersionID, IsLatest: v.IsLatest,
					DeleteMarker: v.DeleteMarker, Size: v.Size, ETag: v.ETag, Modified: v.Modified})
			}
			if res.IsTruncated {
				out.NextKey, out.NextVersion = res.NextKeyMarker, res.NextVersionIDMarker
			}
			return out, nil
		}})
}
