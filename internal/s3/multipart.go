package s3

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

func (rq *request) createUpload() error {
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	opts, err := rq.putOptions()
	if err != nil {
		return err
	}
	if alg := rq.r.Header.Get("X-Amz-Checksum-Algorithm"); alg != "" {
		opts.Checksums = map[string]string{strings.ToUpper(alg): ""}
		rq.w.Header().Set("X-Amz-Checksum-Algorithm", strings.ToUpper(alg))
	}
	if err := rq.createChecksumType(&opts); err != nil {
		return err
	}
	up, err := rq.h.svc.CreateUpload(rq.r.Context(), rq.bucket, rq.key, opts)
	if err != nil {
		return err
	}
	rq.setSSEHeaders(object.ObjectInfo{SSE: sseInfoOf(opts.SSE)})
	return rq.writeXML(http.StatusOK, initiateMultipartUploadResult{XMLNS: s3NS, Bucket: rq.bucket, Key: rq.key, UploadID: up.UploadID})
}

func (rq *request) partNumber() (int, error) {
	n, err := strconv.Atoi(rq.get("partNumber"))
	if err != nil || n < 1 || n > object.MaxParts {
		return 0, errInvalidArg("Part number must be an integer between 1 and 10000, inclusive")
	}
	return n, nil
}

func (rq *request) uploadPart() error {
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	n, err := rq.partNumber()
	if err != nil {
		return err
	}
	if rq.r.Header.Get("X-Amz-Copy-Source") != "" {
		return rq.uploadPartCopy(n)
	}
	opts := object.PutOptions{Size: rq.bodySize(), FinalChecksums: rq.body.Checksums}
	if opts.SSE, err = customerKey(rq.r.Header, sseCPrefix); err != nil {
		return err
	}
	if md := rq.r.Header.Get("Content-Md5"); md != "" {
		o, err := rq.putOptions()
		if err != nil {
			return err
		}
		opts.ContentMD5 = o.ContentMD5
	}
	if opts.Size > 5<<30 {
		return awsError("EntityTooLarge", 400)
	}
	p, err := rq.h.svc.UploadPart(rq.r.Context(), rq.bucket, rq.key, rq.get("uploadId"), n, rq.body, opts)
	if err != nil {
		return err
	}
	rq.setSSEHeaders(object.ObjectInfo{SSE: p.SSE})
	rq.w.Header().Set("ETag", `"`+p.ETag+`"`)
	for alg, v := range rq.body.Checksums() {
		rq.w.Header().Set("X-Amz-Checksum-"+alg, v)
	}
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

func (rq *request) uploadPartCopy(n int) error {
	var rng *object.Range
	if cr := rq.r.Header.Get("X-Amz-Copy-Source-Range"); cr != "" {
		spec, ok := strings.CutPrefix(cr, "bytes=")
		a, b, ok2 := strings.Cut(spec, "-")
		start, err1 := strconv.ParseInt(a, 10, 64)
		end, err2 := strconv.ParseInt(b, 10, 64)
		if !ok || !ok2 || err1 != nil || err2 != nil || end < start {
			return errInvalidArg("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
		}
		rng = &object.Range{Start: start, End: end}
	}
	info, rc, err := rq.openSource(rng)
	if err != nil {
		if strata.Is(err, strata.Invalid) && rng != nil {
			return errorf("InvalidRange", 416, "The specified copy range is invalid for the source object size")
		}
		return err
	}
	defer rc.Close()
	size := info.Size
	if rng != nil {
		size = rng.End - rng.Start + 1
	}
	dst, err := customerKey(rq.r.Header, sseCPrefix)
	if err != nil {
		return err
	}
	p, err := rq.h.svc.UploadPart(rq.r.Context(), rq.bucket, rq.key, rq.get("uploadId"), n, rc, object.PutOptions{Size: size, SSE: dst})
	if err != nil {
		return err
	}
	rq.setSSEHeaders(object.ObjectInfo{SSE: p.SSE})
	return rq.writeXML(http.StatusOK, copyPartResult{XMLNS: s3NS, LastModified: isoTime(p.Modified), ETag: `"` + p.ETag + `"`})
}

func (rq *request) completeUpload() error {
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	var req completeMultipartUpload
	if err := rq.readXML(&req, 4<<20); err != nil {
		return err
	}
	if len(req.Parts) == 0 {
		return errMalformedXML
	}
	parts := completeParts(req)
	opts := object.PutOptions{IfNoneMatch: rq.r.Header.Get("If-None-Match"), IfMatch: rq.r.Header.Get("If-Match")}
	if err := rq.completeChecksums(&req, &opts); err != nil {
		return err
	}
	var err error
	if opts.SSE, err = customerKey(rq.r.Header, sseCPrefix); err != nil {
		return err
	}
	info, err := rq.h.svc.CompleteUpload(rq.r.Context(), rq.bucket, rq.key, rq.get("uploadId"), parts, opts)
	if err != nil {
		return err
	}
	if info.VersionID != "" && info.VersionID != strata.NullVersion {
		rq.w.Header().Set("X-Amz-Version-Id", info.VersionID)
	}
	rq.setSSEHeaders(info)
	return rq.writeXML(http.StatusOK, completeMultipartUploadResult{XMLNS: s3NS, Location: "/" + rq.bucket + "/" + rq.key,
		Bucket: rq.bucket, Key: rq.key, ETag: `"` + info.ETag + `"`,
		checksumFields: newChecksumFields(info.Checksums), ChecksumType: checksumType(info)})
}

func (rq *request) abortUpload() error {
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	if err := rq.h.svc.AbortUpload(rq.r.Context(), rq.bucket, rq.key, rq.get("uploadId")); err != nil {
		return err
	}
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}

func (rq *request) listParts() error {
	if err := rq.allow(permRead, nil); err != nil {
		return err
	}
	max, err := rq.maxKeys("max-parts")
	if err != nil {
		return err
	}
	marker, _ := strconv.Atoi(rq.get("part-number-marker"))
	res, err := rq.h.svc.ListParts(rq.r.Context(), rq.bucket, rq.key, rq.get("uploadId"), marker, max)
	if err != nil {
		return err
	}
	o := xmlOwner{ID: res.Upload.Options.Owner, DisplayName: res.Upload.Options.Owner}
	out := listPartsResult{XMLNS: s3NS, Bucket: rq.bucket, Key: rq.key, UploadID: rq.get("uploadId"), Initiator: o, Owner: o,
		StorageClass: "STANDARD", PartNumberMarker: marker, NextPartNumberMarker: res.NextPartNumberMarker, MaxParts: max,
		IsTruncated: res.IsTruncated}
	for _, p := range res.Parts {
		out.Parts = append(out.Parts, xmlPart{PartNumber: p.Number, LastModified: isoTime(p.Modified), ETag: `"` + p.ETag + `"`, Size: p.Size,
			checksumFields: newChecksumFields(p.Checksums)})
	}
	return rq.writeXML(http.StatusOK, out)
}
