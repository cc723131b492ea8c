package object

import (
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestLatestAndVersion: one pass finds the newest version and the one
// asked for, whether that is the newest, an older one, or absent.
func TestLatestAndVersion(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	e.put(t, "k", []byte("null-0")) // unversioned: the null version
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	e.put(t, "k", []byte("v1"))
	v2 := e.put(t, "k", []byte("v2"))
	_, eng, m2, _ := e.svc.bucket(ctx, "b")
	check := func(want bool, version, wantFound string) {
		t.Helper()
		err := eng.View(ctx, func(r meta.Reader) error {
			latest, found, key, err := latestAndVersion(r, m2, "k", want, version)
			if err != nil {
				return err
			}
			if latest == nil || latest.Info.VersionID != v2.VersionID {
				t.Fatalf("latest = %+v, want %s", latest, v2.VersionID)
			}
			switch {
			case wantFound == "" && (found != nil || key != nil):
				t.Fatalf("found %+v at %q, want none", found, key)
			case wantFound != "" && (found == nil || found.Info.VersionID != wantFound):
				t.Fatalf("found %+v, want %s", found, wantFound)
			case wantFound != "":
				if _, k2, _ := findVersion(r, m2, "k", wantFound); string(k2) != string(key) {
					t.Fatalf("key %q, findVersion's %q", key, k2)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	check(true, strata.NullVersion, strata.NullVersion) // the oldest
	check(true, v2.VersionID, v2.VersionID)             // the newest
	check(false, strata.NullVersion, "")                // not asked
	check(true, "no-such-version", "")

	// Suspended: a write replaces the old null version at the end of
	// the list and leaves v1 and v2.
	if err := e.svc.SetVersioning(ctx, "b", VersioningSuspended); err != nil {
		t.Fatal(err)
	}
	e.put(t, "k", []byte("null-1"))
	vs, err := e.svc.ListVersions(ctx, "b", ListVersionsOptions{MaxKeys: 100})
	if err != nil || len(vs.Versions) != 3 || vs.Versions[0].VersionID != strata.NullVersion || vs.Versions[1].VersionID != v2.VersionID {
		t.Fatalf("versions after a suspended write: %+v %v", vs.Versions, err)
	}
	if got, err := e.read("k", nil); err != nil || string(got) != "null-1" {
		t.Fatalf("read: %q %v", got, err)
	}
}
