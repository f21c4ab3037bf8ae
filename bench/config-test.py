#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Configuration check speed and memory, lvsd against keepalived, in one run.

`lvsd -t` and `keepalived -t` read the same generated files; each runs RUNS
times, and the median wall time and the peak resident set are reported with
the ratio keepalived / lvsd (above 1: lvsd is faster or smaller).

Usage: bench/config-test.py LVSD [RUNS]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = [(500, 10), (2300, 16)]


def measure(cmd, runs):
    """Median seconds of `runs` runs of cmd, and its peak RSS in KiB."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        rc = subprocess.call(cmd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if rc != 0:
            sys.exit(f"{' '.join(cmd)}: exit {rc}: the file must be valid")
    # GNU time measures from a small C parent: wait4() under Python would
    # count the forking interpreter's own pages.
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, check=True).stderr
    return statistics.median(times), int(out.strip().splitlines()[-1])


def main():
    lvsd = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print("| config | lvsd -t | keepalived -t | time ratio "
          "| lvsd RSS | keepalived RSS | RSS ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for n_vs, n_rs in SIZES:
            conf = os.path.join(tmp, f"{n_vs}x{n_rs}.conf")
            with open(conf, "w") as f:
                subprocess.run([sys.executable,
                                os.path.join(HERE, "gen-lvs-config.py"),
                                str(n_vs), str(n_rs)], stdout=f, check=True)
            lt, lm = measure([lvsd, "-t", "-f", conf], runs)
            kt, km = measure(["keepalived", "-t", "-l", "-f", conf], runs)
            print(f"| {n_vs} VS x {n_rs} RS ({n_vs * n_rs} checkers) "
                  f"| {lt:.3f} s | {kt:.3f} s | {kt / lt:.1f} "
                  f"| {lm / 1024:.1f} MB | {km / 1024:.1f} MB "
                  f"| {km / lm:.1f} |")
    print(f"\n{runs} runs each, median time, peak RSS; "
          f"{os.uname().release}, {os.cpu_count()} CPUs.")


if __name__ == "__main__":
    main()
