#!/usr/bin/env bash
# Runs the ceph/s3-tests marked lifecycle, lifecycle_expiration and
# lifecycle_transition against a Strata node started here with a 10 s
# lifecycle day (--lifecycle-day, the suite's default lc_debug_interval),
# and prints passed/failed/skipped.
#
# Usage: scripts/s3tests-lifecycle.sh [extra run.sh options, e.g. -k expiration]
# Needs: a checkout of ceph/s3-tests (S3TESTS_DIR, default /opt/s3-tests) and
# the shared runner /work/shared/tools/s3tests/run.sh (RUNNER), which installs
# the Debian packages the suite needs with --install-deps.
# The storage classes the transition tests use (LUKEWARM, FROZEN) are made
# as classes of this node with `strata class set` when the build has it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNNER=${RUNNER:-/work/shared/tools/s3tests/run.sh}
DAY=${LIFECYCLE_DAY:-10s}
WORK=$(mktemp -d /tmp/strata-s3tests-lc.XXXXXX)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
EP=http://127.0.0.1:$PORT
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

(cd "$ROOT" && go build -o "$WORK/strata" ./cmd/strata)
export STRATA_ACCESS_KEY=LCROOTKEY00000000001 STRATA_SECRET_KEY=lcRootSecretlcRootSecretlcRoot0001
ALT_AK=LCALTKEY000000000001 ALT_SK=lcAltSecretlcAltSecretlcAltSecret01
"$WORK/strata" server --data "$WORK/data" --s3-addr 127.0.0.1:$PORT --console-addr "" \
	--volume "$WORK/v0" --volume "$WORK/v1" --volume "$WORK/v2" \
	--lifecycle-day "$DAY" --user "alt:$ALT_AK:$ALT_SK" --kms-key testkey-1 --kms-key testkey-2 --log-level warn >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -fs "$EP/info" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$EP/info" >/dev/null || { cat "$WORK/server.log"; exit 1; }

CLASSES=""
if "$WORK/strata" class --help >/dev/null 2>&1; then
	for c in LUKEWARM FROZEN; do
		"$WORK/strata" class set "$c" --policy TWOCOPIES --endpoint "$EP" >/dev/null && CLASSES="$CLASSES $c"
	done
fi
# run.sh has no option for extra [s3 main] settings: they ride on its
# --kms-keyid value, whose first id it writes as "kms_keyid = ..." lines.
EXTRA_CONF="testkey-1"
[ -n "$CLASSES" ] && EXTRA_CONF="$EXTRA_CONF
storage_classes =$CLASSES"
EXTRA_CONF="$EXTRA_CONF
lc_debug_interval = ${DAY%s},testkey-2"

"$RUNNER" --install-deps --alt "$ALT_AK:$ALT_SK" -n "${JOBS:-6}" --timeout 600 \
	--files s3tests/functional/test_s3.py \
	-m "(lifecycle or lifecycle_expiration or lifecycle_transition) and not cloud_transition${S3TESTS_MARKS:-}" \
	--kms-keyid "$EXTRA_CONF" --out "${OUT:-$WORK/out}" "$@" "$EP" "$STRATA_ACCESS_KEY" "$STRATA_SECRET_KEY" || true
echo "server log warnings:"; grep -c "level=WARN" "$WORK/server.log" || true
