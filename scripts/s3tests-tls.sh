#!/usr/bin/env bash
# Runs the default selection of ceph/s3-tests (the shared runner's default
# marks over test_s3.py and test_headers.py) against a Strata node started
# here over TLS, with an alt account and the KMS keys the suite asks for
# (testkey-1, testkey-2), and prints passed/failed/skipped.
#
# Usage: scripts/s3tests-tls.sh [extra run.sh options, e.g. -k expect]
# Needs: a checkout of ceph/s3-tests (S3TESTS_DIR, default /opt/s3-tests)
# and the shared runner /work/shared/tools/s3tests/run.sh (RUNNER).
# The account "main" matches the suite's [s3 main] user_id, "alt" its
# [s3 alt] user_id, so ACL grants by canonical id resolve.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNNER=${RUNNER:-/work/shared/tools/s3tests/run.sh}
WORK=$(mktemp -d /tmp/strata-s3tests-tls.XXXXXX)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
EP=https://127.0.0.1:$PORT
OUT=${OUT:-$WORK/out}
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK/data" "$WORK/strata"; }
trap cleanup EXIT

(cd "$ROOT" && go build -o "$WORK/strata" ./cmd/strata)
"$WORK/strata" cert ca --dir "$WORK/tls" >/dev/null
"$WORK/strata" cert node n1 --ip 127.0.0.1 --dns localhost --dir "$WORK/tls" >/dev/null
export STRATA_ACCESS_KEY=TLSTESTROOTKEY000001 STRATA_SECRET_KEY=tlsTestRootSecrettlsTestRootSecret01
MAIN=TLSTESTMAINKEY000001:tlsTestMainSecrettlsTestMainSecret01
ALT=TLSTESTALTKEY0000001:tlsTestAltSecrettlsTestAltSecret0001
"$WORK/strata" server --data "$WORK/data" --s3-addr 127.0.0.1:$PORT --console-addr "" \
	--tls-cert "$WORK/tls/n1.pem" --tls-key "$WORK/tls/n1-key.pem" \
	--user "main:$MAIN" --user "alt:$ALT" --kms-key testkey-1 --kms-key testkey-2 \
	--log-level warn >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -fsk "$EP/info" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsk "$EP/info" >/dev/null || { cat "$WORK/server.log"; exit 1; }

"$RUNNER" --install-deps --alt "$ALT" --kms-keyid testkey-1,testkey-2 --out "$OUT" "$@" \
	"$EP" "${MAIN%%:*}" "${MAIN#*:}" || true
echo "lists: $OUT/{passed,failed}.txt"
