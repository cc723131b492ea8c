#!/usr/bin/env bash
# Side by side, in one run: two strata binaries (e.g. before and after a
# change) under minio/warp, 4 KiB PUT then GET, 16 clients, alternating
# rounds. warp must be on PATH (build it from github.com/minio/warp).
# Usage: [OPS="put get"] [DUR=15s] scripts/bench-before-after.sh OLD_BINARY NEW_BINARY [rounds]
# (OPS: warp operations in order, e.g. "get stat list"; stat and list
# upload 5,000 objects first, and list reads them 1,000 keys a page)
set -euo pipefail
old=$1 new=$2 rounds=${3:-2}
WARP=${WARP:-warp}
AK=WARPAK0000000000000A SK=WARPSK00000000000000000000000000000000000A
run() { # binary port label
  local d pid op
  d=$(mktemp -d)
  STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK "$1" server --data "$d" --s3-addr "127.0.0.1:$2" >"$d/log" 2>&1 &
  pid=$!
  for _ in $(seq 50); do curl -s "127.0.0.1:$2/_strata/health" >/dev/null && break; sleep 0.2; done
  for op in ${OPS:-put get}; do
    extra=()
    case $op in stat | list) extra=(--objects 5000) ;; esac
    "$WARP" "$op" --host "127.0.0.1:$2" --access-key $AK --secret-key $SK --obj.size 4KiB --concurrent 16 \
      --duration "${DUR:-15s}" "${extra[@]}" --noclear --bucket "w$op" --benchdata "$d/warp-$op" --no-color 2>&1 |
      grep -E '^ \* Average' | head -1 | sed "s/^/$3 $op:/"
  done
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$d"
}
for r in $(seq "$rounds"); do
  echo "round $r"
  run "$old" 19500 old
  run "$new" 19600 new
done
