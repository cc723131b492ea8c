package iam

import (
	"regexp"
	"strings"
)

var (
	// AWS: user, role and group names are 1–64/128 of [\w+=,.@-].
	entityNameRE  = regexp.MustCompile(`^[\w+=,.@-]+$`)
	accountNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,62}$`)
)

func checkName(what, name string, max int) error {
	if name == "" || len(name) > max || !entityNameRE.MatchString(name) {
		return validationError("The specified value for %sName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_- and be 1 to %d characters long.", what, max)
	}
	return nil
}

// CheckAccountName validates an account name: lower-case letters,
// digits, '.', '_' and '-', 1 to 63 characters, starting with a letter
// or digit (it is the owner id S3 shows).
func CheckAccountName(name string) error {
	if !accountNameRE.MatchString(name) {
		return validationError("invalid account name %q: use 1 to 63 lower-case letters, digits, '.', '_' or '-'", name)
	}
	return nil
}

// normPath checks an IAM path ("/", "/division/team/").
func normPath(p string) (string, error) {
	if p == "" {
		return "/", nil
	}
	if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") || len(p) > 512 {
		return "", validationError("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
	}
	return p, nil
}
