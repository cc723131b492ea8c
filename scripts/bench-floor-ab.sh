#!/usr/bin/env bash
# The collector's heap floor, A/B, through a mount (issue 14 §2): for each
# setting in turn, a fresh server and mount (--negative-lookups
# --cache-dir=), then `xargs touch` of N new files and `xargs rm -f` of
# them, with the wall time, the CPU of the gateway and of the mount, and
# the gateway's page faults. Settings are environments given to both
# processes, e.g. "STRATA_GC_FLOOR=256MiB X=1 GOGC=100" (X=1: the default).
# Needs root and fuse3.
#
#   ROUNDS=5 N=4000 SETTINGS="STRATA_GC_FLOOR=256MiB X=1 GOGC=100" scripts/bench-floor-ab.sh
set -euo pipefail
N=${N:-4000} ROUNDS=${ROUNDS:-3} SETTINGS=${SETTINGS:-"STRATA_GC_FLOOR=256MiB X=1"}
W=${BENCH_DIR:-/tmp/strata-bench-floor} PORT=${PORT:-9720} EP=http://127.0.0.1:$PORT
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${STRATA_BIN:-}
if [ -z "$BIN" ]; then BIN=$W.strata && (cd "$ROOT" && go build -o "$BIN" ./cmd/strata); fi
SP= MP=
cleanup() {
  fusermount3 -u "$W/mnt" 2>/dev/null || true
  for p in $MP $SP; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  SP= MP=
}
trap cleanup EXIT
cpu() { awk '{print ($14+$15)*10}' "/proc/$1/stat"; } # ms at 100 Hz
faults() { awk '{print $10}' "/proc/$1/stat"; }
now() { date +%s.%N; }
fail() { echo "bench-floor-ab: $1; its log:" >&2; tail -20 "$2" >&2; exit 1; }
run() { # setting
  rm -rf "$W" && mkdir -p "$W/mnt"
  env -u STRATA_ACCESS_KEY -u STRATA_SECRET_KEY "$1" "$BIN" server --data "$W/data" --s3-addr 127.0.0.1:$PORT >"$W/server.log" 2>&1 &
  SP=$!
  local up=
  for _ in $(seq 600); do [ -s "$W/data/credentials.json" ] && curl -s -o /dev/null "$EP" && up=1 && break; kill -0 $SP 2>/dev/null || break; sleep 0.1; done
  [ -n "$up" ] || fail "the server ($1) did not come up" "$W/server.log"
  STRATA_ACCESS_KEY=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['access_key'])")
  STRATA_SECRET_KEY=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['secret_key'])")
  export STRATA_ACCESS_KEY STRATA_SECRET_KEY
  curl -sf -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" --user "$STRATA_ACCESS_KEY:$STRATA_SECRET_KEY" "$EP/bench" >/dev/null
  env "$1" "$BIN" mount bench "$W/mnt" --endpoint "$EP" --cache-dir= --negative-lookups >"$W/mount.log" 2>&1 &
  MP=$!
  up=
  for _ in $(seq 100); do mountpoint -q "$W/mnt" && up=1 && break; kill -0 $MP 2>/dev/null || break; sleep 0.1; done
  [ -n "$up" ] || fail "the mount ($1) did not come up" "$W/mount.log"
  mkdir "$W/mnt/d"
  local g0 m0 f0 t0 g1 m1 f1 t1 g2 m2 t2
  g0=$(cpu $SP) m0=$(cpu $MP) f0=$(faults $SP) t0=$(now)
  (cd "$W/mnt/d" && seq -f "f%05g" "$N" | xargs touch)
  g1=$(cpu $SP) m1=$(cpu $MP) f1=$(faults $SP) t1=$(now)
  (cd "$W/mnt/d" && seq -f "f%05g" "$N" | xargs rm -f)
  g2=$(cpu $SP) m2=$(cpu $MP) t2=$(now)
  printf '| %s | %.2f | %d / %d | %d | %.2f | %d / %d |\n' "$1" "$(echo "$t1 - $t0" | bc)" $((g1 - g0)) $((m1 - m0)) $((f1 - f0)) \
    "$(echo "$t2 - $t1" | bc)" $((g2 - g1)) $((m2 - m1))
  cleanup
}
echo "# $(date -u +%FT%TZ) N=$N"
echo "| setting | touch (s) | CPU ms: gateway / mount | gateway page faults | rm (s) | CPU ms: gateway / mount |"
echo "|---|---|---|---|---|---|"
for _ in $(seq "$ROUNDS"); do for s in $SETTINGS; do run "$s"; done; done
