package s3

import (
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"strconv"

	"github.com/strata-storage/strata/internal/object"
)

// maxKeys reads a max-keys style parameter (default 1000, capped at 1000).
func (rq *request) maxKeys(name string) (int, error) {
	s := rq.get(name)
	if s == "" {
		return 1000, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, errInvalidArg("Argument " + name + " must be an integer between 0 and 2147483647")
	}
	return min(n, 1000), nil
}

// encoder applies encoding-type=url to names in listings.
func (rq *request) encoder() (func(string) string, string, error) {
	switch et := rq.get("encoding-type"); et {
	case "":
		return func(s string) string { return s }, "", nil
	case "url":
		return urlEncodeName, "url", nil
	default:
		return nil, "", errInvalidArg("Invalid Encoding Method specified in Request")
	}
}

func (rq *request) listV1() error {
	if err := rq.allow(permRead, nil); err != nil {
		return err
	}
	max, err := rq.maxKeys("max-keys")
	if err != nil {
		return err
	}
	enc, et, err := rq.encoder()
	if err != nil {
		return err
	}
	opts := object.ListOptions{Prefix: rq.get("prefix"), Delimiter: rq.get("delimiter"), Marker: rq.get("marker"), MaxKeys: max}
	res, err := rq.h.svc.ListObjects(rq.r.Context(), rq.bucket, opts)
	if err != nil {
		return err
	}
	if max == 0 {
		res.IsTruncated = false
	}
	marker := enc(opts.Marker)
	// v1 returns Prefix as sent: clients decode only Marker, NextMarker,
	// Delimiter and the names (botocore's decode_list_object).
	out := listBucketResult{XMLNS: s3NS, Name: rq.bucket, Prefix: opts.Prefix, Marker: &marker, MaxKeys: max,
		Delimiter: enc(opts.Delimiter), EncodingType: et, IsTruncated: res.IsTruncated}
	if res.IsTruncated && opts.Delimiter != "" {
		out.NextMarker = enc(res.NextMarker)
	}
	rq.fillContents(&out, res, enc, true)
	return rq.writeXML(http.StatusOK, out)
}

func (rq *request) fillContents(out *listBucketResult, res object.ListResult, enc func(string) string, owner bool) {
	for _, o := range res.Objects {
		x := xmlObject{Key: enc(o.Key), LastModified: isoTime(o.Modified), ETag: `"` + o.ETag + `"`, Size: o.Size, StorageClass: storageClass(o)}
		if owner {
			x.Owner = &xmlOwner{ID: o.Owner, DisplayName: o.Owner}
		}
		x.RestoreStatus = rq.restoreStatus(o)
		out.Contents = append(out.Contents, x)
	}
	for _, p := range res.CommonPrefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, xmlPrefix{Prefix: enc(p)})
	}
}

func storageClass(o object.ObjectInfo) string {
	if o.StorageClass == "" {
		return "STANDARD"
	}
	return o.StorageClass
}

func (rq *request) listV2() error {
	if err := rq.allow(permRead, nil); err != nil {
		return err
	}
	max, err := rq.maxKeys("max-keys")
	if err != nil {
		return err
	}
	enc, et, err := rq.encoder()
	if err != nil {
		return err
	}
	opts := object.ListOptions{Prefix: rq.get("prefix"), Delimiter: rq.get("delimiter"), MaxKeys: max}
	token := rq.get("continuation-token")
	if token != "" {
		m, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil {
			return errInvalidArg("The continuation token provided is incorrect")
		}
		opts.Marker = string(m)
	} else if sa := rq.get("start-after"); sa != "" {
		opts.Marker = sa
	}
	res, err := rq.h.svc.ListObjects(rq.r.Context(), rq.bucket, opts)
	if err != nil {
		return err
	}
	if max == 0 {
		res.IsTruncated = false
	}
	count := len(res.Objects) + len(res.CommonPrefixes)
	out := listBucketResult{XMLNS: s3NS, Name: rq.bucket, Prefix: enc(opts.Prefix), MaxKeys: max, KeyCount: &count,
		Delimiter: enc(opts.Delimiter), EncodingType: et, IsTruncated: res.IsTruncated,
		StartAfter: enc(rq.get("start-after"))}
	if rq.has("continuation-token") {
		out.ContinuationToken = &token
	}
	if res.IsTruncated {
		out.NextContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(res.NextMarker))
	}
	rq.fillContents(&out, res, enc, rq.get("fetch-owner") == "true")
	return rq.writeXML(http.StatusOK, out)
}

