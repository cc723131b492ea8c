package swift

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// versionPrefix is where an object's old versions go in the versions
// container: the name's length (3 hex digits) then the name, as Swift.
func versionPrefix(key string) string { return fmt.Sprintf("%03x%s/", len(key), key) }

// archive copies the current version of key, if any, to the container's
// versions (X-Versions-Location) or history (X-History-Location)
// container before it is overwritten (or, in history mode, deleted).
func (rq *request) archive(bucket, key string, deleting bool) error {
	d, err := rq.containerDoc(bucket)
	if err != nil || (d.Versions == "" && d.History == "") {
		return err
	}
	loc := d.Versions
	if loc == "" {
		loc = d.History
	} else if deleting {
		return nil // stack mode: DELETE restores instead
	}
	info, err := rq.h.cfg.Objects.HeadObject(rq.ctx, bucket, key, object.GetOptions{})
	if strata.Is(err, strata.NotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := rq.bucket(loc); err != nil {
		return err
	}
	// No permission check on the versions container: its owner (the
	// container's account, checked above) chose it as the location, and
	// whoever may write the object may archive it there, as in Swift.
	_, body, err := rq.h.cfg.Objects.GetObject(rq.ctx, bucket, key, object.GetOptions{})
	if err != nil {
		return err
	}
	defer body.Close()
	name := versionPrefix(key) + strconv.FormatFloat(float64(info.Modified.UnixNano())/1e9, 'f', 5, 64)
	opts := object.PutOptions{Size: info.Size, Headers: info.Headers, UserMeta: info.UserMeta, Owner: info.Owner,
		Event: "ObjectCreated:Copy"}
	_, err = rq.h.cfg.Objects.PutObject(rq.ctx, loc, name, body, opts)
	return err
}

// restoreVersion, in stack mode, moves the newest archived version of
// the request's object back in place after a delete.
func (rq *request) restoreVersion() (bool, error) {
	d, err := rq.containerDoc(rq.container)
	if err != nil || d.Versions == "" {
		return false, err
	}
	res, err := rq.h.cfg.Objects.ListObjects(rq.ctx, d.Versions,
		object.ListOptions{Prefix: versionPrefix(rq.object), MaxKeys: 1000})
	if err != nil || len(res.Objects) == 0 {
		if strata.Is(err, strata.NotExist) {
			err = nil
		}
		return false, err
	}
	last := res.Objects[len(res.Objects)-1]
	for res.IsTruncated {
		res, err = rq.h.cfg.Objects.ListObjects(rq.ctx, d.Versions,
			object.ListOptions{Prefix: versionPrefix(rq.object), MaxKeys: 1000, Marker: res.NextMarker})
		if err != nil {
			return false, err
		}
		if len(res.Objects) > 0 {
			last = res.Objects[len(res.Objects)-1]
		}
	}
	info, body, err := rq.h.cfg.Objects.GetObject(rq.ctx, d.Versions, last.Key, object.GetOptions{})
	if err != nil {
		return false, err
	}
	defer body.Close()
	opts := object.PutOptions{Size: info.Size, Headers: info.Headers, UserMeta: info.UserMeta, Owner: info.Owner,
		Event: "ObjectCreated:Copy"}
	if _, err := rq.h.cfg.Objects.PutObject(rq.ctx, rq.container, rq.object, body, opts); err != nil {
		return false, err
	}
	_, err = rq.h.cfg.Objects.DeleteObject(rq.ctx, d.Versions, last.Key, "")
	return true, err
}

// deleteMarker records a delete in the history container (history
// mode): an empty object typed application/x-deleted, as Swift writes.
func (rq *request) deleteMarker(bucket, key string) error {
	d, err := rq.containerDoc(bucket)
	if err != nil || d.History == "" {
		return err
	}
	if _, err := rq.bucket(d.History); err != nil {
		return err
	}
	name := versionPrefix(key) + strconv.FormatFloat(float64(time.Now().UnixNano())/1e9, 'f', 5, 64)
	opts := object.PutOptions{Size: 0, Owner: rq.account,
		Headers: map[string]string{"Content-Type": "application/x-deleted;swift_versions_deleted=1"}}
	_, err = rq.h.cfg.Objects.PutObject(rq.ctx, d.History, name, strings.NewReader(""), opts)
	return err
}
