#!/bin/sh
# Conscience scale simulation (issue 14 §4, docs/SCALE.md): simulated
# nodes of 12 volumes heartbeat into a real embedded etcd member, an
# elected node publishes the score digest, gateways follow it. Prints the
# table of etcd writes/s, watch events/s per gateway and the failure and
# new-node delays at each size.
#   scripts/scale-sim.sh [sizes] [gateways]     default: 10,100,1000 and 200
# STRATA_SCALE_PPROF=127.0.0.1:6061 serves net/http/pprof while it runs
# (e.g. go tool pprof http://127.0.0.1:6061/debug/pprof/heap).
set -eu
cd "$(dirname "$0")/.."
sizes=${1:-10,100,1000}
gateways=${2:-200}
STRATA_SCALE_NODES=$sizes STRATA_SCALE_GATEWAYS=$gateways \
	go test -count=1 -v -timeout 60m -run '^TestScaleSimulation$' ./internal/cluster/ 2>&1 |
	grep -E '^\s+(scale_test|sim_test)\.go|^\s+\||^(---|ok|FAIL|PASS)'
