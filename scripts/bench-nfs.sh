#!/usr/bin/env bash
# NFS throughput: a sequential write and read of one file through Strata's
# NFSv3 server with libnfs's nfs-cp, side by side with the Strata FUSE
# mount (cp) in one run. Needs libnfs-utils, awscli, fuse3 and root.
#   scripts/bench-nfs.sh [SIZE_MIB (1024)]
set -euo pipefail
SIZE=${1:-1024}
W=${BENCH_DIR:-/tmp/strata-bench-nfs}
PORT=${PORT:-9710} NFSPORT=${NFSPORT:-9711}
BIN=${STRATA_BIN:-$(dirname "$0")/../strata}
[ -x "$BIN" ] || { (cd "$(dirname "$0")/.." && go build -o strata ./cmd/strata); BIN=$(dirname "$0")/../strata; }

cleanup() {
  fusermount3 -u "$W/mnt" 2>/dev/null || umount -l "$W/mnt" 2>/dev/null || true
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
rm -rf "$W" && mkdir -p "$W"/{mnt,data}
"$BIN" server --data "$W/data" --s3-addr 127.0.0.1:$PORT --nfs-addr 127.0.0.1:$NFSPORT --console-addr "" >"$W/server.log" 2>&1 & SERVER=$!
sleep 2
AK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['access_key'])")
SK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['secret_key'])")
export AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
EP=http://127.0.0.1:$PORT
AWS=/usr/bin/aws
$AWS --endpoint-url $EP s3 mb s3://bench >/dev/null
# uid 1000 acts as user "nfs" (tag strata:nfs-uid), who may do anything.
$AWS --endpoint-url $EP iam create-user --user-name nfs --tags Key=strata:nfs-uid,Value=1000 >/dev/null
$AWS --endpoint-url $EP iam put-user-policy --user-name nfs --policy-name all \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
$AWS --endpoint-url $EP iam create-access-key --user-name nfs >/dev/null
STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK "$BIN" mount bench "$W/mnt" --endpoint $EP >"$W/mount.log" 2>&1 &
sleep 2
mountpoint -q "$W/mnt"

head -c "${SIZE}M" /dev/urandom >"$W/src"
URL() { echo "nfs://127.0.0.1/bench/$1?version=3&nfsport=$NFSPORT&mountport=$NFSPORT&uid=1000&gid=1000"; }
mibs() { # seconds → MiB/s
  echo "scale=1; $SIZE / $1" | bc; }
t() { local s=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $s" | bc; }

nw=$(t nfs-cp "$W/src" "$(URL nfs.bin)")
nr=$(t nfs-cp "$(URL nfs.bin)" "$W/out.nfs")
cmp "$W/src" "$W/out.nfs"
fw=$(t sh -c "cp '$W/src' '$W/mnt/fuse.bin' && sync '$W/mnt/fuse.bin'")
sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true
fr=$(t cp "$W/mnt/fuse.bin" "$W/out.fuse")
cmp "$W/src" "$W/out.fuse"
echo "| ${SIZE} MiB sequential | Strata NFS (nfs-cp) | Strata FUSE mount (cp) | NFS / FUSE |"
echo "|---|---|---|---|"
echo "| write (MiB/s) | $(mibs $nw) | $(mibs $fw) | $(echo "scale=2; $fw / $nw" | bc) |"
echo "| read (MiB/s) | $(mibs $nr) | $(mibs $fr) | $(echo "scale=2; $fr / $nr" | bc) |"
