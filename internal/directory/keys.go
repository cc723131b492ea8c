package directory

import (
	"encoding/binary"

	"github.com/strata-storage/strata/internal/strata"
)

// Key layout. Root engine (meta0 and meta1):
//
//	m0/<slot:2>                  -> meta1 shard id of the slot
//	m1/c/<cid:32>                -> container record (JSON)
//	m1/b/<bucket name>           -> cid (S3 bucket names are global)
//	m1/a/<account>\x00<bucket>   -> "" (ListBuckets)
//
// A meta2 shard holds, per container, under c/<cid:32>/:
//
//	o/<key>                          -> current version record (absent if the latest is a delete marker)
//	v/<key>\x00<^nanos:8><version>   -> version record, newest first within a key
//	u/<key>\x00<upload id>           -> multipart upload record
//	p/<upload id>/<part:4>           -> part record
//	k/<name>                         -> bucket configuration document
//	i/<key>\x00<version>              -> "" : written with less protection or spread than
//	                                    its policy asks (a placement shortfall), for the improver
//	l/<ino:8><nanos:8>               -> a file's pending log operation (write fragment or
//	                                    truncate), not yet published as its object's content
//	n/<ino:8>                        -> the names of a hard-linked inode
//	x/<ino:8>                        -> the byte-range and flock locks held on an inode
//	w/<nanos:8><rnd:4>               -> change feed: the key a commit changed (trimmed after minutes)
//	q/<key>                          -> the key's last event: sequence number and time
//	s/n/<slot:1>                     -> stored usage counter shard (JSON deltas summed over
//	                                    the UsageSlots slots; each gateway hands them out in turn)
//	s/counted                        -> "": the slots are exact (written by a recount)
//	h/                               -> "": the range holds, or held, a version other than a
//	                                    null one, or a delete marker (written with the first;
//	                                    see Meta2.MarksVersions)
//
// Beside the containers, each meta2 shard holds the per-volume chunk index
// (V/<volume>\x00..., see rdirkeys.go).
//
// Every engine (root and meta2 shards) also holds an event outbox, written
// in the transaction of each change and drained by the relay:
//
//	E/<nanos:8><rnd:4>               -> event JSON (bucket events on the root engine)
//	E!lease                          -> the relay draining this engine, and until when
var (
	meta0Prefix   = []byte("m0/")
	containerPref = []byte("m1/c/")
	bucketPref    = []byte("m1/b/")
	accountPref   = []byte("m1/a/")
)

func meta0Key(slot uint16) []byte {
	return binary.BigEndian.AppendUint16(append([]byte(nil), meta0Prefix...), slot)
}

func containerKey(cid strata.ContainerID) []byte {
	return append(append([]byte(nil), containerPref...), cid[:]...)
}
func bucketKey(name string) []byte { return append(append([]byte(nil), bucketPref...), name...) }
func accountKey(account, bucket string) []byte {
	return append(append(append(append([]byte(nil), accountPref...), account...), 0), bucket...)
}

// Meta2 builds the meta2 keys of one container.
type Meta2 struct {
	prefix []byte
	// Bucket is the container's name, carried for the events its
	// changes write ("" where a Meta2 is built from a bare id).
	Bucket string
	// MarksVersions says that every writer of the container's ranges
	// writes the h/ mark (Versioned) in the transaction of the range's
	// first version other than a null one, or first delete marker, and a
	// split copies it: a range without the mark holds null versions
	// only, so a key without a current record (o/) has no version at
	// all, and a PUT of a new key need not scan v/. Set from
	// Container.VersionMarks; false for containers made before the mark
	// existed, whose ranges may hold versions without it.
	MarksVersions bool
	// MarksSeqs says that the h/ mark also tells whether the range may
	// hold a key's event sequence (q/) without its current record (o/):
	// every writer that notes an event and may leave the key without a
	// current record says so in the mark, and a split copies the mark.
	// Where the mark does not say so, a key without o/ has no q/, and a
	// PUT of a new key need not read it. Set from Container.SeqMarks;
	// false for containers made before, whose ranges may hold such
	// sequences unmarked.
	MarksSeqs bool
	// NoObjectLock says that the container has no Object Lock, so no
	// default retention (k/objectlock) can exist: a PUT then skips that
	// read, a point read that misses in every level of the store. Set
	// from !Container.ObjectLock, which PutLockConfig sets before it
	// writes the configuration and nothing clears; false (read) for a
	// Meta2 built from a bare id.
	NoObjectLock bool
	// route, when set, overrides prefix: a per-key operation that met a
	// moved key range re-routes every copy of its Meta2 (closures hold
	// copies) to the range that owns the key now (see Route).
	route *[]byte
}

func (m Meta2) pre() []byte {
	if m.route != nil {
		return *m.route
	}
	return m.prefix
}

// NewMeta2 returns the key builder of container cid.
func NewMeta2(cid strata.ContainerID) Meta2 {
	p := append([]byte("c/"), cid[:]...)
	return Meta2{prefix: append(p, '/')}
}

// EventSeq is the key of a key's last event sequence number.
func (m Meta2) EventSeq(key string) []byte { return m.with('q', []byte(key)) }

var outboxPref = []byte("E/")

// OutboxKey is an engine's outbox key of an event committed at nanos.
func OutboxKey(nanos int64, rnd uint32) []byte {
	var r [4]byte
	binary.BigEndian.PutUint32(r[:], rnd)
	return append(append(append([]byte(nil), outboxPref...), u64(uint64(nanos))...), r[:]...)
}

