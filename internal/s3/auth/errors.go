package auth

import "net/http"

func newErr(code string, status int, msg string) *Error {
	return &Error{Code: code, Message: msg, Status: status}
}

func errMalformed(msg string) *Error {
	return newErr("AuthorizationHeaderMalformed", http.StatusBadRequest, "The authorization header is malformed; "+msg)
}

func errQuery(msg string) *Error {
	return newErr("AuthorizationQueryParametersError", http.StatusBadRequest, msg)
}

var (
	errSignature = newErr("SignatureDoesNotMatch", http.StatusForbidden,
		"The request signature we calculated does not match the signature you provided. Check your key and signing method.")
	errAccessKey = newErr("InvalidAccessKeyId", http.StatusForbidden,
		"The AWS access key Id you provided does not exist in our records.")
	errSkew = newErr("RequestTimeTooSkewed", http.StatusForbidden,
		"The difference between the request time and the server's time is too large.")
	errExpired = newErr("AccessDenied", http.StatusForbidden, "Request has expired")
	errPayload = newErr("XAmzContentSHA256Mismatch", http.StatusBadRequest,
		"The provided 'x-amz-content-sha256' header does not match what was computed.")
	errIncomplete = newErr("IncompleteBody", http.StatusBadRequest,
		"You did not provide the number of bytes specified by the Content-Length HTTP header.")
	errChunk = newErr("InvalidRequest", http.StatusBadRequest, "Malformed aws-chunked encoding.")
)
