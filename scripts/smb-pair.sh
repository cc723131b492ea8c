# Sourced by scripts/smbtorture.sh and scripts/bench-smb.sh: starts, side
# by side, a Strata node with a bucket "torture" served by `strata smb`
# on 127.0.0.1:$SMB_STRATA, and a plain Samba share "torture" of a local
# folder on 127.0.0.1:$SMB_LOCAL with the same smb.conf globals. Both take
# the login $AK%$SK. Stopped (and the work folder $w removed unless KEEP=1)
# at exit. Needs root, /dev/fuse, fusermount3, samba, smbclient and curl.
# Inputs: $bin (strata binary; built when empty), ENCRYPT (Samba's "server
# smb encrypt", default if_required), SIGNING (default "default").
set -uo pipefail
if [ -z "${bin:-}" ]; then
  bin=$(mktemp -d)/strata
  (cd "$(dirname "${BASH_SOURCE[0]}")/.." && go build -o "$bin" ./cmd/strata) || exit 1
fi
ENCRYPT=${ENCRYPT:-if_required} SIGNING=${SIGNING:-default}
AK=SMBTORTUREKEY0000001 SK=smbtortureSecret0000smbtortureSecret0000
S3=${S3:-127.0.0.1:19710} SMB_STRATA=${SMB_STRATA:-19745} SMB_LOCAL=${SMB_LOCAL:-19746}
w=$(mktemp -d /tmp/smb-pair.XXXXXX)
pids=()
pair_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [ -n "${made_user:-}" ] && userdel "$AK" 2>/dev/null
  [ -z "${KEEP:-}" ] && rm -rf "$w"
}
trap pair_cleanup EXIT
wait_port() { for _ in $(seq 150); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; return 1; }

# Samba needs a Unix account behind the user; both servers share it.
if ! getent passwd "$AK" >/dev/null; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$AK" && made_user=1
fi

# 1. A Strata node and a bucket.
STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK "$bin" server --data "$w/data" --s3-addr "$S3" >"$w/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 150); do curl -sf "http://$S3/_strata/health" >/dev/null && break; sleep 0.2; done
curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AK:$SK" -X PUT "http://$S3/torture" >/dev/null || {
  echo "cannot create the bucket"; cat "$w/server.log"; exit 1; }

# 2. strata smb in front of it.
printf '%s:%s\n' "$AK" "$SK" >"$w/creds" && chmod 600 "$w/creds"
"$bin" smb --endpoint "http://$S3" --smb-addr "127.0.0.1:$SMB_STRATA" --state "$w/smb" \
  --credentials "$w/creds" --bucket torture --encrypt "$ENCRYPT" --signing "$SIGNING" >"$w/smb.log" 2>&1 &
pids+=($!)
wait_port $SMB_STRATA || { echo "strata smb did not start"; cat "$w/smb.log"; exit 1; }

# 3. Plain Samba on a local folder with the globals strata smb wrote. It
# gets a session of its own: smbd signals its whole process group when it
# stops.
mkdir -p "$w/local/share" "$w/local/samba/"{private,lock,state,cache,run,log}
sed -e "s|$w/smb|$w/local|g" -e "s|smb ports = $SMB_STRATA|smb ports = $SMB_LOCAL|" -e '/^\[torture\]/,$d' \
  "$w/smb/smb.conf" >"$w/local/smb.conf"
cat >>"$w/local/smb.conf" <<CONF
[torture]
	path = $w/local/share
	valid users = $AK
	force user = root
	read only = no
CONF
printf '%s\n%s\n' "$SK" "$SK" | smbpasswd -c "$w/local/smb.conf" -s -a "$AK" >/dev/null
setsid smbd --foreground --no-process-group --debug-stdout --configfile="$w/local/smb.conf" >"$w/local/smbd.log" 2>&1 &
pids+=($!)
wait_port $SMB_LOCAL || { echo "local smbd did not start"; cat "$w/local/smbd.log"; exit 1; }
