package restapi

import (
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Listing is one page of objects under a prefix, folded at a delimiter.
type Listing struct {
	Objects  []ObjectEntry `json:"objects"`
	Prefixes []string      `json:"prefixes"`
	// Next is the continuation token of the next page; "" on the last.
	Next string `json:"next,omitempty"`
}

// ObjectEntry is one object of a listing.
type ObjectEntry struct {
	Key          string    `json:"key"`
	Size         int64     `json:"size"`
	ETag         string    `json:"etag"`
	Modified     time.Time `json:"modified"`
	StorageClass string    `json:"storage_class,omitempty"`
}

// maxPage bounds a listing page, as S3 does.
const maxPage = 1000

// pageSize is a listing's ?max, 1 to maxPage (default maxPage).
func pageSize(c *Call) (int, error) {
	max, err := c.QueryInt("max", maxPage)
	if err != nil {
		return 0, err
	}
	if max < 1 || max > maxPage {
		return 0, strata.Errorf("restapi", strata.Invalid, "max is 1..%d", maxPage)
	}
	return max, nil
}

func (a *API) objectRoutes() {
	a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}/objects", Action: "s3:ListBucket", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			max, err := pageSize(c)
			if err != nil {
				return nil, err
			}
			// The token is the last key or prefix of the previous page:
			// each page is one range read, so a folder of 100,000 objects
			// costs the same per page as one of ten.
			res, err := a.opts.Buckets.ListObjects(c.Context(), c.Path("bucket"), object.ListOptions{
				Prefix: c.Query("prefix"), Delimiter: c.Query("delimiter"), Marker: c.Query("continuation"), MaxKeys: max})
			if err != nil {
				return nil, err
			}
			out := Listing{Objects: make([]ObjectEntry, 0, len(res.Objects)), Prefixes: res.CommonPrefixes}
			if out.Prefixes == nil {
				out.Prefixes = []string{}
			}
			for _, o := range res.Objects {
				out.Objects = append(out.Objects, ObjectEntry{Key: o.Key, Size: o.Size, ETag: o.ETag, Modified: o.Modified, StorageClass: o.StorageClass})
			}
			if res.IsTruncated {
				out.Next = res.NextMarker
			}
			return out, nil
		}})
	a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}/objects/{key...}", Action: "s3:GetObject",
		Resource: func(c *Call) (Resource, error) { return a.bucketRes("/" + c.Path("key"))(c) },
		Handle: func(c *Call) (any, error) {
			info, err := a.opts.Buckets.HeadObject(c.Context(), c.Path("bucket"), c.Path("key"), object.GetOptions{VersionID: c.Query("version_id")})
			info.ACL = nil // the protocol's own document
			return info, err
		}})
}
