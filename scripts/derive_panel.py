#!/usr/bin/env python3
"""Derive detente's bundled state-year panel from the public source extracts.

Usage:  python3 scripts/derive_panel.py [RAW_DIR] [OUT_DIR]
        (defaults: ../shared/data/raw relative to the repository, and data/world/panel)

Reads (Python 3 standard library only):
  cow/cow_states_2016.csv          COW State System Membership 2016: codes, names, spells
  cow/cow_nmc_v7_1816_2022.csv     COW National Material Capabilities v7.0
  sipri_milex_*_1949_2024.csv      SIPRI Military Expenditure Database, 2025 release
  wb_gdp_current_usd.csv, wb_population.csv      World Bank WDI
  imf_weo_oct2025_gdp_pop_2015_2030.csv          IMF World Economic Outlook, October 2025
  unga_idealpoints_bsv_july2025.csv              Voeten, UNGA ideal points (July 2025)

Writes:
  states.csv        one row per COW state: ccode, iso3 (empty where none exists), cow_abb,
                    name, spells ("1816-1940;1945-" — an open end means still a member)
  state_year.csv    one row per state-year with at least one figure (columns below);
                    an empty field is a missing figure, never a zero
  panel.bin         states.csv and state_year.csv, zlib-compressed (level 9), each preceded by
                    its compressed length as 8 ASCII hex digits: the file the binary embeds

Every figure is kept only for years in which the state is a member of the state system (its
COW spells; spells open at 2016 are taken as continuing to the panel's last year). Figures for
other years (e.g. SIPRI's "Germany" before the Federal Republic entered the system in 1955)
are dropped and counted on stderr.
"""
import csv
import os
import sys
import zlib

LAST_YEAR = 2024  # the panel's last year: SIPRI, WB population, UNGA all end here

# Columns of state_year.csv after ccode and year: (name, source file key, unit)
COLUMNS = [
    'cinc', 'nmc_milex', 'nmc_milper', 'nmc_irst', 'nmc_pec', 'nmc_tpop', 'nmc_upop',
    'sipri_milex', 'sipri_milex_const2023', 'sipri_milex_pct_gdp',
    'wb_gdp', 'wb_pop', 'imf_gdp', 'imf_pop',
    'unga_ideal_fp', 'unga_ideal_all',
]

# ISO 3166-1 alpha-3 where the UNGA file's code is missing, historical or not the current
# holder of the code. None: no ISO3 code exists for the state.
ISO3_OVERRIDES = {
    260: None,    # German Federal Republic (1955-1990): DEU belongs to Germany, 255
    678: None,    # Yemen Arab Republic: the UNGA file's "YAR" is not an ISO code
    680: None,    # Yemen People's Republic: the UNGA file reuses "YAR"
    345: 'SRB',   # COW 345 (Yugoslavia, then Serbia and Montenegro, then Serbia) is Serbia today
    347: 'XKX',   # Kosovo: user-assigned code used by the World Bank and the EU
    331: 'SMR', 346: 'BIH', 371: 'ARM', 373: 'AZE', 420: 'GMB', 436: 'NER', 450: 'LBR',
    452: 'GHA', 484: 'COG', 581: 'COM', 590: 'MUS', 666: 'ISR', 740: 'JPN', 811: 'KHM',
    955: 'TON',
}

# SIPRI country names that do not match a COW or UNGA name. A tuple maps by year range.
SIPRI_NAMES = {
    'United States of America': 2, 'Congo, DR': 490, 'Congo, Republic': 484,
    'Gambia, The': 420, 'Korea, North': 731, 'Korea, South': 732, "Cote d'Ivoire": 437,
    'Eswatini': 572, 'Kyrgyz Republic': 703, 'Timor Leste': 860, 'Viet Nam': 816,
    'Türkiye': 640, 'Czechia': 316, 'North Macedonia': 343, 'Myanmar': 775,
    'Bosnia and Herzegovina': 346, 'Yemen, North': 678, 'Yemen': 679, 'Czechoslovakia': 315,
    'Yugoslavia': 345, 'Serbia': 345, 'USSR': 365, 'Russia': 365, 'Kosovo': 347,
    'German Democratic Republic': 265, 'Taiwan': 713, 'Cape Verde': 402,
    # SIPRI's "Germany" is the Federal Republic before unification.
    'Germany': ((1949, 1989, 260), (1990, LAST_YEAR, 255)),
}
SIPRI_SKIP = {'European Union'}


