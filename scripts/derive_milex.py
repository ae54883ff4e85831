#!/usr/bin/env python3
"""Derive the bundled military-expenditure series and arms-race lists in data/history/.

Inputs (raw files, credited in data/history/SOURCES.md), from a directory given as the first
argument (default /work/shared/data):

  raw/sipri_milex_constant2023_usd_millions_1949_2024.csv  SIPRI, wide, constant 2023 US$ m
  raw/cow/cow_nmc_v7_1816_2022.csv                          COW NMC v7, milex in current US$ k
  raw/cow/cow_states_2016.csv                               COW state names
  history/grh_arms_races_raw_spreadsheet.csv                Gibler, Rider & Hutchison arms races
  history/td_rivalries_thompson_dreyer_2012.csv             Thompson & Dreyer strategic rivalries

Outputs (written next to this repository's data/history/SOURCES.md):

  milex.csv      ccode,year,series,value   series S = SIPRI constant 2023 US$ m (1949-2024),
                                           series C = COW NMC milex, current US$ k (1816-1990)
  states.csv     ccode,iso3,name           every state with a series (iso3 empty where none)
  arms_races.csv race,ccode1,ccode2,start,end          (GRH 2005)
  rivalries.csv  rivalry,ccode1,ccode2,start,end,name  (Thompson & Dreyer 2012; end 2010 = ongoing)

Python 3 standard library only. Re-running it on the same inputs gives byte-identical files.
"""

import csv
import os
import sys

# COW NMC milex is kept up to this year: it covers every GRH race (the last ends in 1984) with
# its run-up and the SIPRI gaps of the early Cold War, while keeping the bundled file small.
COW_LAST_YEAR = 1990

