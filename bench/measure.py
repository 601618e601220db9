#!/usr/bin/env python3
"""Run a command REPEAT times; print the best wall time (s) and the peak RSS (MiB).

Usage: measure.py REPEAT -- CMD [ARG...]
Peak RSS is the largest ru_maxrss of the command's process tree, read from
this (fresh) process's RUSAGE_CHILDREN after it has waited for the command.
"""
import resource
import subprocess
import sys
import time

def main():
    repeat = int(sys.argv[1])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{best:.4f} {rss_kib / 1024:.1f}")

if __name__ == "__main__":
    main()
