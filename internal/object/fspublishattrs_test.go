package object

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
)

// outboxNames counts the events waiting in the bucket's outbox by name.
func outboxNames(t *testing.T, e *env) map[string]int {
	t.Helper()
	_, eng, _, _ := e.svc.bucket(ctx, "b")
	names := map[string]int{}
	err := eng.View(ctx, func(r meta.Reader) error {
		p := directory.OutboxPrefix()
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var ev event.Event
			if err := json.Unmarshal(it.Value(), &ev); err != nil {
				return err
			}
			names[ev.Name]++
		}
		return it.Error()
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestFSWriteSetAttrOneVersion: attribute changes sent with a publish go
// into the published version, under every name of the inode, as one
// event per name; with nothing to publish they are still applied.
func TestFSWriteSetAttrOneVersion(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	if _, err := e.svc.FSCreate(ctx, "b", "f", FileAttr{Mode: 0o100600}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.FSLink(ctx, "b", "f", "g"); err != nil {
		t.Fatal(err)
	}
	before := outboxNames(t, e)
	mode, uid, mtime := uint32(0o640), uint32(1234), int64(1_700_000_000_000_000_000)
	body := []byte("hello")
	ent, err := e.svc.FSWriteSetAttr(ctx, "b", "f", []Run{{Off: 0, Len: int64(len(body))}}, bytes.NewReader(body), 0,
		SetAttr{Mode: &mode, Uid: &uid, Mtime: &mtime})
	if err != nil {
		t.Fatal(err)
	}
	if ent.Mode&0o7777 != mode || ent.Uid != uid || ent.Mtime != mtime || ent.Size != int64(len(body)) {
		t.Fatalf("entry %+v: want mode %o uid %d mtime %d size %d", ent, mode, uid, mtime, len(body))
	}
	for _, name := range []string{"f", "g"} {
		st, err := e.svc.FSStat(ctx, "b", name)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode&0o7777 != mode || st.Uid != uid || st.Mtime != mtime || st.Size != int64(len(body)) {
			t.Fatalf("%s: %+v: want mode %o uid %d mtime %d", name, st, mode, uid, mtime)
		}
		if got := e.get(t, name); !bytes.Equal(got, body) {
			t.Fatalf("%s: S3 reads %q", name, got)
		}
	}
	after := outboxNames(t, e)
	if d := after[event.ObjectCreatedPut] - before[event.ObjectCreatedPut]; d != 2 {
		t.Errorf("%d ObjectCreated events for the publish of two names, want 2 (%v -> %v)", d, before, after)
	}
	if d := after[event.ObjectMetadataChanged] - before[event.ObjectMetadataChanged]; d != 0 {
		t.Errorf("%d metadata events: the held changes should ride in the published version", d)
	}

	// Nothing pending: the changes still apply.
	mode2 := uint32(0o604)
	if ent, err = e.svc.FSPublishSetAttr(ctx, "b", "f", 0, SetAttr{Mode: &mode2}); err != nil {
		t.Fatal(err)
	}
	if st, err := e.svc.FSStat(ctx, "b", "g"); err != nil || ent.Mode&0o7777 != mode2 || st.Mode&0o7777 != mode2 {
		t.Fatalf("publish with nothing pending: entry mode %o, g mode %o (%v), want %o", ent.Mode, st.Mode, err, mode2)
	}
}

// TestFSParentTimesNoEvent: a create or unlink moves its directory's
// times (in the change feed) without an S3 event for the directory.
func TestFSParentTimesNoEvent(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	if _, err := e.svc.FSMkdir(ctx, "b", "d", FileAttr{Mode: 0o40755}); err != nil {
		t.Fatal(err)
	}
	d0, err := e.svc.FSStat(ctx, "b", "d")
	if err != nil {
		t.Fatal(err)
	}
	before := outboxNames(t, e)
	if _, err := e.svc.FSCreate(ctx, "b", "d/f", FileAttr{Mode: 0o100644}, true); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.FSUnlink(ctx, "b", "d/f"); err != nil {
		t.Fatal(err)
	}
	after := outboxNames(t, e)
	if d := after[event.ObjectMetadataChanged] - before[event.ObjectMetadataChanged]; d != 0 {
		t.Errorf("%d metadata events for the directory's times, want 0 (%v -> %v)", d, before, after)
	}
	if after[event.ObjectCreatedPut]-before[event.ObjectCreatedPut] != 1 || after[event.ObjectRemovedDelete]-before[event.ObjectRemovedDelete] != 1 {
		t.Errorf("events %v -> %v: want one created and one removed", before, after)
	}
	d1, err := e.svc.FSStat(ctx, "b", "d")
	if err != nil || d1.Mtime <= d0.Mtime {
		t.Fatalf("directory mtime %d -> %d (%v): want it moved on", d0.Mtime, d1.Mtime, err)
	}
}
