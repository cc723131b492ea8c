#!/usr/bin/env bash
# Sequential throughput through SMB3 with smbclient, side by side in one
# run: a `strata smb` share of a bucket and a plain Samba share of a local
# folder with the same globals (scripts/smb-pair.sh), and, as the bound
# Samba works within, dd straight into the FUSE mount strata smb serves.
# Writes then reads a SIZE_MIB file ROUNDS times on each, alternating, and
# prints MiB/s and the Strata/Samba ratios.
# Usage: scripts/bench-smb.sh [STRATA_BINARY]   Env: SIZE_MIB (1024),
# ROUNDS (2), ENCRYPT (if_required; "required" to measure encrypted SMB3).
bin=${1:-}
SIZE_MIB=${SIZE_MIB:-1024} ROUNDS=${ROUNDS:-2}
. "$(dirname "$0")/smb-pair.sh"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$w/big"
mnt="$w/smb/mnt/$AK/torture"
mibs() { # port|mount op(put|get) -> MiB/s
  local t0 t1 cmd
  [ "$2" = put ] && cmd="put big big" || cmd="get big big.back"
  t0=$(date +%s.%N)
  if [ "$1" = mount ]; then
    if [ "$2" = put ]; then dd if="$w/big" of="$mnt/direct" bs=1M status=none
    else dd if="$mnt/direct" of="$w/big.back" bs=1M status=none; fi
  else
    (cd "$w" && smbclient "//127.0.0.1/torture" -p "$1" -U "$AK%$SK" -m SMB3 -c "$cmd" >"$w/bench.out" 2>&1) ||
      { cat "$w/bench.out" >&2; echo 0; return; }
  fi
  t1=$(date +%s.%N)
  echo "$SIZE_MIB $t0 $t1" | awk '{printf "%.1f", $1/($3-$2)}'
}
declare -A sum=()
for r in $(seq "$ROUNDS"); do
  for op in put get; do
    for side in strata local mount; do
      case $side in strata) port=$SMB_STRATA ;; local) port=$SMB_LOCAL ;; mount) port=mount ;; esac
      v=$(mibs $port $op)
      [ $op = get ] && { cmp -s "$w/big" "$w/big.back" || echo "round $r $side: read back differs" >&2; rm -f "$w/big.back"; }
      echo "round $r $op $side: $v MiB/s"
      sum[$op.$side]=$(echo "${sum[$op.$side]:-0} $v" | awk '{print $1+$2}')
    done
  done
done
for op in put get; do
  echo "${op}: strata $(echo "${sum[$op.strata]} $ROUNDS" | awk '{printf "%.1f", $1/$2}') MiB/s," \
    "local samba $(echo "${sum[$op.local]} $ROUNDS" | awk '{printf "%.1f", $1/$2}') MiB/s," \
    "ratio $(echo "${sum[$op.strata]} ${sum[$op.local]}" | awk '{printf "%.2f", $1/$2}');" \
    "dd in the FUSE mount $(echo "${sum[$op.mount]} $ROUNDS" | awk '{printf "%.1f", $1/$2}') MiB/s"
done
