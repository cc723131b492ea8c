#!/usr/bin/env python3
"""Per-operation A/B of mounts, without a process start per file.

    scripts/bench-mount-meta-ops.py NAME=MOUNTDIR [NAME=MOUNTDIR ...]

Each mount gets the same operations in rounds of 100 files, the order of
the mounts reversed every round, and the table gives the mean per file.
"""
import os, sys, time

targets = [a.split("=", 1) for a in sys.argv[1:]]
names = [n for n, _ in targets]
dirs = {n: os.path.join(d, "ops") for n, d in targets}
R, K = 5, 100
ops = ["create", "stat-cold", "chown+chmod+utime", "unlink"]
res = {n: dict.fromkeys(ops, 0.0) for n in names}
for d in dirs.values():
    os.makedirs(d, exist_ok=True)
data = b"x" * 1024


def timed(n, op, fn):
    s = time.time()
    for i in range(K):
        fn(dirs[n], i)
    res[n][op] += time.time() - s


def tarlike(d, i, r):
    # tar's per-file sequence: create, write, fchown, fchmod, futimens, close
    fd = os.open(f"{d}/t{r}_{i}", os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.write(fd, data); os.fchown(fd, 1000, 1000); os.fchmod(fd, 0o640)
    os.utime(fd, (1700000000, 1700000000)); os.close(fd)


for r in range(R):
    order = names if r % 2 == 0 else names[::-1]
    for n in order:
        timed(n, "create", lambda d, i: os.close((lambda fd: (os.write(fd, data), fd)[1])(
            os.open(f"{d}/f{r}_{i}", os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o644))))
    time.sleep(1.1)  # the kernel's attribute cache expires
    for n in order:
        timed(n, "stat-cold", lambda d, i: os.stat(f"{d}/f{r}_{i}"))
    for n in order:
        timed(n, "chown+chmod+utime", lambda d, i: tarlike(d, i, r))
    for n in order:
        timed(n, "unlink", lambda d, i: os.unlink(f"{d}/f{r}_{i}"))
N = R * K
print("| per-file op (ms, mean of %d, rounds alternated) | %s |" % (N, " | ".join(names)))
print("|---|" + "---|" * len(names))
for op in ops:
    print("| %s | %s |" % (op, " | ".join("%.2f" % (res[n][op] / N * 1000) for n in names)))
