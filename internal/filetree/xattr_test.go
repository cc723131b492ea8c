package filetree

import "testing"

func TestXattrKept(t *testing.T) {
	for name, want := range map[string]bool{
		"user.k":                   true,
		"trusted.overlay.opaque":   true,
		"security.capability":      true,
		"security.selinux":         false,
		"system.posix_acl_access":  false,
		"system.posix_acl_default": false,
		"system.nfs4_acl":          false,
		"os2.x":                    false,
		"user":                     false,
		"":                         false,
	} {
		if got := XattrKept(name); got != want {
			t.Errorf("XattrKept(%q) = %v, want %v", name, got, want)
		}
	}
}
