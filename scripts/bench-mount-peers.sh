#!/usr/bin/env bash
# The mount compared with its peers in one run (issue 14 §2): a Strata
# mount without its local read cache (--cache-dir=) and with it (the default,
# here in the bench folder), JuiceFS (metadata in SQLite, blocks on Strata's own S3), s3fs (on
# Strata's S3) and a local directory on the same disk. fio rows use psync
# and end_fsync=1, with the page cache dropped before reads; the shell
# rows start one process per file, as a user's script does.
#
# Needs root, fuse3, fio, s3fs (apt-get install -y fuse3 fio s3fs) and a
# juicefs binary (JUICEFS_BIN, default `juicefs` on PATH). A peer that is
# missing gets "-" in its column. Peers' binaries are never part of the
# repository.
#
#   scripts/bench-mount-peers.sh            # full sizes (about 30-40 min)
#   QUICK=1 scripts/bench-mount-peers.sh    # small sizes (under 5 min)
#   PEERS="strata local" ...                # a subset of the columns
#   STRATA_MOUNT_OPTS="..."                 # extra flags for both strata mounts (e.g. --no-xattrs)
#   STRATACACHE_MOUNT_OPTS="..."            # extra flags for the second strata mount only (e.g. --negative-lookups)
#   JUICEFS_MOUNT_OPTS="..."                # extra flags for juicefs mount (e.g. --enable-xattr)
#   ONLY=fio,small,touch,mv,tar             # a subset of the row groups
# Sizes: SEQ RAND RUNTIME FILES TOUCH MVFILES TARFILES override either set.
# A shell row that passes ROW_TIMEOUT seconds (600; 30 with QUICK) on one
# file system is cut there and shown as ">N" (s3fs needs ~25 min for the
# 10,000 touches here).
# The full fio rows keep about 8x SEQ on the disk at their peak (files,
# caches, objects); JuiceFS caches only while 1% of the disk is free.
set -euo pipefail
if [ -n "${QUICK:-}" ]; then
  : "${SEQ:=128M}" "${RAND:=32M}" "${RUNTIME:=5}" "${FILES:=100}" "${TOUCH:=500}" "${MVFILES:=100}" "${TARFILES:=500}"
  : "${ROW_TIMEOUT:=30}"
else
  : "${SEQ:=1G}" "${RAND:=256M}" "${RUNTIME:=30}" "${FILES:=2000}" "${TOUCH:=10000}" "${MVFILES:=2000}" "${TARFILES:=12804}"
  : "${ROW_TIMEOUT:=600}"
fi
ALL="strata stratacache juicefs s3fs local"
PEERS=${PEERS:-$ALL}
ONLY=${ONLY:-fio,small,touch,mv,tar}
W=${BENCH_DIR:-/tmp/strata-bench-peers}
PORT=${PORT:-9710}
EP=http://127.0.0.1:$PORT
JFS=${JUICEFS_BIN:-juicefs}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${STRATA_BIN:-}
if [ -z "$BIN" ]; then BIN=$W.strata && (cd "$ROOT" && go build -o "$BIN" ./cmd/strata); fi

cleanup() {
  for m in strata stratacache juicefs s3fs; do
    mountpoint -q "$W/$m" 2>/dev/null && { fusermount3 -u "$W/$m" 2>/dev/null || umount -l "$W/$m" 2>/dev/null || true; }
  done
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
rm -rf "$W" && mkdir -p "$W"/{strata,stratacache,juicefs,s3fs,local,data,cache,jfscache,s3fscache}
"$BIN" server --data "$W/data" --s3-addr 127.0.0.1:$PORT >"$W/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 600); do [ -s "$W/data/credentials.json" ] && curl -s -o /dev/null "$EP" && break; sleep 0.1; done
AK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['access_key'])")
SK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['secret_key'])")
export STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK
export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
for b in viastrata viastratacache vias3fs viajuicefs; do /usr/bin/aws --endpoint-url "$EP" s3 mb "s3://$b" >/dev/null; done

has() { [[ " $PEERS " == *" $1 "* ]]; }
if has strata; then
  # shellcheck disable=SC2086 # STRATA_MOUNT_OPTS is a list of flags
  "$BIN" mount viastrata "$W/strata" --endpoint "$EP" --cache-dir= ${STRATA_MOUNT_OPTS:-} >"$W/mount.log" 2>&1 &
