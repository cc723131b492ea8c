#!/usr/bin/env bash
# QoS under load (issue 11 §4): account alt limited to 50 req/s is offered
# 500 GET/s of 1 KiB objects while root is offered 100 GET/s at the same
# time; prints the rates passed and refused (SlowDown) and root's
# latencies. First on one node, then spread over a 3-gateway in-process
# cluster sharing the limit (the test takes the machine-wide heavy-test
# lock itself for the cluster). Usage: scripts/qos-load.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
for gws in 1 3; do
  echo "=== $gws gateway(s), $secs s"
  STRATA_QOS_LOAD=1 STRATA_QOS_LOAD_SECONDS=$secs STRATA_QOS_LOAD_GATEWAYS=$gws \
    go test -count=1 -v -timeout 10m -run '^TestQoSLoad$' ./tests/qos |
    grep -E 'load_test.go|^(ok|FAIL|---)'
done
