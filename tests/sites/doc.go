// Package sites holds the tests of synchronous replication across the
// sites of a stretched cluster (docs/SITES.md): writes acknowledged only
// once on --min-sites sites, refused with 503 when a site is gone, reads
// served by the gateway's own site, every acknowledged write readable
// after a whole site is killed with SIGKILL, and a benchmark of PUT
// latency against the delay between sites (an in-process delay proxy in
// front of the other site's blob servers).
package sites
