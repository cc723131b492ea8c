#!/usr/bin/env bash
# NFS throughput: a sequential write and read of one file through Strata's
# NFSv3 server with libnfs's nfs-cp, side by side in one run with the
# Strata FUSE mount (cp) and, when installed, nfs-ganesha with its VFS
# backend on a local folder (nfs-cp). Needs libnfs-utils, awscli, fuse3
# and root; nfs-ganesha is optional.
#   scripts/bench-nfs.sh [SIZE_MIB (1024)]
set -euo pipefail
SIZE=${1:-1024}
W=${BENCH_DIR:-/tmp/strata-bench-nfs}
PORT=${PORT:-9710} NFSPORT=${NFSPORT:-9711}
BIN=${STRATA_BIN:-$(dirname "$0")/../strata}
[ -x "$BIN" ] || { (cd "$(dirname "$0")/.." && go build -o strata ./cmd/strata); BIN=$(dirname "$0")/../strata; }

GPORT=${GPORT:-9720}
cleanup() {
  fusermount3 -u "$W/mnt" 2>/dev/null || umount -l "$W/mnt" 2>/dev/null || true
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "${GANESHA:-}" ] && kill "$GANESHA" 2>/dev/null || true
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
gw=0 gr=0
if command -v ganesha.nfsd >/dev/null; then
  mkdir -p "$W/gexport"
  cat >"$W/ganesha.conf" <<CONF
NFS_CORE_PARAM { NFS_Port = $GPORT; MNT_Port = $((GPORT+1)); NLM_Port = $((GPORT+2)); Rquota_Port = $((GPORT+3));
  Protocols = 3; Enable_NLM = false; Enable_RQUOTA = false; Bind_addr = 127.0.0.1; }
NFSV4 { Graceless = true; }
EXPORT { Export_Id = 1; Path = $W/gexport; Pseudo = /gexport; Access_Type = RW; Squash = No_Root_Squash;
  Protocols = 3; Transports = TCP; SecType = sys; FSAL { Name = VFS; } }
CONF
  ganesha.nfsd -F -f "$W/ganesha.conf" -L "$W/ganesha.log" -p "$W/ganesha.pid" -N NIV_WARN >/dev/null 2>&1 & GANESHA=$!
  for _ in $(seq 60); do  # ganesha takes a few seconds to serve
    nfs-ls "nfs://127.0.0.1$W/gexport/?version=3&nfsport=$GPORT&mountport=$((GPORT+1))" >/dev/null 2>&1 && break; sleep 0.5
  done
  GURL="nfs://127.0.0.1$W/gexport/g.bin?version=3&nfsport=$GPORT&mountport=$((GPORT+1))"
  gw=$(t nfs-cp "$W/src" "$GURL")
  sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true
  gr=$(t nfs-cp "$GURL" "$W/out.ganesha")
  cmp "$W/src" "$W/out.ganesha"
fi
g() { [ "$1" = 0 ] && echo "-" || mibs "$1"; }
ratio() { [ "$2" = 0 ] && echo "-" || echo "scale=2; $2 / $1" | bc; }
echo "| ${SIZE} MiB sequential | Strata NFS (nfs-cp) | Strata FUSE mount (cp) | nfs-ganesha VFS (nfs-cp) | NFS / FUSE | NFS / ganesha |"
echo "|---|---|---|---|---|---|"
echo "| write (MiB/s) | $(mibs $nw) | $(mibs $fw) | $(g $gw) | $(ratio $nw $fw) | $(ratio $nw $gw) |"
echo "| read (MiB/s) | $(mibs $nr) | $(mibs $fr) | $(g $gr) | $(ratio $nr $fr) | $(ratio $nr $gr) |"
