package s3

import "testing"

// TestDecodeACLMemo: a memoized ACL decodes as the first time did, and a
// caller changing its copy changes no later decode.
func TestDecodeACLMemo(t *testing.T) {
	doc := []byte(`{"owner":"alice","grants":[{"id":"alice","perm":"FULL_CONTROL"},{"uri":"` + allUsersURI + `","perm":"READ"}]}`)
	first := decodeACL(doc, "bob")
	first.Grants[0].Perm = permRead
	first.Grants = append(first.Grants, grant{ID: "mallory", Perm: permFull})
	for range 2 {
		a := decodeACL(doc, "bob")
		if a.Owner != "alice" || len(a.Grants) != 2 || a.Grants[0].Perm != permFull || !a.grants("", true, permRead) {
			t.Fatalf("decoded %+v", a)
		}
		a.Grants[1].URI = ""
	}
	if a := decodeACL(nil, "bob"); a.Owner != "bob" || len(a.Grants) != 1 {
		t.Fatalf("no ACL stored: %+v", a)
	}
	if a := decodeACL([]byte("{"), "bob"); a.Owner != "bob" {
		t.Fatalf("a damaged ACL: %+v", a)
	}
}
