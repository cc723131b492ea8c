#!/usr/bin/env bash
# Metadata and small-file benchmarks of the mount (issue 14 §2): the same
# shell workloads on one or more Strata mounts and on a local directory,
# side by side in one run, each row alternating between the targets.
# Needs root and fuse3.
#
#   scripts/bench-mount-meta.sh
#   TARGETS="before=/tmp/a/strata after=./strata local" scripts/bench-mount-meta.sh
#
# TARGETS is a list of NAME=STRATA_BINARY[@MOUNT_FLAG,...] (each gets its
# own server and mount; e.g. lazy=./strata@--lazy-attrs) and the word
# "local" (a directory on the same disk). Sizes:
# N (2000, the create/stat/delete loops and the mv row), TOUCH (10000, the
# xargs touch row, also the ls -l directory), TAR (12804 files in the
# tarball). ONLY=create,stat,delete,touch,ls,mv,tar runs a subset.
# MOUNT_FLAGS adds flags to every `strata mount`.
set -euo pipefail
N=${N:-2000} TOUCH=${TOUCH:-10000} TAR=${TAR:-12804}
W=${BENCH_DIR:-/tmp/strata-bench-meta}
PORT=${PORT:-9710}
ONLY=${ONLY:-create,stat,delete,touch,ls,mv,tar}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${TARGETS:-}" ]; then
  [ -x "$ROOT/strata" ] || (cd "$ROOT" && go build -o strata ./cmd/strata)
  TARGETS="strata=$ROOT/strata local"
fi
on() { [[ ",$ONLY," == *",$1,"* ]]; }

