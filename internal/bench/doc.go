// Package bench is the load generator behind `strata bench`: it drives an
// S3 endpoint with PUTs and GETs of one object size at a chosen
// concurrency and reports ops/s, MiB/s and latency percentiles, like
// minio/warp does.
package bench
