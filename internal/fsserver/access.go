package fsserver

import (
	"net/url"
	"path"
	"strings"
)

// Access is one S3 permission a file operation needs: the same action on
// the same key as the S3 request that would do the same thing, so that a
// policy confining a user to "bucket/team/" confines every file protocol
// (they all come through this API) exactly as it confines S3.
type Access struct {
	Action string // "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"
	Key    string // the object key (for ListBucket: none)
	Prefix string // ListBucket's s3:prefix
}

// list is listing directory dir ("" = the bucket's root).
func list(dir string) Access {
	if dir == "" {
		return Access{Action: "s3:ListBucket"}
	}
	return Access{Action: "s3:ListBucket", Prefix: dir + "/"}
}

// parent is the directory holding p.
func parent(p string) string {
	d := path.Dir(p)
	if d == "." || d == "/" {
		return ""
	}
	return d
}

// accessOf is what operation op on path p (with query q) needs. Looking
// a name up needs the right to list its folder, as a listing shows it;
// reading needs GetObject; any change needs PutObject on the name (a
// folder's key ends with "/"); removal needs DeleteObject; a rename
// reads and deletes the old name and writes the new one, as a copy and a
// delete in S3 would. Locks and the change feed are bucket-wide.
func accessOf(op, p string, q url.Values) []Access {
	p = strings.Trim(p, "/")
	put := Access{Action: "s3:PutObject", Key: p}
	switch op {
	case "stat":
		if q.Get("xattrs") == "1" { // the xattrs are the object's metadata
			return []Access{list(parent(p)), {Action: "s3:GetObject", Key: p}}
		}
		return []Access{list(parent(p))}
	case "list":
		if q.Get("xattrs") == "1" {
			return []Access{list(p), {Action: "s3:GetObject", Key: strings.TrimPrefix(p+"/", "/")}}
		}
		return []Access{list(p)}
	case "read", "xattrs":
		return []Access{{Action: "s3:GetObject", Key: p}}
	case "mkdir":
		return []Access{{Action: "s3:PutObject", Key: p + "/"}}
	case "create", "symlink", "setattr", "truncate", "write", "publish", "setxattr":
		return []Access{put}
	case "link":
		return []Access{{Action: "s3:GetObject", Key: p}, {Action: "s3:PutObject", Key: strings.Trim(q.Get("to"), "/")}}
	case "unlink":
		return []Access{{Action: "s3:DeleteObject", Key: p}}
	case "rmdir":
		return []Access{{Action: "s3:DeleteObject", Key: p + "/"}}
	case "rename":
		return []Access{{Action: "s3:GetObject", Key: p}, {Action: "s3:DeleteObject", Key: p},
			{Action: "s3:PutObject", Key: strings.Trim(q.Get("to"), "/")}}
	}
	return []Access{list("")}
}
