#!/usr/bin/env python3
"""alternate.py RUNS CMD...: runs the commands in turn RUNS times (after 3 warm-up runs each) and prints each one's median
and quartiles in ms. Alternating means two builds compared see the same machine load, which hyperfine's one-after-the-
other runs do not on a shared machine."""
import subprocess, sys, time, statistics, shlex

if len(sys.argv) < 3 or not sys.argv[1].isdigit():
    sys.exit(__doc__)
runs = int(sys.argv[1]); cmds = [shlex.split(c) for c in sys.argv[2:]]
times = [[] for _ in cmds]
for c in cmds:
    for _ in range(3): subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(runs):
    for i, c in enumerate(cmds):
        t = time.perf_counter(); subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); times[i].append((time.perf_counter() - t) * 1000)
for c, t in zip(sys.argv[2:], times):
    q = statistics.quantiles(t, n=4)
    print(f"median {statistics.median(t):6.1f} ms  q1 {q[0]:6.1f}  q3 {q[2]:6.1f}  {c[:110]}")
