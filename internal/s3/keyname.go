package s3

import "unicode/utf8"

var errInvalidURI = errorf("InvalidURI", 400, "Couldn't parse the specified URI.")

// checkKeyName refuses object keys S3 cannot parse out of a URI: bytes
// that are not UTF-8, and the C1 control characters (U+0080..U+009F),
// which no text encoding a client would use produces on purpose. Other
// characters, C0 controls such as '\n' included, are valid in keys.
func checkKeyName(key string) error {
	if !utf8.ValidString(key) {
		return errInvalidURI
	}
	for _, r := range key {
		if r >= 0x80 && r <= 0x9f {
			return errInvalidURI
		}
	}
	return nil
}
