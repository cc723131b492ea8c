// Package tieringtest is the tiering demonstration of issue 13 ("What
// must be shown": Tiering), end to end on a real in-process node on
// loopback whose volumes are in two pools, ssd and archive:
//
//   - 1,000 objects (STRATA_TIERING_OBJECTS to change it) written over S3
//     in STANDARD (ssd, TWOCOPIES) move to GLACIER (archive, EC2+1) under a
//     one-day transition rule, by the node's own lifecycle scanner with a
//     one-second lifecycle day;
//   - the volume folders are walked, and every chunk file's header says
//     whose fragment it is: all of them end in the archive pool, none in
//     ssd; HEAD shows GLACIER with the ETag and version id unchanged;
//   - GET is refused with InvalidObjectState until RestoreObject, then
//     returns the same bytes (SHA-256);
//   - a FUSE mount lists every file with its size, and reading an
//     unrestored one fails with the archive errno (ENODATA);
//   - a version under COMPLIANCE retention survives an expiration rule
//     that removes its unlocked sibling;
//   - at the end of its retention, expiration removes an archived and
//     restored object's data from every volume, and each step of the
//     object's life is one S3 event;
//   - the same on a 3-node cluster (in-process, etcd) partly driven by
//     awscli: one archive fragment per node, restores asked on one
//     gateway and read on another.
//
// The test logs its figures (time of the transitions, bytes moved, time
// of the restores) on lines starting with "tiering:".
package tieringtest
