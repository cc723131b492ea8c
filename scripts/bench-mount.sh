#!/usr/bin/env bash
# Mount benchmarks: the same operations on a Strata mount, on s3fs pointed
# at Strata's own S3 endpoint, and on a local directory, in one run.
# Needs root, fuse3, fio and s3fs (apt-get install fuse3 fio s3fs).
#   scripts/bench-mount.sh [SEQ_SIZE (4G)] [RAND_SIZE (1G)] [FILES (10000)] [LS_FILES (100000)]
set -euo pipefail
SEQ=${1:-4G} RAND=${2:-1G} FILES=${3:-10000} LSFILES=${4:-100000}
W=${BENCH_DIR:-/tmp/strata-bench-mount}
PORT=${PORT:-9700}
BIN=${STRATA_BIN:-$(dirname "$0")/../strata}
[ -x "$BIN" ] || { (cd "$(dirname "$0")/.." && go build -o strata ./cmd/strata); BIN=$(dirname "$0")/../strata; }

cleanup() {
  for m in "$W/strata" "$W/s3fs"; do fusermount3 -u "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
rm -rf "$W" && mkdir -p "$W"/{strata,s3fs,local,data}
"$BIN" server --data "$W/data" --s3-addr 127.0.0.1:$PORT >"$W/server.log" 2>&1 & SERVER=$!
sleep 2
AK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['access_key'])")
SK=$(python3 -c "import json;print(json.load(open('$W/data/credentials.json'))['secret_key'])")
export STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK AWS_DEFAULT_REGION=us-east-1
EP=http://127.0.0.1:$PORT
aws --endpoint-url $EP s3 mb s3://viastrata >/dev/null
aws --endpoint-url $EP s3 mb s3://vias3fs >/dev/null
"$BIN" mount viastrata "$W/strata" --endpoint $EP >"$W/mount.log" 2>&1 &
echo "$AK:$SK" >"$W/passwd" && chmod 600 "$W/passwd"
s3fs vias3fs "$W/s3fs" -o url=$EP -o use_path_request_style -o passwd_file="$W/passwd" -o allow_other -o nonempty
sleep 2
mountpoint -q "$W/strata" && mountpoint -q "$W/s3fs"

t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1 || echo "  (failed: $*)" >&2; echo "$(date +%s.%N) - $s" | bc; }
fiojob() { # dir name rw bs size [extra]
  fio --name="$2" --directory="$1" --rw="$3" --bs="$4" --size="$5" --ioengine=psync --numjobs=1 \
      --end_fsync=1 --output-format=terse --terse-version=3 "${@:6}" 2>/dev/null
}
# terse v3: field 7 read bw KiB/s, 48 write bw KiB/s; 8 read iops, 49 write iops
bw() { awk -F';' -v f="$1" '{printf "%.0f", $f/1024}'; }
iops() { awk -F';' -v f="$1" '{printf "%.0f", $f}'; }

# ONLY=seq,rand,many,ls,mv,lag runs a subset of the sections.
ONLY=${ONLY:-seq,rand,many,ls,mv,lag}
on() { [[ ",$ONLY," == *",$1,"* ]]; }
echo "| operation | Strata mount | s3fs on Strata S3 | local dir |"
echo "|---|---|---|---|"
if on seq; then
row=("seq write $SEQ, 1 MiB blocks (MiB/s)")
for m in strata s3fs local; do row+=("$(fiojob "$W/$m" seq write 1M "$SEQ" | bw 48)"); done
echo "| ${row[0]} | ${row[1]} | ${row[2]} | ${row[3]} |"
sync; echo 3 >/proc/sys/vm/drop_caches
row=("seq read $SEQ, 1 MiB blocks (MiB/s)")
for m in strata s3fs local; do row+=("$(fiojob "$W/$m" seq read 1M "$SEQ" | bw 7)"); done
echo "| ${row[0]} | ${row[1]} | ${row[2]} | ${row[3]} |"
for m in strata s3fs local; do rm -f "$W/$m"/seq.*; done
fi
if on rand; then
row=("rand write 4 KiB in $RAND, 30 s (IOPS)")
for m in strata s3fs local; do row+=("$(fiojob "$W/$m" rnd randwrite 4k "$RAND" --time_based --runtime=30 | iops 49)"); done
echo "| ${row[0]} | ${row[1]} | ${row[2]} | ${row[3]} |"
# The random writes left the Strata file in ~all-4-KiB pieces; the
# compactor rewrites it in the background. Read once right away (10 s),
# then again once the server is idle (compaction done).
sync; echo 3 >/proc/sys/vm/drop_caches
echo "| rand read 4 KiB in $RAND, 10 s, right after the writes (IOPS) | $(fiojob "$W/strata" rnd randread 4k "$RAND" --time_based --runtime=10 | iops 8) | - | - |"
cstart=$(date +%s)
while :; do
  a=$(awk '{print $14+$15}' /proc/$SERVER/stat); sleep 2; b=$(awk '{print $14+$15}' /proc/$SERVER/stat)
  [ $((b - a)) -lt 20 ] && break   # under 10 % of a core for 2 s