# SIPRI country name -> (COW ccode, ISO 3166-1 alpha-3). Successor and predecessor states that
# COW codes as one state share a code: USSR (to 1991) and Russia (from 1992) are 365, Yugoslavia
# and Serbia are 345. SIPRI's "Germany" before 1991 is the Federal Republic; it is kept under 255.
# The European Union is not a state and is left out.
SIPRI_STATES = {
    "Algeria": (615, "DZA"), "Libya": (620, "LBY"), "Morocco": (600, "MAR"),
    "Tunisia": (616, "TUN"), "Angola": (540, "AGO"), "Benin": (434, "BEN"),
    "Botswana": (571, "BWA"), "Burkina Faso": (439, "BFA"), "Burundi": (516, "BDI"),
    "Cameroon": (471, "CMR"), "Cape Verde": (402, "CPV"),
    "Central African Republic": (482, "CAF"), "Chad": (483, "TCD"),
    "Congo, DR": (490, "COD"), "Congo, Republic": (484, "COG"),
    "Cote d'Ivoire": (437, "CIV"), "Djibouti": (522, "DJI"),
    "Equatorial Guinea": (411, "GNQ"), "Eritrea": (531, "ERI"), "Ethiopia": (530, "ETH"),
    "Gabon": (481, "GAB"), "Gambia, The": (420, "GMB"), "Ghana": (452, "GHA"),
    "Guinea": (438, "GIN"), "Guinea-Bissau": (404, "GNB"), "Kenya": (501, "KEN"),
    "Lesotho": (570, "LSO"), "Liberia": (450, "LBR"), "Madagascar": (580, "MDG"),
    "Malawi": (553, "MWI"), "Mali": (432, "MLI"), "Mauritania": (435, "MRT"),
    "Mauritius": (590, "MUS"), "Mozambique": (541, "MOZ"), "Namibia": (565, "NAM"),
    "Niger": (436, "NER"), "Nigeria": (475, "NGA"), "Rwanda": (517, "RWA"),
    "Senegal": (433, "SEN"), "Seychelles": (591, "SYC"), "Sierra Leone": (451, "SLE"),
    "Somalia": (520, "SOM"), "South Africa": (560, "ZAF"), "South Sudan": (626, "SSD"),
    "Sudan": (625, "SDN"), "Eswatini": (572, "SWZ"), "Tanzania": (510, "TZA"),
    "Togo": (461, "TGO"), "Uganda": (500, "UGA"), "Zambia": (551, "ZMB"),
    "Zimbabwe": (552, "ZWE"), "Belize": (80, "BLZ"), "Costa Rica": (94, "CRI"),
    "Cuba": (40, "CUB"), "Dominican Republic": (42, "DOM"), "El Salvador": (92, "SLV"),
    "Guatemala": (90, "GTM"), "Haiti": (41, "HTI"), "Honduras": (91, "HND"),
    "Jamaica": (51, "JAM"), "Mexico": (70, "MEX"), "Nicaragua": (93, "NIC"),
    "Panama": (95, "PAN"), "Trinidad and Tobago": (52, "TTO"), "Canada": (20, "CAN"),
    "United States of America": (2, "USA"), "Argentina": (160, "ARG"),
    "Bolivia": (145, "BOL"), "Brazil": (140, "BRA"), "Chile": (155, "CHL"),
    "Colombia": (100, "COL"), "Ecuador": (130, "ECU"), "Guyana": (110, "GUY"),
    "Paraguay": (150, "PRY"), "Peru": (135, "PER"), "Uruguay": (165, "URY"),
    "Venezuela": (101, "VEN"), "Australia": (900, "AUS"), "Fiji": (950, "FJI"),
    "New Zealand": (920, "NZL"), "Papua New Guinea": (910, "PNG"),
    "Afghanistan": (700, "AFG"), "Bangladesh": (771, "BGD"), "India": (750, "IND"),
    "Nepal": (790, "NPL"), "Pakistan": (770, "PAK"), "Sri Lanka": (780, "LKA"),
    "China": (710, "CHN"), "Japan": (740, "JPN"), "Korea, North": (731, "PRK"),
    "Korea, South": (732, "KOR"), "Mongolia": (712, "MNG"), "Taiwan": (713, "TWN"),
    "Brunei": (835, "BRN"), "Cambodia": (811, "KHM"), "Indonesia": (850, "IDN"),
    "Laos": (812, "LAO"), "Malaysia": (820, "MYS"), "Myanmar": (775, "MMR"),
    "Philippines": (840, "PHL"), "Singapore": (830, "SGP"), "Thailand": (800, "THA"),
    "Timor Leste": (860, "TLS"), "Viet Nam": (816, "VNM"), "Kazakhstan": (705, "KAZ"),
    "Kyrgyz Republic": (703, "KGZ"), "Tajikistan": (702, "TJK"),
    "Turkmenistan": (701, "TKM"), "Uzbekistan": (704, "UZB"), "Albania": (339, "ALB"),
    "Bosnia and Herzegovina": (346, "BIH"), "Bulgaria": (355, "BGR"),
    "Croatia": (344, "HRV"), "Czechia": (316, "CZE"), "Czechoslovakia": (315, ""),
    "Estonia": (366, "EST"), "German Democratic Republic": (265, ""),
    "Hungary": (310, "HUN"), "Kosovo": (347, "XKX"), "Latvia": (367, "LVA"),
    "Lithuania": (368, "LTU"), "North Macedonia": (343, "MKD"),
    "Montenegro": (341, "MNE"), "Poland": (290, "POL"), "Romania": (360, "ROU"),
    "Serbia": (345, "SRB"), "Slovakia": (317, "SVK"), "Slovenia": (349, "SVN"),
    "Yugoslavia": (345, "SRB"), "Armenia": (371, "ARM"), "Azerbaijan": (373, "AZE"),
    "Belarus": (370, "BLR"), "Georgia": (372, "GEO"), "Moldova": (359, "MDA"),
    "Russia": (365, "RUS"), "Ukraine": (369, "UKR"), "USSR": (365, "RUS"),
    "Austria": (305, "AUT"), "Belgium": (211, "BEL"), "Cyprus": (352, "CYP"),
    "Denmark": (390, "DNK"), "Finland": (375, "FIN"), "France": (220, "FRA"),
    "Germany": (255, "DEU"), "Greece": (350, "GRC"), "Iceland": (395, "ISL"),
    "Ireland": (205, "IRL"), "Italy": (325, "ITA"), "Luxembourg": (212, "LUX"),
    "Malta": (338, "MLT"), "Netherlands": (210, "NLD"), "Norway": (385, "NOR"),
    "Portugal": (235, "PRT"), "Spain": (230, "ESP"), "Sweden": (380, "SWE"),
    "Switzerland": (225, "CHE"), "United Kingdom": (200, "GBR"), "Bahrain": (692, "BHR"),
    "Egypt": (651, "EGY"), "Iran": (630, "IRN"), "Iraq": (645, "IRQ"),
    "Israel": (666, "ISR"), "Jordan": (663, "JOR"), "Kuwait": (690, "KWT"),
    "Lebanon": (660, "LBN"), "Oman": (698, "OMN"), "Qatar": (694, "QAT"),
    "Saudi Arabia": (670, "SAU"), "Syria": (652, "SYR"), "Türkiye": (640, "TUR"),
    "United Arab Emirates": (696, "ARE"), "Yemen, North": (678, ""), "Yemen": (679, "YEM"),
}
NOT_A_STATE = {"European Union"}


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def number(text):
    text = text.strip()
    if text in ("", "NA", "..", "xxx", "-9"):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def sipri_series(root):
    rows = read_rows(os.path.join(root, "raw/sipri_milex_constant2023_usd_millions_1949_2024.csv"))
    years = [int(y) for y in rows[0][1:]]
    values, names = {}, {}
    for row in rows[1:]:
        name = " ".join(row[0].split())
        if name in NOT_A_STATE:
            continue
        if name not in SIPRI_STATES:
            sys.exit(f"SIPRI country {name!r} has no COW code in SIPRI_STATES")
        ccode, iso3 = SIPRI_STATES[name]
        names.setdefault(ccode, (iso3, name))
        for year, cell in zip(years, row[1:]):
            v = number(cell)
            if v is None:
                continue
            if (ccode, year) in values:
                sys.exit(f"two SIPRI rows give ccode {ccode} in {year}")
            values[(ccode, year)] = v
    return values, names


