#!/usr/bin/env bash
# Samba's smbtorture (Debian samba-testsuite) against a `strata smb` share
# of a bucket and against a plain Samba share of a local folder with the
# same smb.conf globals (scripts/smb-pair.sh), side by side: per suite, how
# many tests passed, failed (or erred) and were skipped on each, then the
# tests that fail only on Strata.
# Usage: scripts/smbtorture.sh [STRATA_BINARY] [SUITE...]   (suites without
# the smb2. prefix; default: the file-server suites below)
# Env: KEEP=1 keeps the work folder; TIMEOUT=seconds per suite (600);
# ENCRYPT=Samba's "server smb encrypt" for both servers (if_required: the
# suites' clients do not ask for encryption; with "desired" every session
# is encrypted and e.g. smb2.connect's logoff check fails on plain Samba
# too).
bin=${1:-}
[ -n "$bin" ] && shift
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(connect read rw getinfo setinfo dir rename delete-on-close-perms create maxfid
  lock oplock lease streams ioctl compound notify durable-open durable-v2-open timestamps sharemode ea fileid mkdir)
TIMEOUT=${TIMEOUT:-600}
. "$(dirname "$0")/smb-pair.sh"

count() { grep -c "^$1" "$2"; }
printf '%-24s %-26s %-26s\n' suite "strata (pass/fail/skip)" "local samba (pass/fail/skip)"
tot=(0 0 0 0 0 0)
for s in "${suites[@]}"; do
  row=()
  for port in $SMB_STRATA $SMB_LOCAL; do
    out="$w/$s.$port.txt"
    timeout "$TIMEOUT" smbtorture "//127.0.0.1/torture" -p "$port" -U "$AK%$SK" --format=subunit \
      "smb2.$s" >"$out" 2>&1
    [ $? = 124 ] && echo "error: TIMEOUT after $TIMEOUT s" >>"$out"
    p=$(count "success:" "$out") f=$(( $(count "failure:" "$out") + $(count "error:" "$out") )) k=$(count "skip:" "$out")
    row+=("$p/$f/$k")
    if [ "$port" = $SMB_STRATA ]; then tot[0]=$((tot[0]+p)) tot[1]=$((tot[1]+f)) tot[2]=$((tot[2]+k))
    else tot[3]=$((tot[3]+p)) tot[4]=$((tot[4]+f)) tot[5]=$((tot[5]+k)); fi
  done
  printf '%-24s %-26s %-26s\n' "smb2.$s" "${row[0]}" "${row[1]}"
done
printf '%-24s %-26s %-26s\n' total "${tot[0]}/${tot[1]}/${tot[2]}" "${tot[3]}/${tot[4]}/${tot[5]}"
echo "failing on strata only:"
for s in "${suites[@]}"; do
  grep -E "^(failure|error):" "$w/$s.$SMB_STRATA.txt" | sed 's/ \[.*//' | sort -u >"$w/f1"
  grep -E "^(failure|error):" "$w/$s.$SMB_LOCAL.txt" | sed 's/ \[.*//' | sort -u >"$w/f2"
  comm -23 "$w/f1" "$w/f2" | sed "s/^/  smb2.$s: /"
done
echo "work folder: $w (KEEP=1 keeps it)"
