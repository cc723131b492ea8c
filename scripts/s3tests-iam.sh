#!/usr/bin/env bash
# Runs ceph/s3-tests test_iam.py and test_sts.py (the tests that need no
# external identity provider) against a Strata node started here, and
# prints passed/failed for each run and in all.
#
# Usage: scripts/s3tests-iam.sh [extra run.sh options]
# Needs: a checkout of ceph/s3-tests (S3TESTS_DIR, default /opt/s3-tests)
# and the shared runner /work/shared/tools/s3tests/run.sh (RUNNER).
#
# The suite was written for Ceph RGW, whose users come in two models, and
# one run.sh configuration cannot hold both (it makes the "alt" user and
# the "iam alt root" account one and the same credentials):
#   run 1, account model (tests not marked iam_tenant): "iam" is the root
#     of account iamroot, "alt" is the root of another account, iamaltroot
#     (the suite's user ids and e-mail addresses for them are the account
#     names and addresses, so ACL grants by canonical id and e-mail resolve);
#   run 2, RGW's tenant-user model (tests marked iam_tenant, and the
#     test_sts tests): an "iam" user manages the policies of a user "alt"
#     that owns buckets. In AWS terms that is an account root (iamroot) and
#     an IAM user "alt" of that account; as an RGW user may use its own
#     buckets, "alt" has the built-in AmazonS3FullAccess policy attached.
# Tests needing a web identity provider (marks webidentity_test and token_*)
# and test_assume_role_creds_expiry (it sleeps 15 minutes) are left out.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNNER=${RUNNER:-/work/shared/tools/s3tests/run.sh}
WORK=$(mktemp -d /tmp/strata-s3tests-iam.XXXXXX)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
EP=http://127.0.0.1:$PORT
OUT=${OUT:-$WORK/out}
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK/data" "$WORK/strata"; }
trap cleanup EXIT

(cd "$ROOT" && go build -o "$WORK/strata" ./cmd/strata)
export STRATA_ACCESS_KEY=IAMTESTROOTKEY000001 STRATA_SECRET_KEY=iamTestRootSecretiamTestRootSecret01
MAIN_AK=IAMTESTMAINKEY000001 MAIN_SK=iamTestMainSecretiamTestMainSecret01
"$WORK/strata" server --data "$WORK/data" --s3-addr 127.0.0.1:$PORT --console-addr "" \
	--user "main:$MAIN_AK:$MAIN_SK" --kms-key testkey-1 --kms-key testkey-2 --log-level warn >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -fs "$EP/info" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$EP/info" >/dev/null || { cat "$WORK/server.log"; exit 1; }

st() { "$WORK/strata" --json "$@" --endpoint "$EP"; }
keys() { jq -r '.access_key.access_key + ":" + .access_key.secret_key'; }
IAMROOT=$(st account create iamroot --email iamroot@example.com | keys)
ALTROOT=$(st account create iamaltroot --email iamaltroot@example.com | keys)
st user create alt --account iamroot >/dev/null
ALTUSER=$(st key create --user alt --account iamroot | jq -r '.access_key + ":" + .secret_key')
st policy attach arn:aws:iam::aws:policy/AmazonS3FullAccess --user alt --account iamroot >/dev/null

NOIDP="not webidentity_test and not token_claims_trust_policy_test and not token_principal_tag_role_policy_test \
and not token_request_tag_trust_policy_test and not token_resource_tags_test and not token_role_tags_test \
and not token_tag_keys_test"
run() { # name alt marks files
	"$RUNNER" --install-deps --alt "$2" --iam "$IAMROOT" -m "$3" -k "not test_assume_role_creds_expiry" \
		--files "$4" --out "$OUT/$1" "${@:5}" "$EP" "$MAIN_AK" "$MAIN_SK" | tail -1 | sed "s/^/$1: /" || true
}
run iam-accounts "$ALTROOT" "not iam_tenant" s3tests/functional/test_iam.py "$@"
run iam-tenant "$ALTUSER" "iam_tenant" s3tests/functional/test_iam.py "$@"
run sts "$ALTUSER" "$NOIDP" s3tests/functional/test_sts.py "$@"
cat "$OUT"/*/passed.txt 2>/dev/null | wc -l | sed 's/^/passed in all: /'
cat "$OUT"/*/failed.txt 2>/dev/null | wc -l | sed 's/^/failed in all: /'
echo "lists: $OUT/{iam-accounts,iam-tenant,sts}/{passed,failed}.txt"
