#!/usr/bin/env bash
# Two `strata cluster local` clusters on separate loopback addresses
# (A: 2 nodes on 127.0.1.11-12, B: 1 node on 127.0.2.11). OBJECTS keys are
# written on A under load (PUT, overwrite, delete, tags) by 8 clients over
# both gateways; A's node2 is killed with SIGKILL halfway and restarted
# with `strata cluster node`. The test then waits until B holds exactly
# A's current state (keys, bytes, metadata, tags, delete markers) and
# prints: load time, time to drain, replication lag p50/p99.
# Usage: scripts/replication-bench.sh [OBJECTS]   (default 10000)
# REPL_PROFILE=DIR also saves A's node1 CPU profile (10 s, from 2 s into
# the load), its replication/event metrics (stage timings) and a timeline
# (relayed events, copies, queue, once a second) to DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
objects=${1:-10000}
REPL_OBJECTS=$objects go test -count=1 -v -timeout 60m -run 'TestTwoClustersCrash$' ./tests/replication/ |
  grep -E 'REPL-BENCH|--- (PASS|FAIL)|crash_test.go'
