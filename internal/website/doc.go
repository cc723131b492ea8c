// Package website is the static website endpoint of buckets, as S3's
// s3-website endpoints: anonymous GET and HEAD of a bucket's objects
// under the bucket's website configuration (index and error documents,
// redirects, routing rules), answered in HTML rather than S3 XML.
//
// It is a thin adapter over the object service (internal/object). It
// owns the WebsiteConfiguration document: the S3 gateway validates
// PutBucketWebsite with ParseDocument and stores the document as the
// bucket setting "website"; this endpoint reads it on every request.
// Authorization is not decided here: an Authorizer (the S3 gateway)
// decides each read exactly as an anonymous S3 GetObject, so bucket
// policies, ACLs and public access blocks govern both doors alike.
package website