// OutboxPrefix is the prefix of an engine's outbox.
func OutboxPrefix() []byte { return append([]byte(nil), outboxPref...) }

// OutboxLease is the key naming the relay that drains an engine's outbox.
func OutboxLease() []byte { return []byte("E!lease") }

func (m Meta2) with(kind byte, parts ...[]byte) []byte {
	pre := m.pre()
	n := len(pre) + 2
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	k = append(append(k, pre...), kind, '/')
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

// All is the prefix of every key of the container.
func (m Meta2) All() []byte { return append([]byte(nil), m.pre()...) }

// Current is the key of the current version of an object.
func (m Meta2) Current(key string) []byte { return m.with('o', []byte(key)) }

// CurrentPrefix is the prefix of current-version keys.
func (m Meta2) CurrentPrefix() []byte { return m.with('o') }

// Version is the key of one version: newest first within an object.
func (m Meta2) Version(key string, nanos int64, version string) []byte {
	var ts [8]byte
	binary.BigEndian.PutUint64(ts[:], ^uint64(nanos))
	return m.with('v', []byte(key), []byte{0}, ts[:], []byte(version))
}

// Versions is the prefix of every version of one object.
func (m Meta2) Versions(key string) []byte { return m.with('v', []byte(key), []byte{0}) }

// VersionPrefix is the prefix of all version keys.
func (m Meta2) VersionPrefix() []byte { return m.with('v') }

// Upload is the key of a multipart upload.
func (m Meta2) Upload(key, uploadID string) []byte {
	return m.with('u', []byte(key), []byte{0}, []byte(uploadID))
}

// UploadPrefix is the prefix of all uploads.
func (m Meta2) UploadPrefix() []byte { return m.with('u') }

// Part is the key of one part of an upload.
func (m Meta2) Part(uploadID string, number int) []byte {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(number))
	return m.with('p', []byte(uploadID), []byte{'/'}, n[:])
}

// Parts is the prefix of the parts of an upload.
func (m Meta2) Parts(uploadID string) []byte { return m.with('p', []byte(uploadID), []byte{'/'}) }

// Improve is the improver-queue key of an object version.
func (m Meta2) Improve(key, version string) []byte {
	return m.with('i', []byte(key), []byte{0}, []byte(version))
}

// ImprovePrefix is the prefix of the improver queue.
func (m Meta2) ImprovePrefix() []byte { return m.with('i') }

// Config is the key of a bucket configuration document.
func (m Meta2) Config(name string) []byte { return m.with('k', []byte(name)) }

// Strip returns the part of a full key after the kind prefix ("o/", "v/", ...).
func (m Meta2) Strip(full []byte) []byte { return full[len(m.pre())+2:] }

func u64(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}

// Pending is the key of one pending log operation of inode ino.
func (m Meta2) Pending(ino uint64, nanos int64) []byte {
	return m.with('l', u64(ino), u64(uint64(nanos)))
}

// PendingPrefix is the prefix of inode ino's pending log operations.
func (m Meta2) PendingPrefix(ino uint64) []byte { return m.with('l', u64(ino)) }

// PendingAll is the prefix of every pending log operation.
func (m Meta2) PendingAll() []byte { return m.with('l') }

// Links is the key of a hard-linked inode's name list.
func (m Meta2) Links(ino uint64) []byte { return m.with('n', u64(ino)) }

// Locks is the key of the locks held on inode ino.
func (m Meta2) Locks(ino uint64) []byte { return m.with('x', u64(ino)) }

// Change is a change-feed key.
func (m Meta2) Change(nanos int64, rnd uint32) []byte {
	var r [4]byte
	binary.BigEndian.PutUint32(r[:], rnd)
	return m.with('w', u64(uint64(nanos)), r[:])
}

// ChangePrefix is the prefix of the change feed.
func (m Meta2) ChangePrefix() []byte { return m.with('w') }

// Versioned is the key of the range's mark: it holds, or held, a version
// other than a null one, or a delete marker (see MarksVersions), or may
// hold a key's event sequence without its current record (MarksSeqs). Its
// value says which: "v", "s", or both (empty, as writers before the "s"
// wrote it: both is the safe reading).
func (m Meta2) Versioned() []byte { return m.with('h') }

// UsageSlots is the number of stored-usage counter slots of a container:
// a write adds its delta to one slot, handed out in turn by its gateway,
// so parallel writers rarely conflict on one key (on a replicated engine,
// and on the embedded one since its commits are optimistic). Growing a
// bucket to 1 M objects with 32 writers, 5.6% of the commits ran again
// with 16 slots picked at random and 1.8% with 64; 0.34% with 64 handed
// out in turn, mostly commits that ran longer than 64 others began, and
// 0.09% with 256 in turn (0.05% over 2 M).
// Readers sum the slots by prefix, so the number can grow without a
// migration; a slot is one byte of its key, so 256 at most.
const UsageSlots = 256

// UsageSlot is the key of one stored-usage counter slot.
func (m Meta2) UsageSlot(slot int) []byte { return m.with('s', []byte{'n', '/', byte(slot)}) }

// UsagePrefix is the prefix of the stored-usage counter slots.
func (m Meta2) UsagePrefix() []byte { return m.with('s', []byte("n/")) }

// UsageCounted marks the counter slots as exact: a recount wrote them,
// and every version change since updated them.
func (m Meta2) UsageCounted() []byte { return m.with('s', []byte("counted")) }
