#!/usr/bin/env bash
# Samba's smbtorture (Debian samba-testsuite) against a `strata smb` share
# of a bucket, and against a plain Samba share of a local folder with the
# same smb.conf globals, side by side: per suite, how many tests passed,
# failed or were skipped on each, so that the failures that are Strata's
# stand out. Needs root, /dev/fuse, fusermount3, samba, smbclient,
# samba-testsuite and curl.
# Usage: scripts/smbtorture.sh [STRATA_BINARY] [SUITE...]   (suites without
# the smb2. prefix; default: the file-server suites below)
# Env: KEEP=1 keeps the work folder; TIMEOUT=seconds per suite (600);
# ENCRYPT=Samba's "server smb encrypt" for both servers (if_required: the
# suites' clients do not ask for encryption; with "desired" every session
# is encrypted and e.g. smb2.connect's logoff check fails on plain Samba
# too).
set -uo pipefail
bin=${1:-}
[ -n "$bin" ] && shift
if [ -z "$bin" ]; then
  bin=$(mktemp -d)/strata
  (cd "$(dirname "$0")/.." && go build -o "$bin" ./cmd/strata) || exit 1
fi
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(connect read rw getinfo setinfo dir rename delete-on-close-perms create maxfid
  lock oplock lease streams ioctl compound notify durable-open durable-v2-open timestamps sharemode ea fileid mkdir)
TIMEOUT=${TIMEOUT:-600} ENCRYPT=${ENCRYPT:-if_required}
AK=SMBTORTUREKEY0000001 SK=smbtortureSecret0000smbtortureSecret0000
S3=127.0.0.1:19710 SMB_STRATA=19745 SMB_LOCAL=19746
w=$(mktemp -d /tmp/smbtorture.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [ -n "${made_user:-}" ] && userdel "$AK" 2>/dev/null
  [ -z "${KEEP:-}" ] && rm -rf "$w"
}
trap cleanup EXIT

# Samba needs a Unix account behind the user; both servers share it.
if ! getent passwd "$AK" >/dev/null; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$AK" && made_user=1
fi

# 1. A Strata node and a bucket.
STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK "$bin" server --data "$w/data" --s3-addr "$S3" >"$w/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://$S3/_strata/health" >/dev/null && break; sleep 0.2; done
curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AK:$SK" -X PUT "http://$S3/torture" >/dev/null || {
  echo "cannot create the bucket"; cat "$w/server.log"; exit 1; }

# 2. strata smb in front of it.
printf '%s:%s\n' "$AK" "$SK" >"$w/creds" && chmod 600 "$w/creds"
"$bin" smb --endpoint "http://$S3" --smb-addr "127.0.0.1:$SMB_STRATA" --state "$w/smb" \
  --credentials "$w/creds" --bucket torture --encrypt "$ENCRYPT" >"$w/smb.log" 2>&1 &
pids+=($!)

# 3. Plain Samba on a local folder, same globals (they are taken from the
# smb.conf strata smb wrote, once it is there).
for _ in $(seq 100); do [ -s "$w/smb/smb.conf" ] && break; sleep 0.2; done
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$SMB_STRATA) 2>/dev/null && break; sleep 0.2; done
mkdir -p "$w/local/share" "$w/local/samba/private"
sed -e "s|$w/smb|$w/local|g" -e "s|smb ports = $SMB_STRATA|smb ports = $SMB_LOCAL|" -e '/^\[torture\]/,$d' \
  "$w/smb/smb.conf" >"$w/local/smb.conf"
cat >>"$w/local/smb.conf" <<CONF
[torture]
	path = $w/local/share
	valid users = $AK
	force user = root
	read only = no
CONF
mkdir -p "$w/local/samba/"{lock,state,cache,run,log}
printf '%s\n%s\n' "$SK" "$SK" | smbpasswd -c "$w/local/smb.conf" -s -a "$AK" >/dev/null
setsid smbd --foreground --no-process-group --debug-stdout --configfile="$w/local/smb.conf" >"$w/local/smbd.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$SMB_LOCAL) 2>/dev/null && break; sleep 0.2; done

# 4. The suites, on each server.
count() { grep -c "^$1" "$2"; }
printf '%-24s %-26s %-26s\n' suite "strata (pass/fail/skip)" "local samba (pass/fail/skip)"
tot=(0 0 0 0 0 0)
for s in "${suites[@]}"; do
  row=()
  for port in $SMB_STRATA $SMB_LOCAL; do
    out="$w/$s.$port.txt"
    timeout "$TIMEOUT" smbtorture "//127.0.0.1/torture" -p "$port" -U "$AK%$SK" --format=subunit \
      "smb2.$s" >"$out" 2>&1
    p=$(count "success:" "$out") f=$(( $(count "failure:" "$out") + $(count "error:" "$out") )) k=$(count "skip:" "$out")
    row+=("$p/$f/$k")
    if [ "$port" = $SMB_STRATA ]; then tot[0]=$((tot[0]+p)) tot[1]=$((tot[1]+f)) tot[2]=$((tot[2]+k))
    else tot[3]=$((tot[3]+p)) tot[4]=$((tot[4]+f)) tot[5]=$((tot[5]+k)); fi
  done
  printf '%-24s %-26s %-26s\n' "smb2.$s" "${row[0]}" "${row[1]}"
done
printf '%-24s %-26s %-26s\n' total "${tot[0]}/${tot[1]}/${tot[2]}" "${tot[3]}/${tot[4]}/${tot[5]}"
echo "failures on strata (not on local samba):"
for s in "${suites[@]}"; do
  grep -E "^(failure|error):" "$w/$s.$SMB_STRATA.txt" | sed 's/ \[.*//' | sort -u >"$w/f1"
  grep -E "^(failure|error):" "$w/$s.$SMB_LOCAL.txt" | sed 's/ \[.*//' | sort -u >"$w/f2"
  comm -23 "$w/f1" "$w/f2" | sed 's/^/  /'
done
echo "work folder: $w (KEEP=1 keeps it)"
