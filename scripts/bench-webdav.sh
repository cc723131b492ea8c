#!/usr/bin/env bash
# WebDAV throughput: a sequential PUT and GET of one file (1 GiB by
# default) with curl, through Strata's WebDAV and, side by side in the same
# run, through `rclone serve webdav` on a local folder of the same disk (a
# well-known WebDAV server), and through Strata's S3 API on the same
# node (what the gateway itself does). Prints MiB/s and WebDAV's ratio to
# rclone.
# Usage: scripts/bench-webdav.sh [MiB] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
rounds=${2:-2}
tmp=$(mktemp -d -p "${BENCH_DIR:-/tmp}")
pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/strata" ./cmd/strata
key=BENCHACCESSKEY000001 secret=benchSecretKey00benchSecretKey00bench000
port=$((20000 + RANDOM % 20000))
STRATA_ACCESS_KEY=$key STRATA_SECRET_KEY=$secret "$tmp/strata" server --data "$tmp/data" \
  --s3-addr 127.0.0.1:$((port + 1)) --console-addr "" --webdav-addr 127.0.0.1:$port >"$tmp/server.log" 2>&1 &
pids+=($!)
mkdir -p "$tmp/local"
rclone serve webdav "$tmp/local" --addr 127.0.0.1:$((port + 2)) >"$tmp/rclone.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -fsS -o /dev/null -u "$key:$secret" -X PROPFIND -H 'Depth: 0' "http://127.0.0.1:$port/" 2>/dev/null &&
    curl -fsS -o /dev/null -X PROPFIND -H 'Depth: 0' "http://127.0.0.1:$((port + 2))/" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null -u "$key:$secret" -X MKCOL "http://127.0.0.1:$port/bench/"
head -c $((mib << 20)) /dev/urandom >"$tmp/src"

rate() { awk -v b=$((mib << 20)) -v t="$1" 'BEGIN { printf "%.1f", b / t / 1048576 }'; }
run() { # name url [curl auth options...]: PUT then GET, prints MiB/s
  local put get name=$1 url=$2
  shift 2
  put=$(curl -fsS -o /dev/null -w '%{time_total}' "$@" -T "$tmp/src" "$url")
  sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true
  get=$(curl -fsS -o "$tmp/back" -w '%{time_total}' "$@" "$url")
  cmp -s "$tmp/src" "$tmp/back" || { echo "$1: GET differs from PUT"; exit 1; }
  rm -f "$tmp/back"
  echo "$(rate "$put") $(rate "$get")"
}
printf '%-6s %-22s %-22s %-22s\n' round "webdav PUT/GET MiB/s" "rclone PUT/GET MiB/s" "strata S3 PUT/GET MiB/s"
for r in $(seq "$rounds"); do
  s=$(run strata "http://127.0.0.1:$port/bench/f$r" -u "$key:$secret")
  p=$(run rclone "http://127.0.0.1:$((port + 2))/f$r")
  o=$(run s3 "http://127.0.0.1:$((port + 1))/bench/s3-f$r" -u "$key:$secret" --aws-sigv4 "aws:amz:us-east-1:s3" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
  printf '%-6s %-22s %-22s %-22s webdav/rclone: PUT %s GET %s\n' "$r" "$s" "$p" "$o" \
    "$(awk -v a="${s% *}" -v b="${p% *}" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="${s#* }" -v b="${p#* }" 'BEGIN { printf "%.2f", a / b }')"
done
