#!/usr/bin/env bash
# Cost of IAM and of SSE-S3 on the hot path, measured with minio/warp
# (build it yourself from github.com/minio/warp and put it on PATH, or
# pass WARP=path). One embedded server; each pair runs back to back,
# alternating, ROUNDS times:
#   4 KiB PUT and GET: the root account vs. an IAM user whose identity
#     policy has 20 statements (19 that do not match, then the grant);
#   16 MiB PUT and GET: plain vs. SSE-S3 (warp --sse-s3-encrypt).
# Usage: scripts/bench-iam-sse.sh [path/to/strata]
set -euo pipefail
B=${1:-}
[ -n "$B" ] || { go build -o /tmp/strata-bench ./cmd/strata; B=/tmp/strata-bench; }
WARP=${WARP:-warp}
ROUNDS=${ROUNDS:-2}
DUR4K=${DUR4K:-20s} DUR16M=${DUR16M:-30s}
W=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$W"' EXIT
export STRATA_ACCESS_KEY=BENCHACCESSKEY000001 STRATA_SECRET_KEY=benchSecretKey0000000000000000000000000001
ADDR=127.0.0.1:9710
"$B" server --data "$W/d" --s3-addr $ADDR --log-level warn & 
until curl -sf http://$ADDR/_strata/health >/dev/null; do sleep 0.2; done

# The user and its 20-statement policy.
stmts=""
for i in $(seq 1 19); do
  stmts+="{\"Sid\":\"s$i\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::other-$i/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.$i.0.0/16\"}}},"
done
stmts+='{"Sid":"bench","Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::warp-user","arn:aws:s3:::warp-user/*"]}'
echo "{\"Version\":\"2012-10-17\",\"Statement\":[$stmts]}" > "$W/policy.json"
"$B" user create bench --endpoint http://$ADDR >/dev/null
"$B" policy put p20 --user bench --file "$W/policy.json" --endpoint http://$ADDR >/dev/null
keys=$("$B" --json key create --user bench --endpoint http://$ADDR)
UAK=$(echo "$keys" | jq -r .access_key)
USK=$(echo "$keys" | jq -r .secret_key)
[ -n "$UAK" ] && [ "$UAK" != null ] || { echo "no key for the bench user: $keys" >&2; exit 1; }
"$B" user create bucketmaker --endpoint http://$ADDR >/dev/null
AWS_ACCESS_KEY_ID=$STRATA_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$STRATA_SECRET_KEY AWS_DEFAULT_REGION=us-east-1 \
  aws --endpoint-url http://$ADDR s3 mb s3://warp-user >/dev/null

warp1() { # label op size dur ak sk bucket extra...
  local label=$1 op=$2 size=$3 dur=$4 ak=$5 sk=$6 bucket=$7; shift 7
  local out
  out=$(cd "$W" && "$WARP" "$op" --host $ADDR --access-key "$ak" --secret-key "$sk" --bucket "$bucket" --obj.size "$size" \
    --duration "$dur" --concurrent 16 --noclear --no-color "$@" 2>&1 | grep -E "^\s*\* Average|Throughput" | head -1 || true)
  printf '%-28s %-4s %-6s %s\n' "$label" "$op" "$size" "$out"
}
for r in $(seq 1 "$ROUNDS"); do
  echo "=== round $r"
  warp1 "root"               put 4KiB "$DUR4K" "$STRATA_ACCESS_KEY" "$STRATA_SECRET_KEY" warp-root
  warp1 "user, 20 statements" put 4KiB "$DUR4K" "$UAK" "$USK" warp-user
  warp1 "root"               get 4KiB "$DUR4K" "$STRATA_ACCESS_KEY" "$STRATA_SECRET_KEY" warp-root --objects 500
  warp1 "user, 20 statements" get 4KiB "$DUR4K" "$UAK" "$USK" warp-user --objects 500
  warp1 "plain"              put 16MiB "$DUR16M" "$STRATA_ACCESS_KEY" "$STRATA_SECRET_KEY" warp-plain --concurrent 4
  warp1 "SSE-S3"             put 16MiB "$DUR16M" "$STRATA_ACCESS_KEY" "$STRATA_SECRET_KEY" warp-sse --concurrent 4 --sse-s3-encrypt
  warp1 "plain"              get 16MiB "$DUR16M" "$STRATA_ACCESS_KEY" "$STRATA_SECRET_KEY" warp-plain --concurrent 4 --objects 16
  warp1 "SSE-S3"             get 16MiB "$DUR16M" "$STRATA_ACCESS_KEY" "$STRATA_SECRET_KEY" warp-sse --concurrent 4 --objects 16 --sse-s3-encrypt
done
