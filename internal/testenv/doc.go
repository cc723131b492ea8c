// Package testenv starts real Strata nodes for tests: in-process on
// 127.0.0.1:0 (Start) or as separate OS processes of the strata binary
// (StartProcess), torn down by t.Cleanup. It also gives ready S3 clients
// and a way to require external tools (awscli, s3cmd, rclone) that fails,
// rather than skips, under CI.
package testenv
