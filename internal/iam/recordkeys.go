package iam

import "strings"

// Record keys in the root engine. Every IAM record lives under "I/", so
// one prefix watch follows them all.
const prefix = "I/"

// Prefix is the root-engine prefix of every IAM record.
func Prefix() []byte { return []byte(prefix) }

func accountKey(name string) []byte { return []byte(prefix + "a/" + name) }

// IAM names are case-insensitive (AWS: "Alice" and "alice" are one
// user), so records are keyed by the lower-cased name and keep the name
// as created.
func userKey(account, name string) []byte { return []byte(prefix + "u/" + account + "/" + lower(name)) }
func groupKey(account, name string) []byte {
	return []byte(prefix + "g/" + account + "/" + lower(name))
}
func roleKey(account, name string) []byte { return []byte(prefix + "r/" + account + "/" + lower(name)) }
func policyKey(account, name string) []byte {
	return []byte(prefix + "p/" + account + "/" + lower(name))
}
func oidcKey(account, host string) []byte { return []byte(prefix + "o/" + account + "/" + lower(host)) }
func accessKeyKey(id string) []byte       { return []byte(prefix + "k/" + id) }
func keyUseKey(id string) []byte          { return []byte(prefix + "l/" + id) }

// recordKind splits a record key into its kind letter and the rest.
func recordKind(key []byte) (kind byte, rest string, ok bool) {
	s, ok := strings.CutPrefix(string(key), prefix)
	if !ok || len(s) < 3 || s[1] != '/' {
		return 0, "", false
	}
	return s[0], s[2:], true
}
