#!/usr/bin/env bash
# A remote tier on another S3 server than Strata (issue 13 §3): runs
# TestRemoteTierMinIO, which starts MinIO on a fresh folder and keeps a
# storage class's data in one of its buckets (PUT, multipart, GET and
# ranged GET through, deletes). The MinIO binary is never part of the
# repository: build it from github.com/minio/minio and give its path.
#
#   MINIO_BIN=/path/to/minio scripts/tier-peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STRATA_PEER_MINIO=${MINIO_BIN:-$(command -v minio)} \
	go test -count=1 -v -run '^TestRemoteTierMinIO$' ./tests/archive/ | grep -E 'tier_minio_test|^(---|ok|FAIL)'
