package s3

import (
	"encoding/xml"
	"net"
	"net/http"
	"regexp"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/website"
)

var bucketNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// validBucketName applies S3's naming rules.
func validBucketName(name string) bool {
	if !bucketNameRE.MatchString(name) || strings.Contains(name, "..") ||
		strings.Contains(name, ".-") || strings.Contains(name, "-.") || net.ParseIP(name) != nil {
		return false
	}
	return !strings.HasPrefix(name, "xn--") && !strings.HasSuffix(name, "-s3alias") && !object.ReservedBucketNames[name]
}

func (rq *request) listBuckets() error {
	if err := rq.accountAction("s3:ListAllMyBuckets"); err != nil {
		return err
	}
	bs, err := rq.h.svc.ListBuckets(rq.r.Context(), rq.ident.Account)
	if err != nil {
		return err
	}
	out := listAllMyBuckets{XMLNS: s3NS, Owner: xmlOwner{ID: rq.ident.Account, DisplayName: rq.ident.Account}}
	max, err := rq.maxKeys("max-buckets")
	if err != nil {
		return err
	}
	after := rq.get("continuation-token")
	for i, b := range bs {
		if b.Name <= after {
			continue
		}
		if len(out.Buckets) == max && rq.has("max-buckets") {
			out.ContinuationToken = bs[i-1].Name
			break
		}
		out.Buckets = append(out.Buckets, xmlBucket{Name: b.Name, CreationDate: isoTime(b.Created)})
	}
	return rq.writeXML(http.StatusOK, out)
}

