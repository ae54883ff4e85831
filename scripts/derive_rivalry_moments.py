#!/usr/bin/env python3
"""Derive the rivalry moments the escalate calibration targets, in data/history/.

Inputs (credited in data/history/SOURCES.md), from a directory given as the first argument
(default /work/shared/data/history):

  td_rivalries_thompson_dreyer_2012.csv       strategic rivalries (Thompson & Dreyer 2012)
  tss_rivalries_thompson_sakuwa_suhas_2021.csv updated rivalries (Thompson, Sakuwa & Suhas 2021)
  gml_mid_dirdyadyear_v2_2_1.csv              MID directed dyad-years (Gibler, Miller & Little)
  gml_mid_disputes_v2_2_1.csv                 MID disputes (same)

A rivalry-year is a year from max(start, 1816) to min(end, 2010) of a Thompson-Dreyer rivalry.
Eras: fit = 1816-1945, test = 1946-2010, by calendar year. For each rivalry-year the MID record
of the pair (either direction) gives:

  dispute year  at least one MID ongoing between the two (a row in the dyad-year file whose
                dispute is in the dispute file);
  onset         at least one MID between them begins that year (midonset = 1);
  level         the highest hostility level of either side in any of their MIDs that year,
                max(hostlev1, hostlev2), raised to 2 where both sides are coded 1.

Outputs, one small file per target, one row per era:

  rivalry_mid_onsets.csv        era,rivalry_years,onset_years
  rivalry_hostility_mix.csv     era,dispute_years,level2,level3,level4,level5
  rivalry_spells.csv            era,spells,spell_years,spell_years_sq
                                (maximal runs of consecutive dispute-years inside a rivalry,
                                assigned to the era of their first year; the sum of squared
                                lengths gives the standard error)
  rivalry_terminations.csv      era,rivalry_years,terminations,terminations_tss
                                (rivalries whose last year falls in the era and before 2010,
                                Thompson-Dreyer; the same count from the 2021 update, matched
                                by pair and overlapping years, as a check)

Python 3 standard library only. Re-running it on the same inputs gives byte-identical files.
"""

import csv
import os
import sys

FIRST, SPLIT, LAST = 1816, 1945, 2010
ERAS = [("fit", FIRST, SPLIT), ("test", SPLIT + 1, LAST)]


def era_of(year):
    for name, lo, hi in ERAS:
        if lo <= year <= hi:
            return name
    return None


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/history"
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "history")

    rivalries = read(os.path.join(src, "td_rivalries_thompson_dreyer_2012.csv"))
    updated = read(os.path.join(src, "tss_rivalries_thompson_sakuwa_suhas_2021.csv"))
    dyad_years = read(os.path.join(src, "gml_mid_dirdyadyear_v2_2_1.csv"))
    disputes = {r["dispnum"] for r in read(os.path.join(src, "gml_mid_disputes_v2_2_1.csv"))}

    # (pair, year) -> [onset, level]
    mids = {}
    for r in dyad_years:
        if r["dispnum"] not in disputes:
            continue
        a, b = int(r["ccode1"]), int(r["ccode2"])
        pair = (min(a, b), max(a, b))
        key = (pair, int(r["year"]))
        level = max(2, int(r["hostlev1"]), int(r["hostlev2"]))
        entry = mids.setdefault(key, [0, 0])
        entry[0] = max(entry[0], int(r["midonset"]))
        entry[1] = max(entry[1], level)

    years = {e: 0 for e, _, _ in ERAS}
    onsets = {e: 0 for e, _, _ in ERAS}
    levels = {e: [0, 0, 0, 0] for e, _, _ in ERAS}
    spells = {e: [0, 0, 0] for e, _, _ in ERAS}
    ends = {e: 0 for e, _, _ in ERAS}
    for r in rivalries:
        a, b = int(r["ccode1"]), int(r["ccode2"])
        pair = (min(a, b), max(a, b))
        start, end = int(r["styear"]), int(r["endyear"])
        lo, hi = max(start, FIRST), min(end, LAST)
        run, run_start = 0, None
        for y in range(lo, hi + 1):
            e = era_of(y)
            years[e] += 1
            m = mids.get((pair, y))
            if m:
                onsets[e] += m[0]
                levels[e][m[1] - 2] += 1
                if run == 0:
                    run_start = y
                run += 1
            if run and (not m or y == hi):
                s = spells[era_of(run_start)]
                s[0] += 1
                s[1] += run
                s[2] += run * run
                run = 0
        if lo <= hi and end < LAST:
            ends[era_of(end)] += 1

    ends_tss = {e: 0 for e, _, _ in ERAS}
    for r in updated:
        end = int(r["end"])
        if FIRST <= end < LAST:
            ends_tss[era_of(end)] += 1

    def write(name, header, rows):
        with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    eras = [e for e, _, _ in ERAS]
    write(
        "rivalry_mid_onsets.csv",
        ["era", "rivalry_years", "onset_years"],
        [[e, years[e], onsets[e]] for e in eras],
    )
    write(
        "rivalry_hostility_mix.csv",
        ["era", "dispute_years", "level2", "level3", "level4", "level5"],
        [[e, sum(levels[e])] + levels[e] for e in eras],
    )
    write(
        "rivalry_spells.csv",
        ["era", "spells", "spell_years", "spell_years_sq"],
        [[e] + spells[e] for e in eras],
    )
    write(
        "rivalry_terminations.csv",
        ["era", "rivalry_years", "terminations", "terminations_tss"],
        [[e, years[e], ends[e], ends_tss[e]] for e in eras],
    )


if __name__ == "__main__":
    main()
