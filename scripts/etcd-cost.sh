#!/usr/bin/env bash
# etcd cost of a Strata cluster, per role and per PUT (docs/SCALE.md): a
# 4-node local cluster (3 metadata members), the raft proposals committed
# by the metadata cluster (etcd_server_proposals_committed_total on one
# member) while idle, then during a PUT-only load with `strata bench`.
# Usage: scripts/etcd-cost.sh [path/to/strata] [size] [policy]
set -euo pipefail
B=${1:-}
SIZE=${2:-4KiB}
POLICY=${3:-THREECOPIES}
if [ -z "$B" ]; then go build -o /tmp/strata-etcd-cost ./cmd/strata; B=/tmp/strata-etcd-cost; fi
W=$(mktemp -d)
PORT=${PORT:-9960}
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$W"' EXIT
"$B" cluster local --nodes 4 --dir "$W/c" --base-port "$PORT" --policy "$POLICY" --node-log-level warn >/dev/null 2>&1 &
until grep -q '"ready": true' "$W/c/cluster.json" 2>/dev/null; do sleep 0.5; done
export STRATA_ACCESS_KEY STRATA_SECRET_KEY
key() { python3 -c 'import json,sys
d = json.load(open(sys.argv[1])); d = d[0] if isinstance(d, list) else d
print(next(v for k, v in d.items() if sys.argv[2] in k.lower()))' "$W/c/credentials.json" "$1"; }
STRATA_ACCESS_KEY=$(key access)
STRATA_SECRET_KEY=$(key secret)
M="http://127.0.0.11:$((PORT + 2))/metrics"
committed() { curl -s "$M" | awk '/^etcd_server_proposals_committed_total /{print $2}'; }
sleep 5 # let the nodes settle (registrations, elections)
a=$(committed); sleep 20; b=$(committed)
echo "idle: $(python3 -c "print(round(($b-$a)/20,1))") etcd writes/s (4 nodes: heartbeats, digest, leases)"
a=$(committed); t0=$(date +%s.%N)
out=$("$B" bench --endpoint "http://127.0.0.11:$PORT" --ops put --size "$SIZE" --concurrency 16 --duration 20s --bucket etcdcost --json)
t1=$(date +%s.%N); b=$(committed)
python3 - "$a" "$b" "$t0" "$t1" "$out" <<'PY'
import json, sys
a, b, t0, t1 = (float(x) for x in sys.argv[1:5])
txt = sys.argv[5]
ops = None
def walk(x):
    global ops
    if isinstance(x, dict):
        for k, v in x.items():
            if k.lower() in ("ops", "count", "operations", "requests") and isinstance(v, (int, float)) and ops is None:
                ops = v
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
last = None
for line in txt.splitlines():  # the report is the last JSON line
    line = line.strip()
    if line.startswith("{") or line.startswith("["):
        try:
            ops = None
            walk(json.loads(line))
            last = ops if ops is not None else last
        except ValueError:
            pass
ops = last
print("bench report:", txt.strip().splitlines()[-1][:300] if txt.strip() else "")
el = t1 - t0
print(f"PUT load: {b-a:.0f} etcd writes in {el:.1f} s; PUTs: {ops}")
if ops:
    print(f"etcd writes per PUT (idle rate not subtracted): {(b-a)/ops:.2f}")
PY
