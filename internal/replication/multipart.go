package replication

import (
	"context"
	"io"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// putParts writes a multipart version as a multipart upload of the same
// part sizes, so the replica has the source's ETag (MD5 of the parts'
// MD5s): the replicator compares versions by ETag.
func (r *remote) putParts(ctx context.Context, info object.ObjectInfo, body io.Reader, class, origin string, seen state) error {
	in := r.putInput(info, nil, class)
	cin := &s3.CreateMultipartUploadInput{Bucket: in.Bucket, Key: in.Key, Metadata: in.Metadata,
		ContentType: in.ContentType, ContentEncoding: in.ContentEncoding, ContentDisposition: in.ContentDisposition,
		ContentLanguage: in.ContentLanguage, CacheControl: in.CacheControl, Expires: in.Expires,
		StorageClass: in.StorageClass, Tagging: in.Tagging, ObjectLockMode: in.ObjectLockMode,
		ObjectLockRetainUntilDate: in.ObjectLockRetainUntilDate, ObjectLockLegalHoldStatus: in.ObjectLockLegalHoldStatus}
	up, err := r.c.CreateMultipartUpload(ctx, cin, replicaOpt(origin))
	if err != nil {
		return err
	}
	abort := func() {
		r.c.AbortMultipartUpload(context.WithoutCancel(ctx), &s3.AbortMultipartUploadInput{Bucket: in.Bucket, Key: in.Key, UploadId: up.UploadId})
	}
	var done []types.CompletedPart
	for i, size := range info.PartSizes {
		rd, cleanup, err := spool(io.LimitReader(body, size), size)
		if err != nil {
			abort()
			return err
		}
		n := int32(i + 1)
		out, err := r.c.UploadPart(ctx, &s3.UploadPartInput{Bucket: in.Bucket, Key: in.Key, UploadId: up.UploadId,
			PartNumber: &n, Body: rd, ContentLength: aws.Int64(size)})
		cleanup()
		if err != nil {
			abort()
			return err
		}
		done = append(done, types.CompletedPart{ETag: out.ETag, PartNumber: &n})
	}
	ifMatch, ifNoneMatch := seen.cond()
	_, err = r.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: in.Bucket, Key: in.Key,
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done},
		IfMatch: ifMatch, IfNoneMatch: ifNoneMatch}, seen.opt(origin))
	if err != nil {
		abort()
	}
	return err
}

// spool makes a seekable copy of size bytes of rd (signing over plain
// http needs one): in memory up to memLimit, else in a temporary file.
func spool(rd io.Reader, size int64) (io.ReadSeeker, func(), error) {
	if size <= memLimit {
		b := make([]byte, size)
		if _, err := io.ReadFull(rd, b); err != nil {
			return nil, nil, err
		}
		return bytesReader(b), func() {}, nil
	}
	f, err := os.CreateTemp("", "strata-replica-*")
	if err != nil {
		return nil, nil, strata.E("replication.spool", strata.Internal, err)
	}
	cleanup := func() { f.Close(); os.Remove(f.Name()) }
	if n, err := io.Copy(f, rd); err != nil || n != size {
		cleanup()
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, nil, err
	}
	return f, cleanup, nil
}
