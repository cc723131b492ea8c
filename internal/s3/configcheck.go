package s3

import (
	"errors"
	"fmt"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// The functions below let other doors (the native REST API) store bucket
// settings under exactly the rules S3 applies, without going through an
// S3 request. Their errors are strata.Invalid, with the S3 code first in
// the message ("MalformedPolicy: ...").

// CheckBucketConfig validates a configuration document (policy JSON, or
// the S3 XML of tagging, cors, lifecycle, encryption, publicAccessBlock,
// ownershipControls) for bucket, and returns the document to store
// (lifecycle rules get their IDs).
func CheckBucketConfig(bucket, name string, doc []byte) ([]byte, error) {
	if _, ok := bucketConfigs[name]; !ok {
		return nil, strata.Errorf("s3.CheckBucketConfig", strata.Invalid, "no bucket setting %q", name)
	}
	err := validateConfig(name, doc)
	if err == nil && name == "policy" {
		err = checkPolicyResources(doc, bucket)
	}
	if err == nil && name == "lifecycle" {
		doc, err = withRuleIDs(doc)
	}
	return doc, invalid(err)
}

// PolicyIsPublic reports whether a bucket policy grants to everyone (a
// public access block with BlockPublicPolicy refuses it).
func PolicyIsPublic(doc []byte) bool { return policyIsPublic(doc) }

// ParsePublicAccessBlock reads a bucket's publicAccessBlock document.
func ParsePublicAccessBlock(doc []byte) iam.PublicAccessBlock { return parsePublicAccessBlock(doc) }

// ValidBucketName reports whether name is a valid bucket name.
func ValidBucketName(name string) bool { return validBucketName(name) }

func invalid(err error) error {
	var ae *apiError
	if errors.As(err, &ae) {
		return strata.E("s3", strata.Invalid, fmt.Errorf("%s: %s", ae.Code, ae.Message))
	}
	return err
}
