#!/bin/sh
# shard-scale.sh: grow one bucket to N objects through the real write path
# (object.Service in-process, 0-byte objects, 32 writers) while the split
# job splits it by key range (docs/SHARDING.md), and print PUT, HEAD and
# LIST rates at each checkpoint: "SCALE objects=... ranges=... put/s=...".
# HEAD is measured twice: head-cold/s over the first 10 s after the PUTs
# (the block cache still holds what the PUTs read), head/s over 10 s after
# STRATA_SHARD_WARM (default 20s) more HEADs. events-behind is how many
# of the run's events the relay had not yet put on the bus when the PUTs
# ended.
#
#   scripts/shard-scale.sh [N] [CHECKPOINTS] [SPLIT]
#
# N defaults to 20,000,000 and CHECKPOINTS to 1000000,N; SPLIT (versions
# per range before a split) defaults to N/8, so the bucket ends in 8 or
# more ranges. Run time is N divided by the PUT rate: on the 2-core test
# machine about 1,000 PUT/s with other jobs running, so 20 M takes about
# 6 hours and 2 M about 35 minutes; the data folder needs about 1 KiB per
# object (STRATA_SHARD_DIR, default a temporary folder). With
# STRATA_SHARD_PROFILE=DIR, each checkpoint's PUT window, HEAD (cold and
# warm) and LIST phases also write a CPU profile there (put-1000000.pprof,
# head-cold-1000000.pprof, ...), and the PUT window also a block and a
# mutex profile (put-block-1000000.pprof, put-mutex-1000000.pprof): where
# the writers wait. STRATA_SHARD_TRACE=3s adds an execution trace of the
# window's first 3 s (put-trace-1000000.out; `go tool trace
# -pprof=sched` shows how long goroutines waited for a processor).
# STRATA_SHARD_STORES=K runs the server with --meta-shards K: the ranges
# spread over K metadata stores instead of sharing one.
# STRATA_SHARD_CACHE_MIB=M runs it with --meta-cache M MiB (default: an
# eighth of the machine's memory, 256 MiB-8 GiB).
# STRATA_SHARD_HOLD_EVENTS=1 keeps the events in the outboxes (the relay
# does not run): a diagnostic of what relaying them to the bus costs.
# With STRATA_SHARD_RESUME=1 and the STRATA_SHARD_DIR of a run that was
# stopped (even killed mid-write), the run reopens that store and goes on
# from the objects it holds, with the same N (so the same SPLIT). A store
# that holds a checkpoint's objects exactly has that checkpoint's HEAD and
# LIST measured again, without PUTs: two builds' reads compared on one
# large store without growing it twice.
set -eu
cd "$(dirname "$0")/.."
N=${1:-20000000}
CHECKS=${2:-1000000,$N}
SPLIT=${3:-0}
STRATA_SHARD_SCALE=$N STRATA_SHARD_CHECKPOINTS=$CHECKS STRATA_SHARD_SPLIT=$SPLIT \
	go test -count=1 -v -timeout 0 -run 'TestShardScale$' ./tests/shard/ 2>&1 |
	grep --line-buffered -E 'SCALE|split (started|copied|published|done)|_test\.go:[0-9]+:|^(--- |ok|FAIL|panic)'
