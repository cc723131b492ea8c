#!/usr/bin/env bash
# SFTP throughput, side by side in one run: a 1 GiB file put and got with
# OpenSSH's sftp client through Strata's SFTP server, through OpenSSH's
# own sshd + sftp-server on a local directory, and written/read with dd
# through the Strata FUSE mount. Same client, same cipher, same disk.
# Needs root, openssh-server, fuse3 and awscli (apt-get install -y
# openssh-server fuse3 awscli).
#   scripts/bench-sftp.sh [SIZE_MIB (1024)]
set -euo pipefail
MIB=${1:-1024}
W=${BENCH_DIR:-/tmp/strata-bench-sftp}
PORT=${PORT:-9760} SFTP_PORT=${SFTP_PORT:-9762} SSHD_PORT=${SSHD_PORT:-9763}
BIN=${STRATA_BIN:-$(dirname "$0")/../strata}
[ -x "$BIN" ] || { (cd "$(dirname "$0")/.." && go build -o strata ./cmd/strata); BIN=$(dirname "$0")/../strata; }

cleanup() {
  fusermount3 -u "$W/mnt" 2>/dev/null || umount -l "$W/mnt" 2>/dev/null || true
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "${SSHD:-}" ] && kill "$SSHD" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
rm -rf "$W" && mkdir -p "$W"/{data,local,mnt,out}
"$BIN" server --data "$W/data" --s3-addr 127.0.0.1:$PORT --sftp-addr 127.0.0.1:$SFTP_PORT >"$W/server.log" 2>&1 & SERVER=$!
sleep 3
AK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['access_key'])")
SK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['secret_key'])")
export STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK AWS_DEFAULT_REGION=us-east-1
EP=http://127.0.0.1:$PORT
AWS=/usr/bin/aws
$AWS --endpoint-url $EP s3 mb s3://bench >/dev/null
$AWS --endpoint-url $EP s3 mb s3://benchfuse >/dev/null

# One client key, registered on a Strata user (allowed all of S3) and in
# sshd's authorized_keys.
ssh-keygen -q -t ed25519 -N "" -f "$W/id"
$AWS --endpoint-url $EP iam create-user --user-name bench >/dev/null
$AWS --endpoint-url $EP iam put-user-policy --user-name bench --policy-name s3 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
UAK=$($AWS --endpoint-url $EP iam create-access-key --user-name bench --query AccessKey.AccessKeyId --output text)
$AWS --endpoint-url $EP iam upload-ssh-public-key --user-name bench --ssh-public-key-body "$(cat "$W/id.pub")" >/dev/null
ssh-keygen -q -t ed25519 -N "" -f "$W/hostkey"
cp "$W/id.pub" "$W/authorized_keys"
cat >"$W/sshd_config" <<CFG
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $W/hostkey
AuthorizedKeysFile $W/authorized_keys
PermitRootLogin yes
StrictModes no
UsePAM no
PidFile $W/sshd.pid
Subsystem sftp /usr/lib/openssh/sftp-server
CFG
mkdir -p /run/sshd
/usr/sbin/sshd -D -f "$W/sshd_config" -E "$W/sshd.log" & SSHD=$!
"$BIN" mount benchfuse "$W/mnt" --endpoint $EP >"$W/mount.log" 2>&1 &
sleep 2
mountpoint -q "$W/mnt"

dd if=/dev/urandom of="$W/src.bin" bs=1M count="$MIB" status=none
SUM=$(md5sum <"$W/src.bin" | cut -d' ' -f1)
# CIPHER=aes128-gcm@openssh.com compares with that cipher on both sides
# (the default is the client's first choice, chacha20-poly1305).
opts=(${CIPHER:+-c "$CIPHER"} -i "$W/id" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR -F /dev/null)
secs() { local s=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $s" | bc; }
mibs() { echo "scale=1; $MIB / $1" | bc; }
drop() { sync; echo 3 >/proc/sys/vm/drop_caches; }
check() { [ "$(md5sum <"$1" | cut -d' ' -f1)" = "$SUM" ] || { echo "MISMATCH: $1" >&2; exit 1; }; }

sftp_put() { echo "put $W/src.bin $2" | sftp -b - "${opts[@]}" -P "$1" "$3@127.0.0.1"; }
sftp_get() { echo "get $2 $W/out/$4" | sftp -b - "${opts[@]}" -P "$1" "$3@127.0.0.1"; }

drop; sw=$(secs sftp_put $SFTP_PORT /bench/big.bin "$UAK")
drop; sr=$(secs sftp_get $SFTP_PORT /bench/big.bin "$UAK" strata.bin); check "$W/out/strata.bin"
drop; ow=$(secs sftp_put $SSHD_PORT "$W/local/big.bin" root)
drop; or=$(secs sftp_get $SSHD_PORT "$W/local/big.bin" root openssh.bin); check "$W/out/openssh.bin"
drop; fw=$(secs dd if="$W/src.bin" of="$W/mnt/big.bin" bs=1M conv=fsync status=none)
drop; fr=$(secs dd if="$W/mnt/big.bin" of="$W/out/fuse.bin" bs=1M status=none); check "$W/out/fuse.bin"

echo "| $MIB MiB sequential${CIPHER:+ ($CIPHER)} | Strata SFTP | OpenSSH sshd + sftp-server (local dir) | Strata SFTP / OpenSSH | Strata FUSE mount (dd) |"
echo "|---|---|---|---|---|"
echo "| write (MiB/s) | $(mibs $sw) | $(mibs $ow) | $(echo "scale=2; $ow / $sw" | bc) | $(mibs $fw) |"
echo "| read (MiB/s) | $(mibs $sr) | $(mibs $or) | $(echo "scale=2; $or / $sr" | bc) | $(mibs $fr) |"
