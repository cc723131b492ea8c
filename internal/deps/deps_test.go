package deps

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const mod = "github.com/strata-storage/strata/internal/"

// protocols are the doors clients speak. Each is its own folder; none may
// import another. (The native REST API is the operator's door: it stores
// the same bucket documents as S3 and validates them with S3's rules, so
// it may import internal/s3.)
var protocols = []string{"s3", "swift", "fuse", "nfs", "sftp", "ftp", "webdav", "smb"}

// fileDoors serve the file view; they reach the storage through the file
// API (fsapi → the gateway's fsserver), never the object service itself,
// so that every one of them is authorized and published the same way.
var fileDoors = []string{"vfs", "shares", "fuse", "nfs", "sftp", "ftp", "webdav", "smb", "fsapi", "filetree"}

// adapters are the layers above the object service.
var adapters = []string{"vfs", "shares", "fsapi", "fsserver", "restapi", "console", "iamapi", "s3control", "server", "cli"}

// shared are sub-packages of a door that the other doors use too.
var shared = map[string]bool{"s3/auth": true}

// rules: package → packages it must not import, directly or not.
func rules() map[string][]string {
	r := map[string][]string{
		"blob":      append(slices.Clone(protocols), "object", "directory", "meta", "vfs", "server"),
		"meta":      {"directory", "object", "blob"},
		"directory": {"object", "blob"},
		"filetree":  {"object", "meta", "directory", "blob", "vfs", "fsapi"},
		"object":    append(slices.Clone(protocols), adapters...),
		"tier":      append(slices.Clone(protocols), "object", "directory", "blob", "server"), // a client of remote tiers, under the object service
		// The website endpoint reads objects itself and is authorized
		// through an interface the S3 gateway implements: it imports no door.
		"website": append(slices.Clone(protocols), "server", "cli"),
	}
	for _, p := range protocols {
		for _, q := range protocols {
			// SMB is Samba over Strata's FUSE mount, by design: the one
			// protocol built on another.
			if p != q && !(p == "smb" && q == "fuse") {
				r[p] = append(r[p], q)
			}
		}
	}
	for _, d := range fileDoors {
		r[d] = append(r[d], "object", "directory", "meta", "blob", "fsserver")
	}
	return r
}

// TestLayers fails when a package imports what its layer must not. A
// rule on a package that does not exist (yet) is skipped.
func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Deps " "}}`, "github.com/strata-storage/strata/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := map[string]map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		set := map[string]bool{}
		for _, d := range f[1:] {
			if rest, ok := strings.CutPrefix(d, mod); ok {
				set[rest] = true
			}
		}
		if rest, ok := strings.CutPrefix(f[0], mod); ok {
			deps[rest] = set
		}
	}
	for _, must := range []string{"blob", "meta", "object", "s3", "vfs", "fuse", "fsapi"} {
		if deps[must] == nil {
			t.Fatalf("go list did not list %s: the test no longer sees the tree", must)
		}
	}
	checked := 0
	for pkg, banned := range rules() {
		got, ok := deps[pkg]
		if !ok {
			continue
		}
		checked++
		for _, b := range banned {
			if got[b] {
				t.Errorf("%s imports %s (directly or through another package): its layer must not", pkg, b)
			}
			// Sub-packages of a banned layer are the layer too, but for the
			// shared ones (request signing is every HTTP door's).
			for d := range got {
				if strings.HasPrefix(d, b+"/") && !strings.HasPrefix(pkg, b+"/") && !shared[d] {
					t.Errorf("%s imports %s: its layer must not import %s", pkg, d, b)
				}
			}
		}
	}
	t.Logf("%d packages checked", checked)
}