fi
if has stratacache; then
  # shellcheck disable=SC2086
  "$BIN" mount viastratacache "$W/stratacache" --endpoint "$EP" --cache-dir "$W/cache" --cache-size 4096 \
    ${STRATA_MOUNT_OPTS:-} ${STRATACACHE_MOUNT_OPTS:-} >"$W/mount-cache.log" 2>&1 &
fi
if has s3fs && command -v s3fs >/dev/null; then
  echo "$AK:$SK" >"$W/passwd" && chmod 600 "$W/passwd"
  s3fs vias3fs "$W/s3fs" -o url="$EP" -o use_path_request_style -o passwd_file="$W/passwd" \
    -o use_cache="$W/s3fscache" -o allow_other -o nonempty
fi
if has juicefs && command -v "$JFS" >/dev/null; then
  "$JFS" format --storage minio --bucket "$EP/viajuicefs" --access-key "$AK" --secret-key "$SK" \
    "sqlite3://$W/jfs.db" bench >"$W/juicefs.log" 2>&1
  # shellcheck disable=SC2086 # JUICEFS_MOUNT_OPTS is a list of flags
  "$JFS" mount -d --cache-dir "$W/jfscache" --free-space-ratio 0.01 ${JUICEFS_MOUNT_OPTS:-} --log "$W/juicefs-mount.log" "sqlite3://$W/jfs.db" "$W/juicefs" >>"$W/juicefs.log" 2>&1
fi
for _ in $(seq 100); do
  ok=1; for m in strata stratacache juicefs s3fs; do has $m && ! mountpoint -q "$W/$m" && ok=0; done
  [ $ok = 1 ] && break; sleep 0.1
done
COLS=()
for m in $ALL; do
  has $m || continue
  if [ $m = local ] || mountpoint -q "$W/$m"; then COLS+=("$m"); else echo "# $m: not mounted (left out)" >&2; fi
done

dropcache() { sync; echo 3 >/proc/sys/vm/drop_caches; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc | awk '{printf "%.2f", $1}'; }
fiojob() { # dir name rw bs size [extra...]
  fio --name="$2" --directory="$1" --rw="$3" --bs="$4" --size="$5" --ioengine=psync --numjobs=1 \
    --end_fsync=1 --output-format=terse --terse-version=3 "${@:6}" 2>>"$W/fio.err"
}
# bounded CMD...: runs CMD within ROW_TIMEOUT; prints its time, ">N" when
# cut, or "failed" (its errors go to $W/errors.log).
bounded() {
  local s rc=0; s=$(now)
  timeout "$ROW_TIMEOUT" "$@" >/dev/null 2>>"$W/errors.log" || rc=$?
  case $rc in 0) elapsed "$s" ;; 124) echo ">$ROW_TIMEOUT" ;; *) echo "failed" ;; esac
}
# terse v3: field 7 read KiB/s, 8 read IOPS, 48 write KiB/s, 49 write IOPS
field() { awk -F';' -v f="$1" -v d="$2" '{printf "%.0f", $f/d}'; }
# row LABEL FUNC: FUNC DIR prints one figure per file system.
row() {
  local label=$1 fn=$2 out="| $1 |"
  for m in $ALL; do
    if [[ " ${COLS[*]} " == *" $m "* ]]; then out+=" $($fn "$W/$m" "$m") |"; else out+=" - |"; fi
  done
  echo "$out"
}
# strata_idle waits (at most 120 s) until the server uses under 10% of a
# core for 2 s: random writes leave a fragmented file that the compactor
# rewrites in the background, and a read row should not race it.
strata_idle() {
  local end=$(($(date +%s) + 120)) a b
  while [ "$(date +%s)" -lt $end ]; do
    a=$(awk '{print $14+$15}' /proc/$SERVER/stat); sleep 2; b=$(awk '{print $14+$15}' /proc/$SERVER/stat)
    [ $((b - a)) -lt 20 ] && return
  done
}
on() { [[ ",$ONLY," == *",$1,"* ]]; }

echo "# $(date -u +%FT%TZ) SEQ=$SEQ RAND=$RAND RUNTIME=${RUNTIME}s FILES=$FILES TOUCH=$TOUCH MVFILES=$MVFILES TARFILES=$TARFILES"
echo "| workload | Strata mount, --cache-dir= ${STRATA_MOUNT_OPTS:-} | Strata mount (read cache on, the default) ${STRATA_MOUNT_OPTS:-} ${STRATACACHE_MOUNT_OPTS:-} | JuiceFS ${JUICEFS_MOUNT_OPTS:-} | s3fs | local dir |"
echo "|---|---|---|---|---|---|"

