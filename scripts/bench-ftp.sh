#!/usr/bin/env bash
# FTP throughput: a sequential write and read of one file (1 GiB by
# default) through Strata's FTP server, through vsftpd serving a local
# folder, and (when fuse3 is there) through a Strata FUSE mount, side by
# side in one run, with curl as the client. Needs vsftpd and curl
# (apt-get install vsftpd curl; fuse3 for the mount row). Run as root.
#   scripts/bench-ftp.sh [SIZE_MIB (1024)] [ROUNDS (2)]
set -euo pipefail
MIB=${1:-1024} ROUNDS=${2:-2}
W=${BENCH_DIR:-/tmp/strata-bench-ftp}
PORT=${PORT:-9720} FTPPORT=${FTPPORT:-9721} VSPORT=${VSPORT:-9722}
BIN=${STRATA_BIN:-$(dirname "$0")/../strata}
[ -x "$BIN" ] || { (cd "$(dirname "$0")/.." && go build -o strata ./cmd/strata); BIN=$(dirname "$0")/../strata; }

cleanup() {
  fusermount3 -u "$W/mnt" 2>/dev/null || umount -l "$W/mnt" 2>/dev/null || true
  for p in ${SERVER:-} ${VSFTPD:-} ${MOUNT:-}; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
rm -rf "$W" && mkdir -p "$W"/{data,vs/pub,mnt}
SRC=/dev/shm/strata-bench-ftp.src
head -c $((MIB << 20)) /dev/urandom >"$SRC"

"$BIN" server --data "$W/data" --s3-addr 127.0.0.1:$PORT --ftp-addr 127.0.0.1:$FTPPORT >"$W/server.log" 2>&1 & SERVER=$!
sleep 2
AK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['access_key'])")
SK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['secret_key'])")
curl -sS --user "$AK:$SK" -Q "MKD /bench" "ftp://127.0.0.1:$FTPPORT/" >/dev/null

# vsftpd: anonymous uploads into pub/ (its root must not be writable).
chown ftp "$W/vs/pub"
cat >"$W/vsftpd.conf" <<CONF
listen=YES
listen_address=127.0.0.1
listen_port=$VSPORT
background=NO
anonymous_enable=YES
anon_root=$W/vs
no_anon_password=YES
write_enable=YES
anon_upload_enable=YES
anon_other_write_enable=YES
anon_umask=022
anon_world_readable_only=NO
local_enable=NO
pasv_enable=YES
seccomp_sandbox=NO
xferlog_enable=NO
CONF
vsftpd "$W/vsftpd.conf" >"$W/vsftpd.log" 2>&1 & VSFTPD=$!
sleep 1

speed() { awk '{printf "%.0f", $1 / 1048576}'; }
put() { curl -sS -f --user "$1" "${@:3}" -T "$SRC" -w '%{speed_upload}' -o /dev/null "$2" | speed; }
get() { curl -sS -f --user "$1" "${@:3}" -w '%{speed_download}' -o /dev/null "$2" | speed; }
dd_mib() { dd "$@" bs=1M 2>&1 | awk '/copied/ {v=$(NF-1); u=$NF; if (u ~ /^GB/) v*=1000; if (u ~ /^kB/) v/=1000; printf "%.0f", v*1e6/1048576}'; }

export STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK
MNT=no
if command -v fusermount3 >/dev/null; then
  "$BIN" mount bench "$W/mnt" --endpoint http://127.0.0.1:$PORT >"$W/mount.log" 2>&1 & MOUNT=$!
  for _ in $(seq 50); do mountpoint -q "$W/mnt" && break; sleep 0.2; done
  mountpoint -q "$W/mnt" && MNT=yes
fi

S3=(--aws-sigv4 "aws:amz:us-east-1:s3" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
echo "| $MIB MiB sequential, MiB/s | Strata FTP | vsftpd (local dir) | ratio | Strata FUSE mount | Strata S3 (curl) |"
echo "|---|---|---|---|---|---|"
for r in $(seq "$ROUNDS"); do
  sw=$(put "$AK:$SK" "ftp://127.0.0.1:$FTPPORT/bench/f$r")
  vw=$(put "anonymous:" "ftp://127.0.0.1:$VSPORT/pub/f$r")
  sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true
  sr=$(get "$AK:$SK" "ftp://127.0.0.1:$FTPPORT/bench/f$r")
  vr=$(get "anonymous:" "ftp://127.0.0.1:$VSPORT/pub/f$r")
  s3w=$(put "$AK:$SK" "http://127.0.0.1:$PORT/bench/s$r" "${S3[@]}")
  s3r=$(get "$AK:$SK" "http://127.0.0.1:$PORT/bench/s$r" "${S3[@]}")
  mw=- mr=-
  if [ $MNT = yes ]; then
    mw=$(dd_mib if="$SRC" of="$W/mnt/m$r" conv=fsync)
    sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true
    mr=$(dd_mib if="$W/mnt/m$r" of=/dev/null)
  fi
  echo "| write, round $r | $sw | $vw | $(echo "scale=2; $sw / $vw" | bc) | $mw | $s3w |"
  echo "| read, round $r | $sr | $vr | $(echo "scale=2; $sr / $vr" | bc) | $mr | $s3r |"
  rm -f "$W/vs/pub/f$r"
  curl -sS --user "$AK:$SK" -Q "DELE /bench/f$r" -Q "DELE /bench/s$r" "ftp://127.0.0.1:$FTPPORT/" >/dev/null
  [ $MNT = yes ] && rm -f "$W/mnt/m$r"
done
rm -f "$SRC"
