#!/bin/sh
# split-load.sh: what one split costs the writes beside it. Grows a bucket
# of one range to N objects (object.Service in-process, 0-byte objects, 32
# writers), then keeps the writers going through a split of the range at
# its median key, and prints the PUT rate before and after the split and
# during each of its steps, and the split's duration:
# "SPLITLOAD objects=... split-took=... put/s-without-split=... put/s-copying=...".
#
#   scripts/split-load.sh [N]
#
# N defaults to 1,000,000 (about three minutes here). STRATA_SPLIT_DUTY=D
# sets the first copy pass's duty (SplitOptions.CopyDuty; 1: no rest).
# STRATA_SHARD_DIR keeps the data folder (default a temporary one).
set -eu
cd "$(dirname "$0")/.."
STRATA_SPLIT_LOAD=${1:-1000000} \
	go test -count=1 -v -timeout 0 -run 'TestSplitUnderLoad$' ./tests/shard/ 2>&1 |
	grep --line-buffered -E 'SPLITLOAD|split (started|copied|published|done)|_test\.go:[0-9]+:|^(--- |ok|FAIL|panic)'