done
echo "| (compaction of the fragmented file finished within, s) | $(( $(date +%s) - cstart )) | - | - |"
sync; echo 3 >/proc/sys/vm/drop_caches
row=("rand read 4 KiB in $RAND, 30 s (IOPS)")
for m in strata s3fs local; do row+=("$(fiojob "$W/$m" rnd randread 4k "$RAND" --time_based --runtime=30 | iops 8)"); done
echo "| ${row[0]} | ${row[1]} | ${row[2]} | ${row[3]} |"
for m in strata s3fs local; do rm -f "$W/$m"/rnd.*; done
fi

many() { # create, stat, delete N small files
  local d=$1/many; mkdir -p "$d"
  for i in $(seq 1 "$FILES"); do echo x >"$d/f$i"; done
  for i in $(seq 1 "$FILES"); do stat "$d/f$i" >/dev/null; done
  for i in $(seq 1 "$FILES"); do rm "$d/f$i"; done
}
if on many; then
row=("create+stat+delete $FILES small files (s)")
for m in strata s3fs local; do row+=("$(t many "$W/$m")"); done
echo "| ${row[0]} | ${row[1]} | ${row[2]} | ${row[3]} |"
fi

# Large directories are filled through S3 (object store) or touch (local).
fill() { # bucket dir n
  if [ "$1" = local ]; then mkdir -p "$W/local/$2"; (cd "$W/local/$2" && seq 1 "$3" | sed 's/^/f/' | xargs touch); return; fi
  python3 - "$1" "$2" "$3" "$EP" <<'PY'
import sys, concurrent.futures, boto3
b, d, n, ep = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
s3 = boto3.client("s3", endpoint_url=ep)
def put(i): s3.put_object(Bucket=b, Key=f"{d}/f{i}", Body=b"x")
with concurrent.futures.ThreadPoolExecutor(32) as ex: list(ex.map(put, range(1, n + 1)))
PY
}
if on ls; then
fill viastrata big "$LSFILES"; fill vias3fs big "$LSFILES"; fill local big "$LSFILES"
row=("ls -l of $LSFILES entries (s)")
for m in strata s3fs local; do row+=("$(t ls -l "$W/$m/big")"); done
echo "| ${row[0]} | ${row[1]} | ${row[2]} | ${row[3]} |"
fi

if on mv; then
fill viastrata mv "$FILES"; fill vias3fs mv "$FILES"; fill local mv "$FILES"
row=("rename of a directory of $FILES files (s)")
for m in strata s3fs local; do row+=("$(t mv "$W/$m/mv" "$W/$m/mv2")"); done
echo "| ${row[0]} | ${row[1]} | ${row[2]} | ${row[3]} |"
fi

# Visibility lag: write through one side, poll the other until it matches.
lag_s3_to_mount() { # mountdir bucket
  local best=""; for i in 1 2 3 4 5; do
    echo "v$i-$RANDOM" >"$W/val"; cat "$W/$1/lag.txt" >/dev/null 2>&1 || true
    local s=$(date +%s.%N)
    aws --endpoint-url $EP s3 cp "$W/val" "s3://$2/lag.txt" --only-show-errors
    local p=$(date +%s.%N)
    until cmp -s "$W/val" "$W/$1/lag.txt"; do sleep 0.005; [ $(echo "$(date +%s.%N) - $s > 60" | bc) = 1 ] && break; done
    echo "$(date +%s.%N) - $p" | bc
  done | sort -n | sed -n 3p
}
lag_mount_to_s3() { # mountdir bucket
  for i in 1 2 3 4 5; do
    echo "w$i-$RANDOM" >"$W/val"; cp "$W/val" "$W/$1/lag2.txt"
    local s=$(date +%s.%N)
    until aws --endpoint-url $EP s3 cp "s3://$2/lag2.txt" "$W/got" --only-show-errors 2>/dev/null && cmp -s "$W/val" "$W/got"; do sleep 0.01; [ $(echo "$(date +%s.%N) - $s > 60" | bc) = 1 ] && break; done
    echo "$(date +%s.%N) - $s" | bc
  done | sort -n | sed -n 3p
}
if on lag; then
echo "| S3 PUT overwrite -> visible in mount, median of 5 (s, after the PUT returns) | $(lag_s3_to_mount strata viastrata) | $(lag_s3_to_mount s3fs vias3fs) | - |"
echo "| close in mount -> S3 GET sees it, median of 5 (s, incl. one aws cli call) | $(lag_mount_to_s3 strata viastrata) | $(lag_mount_to_s3 s3fs vias3fs) | - |"
fi
