package object

import (
	"bytes"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// TestReplicaVersionsOutOfOrder: replicas arriving newest first keep
// their ids and are listed in the order of their source times; the
// current version is the newest; a repeat is a no-op; another body under
// an existing id is a conflict; an old delete marker stays history.
func TestReplicaVersionsOutOfOrder(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now().Add(-time.Hour)
	put := func(id string, at time.Time, body string) (ObjectInfo, error) {
		c := WithReplicaVersion(WithReplica(ctx, "site-a"), id, at)
		return e.svc.PutObject(c, "b", "k", bytes.NewReader([]byte(body)), PutOptions{Size: int64(len(body))})
	}
	for _, v := range []struct {
		id string
		at time.Duration
	}{{"v3", 3 * time.Second}, {"v1", time.Second}, {"v2", 2 * time.Second}} {
		if _, err := put(v.id, t0.Add(v.at), "body "+v.id); err != nil {
			t.Fatalf("put %s: %v", v.id, err)
		}
	}
	if _, err := put("v2", t0.Add(2*time.Second), "body v2"); err != nil {
		t.Fatalf("repeated replica: %v", err)
	}
	if _, err := put("v2", t0.Add(2*time.Second), "other"); !strata.Is(err, strata.Conflict) {
		t.Fatalf("other bytes under an existing id: %v, want Conflict", err)
	}
	old := WithReplicaVersion(WithReplica(ctx, "site-a"), "m0", t0)
	if res, err := e.svc.DeleteObject(old, "b", "k", ""); err != nil || res.VersionID != "m0" {
		t.Fatalf("old replicated marker: %+v %v", res, err)
	}
	vs, err := e.svc.ListVersions(ctx, "b", ListVersionsOptions{MaxKeys: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs.Versions {
		got = append(got, v.VersionID)
	}
	if want := "[v3 v2 v1 m0]"; len(got) != 4 || !vs.Versions[0].IsLatest || vs.Versions[0].Modified.UnixNano() != t0.Add(3*time.Second).UnixNano() || fmtList(got) != want {
		t.Fatalf("versions %v (latest %v), want %s with v3 latest at its source time", got, vs.Versions[0].IsLatest, want)
	}
	if b, err := e.read("k", nil); err != nil || string(b) != "body v3" {
		t.Fatalf("current: %q %v, want body v3", b, err)
	}
	if info, _ := e.svc.HeadObject(ctx, "b", "k", GetOptions{VersionID: "v1"}); info.Replication != ReplicationReplica {
		t.Fatalf("replica status %q, want REPLICA", info.Replication)
	}
}

// TestReplicaVersionNeedsVersioning: an unversioned bucket refuses a
// replica's version id rather than dropping it.
func TestReplicaVersionNeedsVersioning(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	c := WithReplicaVersion(WithReplica(ctx, "site-a"), "v1", time.Now())
	if _, err := e.svc.PutObject(c, "b", "k", bytes.NewReader([]byte("x")), PutOptions{Size: 1}); !strata.Is(err, strata.Invalid) {
		t.Fatalf("replica version in an unversioned bucket: %v, want Invalid", err)
	}
}

func fmtList(l []string) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, s := range l {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	b.WriteByte(']')
	return b.String()
}