def read(path):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


def num(s):
    s = (s or '').strip()
    if s == '' or s.upper() == 'NA':
        return None
    return float(s)


def fmt(v, digits=None):
    """A figure as text: empty when missing; integers without a decimal point."""
    if v is None:
        return ''
    if digits is not None:
        v = round(v, digits)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def norm(name):
    return ''.join(c for c in name.lower() if c.isalnum())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    raw = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', '..', 'shared', 'data', 'raw')
    if not os.path.isdir(raw):
        raw = '/work/shared/data/raw'
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, '..', 'data', 'world', 'panel')
    os.makedirs(out, exist_ok=True)
    P = lambda *p: os.path.join(raw, *p)

    # --- the state system: codes, names, spells ---------------------------------------------
    states = {}
    for r in read(P('cow', 'cow_states_2016.csv')):
        cc = int(r['ccode'])
        s = states.setdefault(cc, {'abb': r['stateabb'], 'name': r['statenme'], 'spells': []})
        end = int(r['endyear'])
        s['spells'].append((int(r['styear']), None if end >= 2016 else end))

    def member(cc, year):
        s = states.get(cc)
        return s is not None and any(a <= year <= (b if b is not None else LAST_YEAR) for a, b in s['spells'])

    # --- ISO3 from the UNGA file, with overrides ---------------------------------------------
    unga = read(P('unga_idealpoints_bsv_july2025.csv'))
    iso = {}
    names = {}
    for r in unga:
        cc = int(r['ccode'])
        if r['iso3c']:
            iso.setdefault(cc, r['iso3c'])
            names.setdefault(norm(r['countryname']), cc)
    for cc, code in ISO3_OVERRIDES.items():
        iso[cc] = code
    for cc, s in states.items():
        names.setdefault(norm(s['name']), cc)
    seen = {}
    for cc in sorted(states):
        code = iso.get(cc)
        if code:
            if code in seen:
                sys.exit(f'ISO3 {code} given to both {seen[code]} and {cc}')
            seen[code] = cc
    iso_to_cc = seen

    panel = {}  # (cc, year) -> {column: value}
    dropped = {}

    def put(cc, year, col, v, source):
        if v is None:
            return
        if not member(cc, year):
            dropped[source] = dropped.get(source, 0) + 1
            return
        panel.setdefault((cc, year), {})[col] = v

    # --- COW NMC v7 ----------------------------------------------------------------------------
    nmc_cols = [('cinc', 'cinc'), ('nmc_milex', 'milex'), ('nmc_milper', 'milper'), ('nmc_irst', 'irst'),
                ('nmc_pec', 'pec'), ('nmc_tpop', 'tpop'), ('nmc_upop', 'upop')]
    for r in read(P('cow', 'cow_nmc_v7_1816_2022.csv')):
        cc, y = int(r['ccode']), int(r['year'])
        for col, src in nmc_cols:
            put(cc, y, col, num(r[src]), 'COW NMC')

    # --- SIPRI (wide: country, then one column per year) -------------------------------------
    def sipri_code(name, year):
        m = SIPRI_NAMES.get(name)
        if m is None:
            m = names.get(norm(name))
        if m is None:
            sys.exit(f'SIPRI country `{name}` has no COW code: add it to SIPRI_NAMES')
        if isinstance(m, tuple):
            for a, b, cc in m:
                if a <= year <= b:
                    return cc
            return None
        return m

    for fn, col in [('sipri_milex_current_usd_millions_1949_2024.csv', 'sipri_milex'),
                    ('sipri_milex_constant2023_usd_millions_1949_2024.csv', 'sipri_milex_const2023'),
                    ('sipri_milex_share_of_gdp_pct_1949_2024.csv', 'sipri_milex_pct_gdp')]:
        for r in read(P(fn)):
            name = ' '.join(r['country'].split())
            if name in SIPRI_SKIP:
                continue
            for k, v in r.items():
                if k == 'country' or num(v) is None:
                    continue
                y = int(k)
                cc = sipri_code(name, y)
                if cc is None:
                    continue
                prev = panel.get((cc, y), {}).get(col)
                if prev is not None and prev != num(v):
                    sys.exit(f'SIPRI: two different {col} figures for {cc} in {y}')
                put(cc, y, col, num(v), 'SIPRI')

    # --- World Bank WDI (long: name, ISO3, year, value) ---------------------------------------
    for fn, col, scale, digits in [('wb_gdp_current_usd.csv', 'wb_gdp', 1e9, 4), ('wb_population.csv', 'wb_pop', 1e6, 4)]:
        for r in read(P(fn)):
            cc = iso_to_cc.get(r['Country Code'])
            v = num(r['Value'])
            if cc is None or v is None:
                continue
            put(cc, int(r['Year']), col, round(v / scale, digits), 'World Bank')

    # --- IMF WEO Oct 2025: actual or estimated years up to LAST_YEAR, no projections beyond ---
    for r in read(P('imf_weo_oct2025_gdp_pop_2015_2030.csv')):
        cc = iso_to_cc.get(r['ref_area'])
        y = int(r['year'])
        if cc is None or y > LAST_YEAR:
            continue
        put(cc, y, 'imf_gdp', num(r['NGDPD']), 'IMF WEO')
        put(cc, y, 'imf_pop', num(r['LP']), 'IMF WEO')

    # --- UNGA ideal points (year-based), rounded to 4 decimals as in the 41-actor table -------
    for r in unga:
        cc, y = int(r['ccode']), int(float(r['year']))
        fp, al = num(r['idealpointfp']), num(r['idealpointall'])
        put(cc, y, 'unga_ideal_fp', None if fp is None else round(fp, 4), 'UNGA')
        put(cc, y, 'unga_ideal_all', None if al is None else round(al, 4), 'UNGA')

    # --- write -----------------------------------------------------------------------------------
    states_rows = [['ccode', 'iso3', 'cow_abb', 'name', 'spells']]
    for cc in sorted(states):
        s = states[cc]
        spells = ';'.join(f'{a}-{"" if b is None else b}' for a, b in s['spells'])
        states_rows.append([str(cc), iso.get(cc) or '', s['abb'], s['name'], spells])
    year_rows = [['ccode', 'year'] + COLUMNS]
    for (cc, y) in sorted(panel):
        row = panel[(cc, y)]
        year_rows.append([str(cc), str(y)] + [fmt(row.get(c)) for c in COLUMNS])

    def text(rows):
        lines = []
        for r in rows:
            lines.append(','.join(f'"{f}"' if ',' in f or '"' in f else f for f in r))
        return '\n'.join(lines) + '\n'

    blobs = []
    for fn, rows in [('states.csv', states_rows), ('state_year.csv', year_rows)]:
        t = text(rows)
        with open(os.path.join(out, fn), 'w', encoding='utf-8', newline='') as f:
            f.write(t)
        blobs.append(zlib.compress(t.encode('utf-8'), 9))
    with open(os.path.join(out, 'panel.bin'), 'wb') as f:
        for b in blobs:
            f.write(b'%08x' % len(b))
            f.write(b)
    raw_size = sum(os.path.getsize(os.path.join(out, n)) for n in ('states.csv', 'state_year.csv'))
    print(f'{len(states_rows) - 1} states, {len(year_rows) - 1} state-years; '
          f'{raw_size} bytes of CSV, {os.path.getsize(os.path.join(out, "panel.bin"))} compressed',
          file=sys.stderr)
    for k, v in sorted(dropped.items()):
        print(f'  {v} {k} figures outside the state\'s membership years dropped', file=sys.stderr)


if __name__ == '__main__':
    main()
