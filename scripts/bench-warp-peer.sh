#!/usr/bin/env bash
# Strata (embedded default) side by side with MinIO (single drive) under
# minio/warp, as issue 14 §1 measures them. Each server starts on a fresh
# data folder (both on the same disk, under $BENCH_DIR) and, without a
# restart in between (the state one phase leaves matters to the next),
# runs: PUT 4 KiB c=16, GET 4 KiB c=16, PUT 16 MiB c=8, GET 16 MiB c=8,
# $DUR each. ROUNDS rounds, the order of the two servers alternating.
# Prints one table: per phase and round, Strata, MinIO and the ratio,
# and each server's CPU seconds over the phase (from /proc/PID/stat,
# including warp's preparation and clean-up): on a shared machine the
# CPU cost of the same work moves less than the throughput does.
#
# Env:
#   MINIO_BIN        MinIO binary (default: minio on PATH); never committed
#   WARP_BIN         warp v1.4.0 (default: warp on PATH, else /opt/bin/warp)
#   STRATA_BIN       strata binary (default: go build ./cmd/strata)
#   BENCH_DIR        parent of the data folders (default /tmp/warp-peer)
#   ROUNDS           rounds (default 2)
#   DUR              duration of each phase (default 10s)
#   EXTRA_WARP_ARGS  e.g. --disable-sha256-payload (unsigned payloads)
#   ONLY             strata or minio: run one server only (profiling)
#   PHASE_FILTER     regexp of the phases to run (default all), e.g. 16MiB
#   PROFILE          1: save a Strata CPU profile of each phase in
#                    $BENCH_DIR/prof-ROUND-PHASE.pprof (root-only endpoint)
# Usage: scripts/bench-warp-peer.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/warp-peer}
ROUNDS=${ROUNDS:-2}
DUR=${DUR:-10s}
MINIO_BIN=${MINIO_BIN:-minio}
WARP_BIN=${WARP_BIN:-$(command -v warp || echo /opt/bin/warp)}
EXTRA_WARP_ARGS=${EXTRA_WARP_ARGS:-}
ONLY=${ONLY:-}
AK=WARPPEERACCESSKEY001 SK=warpPeerSecretKey000000000000000000000001
S_ADDR=127.0.0.1:19710 M_ADDR=127.0.0.1:19720 M_CONSOLE=127.0.0.1:19721
mkdir -p "$BENCH_DIR"
W=$(mktemp -d "$BENCH_DIR/run.XXXXXX")
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT
if [ -z "${STRATA_BIN:-}" ]; then
  go build -o "$W/strata" ./cmd/strata
  STRATA_BIN=$W/strata
fi
[ "$ONLY" = strata ] || command -v "$MINIO_BIN" >/dev/null || { echo "MinIO binary not found: set MINIO_BIN" >&2; exit 1; }
"$WARP_BIN" --version >&2

# The phases: name op size concurrency extra-args. GET 16 MiB prepares
# 64 objects (1 GiB) instead of warp's default 2,500 (40 GiB).
PHASES=(
  "put-4KiB put 4KiB 16"
  "get-4KiB get 4KiB 16"
  "put-16MiB put 16MiB 8"
  "get-16MiB get 16MiB 8 --objects 64"
)