names=() bins=() flags=() ports=() pids=()
cleanup() {
  for n in "${names[@]}"; do fusermount3 -u "$W/$n/mnt" 2>/dev/null || umount -l "$W/$n/mnt" 2>/dev/null || true; done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
rm -rf "$W" && mkdir -p "$W"

mountit() { # name
  local n=$1 i
  for i in "${!names[@]}"; do [ "${names[$i]}" = "$n" ] && break; done
  local ep=http://127.0.0.1:${ports[$i]} d=$W/$n
  local ak sk
  ak=$(python3 -c "import json;print(json.load(open('$d/data/credentials.json'))['access_key'])")
  sk=$(python3 -c "import json;print(json.load(open('$d/data/credentials.json'))['secret_key'])")
  STRATA_ACCESS_KEY=$ak STRATA_SECRET_KEY=$sk "${bins[$i]}" mount bench "$d/mnt" --endpoint "$ep" ${flags[$i]//,/ } ${MOUNT_FLAGS:-} >>"$d/mount.log" 2>&1 &
  for _ in $(seq 100); do mountpoint -q "$d/mnt" && return; sleep 0.1; done
  echo "mount of $n failed" >&2; cat "$d/mount.log" >&2; exit 1
}
remount() { fusermount3 -u "$W/$1/mnt"; sleep 0.5; mountit "$1"; }

cols=()
for t in $TARGETS; do
  if [ "$t" = local ]; then cols+=(local); mkdir -p "$W/local/mnt"; continue; fi
  n=${t%%=*} b=${t#*=} p=$((PORT + ${#names[@]})) f=
  [[ $b == *@* ]] && f=${b#*@} b=${b%%@*}
  names+=("$n") bins+=("$b") flags+=("$f") ports+=("$p") cols+=("$n")
  mkdir -p "$W/$n"/{data,mnt}
  "$b" server --data "$W/$n/data" --s3-addr 127.0.0.1:$p >"$W/$n/server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$W/$n/data/credentials.json" ] && curl -s -o /dev/null "http://127.0.0.1:$p/" && break; sleep 0.2; done
  ak=$(python3 -c "import json;print(json.load(open('$W/$n/data/credentials.json'))['access_key'])")
  sk=$(python3 -c "import json;print(json.load(open('$W/$n/data/credentials.json'))['secret_key'])")
  AWS_ACCESS_KEY_ID=$ak AWS_SECRET_ACCESS_KEY=$sk AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    /usr/bin/aws --endpoint-url "http://127.0.0.1:$p" s3 mb s3://bench >/dev/null
  mountit "$n"
done
dir() { echo "$W/$1/mnt"; }

# A deterministic tarball of $TAR small files (0.1-8 KiB) in 100-file directories.
mktar() {
  python3 - "$W/small.tar" "$TAR" <<'PY'
import sys, tarfile, io, random
out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(14)
with tarfile.open(out, "w", format=tarfile.GNU_FORMAT) as tf:
    for d in range((n + 99) // 100):
        ti = tarfile.TarInfo(f"src/d{d:03}"); ti.type = tarfile.DIRTYPE; ti.mode = 0o755; ti.mtime = 1700000000
        tf.addfile(ti)
        for i in range(min(100, n - d * 100)):
            data = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(100, 8192)))
            ti = tarfile.TarInfo(f"src/d{d:03}/f{i:03}.c"); ti.size = len(data); ti.mode = 0o644; ti.mtime = 1700000000
            tf.addfile(ti, io.BytesIO(data))
PY
}

secs() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1 || echo "  (failed: $* in ${c:-?})" >&2; printf '%.2f' "$(echo "$(date +%s.%N) - $s" | bc)"; }
row() { # title fn: runs fn COL for every column, prints one table row
  local title=$1 fn=$2 out="| $1 |"
  for c in "${cols[@]}"; do out+=" $($fn "$c") |"; done
  echo "$out"
}
w_create() { local d; d=$(dir "$1")/many; mkdir -p "$d"; secs bash -c "for i in \$(seq 1 $N); do head -c 1024 /dev/zero >$d/f\$i; done"; }
w_stat() { secs bash -c "for i in \$(seq 1 $N); do stat $(dir "$1")/many/f\$i; done"; }
w_delete() { secs bash -c "for i in \$(seq 1 $N); do rm $(dir "$1")/many/f\$i; done"; }
w_touch() { local d; d=$(dir "$1")/big; mkdir -p "$d"; secs bash -c "cd $d && seq $TOUCH | xargs touch"; }
w_lscold() {
  if [ "$1" != local ]; then remount "$1"; fi
  sync; echo 3 >/proc/sys/vm/drop_caches; secs ls -l "$(dir "$1")/big"
}
w_lswarm() { secs ls -l "$(dir "$1")/big"; }
w_mvfill() { local d; d=$(dir "$1")/mv; mkdir -p "$d"; (cd "$d" && seq "$N" | xargs touch); echo -; }
w_mv() { secs mv "$(dir "$1")/mv" "$(dir "$1")/mv2"; }
w_tar() { secs tar -xf "$W/small.tar" -C "$(dir "$1")"; }
w_tarcheck() { # the extracted tree has every file, with the right bytes
  local got; got=$(cd "$(dir "$1")" && find src -type f | wc -l)
  [ "$got" = "$TAR" ] && (cd "$(dir "$1")" && tar -df "$W/small.tar" >/dev/null 2>&1) && echo ok || echo "BAD ($got files)"
}

h="| workload |"; s="|---|"; for c in "${cols[@]}"; do h+=" $c |"; s+="---|"; done
echo "$h"; echo "$s"
on create && row "create $N files of 1 KiB, shell loop (s)" w_create
on stat && row "stat $N (s)" w_stat
on delete && row "delete $N (s)" w_delete
on touch && row "seq $TOUCH, xargs touch (s)" w_touch
if on ls; then
  on touch || row "(fill $TOUCH with xargs touch, s)" w_touch
  row "ls -l of $TOUCH, cold (s)" w_lscold
  row "ls -l of $TOUCH, warm (s)" w_lswarm
fi
if on mv; then
  row "(fill a $N-file dir)" w_mvfill >/dev/null
  row "mv of a $N-file dir (s)" w_mv
fi
if on tar; then
  mktar
  row "tar -x of $TAR small files (s)" w_tar
  row "(tar -d check of the extracted tree)" w_tarcheck
fi
