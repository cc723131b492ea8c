#!/usr/bin/env bash
# litmus (Debian `litmus`, the WebDAV conformance suite) against a fresh
# embedded server with WebDAV on: all of basic, copymove, props, locks and
# http. Usage: scripts/litmus.sh [URL USER PASS]; with a URL, tests that
# server instead (give it a collection litmus may create below, e.g.
# http://host:port/BUCKET/litmus/). The same run is TestLitmus in
# internal/webdav, which fails on any failed test.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v litmus >/dev/null || { echo "litmus is not installed (apt-get install litmus)"; exit 1; }
if [ $# -ge 1 ]; then
  exec env TESTS="basic copymove props locks http" litmus "$@"
fi
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/strata" ./cmd/strata
key=LITMUSACCESSKEY00001 secret=litmusSecretKey0litmusSecretKey0litmus00
port=$((20000 + RANDOM % 20000))
STRATA_ACCESS_KEY=$key STRATA_SECRET_KEY=$secret "$tmp/strata" server --data "$tmp/data" \
  --s3-addr 127.0.0.1:$((port + 1)) --console-addr "" --webdav-addr 127.0.0.1:$port >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fsS -o /dev/null -u "$key:$secret" -X PROPFIND -H 'Depth: 0' "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -u "$key:$secret" -X MKCOL "http://127.0.0.1:$port/litmus/"
curl -fsS -u "$key:$secret" -X MKCOL "http://127.0.0.1:$port/litmus/suite/"
cd "$tmp"
TESTS="basic copymove props locks http" litmus "http://127.0.0.1:$port/litmus/suite/" "$key" "$secret"