start_strata() { # dir
  STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK "$STRATA_BIN" server --data "$1" --s3-addr $S_ADDR \
    --console-addr "" --log-level warn >"$1.log" 2>&1 &
  SERVER_PID=$!
  until curl -sf "http://$S_ADDR/_strata/health" >/dev/null; do sleep 0.2; done
}
start_minio() { # dir
  MINIO_ROOT_USER=$AK MINIO_ROOT_PASSWORD=$SK "$MINIO_BIN" server --address $M_ADDR \
    --console-address $M_CONSOLE --quiet "$1" >"$1.log" 2>&1 &
  SERVER_PID=$!
  until curl -sf "http://$M_ADDR/minio/health/live" >/dev/null; do sleep 0.2; done
}
cpu_ticks() { # pid: user+system clock ticks of the process
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# phase runs one warp phase and prints its average: obj/s for 4 KiB
# objects, MiB/s for 16 MiB ones.
phase() { # addr name op size conc extra...
  local addr=$1 name=$2 op=$3 size=$4 conc=$5; shift 5
  local out unit
  # shellcheck disable=SC2086
  out=$(cd "$W" && "$WARP_BIN" "$op" --host "$addr" --access-key $AK --secret-key $SK \
    --obj.size "$size" --concurrent "$conc" --duration "$DUR" --no-color \
    --benchdata "$W/warp-$name" "$@" $EXTRA_WARP_ARGS 2>&1) || { echo "warp $name failed: $out" >&2; echo 0; return; }
  unit='MiB/s'; [ "$size" = 4KiB ] && unit='obj/s'
  echo "$out" | grep -E '^ \* Average:' | head -1 | grep -oE "[0-9.]+ $unit" | cut -d' ' -f1 | grep . || echo 0
}

declare -A RES CPU
run_server() { # strata|minio round
  local srv=$1 r=$2 d addr p name op size conc extra
  d=$W/$srv-$r
  if [ "$srv" = strata ]; then start_strata "$d"; addr=$S_ADDR; else start_minio "$d"; addr=$M_ADDR; fi
  for p in "${PHASES[@]}"; do
    read -r name op size conc extra <<<"$p"
    [[ $name =~ ${PHASE_FILTER:-.} ]] || continue
    local prof=
    if [ "$srv" = strata ] && [ "${PROFILE:-}" = 1 ]; then
      curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AK:$SK" \
        "http://$S_ADDR/_strata/admin/pprof/profile?seconds=${DUR%s}" -o "$BENCH_DIR/prof-$r-$name.pprof" &
      prof=$!
    fi
    local t0
    t0=$(cpu_ticks "$SERVER_PID")
    # shellcheck disable=SC2086
    RES[$srv,$r,$name]=$(phase "$addr" "$name" "$op" "$size" "$conc" $extra)
    CPU[$srv,$r,$name]=$(awk -v a="$t0" -v b="$(cpu_ticks "$SERVER_PID")" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / hz }')
    [ -n "$prof" ] && { wait "$prof" || true; }
    echo "round $r $srv $name ${RES[$srv,$r,$name]} (cpu ${CPU[$srv,$r,$name]} s)" >&2
  done
  stop_server
  rm -rf "$d"
  # The next server starts with no write-back pending from this one.
  sync
}

for r in $(seq "$ROUNDS"); do
  order="strata minio"; [ $((r % 2)) = 0 ] && order="minio strata"
  [ -n "$ONLY" ] && order=$ONLY
  for srv in $order; do run_server "$srv" "$r"; done
done

echo
echo "warp ${EXTRA_WARP_ARGS:-(defaults: signed streaming payloads)}, $DUR per phase; 4 KiB in obj/s, 16 MiB in MiB/s"
printf '%-10s %5s %10s %10s %7s %11s %10s\n' phase round strata minio ratio strata-cpu-s minio-cpu-s
for p in "${PHASES[@]}"; do
  read -r name _ <<<"$p"
  [[ $name =~ ${PHASE_FILTER:-.} ]] || continue
  for r in $(seq "$ROUNDS"); do
    s=${RES[strata,$r,$name]:-0} m=${RES[minio,$r,$name]:-0}
    printf '%-10s %5s %10s %10s %7s %11s %10s\n' "$name" "$r" "$s" "$m" \
      "$(awk -v s="$s" -v m="$m" 'BEGIN { if (m > 0) printf "%.2f", s / m; else print "-" }')" \
      "${CPU[strata,$r,$name]:--}" "${CPU[minio,$r,$name]:--}"
  done
done
