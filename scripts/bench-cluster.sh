#!/usr/bin/env bash
# Side by side in one run: the embedded single node, then a 4-node local
# cluster with THREECOPIES and with SINGLE, all driven by `strata bench`
# with the same settings. Usage: scripts/bench-cluster.sh [path/to/strata]
set -euo pipefail
B=${1:-$(go env GOPATH)/bin/strata}
[ -x "$B" ] || { go build -o /tmp/strata-bench ./cmd/strata; B=/tmp/strata-bench; }
W=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$W"' EXIT
export STRATA_ACCESS_KEY=BENCHACCESSKEY000001 STRATA_SECRET_KEY=benchSecretKey0000000000000000000000000001
run() { # label endpoints bucket-suffix
  echo "=== $1"
  "$B" bench --endpoint "$2" --size 4KiB --concurrency 32 --duration 10s --objects 500 --bucket "b4k-$3" | grep -v '^size\|^{'
  "$B" bench --endpoint "$2" --size 16MiB --concurrency 8 --duration 15s --objects 40 --bucket "b16m-$3" | grep -v '^size\|^{'
}
gateways() { echo "http://127.0.0.11:$1,http://127.0.0.12:$1,http://127.0.0.13:$1,http://127.0.0.14:$1"; }

"$B" server --data "$W/single" --s3-addr 127.0.0.1:9700 --log-level warn & pid=$!
sleep 2
run "single node (embedded default, 1 volume, SINGLE)" http://127.0.0.1:9700 sn
kill $pid; wait $pid || true

for policy in THREECOPIES SINGLE; do
  port=$([ $policy = SINGLE ] && echo 9900 || echo 9800)
  "$B" cluster local --nodes 4 --dir "$W/$policy" --base-port $port --policy $policy --node-log-level warn >/dev/null 2>&1 & pid=$!
  until grep -q '"ready": true' "$W/$policy/cluster.json" 2>/dev/null; do sleep 0.5; done
  run "4-node cluster ($policy, 4 gateways round-robin)" "$(gateways $port)" "$(echo "$policy" | tr A-Z a-z)"
  kill $pid; wait $pid || true
done
