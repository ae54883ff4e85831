#!/usr/bin/env python3
"""Derive the align lens's conflict-history input (Python 3 standard library).

Reads the GML MID 2.2.1 directed dyad-years (see data/history/SOURCES.md for the owner and
terms) and writes, byte-identically on every run, data/history/mids.csv:

    ccode1,ccode2,year,hostlev

one row per unordered pair of states (ccode1 < ccode2) and year in which they were on opposite
sides of a militarised interstate dispute, with `hostlev` the highest hostility level either of
the two reached in that dispute (2 threat, 3 display, 4 use of force, 5 war; a state that took
no militarised action, level 1, is lifted to its opponent's level). When a pair had several
disputes in one year, the highest level counts. The data cover 1816-2010.

Usage: python3 scripts/derive_align_conflict.py [SHARED_DATA_DIR]   (default /work/shared/data)
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
MIDS = os.path.join(SHARED, "history/gml_mid_dirdyadyear_v2_2_1.csv")


def main():
    best = {}
    with open(MIDS, newline="") as f:
        for row in csv.DictReader(f):
            a, b = int(row["ccode1"]), int(row["ccode2"])
            if a == b:
                continue
            level = max(int(row["hostlev1"]), int(row["hostlev2"]))
            key = (min(a, b), max(a, b), int(row["year"]))
            best[key] = max(best.get(key, 0), level)
    with open(os.path.join(ROOT, "data/history/mids.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ccode1", "ccode2", "year", "hostlev"])
        for (a, b, y), level in sorted(best.items()):
            w.writerow([a, b, y, level])


if __name__ == "__main__":
    main()
