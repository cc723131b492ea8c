package s3

var errBucketAlreadyExists = errorf("BucketAlreadyExists", 409,
	"The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.")

// recreateChangesACL reports whether a CreateBucket by the owner of an
// existing bucket would change its ACL: either the request carries one,
// or the bucket has a non-default one. us-east-1 answers 200 to a plain
// re-create, but refuses one that would leave the ACL ambiguous.
func (rq *request) recreateChangesACL(hasACL bool) bool {
	if hasACL {
		return true
	}
	_, err := rq.h.svc.GetBucketConfig(rq.r.Context(), rq.bucket, "acl")
	return err == nil
}
