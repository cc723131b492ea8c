#!/usr/bin/env bash
# GETs side by side, in one run: strata binaries (e.g. before and after a
# change) and, if MINIO is set, a single-drive MinIO, each on a fresh data
# folder, under minio/warp: GET 4 KiB at 16 clients, then GET 16 MiB at 8
# clients (warp uploads the objects it then reads), alternating rounds.
# Usage: [MINIO=/path/minio] [WARP=warp] [DUR=10s] [ROUNDS=2] [SPECS="16MiB:8:40"] scripts/bench-warp-get.sh BINARY...
# (SPECS: size:clients:objects, space separated; data folders go under $TMPDIR)
# Prints one line per figure: round, label (binary's base name or minio), size, MiB/s, obj/s, and
# the server's CPU time per object read (from /proc: steadier than throughput on a loaded machine).
set -euo pipefail
WARP=${WARP:-warp} DUR=${DUR:-10s} ROUNDS=${ROUNDS:-2}
AK=WARPAK0000000000000G SK=WARPSK00000000000000000000000000000000000G
port=19700 pid=
trap '[ -z "$pid" ] || kill $pid 2>/dev/null' EXIT
cpu() { # CPU seconds (user+system) used so far by process $1
  awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$1/stat"
}
warpget() { # port label round
  local size conc objs c0 c1 out
  for spec in ${SPECS:-4KiB:16:2500 16MiB:8:40}; do
    IFS=: read -r size conc objs <<<"$spec"
    set -- "$1" "$2" "$3" --host "127.0.0.1:$1" --access-key $AK --secret-key $SK --obj.size "$size" \
      --concurrent "$conc" --noclear --bucket "get-${size,,}" --no-color
    # Upload the objects (and read them for 2 s), then measure reads
    # alone: throughput, and the server's CPU time per object read,
    # which moves much less than throughput with the machine's load.
    "$WARP" get "${@:4}" --objects "$objs" --duration 2s --benchdata "$d/prep-$size" >/dev/null 2>&1 || true
    c0=$(cpu "$pid")
    out=$("$WARP" get "${@:4}" --list-existing --duration "$DUR" --benchdata "$d/warp-$size" 2>&1 || true)
    c1=$(cpu "$pid")
    sed -n 's/^ \* Average: \([0-9.]*\) MiB\/s, \([0-9.]*\) obj\/s.*/\1 \2/p' <<<"$out" | head -1 |
      awk -v l="round $3 $2 $size" -v c="$(echo "$c1 - $c0" | bc)" -v d="${DUR%s}" \
        '{printf "%s MiB/s %s obj/s %s server-cpu-us/obj %.0f\n", l, $1, $2, c * 1e6 / ($2 * d)}'
  done
}
strata() { # binary round
  d=$(mktemp -d)
  "$1" server --data "$d" --s3-addr "127.0.0.1:$port" --console-addr "" --user "warp:$AK:$SK" >"$d/log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -s "127.0.0.1:$port/_strata/health" >/dev/null && break; sleep 0.2; done
  warpget $port "$(basename "$1")" "$2"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$d"
}
minio() { # round
  d=$(mktemp -d)
  MINIO_ROOT_USER=$AK MINIO_ROOT_PASSWORD=$SK "$MINIO" server "$d/data" --address "127.0.0.1:$port" \
    --console-address "127.0.0.1:$((port + 1))" >"$d/log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -s "127.0.0.1:$port/minio/health/live" >/dev/null && break; sleep 0.2; done
  warpget $port minio "$1"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$d"
}
for r in $(seq "$ROUNDS"); do
  for b in "$@"; do strata "$b" "$r"; done
  if [ -n "${MINIO:-}" ]; then minio "$r"; fi
done