func (rq *request) listVersions() error {
	if err := rq.allow(permRead, nil); err != nil {
		return err
	}
	max, err := rq.maxKeys("max-keys")
	if err != nil {
		return err
	}
	enc, et, err := rq.encoder()
	if err != nil {
		return err
	}
	opts := object.ListVersionsOptions{Prefix: rq.get("prefix"), Delimiter: rq.get("delimiter"),
		KeyMarker: rq.get("key-marker"), VersionIDMarker: rq.get("version-id-marker"), MaxKeys: max}
	res, err := rq.h.svc.ListVersions(rq.r.Context(), rq.bucket, opts)
	if err != nil {
		return err
	}
	out := listVersionsResult{XMLNS: s3NS, Name: rq.bucket, Prefix: enc(opts.Prefix), KeyMarker: enc(opts.KeyMarker),
		VersionIDMarker: opts.VersionIDMarker, MaxKeys: max, Delimiter: enc(opts.Delimiter), EncodingType: et,
		IsTruncated: res.IsTruncated, NextKeyMarker: enc(res.NextKeyMarker), NextVersionIDMarker: res.NextVersionIDMarker}
	for _, v := range res.Versions {
		x := xmlVersion{Key: enc(v.Key), VersionID: v.VersionID, IsLatest: v.IsLatest, LastModified: isoTime(v.Modified),
			Owner: &xmlOwner{ID: v.Owner, DisplayName: v.Owner}}
		if v.DeleteMarker {
			x.XMLName = xml.Name{Local: "DeleteMarker"}
		} else {
			size := v.Size
			x.XMLName, x.ETag, x.Size, x.StorageClass = xml.Name{Local: "Version"}, `"`+v.ETag+`"`, &size, storageClass(v)
		}
		out.Entries = append(out.Entries, x)
	}
	for _, p := range res.CommonPrefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, xmlPrefix{Prefix: enc(p)})
	}
	return rq.writeXML(http.StatusOK, out)
}

func (rq *request) listUploads() error {
	if err := rq.allow(permRead, nil); err != nil {
		return err
	}
	max, err := rq.maxKeys("max-uploads")
	if err != nil {
		return err
	}
	enc, encType, err := rq.encoder()
	if err != nil {
		return err
	}
	opts := object.ListUploadsOptions{Prefix: rq.get("prefix"), Delimiter: rq.get("delimiter"),
		KeyMarker: rq.get("key-marker"), UploadIDMarker: rq.get("upload-id-marker"), MaxUploads: max}
	res, err := rq.h.svc.ListUploads(rq.r.Context(), rq.bucket, opts)
	if err != nil {
		return err
	}
	out := listUploadsResult{XMLNS: s3NS, Bucket: rq.bucket, KeyMarker: enc(opts.KeyMarker), UploadIDMarker: opts.UploadIDMarker,
		NextKeyMarker: enc(res.NextKeyMarker), NextUploadIDMarker: res.NextUploadIDMarker, Prefix: enc(opts.Prefix),
		Delimiter: enc(opts.Delimiter), MaxUploads: max, IsTruncated: res.IsTruncated, EncodingType: encType}
	for _, u := range res.Uploads {
		o := xmlOwner{ID: u.Options.Owner, DisplayName: u.Options.Owner}
		out.Uploads = append(out.Uploads, xmlUpload{Key: enc(u.Key), UploadID: u.UploadID, Initiator: o, Owner: o,
			StorageClass: "STANDARD", Initiated: isoTime(u.Initiated)})
	}
	for _, p := range res.CommonPrefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, xmlPrefix{Prefix: enc(p)})
	}
	return rq.writeXML(http.StatusOK, out)
}