def cow_series(root):
    values = {}
    with open(os.path.join(root, "raw/cow/cow_nmc_v7_1816_2022.csv"), newline="") as f:
        for row in csv.DictReader(f):
            year = int(row["year"])
            v = number(row["milex"])
            if year <= COW_LAST_YEAR and v is not None and v >= 0:
                values[(int(row["ccode"]), year)] = v
    names = {}
    with open(os.path.join(root, "raw/cow/cow_states_2016.csv"), newline="") as f:
        for row in csv.DictReader(f):
            names.setdefault(int(row["ccode"]), row["statenme"])
    return values, names


def fmt(v):
    return str(int(v)) if v == int(v) else f"{v:.1f}"


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "history")
    sipri, sipri_names = sipri_series(root)
    cow, cow_names = cow_series(root)
    with open(os.path.join(out, "milex.csv"), "w", newline="") as f:
        f.write("ccode,year,series,value\n")
        for (ccode, year), v in sorted(sipri.items()):
            f.write(f"{ccode},{year},S,{fmt(v)}\n")
        for (ccode, year), v in sorted(cow.items()):
            f.write(f"{ccode},{year},C,{fmt(v)}\n")
    codes = sorted({c for c, _ in sipri} | {c for c, _ in cow})
    with open(os.path.join(out, "states.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ccode", "iso3", "name"])
        for c in codes:
            iso3, name = sipri_names.get(c, ("", None))
            w.writerow([c, iso3, cow_names.get(c) or name])
    races = read_rows(os.path.join(root, "history/grh_arms_races_raw_spreadsheet.csv"))
    with open(os.path.join(out, "arms_races.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["race", "ccode1", "ccode2", "start", "end"])
        head = races[0]
        for row in races[1:]:
            r = dict(zip(head, row))
            w.writerow([r["race_id"], r["ccode1"], r["ccode2"], r["styear"], r["endyear"]])
    rivals = read_rows(os.path.join(root, "history/td_rivalries_thompson_dreyer_2012.csv"))
    with open(os.path.join(out, "rivalries.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["rivalry", "ccode1", "ccode2", "start", "end", "name"])
        head = rivals[0]
        for row in sorted(rivals[1:], key=lambda r: int(r[0])):
            r = dict(zip(head, row))
            w.writerow([r["rivalryno"], r["ccode1"], r["ccode2"], r["styear"], r["endyear"],
                        r["rivalryname"]])


if __name__ == "__main__":
    main()