func (rq *request) createBucket() error {
	if err := rq.accountAction("s3:CreateBucket"); err != nil {
		return err
	}
	if !validBucketName(rq.bucket) {
		return errorf("InvalidBucketName", 400, "The specified bucket is not valid.")
	}
	var cfg createBucketConfiguration
	if rq.r.ContentLength != 0 {
		if err := rq.readXML(&cfg, 64<<10); err != nil && rq.body.Size() > 0 {
			return err
		}
	}
	if cfg.LocationConstraint != "" && cfg.LocationConstraint != rq.h.cfg.Region {
		return errorf("InvalidLocationConstraint", 400, "The specified location-constraint is not valid.")
	}
	a, hasACL, err := aclFromHeaders(rq.r.Header, rq.ident.Account, rq.ident.Account)
	if err != nil {
		return err
	}
	if err := rq.checkGrantees(a); err != nil {
		return err
	}
	ownership, err := ownershipFromHeader(rq.r.Header)
	if err != nil {
		return err
	}
	b := object.Bucket{Name: rq.bucket, Account: rq.ident.Account, Region: cfg.LocationConstraint,
		ObjectLock: strings.EqualFold(rq.r.Header.Get("X-Amz-Bucket-Object-Lock-Enabled"), "true")}
	if b.ObjectLock {
		b.Versioning = object.VersioningEnabled
	}
	if err := rq.h.svc.CreateBucket(rq.r.Context(), b); err != nil {
		if strata.Is(err, strata.Exist) && strings.Contains(err.Error(), "BucketAlreadyOwnedByYou") {
			if rq.recreateChangesACL(hasACL) {
				return errBucketAlreadyExists
			}
			// us-east-1 answers 200 to a re-create by the owner, as AWS does.
			if rq.h.cfg.Region == "us-east-1" {
				rq.w.Header().Set("Location", "/"+rq.bucket)
				rq.w.WriteHeader(http.StatusOK)
				return nil
			}
		}
		return err
	}
	if hasACL {
		if err := rq.h.svc.PutBucketConfig(rq.r.Context(), rq.bucket, "acl", encodeACL(a)); err != nil {
			return err
		}
	}
	if ownership != nil {
		if err := rq.h.svc.PutBucketConfig(rq.r.Context(), rq.bucket, "ownershipControls", ownership); err != nil {
			return err
		}
	}
	rq.w.Header().Set("Location", "/"+rq.bucket)
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

func (rq *request) deleteBucket() error {
	if err := rq.ownerOnly(); err != nil {
		return err
	}
	err := rq.h.svc.DeleteBucket(rq.r.Context(), rq.bucket)
	if strata.Is(err, strata.NotEmpty) && rq.abortUploadsOfEmptyBucket() {
		err = rq.h.svc.DeleteBucket(rq.r.Context(), rq.bucket)
	}
	if err != nil {
		return err
	}
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}

// abortUploadsOfEmptyBucket aborts the multipart uploads in progress in a
// bucket that holds no version, as AWS does when such a bucket is deleted
// (an upload alone does not make a bucket "not empty" there). It reports
// whether there was anything to abort; a bucket with versions keeps its
// uploads.
func (rq *request) abortUploadsOfEmptyBucket() bool {
	ctx := rq.r.Context()
	vs, err := rq.h.svc.ListVersions(ctx, rq.bucket, object.ListVersionsOptions{MaxKeys: 1})
	if err != nil || len(vs.Versions) > 0 {
		return false
	}
	aborted := false
	opts := object.ListUploadsOptions{MaxUploads: 1000}
	for {
		ups, err := rq.h.svc.ListUploads(ctx, rq.bucket, opts)
		if err != nil {
			return aborted
		}
		for _, u := range ups.Uploads {
			if err := rq.h.svc.AbortUpload(ctx, rq.bucket, u.Key, u.UploadID); err != nil && !strata.Is(err, strata.NotExist) {
				return aborted
			}
			aborted = true
		}
		if !ups.IsTruncated {
			return aborted
		}
		opts.KeyMarker, opts.UploadIDMarker = ups.NextKeyMarker, ups.NextUploadIDMarker
	}
}

// ownerOnly checks an action that no ACL grants: the bucket owner's
// (and, with IAM, whom the policies allow).
func (rq *request) ownerOnly() error { return rq.authorize("", nil) }

func (rq *request) location() error {
	if err := rq.ownerOnly(); err != nil {
		return err
	}
	b, err := rq.h.svc.GetBucket(rq.r.Context(), rq.bucket)
	if err != nil {
		return err
	}
	loc := b.Region // set only when the bucket was created with a LocationConstraint, as in S3
	return rq.writeXML(http.StatusOK, locationConstraint{XMLNS: s3NS, Value: loc})
}

func (rq *request) versioning() error {
	if err := rq.ownerOnly(); err != nil {
		return err
	}
	ctx := rq.r.Context()
	switch rq.r.Method {
	case http.MethodGet:
		b, err := rq.h.svc.GetBucket(ctx, rq.bucket)
		if err != nil {
			return err
		}
		return rq.writeXML(http.StatusOK, versioningConfiguration{XMLNS: s3NS, Status: b.Versioning})
	case http.MethodPut:
		var vc versioningConfiguration
		if err := rq.readXML(&vc, 64<<10); err != nil {
			return err
		}
		if vc.Status != object.VersioningEnabled && vc.Status != object.VersioningSuspended {
			return errMalformedXML
		}
		if err := rq.h.svc.SetVersioning(ctx, rq.bucket, vc.Status); err != nil {
			return err
		}
		rq.w.WriteHeader(http.StatusOK)
		return nil
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}

// bucketConfigs are the sub-resources kept as documents, with the error
// a GET answers when the document is not set.
var bucketConfigs = map[string]*apiError{
	"tagging":           awsError("NoSuchTagSet", 404),
	"cors":              awsError("NoSuchCORSConfiguration", 404),
	"policy":            awsError("NoSuchBucketPolicy", 404),
	"lifecycle":         awsError("NoSuchLifecycleConfiguration", 404),
	"encryption":        awsError("ServerSideEncryptionConfigurationNotFoundError", 404),
	"ownershipControls": awsError("OwnershipControlsNotFoundError", 404),
	"publicAccessBlock": awsError("NoSuchPublicAccessBlockConfiguration", 404),
}

func (rq *request) bucketConfig(name string, missing *apiError) error {
	ctx := rq.r.Context()
	if err := rq.ownerOnly(); err != nil {
		return err
	}
	switch rq.r.Method {
	case http.MethodGet:
		doc, err := rq.h.svc.GetBucketConfig(ctx, rq.bucket, name)
		if strata.Is(err, strata.NotExist) {
			return missing
		}
		if err != nil {
			return err
		}
		ct := "application/xml"
		if name == "policy" {
			ct = "application/json"
		}
		rq.w.Header().Set("Content-Type", ct)
		rq.w.WriteHeader(http.StatusOK)
		rq.w.Write(doc)
		return nil
	case http.MethodPut:
		doc, err := readLimited(rq.body, 1<<20)
		if err != nil {
			return err
		}
		if err := validateConfig(name, doc); err != nil {
			return err
		}
		if name == "policy" {
			if err := checkPolicyResources(doc, rq.bucket); err != nil {
				return err
			}
			if rq.h.cfg.IAM != nil && rq.publicAccessBlock().BlockPublicPolicy && policyIsPublic(doc) {
				return errAccessDenied
			}
		}
		if name == "ownershipControls" {
			if err := rq.checkOwnershipChange(doc); err != nil {
				return err
			}
		}
		if name == "lifecycle" {
			if doc, err = withRuleIDs(doc); err != nil {
				return err
			}
		}
		if err := rq.h.svc.PutBucketConfig(ctx, rq.bucket, name, doc); err != nil {
			return err
		}
		status := http.StatusOK
		if name == "tagging" || name == "policy" {
			status = http.StatusNoContent
		}
		rq.w.WriteHeader(status)
		return nil
	case http.MethodDelete:
		if err := rq.h.svc.DeleteBucketConfig(ctx, rq.bucket, name); err != nil {
			return err
		}
		rq.w.WriteHeader(http.StatusNoContent)
		return nil
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}

// validateConfig checks a configuration document before it is stored.
func validateConfig(name string, doc []byte) error {
	switch name {
	case "policy":
		return validatePolicy(doc)
	case "tagging":
		var t tagging
		if xml.Unmarshal(doc, &t) != nil {
			return errMalformedXML
		}
		_, err := tagsFromXML(t)
		return err
	case "cors":
		c, err := parseCORS(doc)
		if err != nil {
			return err
		}
		if len(c.Rules) == 0 {
			return errMalformedXML
		}
		return nil
	case "lifecycle":
		if err := validateLifecycle(doc); err != nil {
			return err
		}
		return checkLifecycleDates(doc)
	case "encryption":
		return validateEncryption(doc)
	case website.ConfigName:
		return validateWebsite(doc)
	default:
		var v struct{}
		if xml.Unmarshal(doc, &v) != nil {
			return errMalformedXML
		}
	}
	return nil
}
