package iam

import "strings"

// ARNs of IAM entities. Accounts are named by their 12-digit ID.

// AccountARN is the ARN of an account's root user.
func AccountARN(accountID string) string { return "arn:aws:iam::" + accountID + ":root" }

// EntityARN is the ARN of a user, group, role or policy.
func EntityARN(accountID, kind, path, name string) string {
	if path == "" {
		path = "/"
	}
	return "arn:aws:iam::" + accountID + ":" + kind + path + name
}

// AssumedRoleARN is the ARN of an assumed-role session.
func AssumedRoleARN(accountID, role, session string) string {
	return "arn:aws:sts::" + accountID + ":assumed-role/" + role + "/" + session
}

// ParseARN splits "arn:aws:iam::ACCOUNT:KIND/PATH/NAME" into its account
// ID, kind (user, role, group, policy, root) and name (the path dropped).
func ParseARN(arn string) (accountID, kind, name string, ok bool) {
	p := strings.SplitN(arn, ":", 6)
	if len(p) != 6 || p[0] != "arn" || (p[2] != "iam" && p[2] != "sts") {
		return "", "", "", false
	}
	res := p[5]
	if res == "root" {
		return p[4], "root", "", true
	}
	kind, rest, found := strings.Cut(res, "/")
	if !found || rest == "" {
		return "", "", "", false
	}
	if kind == "assumed-role" {
		return p[4], kind, rest, true
	}
	return p[4], kind, rest[strings.LastIndexByte(rest, '/')+1:], true
}
