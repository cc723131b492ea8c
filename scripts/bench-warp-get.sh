#!/usr/bin/env bash
# GETs side by side, in one run: strata binaries (e.g. before and after a
# change) and, if MINIO is set, a single-drive MinIO, each on a fresh data
# folder, under minio/warp: GET 4 KiB at 16 clients, then GET 16 MiB at 8
# clients (warp uploads the objects it then reads), alternating rounds.
# Usage: [MINIO=/path/minio] [WARP=warp] [DUR=10s] [ROUNDS=2] [SPECS="16MiB:8:40"] scripts/bench-warp-get.sh BINARY...
# (SPECS: size:clients:objects, space separated; data folders go under $TMPDIR)
# Prints one line per figure: round, label (binary's base name or minio), size, MiB/s, obj/s.
set -euo pipefail
WARP=${WARP:-warp} DUR=${DUR:-10s} ROUNDS=${ROUNDS:-2}
AK=WARPAK0000000000000G SK=WARPSK00000000000000000000000000000000000G
port=19700 pid=
trap '[ -z "$pid" ] || kill $pid 2>/dev/null' EXIT
warpget() { # port label round
  local size conc objs
  for spec in ${SPECS:-4KiB:16:2500 16MiB:8:40}; do
    IFS=: read -r size conc objs <<<"$spec"
    "$WARP" get --host "127.0.0.1:$1" --access-key $AK --secret-key $SK --obj.size "$size" \
      --concurrent "$conc" --objects "$objs" --duration "$DUR" --noclear --bucket "get-${size,,}" \
      --benchdata "$d/warp-$size" --no-color 2>&1 |
      sed -n 's/^ \* Average: \([0-9.]*\) MiB\/s, \([0-9.]*\) obj\/s.*/\1 \2/p' | head -1 |
      sed "s/^/round $3 $2 $size /" || true
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
