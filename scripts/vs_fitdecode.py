#!/usr/bin/env python3
"""Side by side, in one run: Python fitdecode vs runaudit reading the same FIT files.

Usage: scripts/vs_fitdecode.py RUNAUDIT_BINARY FILE.fit...   (needs `pip install fitdecode`)

fitdecode reads every data message and pulls the record fields runaudit's analysis uses;
runaudit does more (reads, analyzes, judges, writes JSON) on one thread (`audit -j1`).
Prints wall and CPU milliseconds per file for each and the ratios (CPU time is the fairer
figure on a shared machine).
"""
import subprocess
import sys
import tempfile
import time
import os
import resource

import fitdecode

FIELDS = ("timestamp", "position_lat", "position_long", "enhanced_altitude", "distance",
          "enhanced_speed", "heart_rate", "cadence", "power")


def read_with_fitdecode(path):
    records = 0
    with fitdecode.FitReader(path) as fit:
        for frame in fit:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                for name in FIELDS:
                    if frame.has_field(name):
                        frame.get_value(name)
                records += 1
    return records


def main():
    binary, files = sys.argv[1], sys.argv[2:]
    start, cpu = time.perf_counter(), time.process_time()
    records = sum(read_with_fitdecode(f) for f in files)
    py_s = (time.perf_counter() - start) / len(files)
    py_cpu = (time.process_time() - cpu) / len(files)
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(files):
            os.symlink(os.path.abspath(f), os.path.join(tmp, f"{i:05}.fit"))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([binary, "audit", tmp, "-j1", "--format", "json", "--lthr", "172"],
                       check=True, stdout=subprocess.DEVNULL)
        rs_s = (time.perf_counter() - start) / len(files)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        rs_cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / len(files)
    print(f"{len(files)} files, {records} records; ms per file, wall and CPU:")
    print(f"fitdecode (read only):             {py_s * 1000:8.2f} {py_cpu * 1000:8.2f}")
    print(f"runaudit audit -j1 (read+analyze): {rs_s * 1000:8.2f} {rs_cpu * 1000:8.2f}")
    print(f"runaudit is {py_s / rs_s:.0f}x faster per file in wall time, {py_cpu / rs_cpu:.0f}x in CPU time")


if __name__ == "__main__":
    main()
