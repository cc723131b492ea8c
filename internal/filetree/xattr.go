package filetree

import "strings"

// XattrKept reports whether a file keeps an xattr of this name: the
// user, trusted and security namespaces, except the two kinds of name
// the kernel or a tool asks of every file that a mount cannot honour:
//   - POSIX ACLs (system.posix_acl_*, and system.* at large): a mount
//     does not enforce them, so keeping them would only mislead;
//   - SELinux labels (security.selinux): SELinux labels a FUSE file
//     system from its policy or the mount's context= option, never
//     from the file's xattr.
//
// Every door refuses these names with EOPNOTSUPP. Where a missing value
// (ENODATA) says "supported, none set", EOPNOTSUPP says "not on this file
// system", which tools remember: ls -l stops asking after the first name
// of the device instead of making two requests per name.
func XattrKept(name string) bool {
	if name == "security.selinux" {
		return false
	}
	return strings.HasPrefix(name, "user.") || strings.HasPrefix(name, "trusted.") || strings.HasPrefix(name, "security.")
}
