package s3

// awsMessages are the messages AWS S3 sends with its error codes, word
// for word (some end with a period and some do not, as in S3). Clients
// and test suites compare them, so errors whose cause comes from the
// object service (in its own words) are answered with these.
var awsMessages = map[string]string{
	"AccessDenied":                 "Access Denied",
	"BadDigest":                    "The Content-MD5 you specified did not match what we received.",
	"BucketAlreadyExists":          "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
	"BucketAlreadyOwnedByYou":      "Your previous request to create the named bucket succeeded and you already own it.",
	"BucketNotEmpty":               "The bucket you tried to delete is not empty",
	"EntityTooLarge":               "Your proposed upload exceeds the maximum allowed object size.",
	"EntityTooSmall":               "Your proposed upload is smaller than the minimum allowed object size.",
	"IncompleteBody":               "You did not provide the number of bytes specified by the Content-Length HTTP header.",
	"InvalidPart":                  "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
	"InvalidPartNumber":            "The requested partnumber is not satisfiable",
	"InvalidPartOrder":             "The list of parts was not in ascending order. Parts must be ordered by part number.",
	"InvalidRange":                 "The requested range is not satisfiable",
	"InvalidStorageClass":          "The storage class you specified is not valid",
	"KeyTooLongError":              "Your key is too long",
	"MalformedXML":                 "The XML you provided was not well-formed or did not validate against our published schema.",
	"MethodNotAllowed":             "The specified method is not allowed against this resource.",
	"NoSuchBucket":                 "The specified bucket does not exist",
	"NoSuchKey":                    "The specified key does not exist.",
	"NoSuchUpload":                 "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
	"NoSuchVersion":                "The specified version does not exist.",
	"NotImplemented":               "A header you provided implies functionality that is not implemented",
	"PreconditionFailed":           "At least one of the pre-conditions you specified did not hold",
	"InternalError":                "We encountered an internal error. Please try again.",
	"NoSuchBucketPolicy":           "The bucket policy does not exist",
	"NoSuchTagSet":                 "The TagSet does not exist",
	"NoSuchCORSConfiguration":      "The CORS configuration does not exist",
	"NoSuchLifecycleConfiguration": "The lifecycle configuration does not exist",
	"ServerSideEncryptionConfigurationNotFoundError": "The server side encryption configuration was not found",
	"OwnershipControlsNotFoundError":                 "The bucket ownership controls were not found",
	"NoSuchPublicAccessBlockConfiguration":           "The public access block configuration was not found",
}

// awsError is the error of code with AWS's message for it.
func awsError(code string, status int) *apiError {
	return errorf(code, status, awsMessages[code])
}

// causeMessage is the message for an error the object service named by
// its S3 code: AWS's own, where the cause is one AWS words one way.
func causeMessage(code, cause string) string {
	switch code {
	case "InvalidArgument", "InvalidRequest", "InvalidBucketState", "MalformedXML":
		return cause // the cause says what was wrong
	}
	if m, ok := awsMessages[code]; ok {
		return m
	}
	return cause
}
