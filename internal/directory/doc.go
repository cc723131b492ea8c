// Package directory is the 3-level directory of the seed ("track
// containers, not objects"): meta0 maps the first two bytes of a
// container id to a meta1 shard, meta1 maps a container id to the meta2
// shard that holds it (with the container's properties), and meta2 is the
// container's own index of objects, versions, uploads and settings, kept
// in key order so that listings are range scans. Every level is a
// meta.Engine; on the embedded default all three live in one pebble
// database, in a cluster meta2 shards are separate engines.
package directory
