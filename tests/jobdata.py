"""What the job fixtures in tests/data/jobs/ hold, read from the files themselves plus what a
reader of each row expects (level, type, role): the tests' independent answer key.

- jobspy_sample.csv: JobSpy's layout (the real export's header), 11 rows: 2 that cannot be
  listings (no title; one field too many) and 1 whose salary cell is bad (the listing is kept,
  without a salary).
- remote_board.json: careercli's keys, a plain list.
- meetup_board.yaml: careercli's keys, a mapping with a "jobs" list.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import yaml

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data" / "jobs"
CSV_FILE = DATA / "jobspy_sample.csv"
JSON_FILE = DATA / "remote_board.json"
YAML_FILE = DATA / "meetup_board.yaml"
BUNDLED_FILE = ROOT / "data" / "jobs.yaml"

CSV_SOURCE = "jobspy:indeed"  # JobSpy's `site` column names the board
JSON_SOURCE = "import:remote_board"
YAML_SOURCE = "import:meetup_board"

# Hours, weeks... in a year: BLS's convention (2,080 hours), as the issue asks.
PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
# JobSpy's `interval` values (its CompensationInterval enum).
INTERVAL = {
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
    "hourly": "hour",
}

# The rows of jobspy_sample.csv that cannot be listings and the line each starts on (counted by
# hand: the header is line 1 and several good rows before them span 3 to 6 lines), and the row
# whose one bad cell (min_amount "competitive") costs only its salary.
CSV_BAD_LINES = {"bad-notitle": 12, "bad-extra": 23}
CSV_WARNED_LINES = {"bad-amount": 19}

# The good rows: what their titles, job_type and is_remote say. `type` is the set of acceptable
# answers ("parttime, fulltime" may reasonably be read either way); `level` None = the title
# names no level.
CSV_EXPECT = {
    "qf-ds-1": {"remote": True, "type": {"full-time"}, "level": "senior",
                "role": "senior-data-scientist"},
    "bw-da-2": {"remote": False, "type": {"full-time", "part-time"}, "level": None,
                "role": "data-analyst"},
    "cf-de-3": {"remote": False, "type": {"contract"}, "level": None, "role": "data-engineer"},
    "ls-mle-5": {"remote": True, "type": {"full-time"}, "level": None,
                 "role": "machine-learning-engineer"},
    "bad-amount": {"remote": False, "type": {"full-time"}, "level": None, "role": "data-analyst"},
    "bp-vt-7": {"remote": False, "type": {None}, "level": None, "role": None},
    "ok-bi-9": {"remote": False, "type": {"full-time"}, "level": None,
                "role": "business-intelligence-analyst"},
    "hf-sda-10": {"remote": True, "type": {"part-time"}, "level": "senior",
                  "role": "senior-data-analyst"},
    "qf-int-11": {"remote": False, "type": {"internship"}, "level": "intern",
                  "role": "data-analyst"},
}  # fmt: skip
# Titles from the JSON/YAML files that carry no explicit level or role: what they say.
DOC_EXPECT = {
    "j-3": {"level": None, "role": "research-scientist-ml"},
    "y-1": {"level": None, "role": "analytics-engineer"},
    "y-2": {"level": "entry", "role": "junior-data-scientist"},
}


def year_max(salary: dict | None) -> float | None:
    if not salary:
        return None
    top = salary.get("max") if salary.get("max") is not None else salary.get("min")
    return None if top is None else float(top) * PER_YEAR[salary.get("period") or "year"]


def year_min(salary: dict | None) -> float | None:
    if not salary:
        return None
    low = salary.get("min") if salary.get("min") is not None else salary.get("max")
    return None if low is None else float(low) * PER_YEAR[salary.get("period") or "year"]


def csv_rows() -> list[dict]:
    with CSV_FILE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _csv_listing(rec: dict) -> dict:
    expect = CSV_EXPECT[rec["id"]]
    salary = None
    readable = all(
        re.fullmatch(r"[\d.]*", rec[k]) for k in ("min_amount", "max_amount")
    )  # "competitive" is no figure: the listing keeps no salary
    if readable and (rec["min_amount"] or rec["max_amount"]):
        salary = {
            "min": float(rec["min_amount"]),
            "max": float(rec["max_amount"]),
            "currency": rec["currency"],
            "period": INTERVAL[rec["interval"]],
        }
    return {
        "id": f"{CSV_SOURCE}:{rec['id']}",
        "source": CSV_SOURCE,
        "title": rec["title"],
        "company": rec["company"],
        "location": rec["location"],
        "remote": expect["remote"],
        "type": expect["type"],
        "level": expect["level"],
        "role": expect["role"],
        "salary": salary,
        "url": rec["job_url"],
        "posted": rec["date_posted"],
        "description": rec["description"],
    }


def _doc_listing(item: dict, source: str) -> dict:
    expect = DOC_EXPECT.get(item["id"], {})
    return {
        "id": f"{source}:{item['id']}",
        "source": source,
        "title": item["title"],
        "company": item.get("company"),
        "location": item.get("location"),
        "remote": item.get("remote"),
        "type": {item.get("type")},
        "level": item.get("level", expect.get("level")),
        "role": item.get("role", expect.get("role")),
        "salary": item.get("salary"),
        "url": item.get("url"),
        "posted": str(item["posted"]) if item.get("posted") else None,
        "description": item.get("description"),
    }


def json_items() -> list[dict]:
    return json.loads(JSON_FILE.read_text(encoding="utf-8"))


def yaml_items() -> list[dict]:
    return yaml.safe_load(YAML_FILE.read_text(encoding="utf-8"))["jobs"]


def bundled() -> list[dict]:
    out = []
    for item in yaml.safe_load(BUNDLED_FILE.read_text(encoding="utf-8"))["jobs"]:
        out.append(
            {
                **item,
                "type": {item.get("type")},
                "posted": str(item["posted"]) if item.get("posted") else None,
            }
        )
    return out


def universe() -> dict[str, dict]:
    """Every listing after importing the three fixture files: bundled + CSV + JSON + YAML."""
    listings = [*bundled()]
    listings += [_csv_listing(r) for r in csv_rows() if r["id"] in CSV_EXPECT]
    listings += [_doc_listing(i, JSON_SOURCE) for i in json_items()]
    listings += [_doc_listing(i, YAML_SOURCE) for i in yaml_items()]
    return {x["id"]: x for x in listings}


def has_words(listing: dict, text: str) -> bool:
    """Every word of `text` appears as a word in the title or description (any case)."""
    hay = f"{listing['title']} {listing.get('description') or ''}"
    return all(
        re.search(rf"\b{re.escape(w)}\b", hay, re.IGNORECASE) for w in re.findall(r"\w+", text)
    )
