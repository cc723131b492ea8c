#!/usr/bin/env bash
# SSE-S3 against plain, 16 MiB GET and PUT, on Strata and on MinIO side by
# side in one run, with minio/warp (both built by you from their public
# sources; pass MINIO_BIN and WARP). Each server runs alone while measured;
# the pairs alternate ROUNDS times. MinIO gets SSE-S3 from its built-in
# KMS key (MINIO_KMS_SECRET_KEY), Strata from its built-in KMS.
# Usage: MINIO_BIN=/path/to/minio WARP=/path/to/warp scripts/bench-sse-peer.sh [path/to/strata]
set -euo pipefail
B=${1:-}
[ -n "$B" ] || { go build -o /tmp/strata-sse-peer ./cmd/strata; B=/tmp/strata-sse-peer; }
: "${MINIO_BIN:?set MINIO_BIN to a minio binary}"
WARP=${WARP:-warp}
ROUNDS=${ROUNDS:-2} DUR=${DUR:-30s}
W=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; rm -rf "$W"' EXIT
AK=SSEPEERACCESSKEY0001 SK=ssePeerSecretKey00000000000000000000001
ADDR=127.0.0.1:9720

start() { # strata|minio
	if [ "$1" = strata ]; then
		STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK "$B" server --data "$W/strata" --s3-addr $ADDR --console-addr "" --log-level warn &
	else
		MINIO_ROOT_USER=$AK MINIO_ROOT_PASSWORD=$SK MINIO_KMS_SECRET_KEY="bench-key:$(head -c 32 /dev/zero | base64)" \
			"$MINIO_BIN" server "$W/minio" --address $ADDR --console-address 127.0.0.1:0 >/dev/null 2>&1 &
	fi
	SRV=$!
	for _ in $(seq 150); do curl -s -o /dev/null http://$ADDR/ && break; sleep 0.2; done
	sleep 1
}
stop() { kill "$SRV"; wait "$SRV" 2>/dev/null || true; }
warp1() { # server label op bucket extra...
	local server=$1 label=$2 op=$3 bucket=$4; shift 4
	local out
	out=$(cd "$W" && "$WARP" "$op" --host $ADDR --access-key $AK --secret-key $SK --bucket "$bucket" --obj.size 16MiB \
		--duration "$DUR" --concurrent 4 --noclear --no-color "$@" 2>&1 | grep -E "^\s*\* Average" | head -1 || true)
	printf '%-7s %-7s %-4s %s\n' "$server" "$label" "$op" "$out"
}
for r in $(seq 1 "$ROUNDS"); do
	echo "=== round $r"
	for s in strata minio; do
		start $s
		warp1 $s plain put sse-peer-plain-$r
		warp1 $s SSE-S3 put sse-peer-enc-$r --sse-s3-encrypt
		warp1 $s plain get sse-peer-plain-get-$r --objects 16
		warp1 $s SSE-S3 get sse-peer-enc-get-$r --objects 16 --sse-s3-encrypt
		stop
	done
done