if on fio; then
  seqw() { fiojob "$1" seq write 1M "$SEQ" | field 48 1024; }
  seqr() { fiojob "$1" seq read 1M "$SEQ" | field 7 1024; }
  randw() { fiojob "$1" rnd randwrite 4k "$RAND" --time_based --runtime="$RUNTIME" | field 49 1; }
  randr() { fiojob "$1" rnd randread 4k "$RAND" --time_based --runtime="$RUNTIME" | field 8 1; }
  row "seq write $SEQ, 1 MiB blocks (MiB/s)" seqw
  dropcache
  row "seq read $SEQ (MiB/s)" seqr
  row "random write 4 KiB, $RAND file (IOPS)" randw
  strata_idle
  dropcache
  row "random read 4 KiB, $RAND file (IOPS)" randr
  for m in "${COLS[@]}"; do rm -f "$W/$m"/seq.* "$W/$m"/rnd.*; done
fi

if on small; then
  head -c 1024 /dev/urandom >"$W/1k"
  # $SECONDS is a builtin: checking the bound starts no process.
  create() {
    local d=$1/small s end=$((SECONDS + ROW_TIMEOUT)); mkdir -p "$d"; s=$(now)
    for i in $(seq "$FILES"); do cp "$W/1k" "$d/f$i"; [ $SECONDS -lt $end ] || { echo ">$ROW_TIMEOUT"; return; }; done; elapsed "$s"
  }
  statf() {
    local s end=$((SECONDS + ROW_TIMEOUT)); s=$(now)
    for i in $(seq "$FILES"); do stat "$1/small/f$i" >/dev/null 2>&1; [ $SECONDS -lt $end ] || { echo ">$ROW_TIMEOUT"; return; }; done; elapsed "$s"
  }
  del() {
    local s end=$((SECONDS + ROW_TIMEOUT)); s=$(now)
    for i in $(seq "$FILES"); do rm -f "$1/small/f$i"; [ $SECONDS -lt $end ] || { echo ">$ROW_TIMEOUT"; return; }; done; elapsed "$s"
  }
  row "create $FILES files of 1 KiB (s)" create
  row "stat $FILES (s)" statf
  row "delete $FILES (s)" del
fi

if on touch; then
  touchn() { mkdir -p "$1/many"; seq -f "t%g" "$TOUCH" >"$W/names"; (cd "$1/many" && bounded xargs -a "$W/names" touch); }
  lsl() { local s; s=$(now); ls -l "$1/many" >/dev/null; elapsed "$s"; }
  lsboth() { local c; dropcache; sleep 2; c=$(lsl "$1"); echo "$c / $(lsl "$1")"; }
  row "create $TOUCH empty files with xargs touch (s)" touchn
  row "ls -l of $TOUCH entries, cold / warm (s)" lsboth
fi

if on mv; then
  mvdir() {
    mkdir -p "$1/mvsrc"; seq -f "m%g" "$MVFILES" >"$W/mvnames"
    (cd "$1/mvsrc" && timeout "$ROW_TIMEOUT" xargs -a "$W/mvnames" touch) || { echo "- (fill >$ROW_TIMEOUT)"; return; }
    bounded mv "$1/mvsrc" "$1/mvdst"
  }
  row "mv of a $MVFILES-file directory (s)" mvdir
fi

if on tar; then
  # A deterministic tarball: TARFILES files in 100 directories, sizes
  # drawn from a fixed seed (most small, a few up to 64 KiB).
  python3 - "$W/tarsrc" "$TARFILES" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
r = random.Random(14)
for i in range(n):
    d = os.path.join(root, "src", "d%02d" % (i % 100))
    os.makedirs(d, exist_ok=True)
    size = int(min(65536, r.expovariate(1 / 3000)))
    with open(os.path.join(d, "f%05d.txt" % i), "wb") as f:
        f.write(r.randbytes(size))
PY
  tar -C "$W/tarsrc" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$W/small.tar" src
  rm -rf "$W/tarsrc"
  untar() { mkdir -p "$1/tar"; bounded tar -C "$1/tar" -xf "$W/small.tar"; }
  row "tar -x of $TARFILES small files ($(du -m "$W/small.tar" | cut -f1) MiB) (s)" untar
fi
