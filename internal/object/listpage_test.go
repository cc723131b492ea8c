package object

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

// Listings decode every record into one reused record: what one listing
// returned must not change with later listings, every entry carries its
// own fields, and a listing of nothing returns no slice, as before.
func TestListPagesAreTheirOwn(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	if err := e.svc.SetVersioning(ctx, "b", "Enabled"); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		body := []byte(fmt.Sprint("body ", i))
		if _, err := e.svc.PutObject(ctx, "b", fmt.Sprintf("k%02d", i%10), bytes.NewReader(body),
			PutOptions{Size: int64(len(body)), Headers: map[string]string{"Content-Type": fmt.Sprint("t/", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	first, err := e.svc.ListObjects(ctx, "b", ListOptions{MaxKeys: 4})
	if err != nil || len(first.Objects) != 4 || !first.IsTruncated || first.NextMarker != "k03" {
		t.Fatalf("first page: %+v, %v", first, err)
	}
	kept := append([]ObjectInfo(nil), first.Objects...)
	for _, o := range first.Objects {
		if o.Bucket != "b" || !o.IsLatest || o.Headers["Content-Type"] == "" || o.Size == 0 {
			t.Fatalf("listed %+v", o)
		}
	}
	versions, err := e.svc.ListVersions(ctx, "b", ListVersionsOptions{MaxKeys: 30})
	if err != nil || len(versions.Versions) != 30 {
		t.Fatalf("versions: %d, %v", len(versions.Versions), err)
	}
	latest := 0
	for _, v := range versions.Versions {
		if v.IsLatest {
			latest++
		}
	}
	if latest != 10 {
		t.Fatalf("%d versions marked latest, want 10", latest)
	}
	if _, err := e.svc.ListObjects(ctx, "b", ListOptions{Marker: "k05", MaxKeys: 1000}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first.Objects, kept) {
		t.Fatalf("a later listing changed an earlier page:\n%+v\n%+v", first.Objects, kept)
	}
	none, err := e.svc.ListObjects(ctx, "b", ListOptions{Prefix: "absent"})
	if err != nil || none.Objects != nil || none.IsTruncated {
		t.Fatalf("empty listing: %+v, %v", none, err)
	}
}

// A page grows to its limit in three steps at most, and a small listing
// gets a small page.
func TestAppendListedGrowth(t *testing.T) {
	for _, limit := range []int{1, 5, 32, 33, 300, 1000} {
		var page []ObjectInfo
		allocs := 0
		for i := range limit {
			before := cap(page)
			page = appendListed(page, &ObjectInfo{Key: fmt.Sprint(i)}, limit)
			if cap(page) != before {
				allocs++
			}
			if cap(page) > limit {
				t.Fatalf("limit %d: a page of %d has room for %d", limit, len(page), cap(page))
			}
			if len(page) <= 32 && cap(page) > 32 {
				t.Fatalf("limit %d: %d entries on a page of %d", limit, len(page), cap(page))
			}
		}
		if allocs > 3 || page[limit-1].Key != fmt.Sprint(limit-1) || page[0].Key != "0" {
			t.Fatalf("limit %d: %d allocations, page ends %q", limit, allocs, page[limit-1].Key)
		}
	}
}
