"""Listing files: a JobSpy CSV export, or JSON/YAML with careercli's own keys. Rows are read
lazily, each with the line (CSV) or position (JSON/YAML) it came from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from careercli.errors import CareerError
from careercli.jobs import normalize as norm

Rows = Iterator[tuple[int, dict[str, Any] | Exception]]

JOBSPY_COLUMNS = {"site", "job_url", "title", "company", "location", "date_posted"}


def read_listing_file(path: Path) -> tuple[str, Rows]:
    """(default source, rows) for a JobSpy CSV, or our own JSON or YAML; rows carry line numbers."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise CareerError(f"No such file: {path}")
    if suffix == ".csv":
        return f"import:{path.stem}", _csv_rows(path)
    if suffix in (".json", ".yaml", ".yml"):
        return f"import:{path.stem}", _doc_rows(path, suffix)
    raise CareerError(
        f"Cannot import {path.name}: use a .csv file in JobSpy's layout, or .json/.yaml with "
        "careercli's keys."
    )


def _csv_rows(path: Path) -> Rows:
    import csv

    try:
        fh = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by rows()
    except OSError as exc:
        raise CareerError(f"Cannot read {path}: {exc.strerror or exc}") from None
    try:
        reader = csv.DictReader(fh)
        header = set(reader.fieldnames or [])
    except (csv.Error, UnicodeDecodeError) as exc:
        fh.close()
        raise CareerError(f"{path}: not a readable CSV file ({exc})") from None
    missing = {"title"} - header
    if missing or not (header & JOBSPY_COLUMNS - {"title"}):
        fh.close()
        raise CareerError(
            f"{path}: the header is not JobSpy's layout (expected columns such as "
            "site, job_url, title, company, location, date_posted, job_type, is_remote, "
            "min_amount, max_amount, currency, interval, description)."
        )

    def rows() -> Rows:
        with fh:
            line = 2
            while True:
                try:
                    rec = next(reader)
                except StopIteration:
                    return
                except (csv.Error, UnicodeDecodeError) as exc:
                    yield line, ValueError(f"unreadable row ({exc})")
                    line = reader.line_num + 1
                    continue
                start, line = line, reader.line_num + 1
                try:
                    yield start, _jobspy(rec)
                except ValueError as exc:
                    yield start, exc

    return rows()


def _jobspy(rec: dict[str, Any]) -> dict[str, Any]:
    if None in rec:
        raise ValueError("more fields than the header has")
    lo, hi = norm.amount(rec.get("min_amount")), norm.amount(rec.get("max_amount"))
    salary = None
    if lo is not None or hi is not None:
        salary = {
            "min": lo,
            "max": hi,
            "currency": (rec.get("currency") or "USD").strip() or "USD",
            "period": norm.pay_period(rec.get("interval")) or "year",
        }
    site = (rec.get("site") or "jobspy").strip().lower() or "jobspy"
    return {
        "native_id": (rec.get("id") or "").strip() or None,
        "source": f"jobspy:{site}",
        "title": rec.get("title"),
        "company": rec.get("company"),
        "location": rec.get("location"),
        "remote": rec.get("is_remote"),
        "type": rec.get("job_type") or None,
        "level": None,
        "salary": salary,
        "url": rec.get("job_url") or rec.get("job_url_direct"),
        "posted": rec.get("date_posted"),
        "description": rec.get("description"),
    }


# JSON parses about fifty times faster than YAML, so it may be larger; CSV is streamed.
MAX_JSON_IMPORT = 64 * 1024 * 1024
MAX_YAML_IMPORT = 4 * 1024 * 1024


def _doc_rows(path: Path, suffix: str) -> Rows:
    from careercli.catalog import yamlio

    if suffix == ".json":
        import json

        try:
            doc = json.loads(yamlio.read_text(path, str(path), MAX_JSON_IMPORT))
        except yamlio.YamlFileError as exc:
            raise CareerError(str(exc)) from None
        except ValueError as exc:
            raise CareerError(f"{path}: invalid JSON ({exc})") from None
    else:
        try:
            doc = yamlio.load(path, str(path), MAX_YAML_IMPORT)
        except yamlio.YamlFileError as exc:
            raise CareerError(str(exc)) from None
    items = doc.get("jobs") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise CareerError(f"{path}: expected a list of listings, or a mapping with a 'jobs' list")

    def rows() -> Rows:
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict):
                yield n, ValueError(f"listing {n} is not a mapping")
            else:
                yield n, {**item, "native_id": item.get("id")}

    return rows()
