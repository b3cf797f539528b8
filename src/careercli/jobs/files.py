"""Listing files: a JobSpy CSV export, or JSON/YAML with careercli's own keys.

Records are read lazily, each with the physical line it starts on (CSV) or its position
(JSON/YAML) and the warnings its reading raised. The CSV reader never lets one record's damage
reach the next: the file is split into physical lines as bytes (so a byte that is not UTF-8
costs only that character), a record ends where its quotes balance, a record that runs past
MAX_RECORD bytes is skipped while the file is read on in bounded pieces, and a line that starts
like a new JobSpy record ends a record whose quote was never closed. Each record is then parsed
alone; one whose fields do not line up with the header is skipped, never imported.
"""

from __future__ import annotations

import codecs
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careercli.errors import CareerError

JOBSPY_COLUMNS = {"site", "job_url", "title", "company", "location", "date_posted"}
MAX_HEADER = 64 * 1024
MAX_RECORD = 16 * 1024 * 1024  # fields of several MB are fine; a bigger record is skipped
CHUNK = 1024 * 1024
# JSON parses about fifty times faster than YAML, so it may be larger; CSV is streamed.
MAX_JSON_IMPORT = 64 * 1024 * 1024
MAX_YAML_IMPORT = 4 * 1024 * 1024


@dataclass
class Record:
    """One record of a listing file: where it starts, what it holds (or why it cannot be
    used), and what reading it had to repair or leave out."""

    line: int
    raw: dict[str, Any] | None
    problem: str | None = None
    warnings: list[str] | None = None


Records = Iterator[Record]


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("careercli-cp1252", _cp1252_fallback)


def check_regular_file(path: Path) -> None:
    """A clear error for what cannot be imported: a missing path, a folder, a pipe, a device."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CareerError(f"No such file: {path}") from None
    except OSError as exc:
        raise CareerError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise CareerError(
            f"{path} is a folder, not a file.", hint="Name a .csv, .json or .yaml file."
        )
    if not stat.S_ISREG(info.st_mode):
        kind = "a pipe" if stat.S_ISFIFO(info.st_mode) else "a device or other special file"
        raise CareerError(
            f"{path} is {kind}, not a regular file; careercli imports files only.",
            hint="Save the listings to a file first, then import that file.",
        )


def read_listing_file(path: Path) -> tuple[str, Records]:
    """(default source, records) for a JobSpy CSV, or our own JSON or YAML."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json", ".yaml", ".yml"):
        check_regular_file(path)
        raise CareerError(
            f"Cannot import {path.name}: use a .csv file in JobSpy's layout, or .json/.yaml with "
            "careercli's keys."
        )
    check_regular_file(path)
    if suffix == ".csv":
        return f"import:{path.stem}", _csv_records(path)
    return f"import:{path.stem}", _doc_records(path, suffix)


# --------------------------------------------------------------------------- CSV


def _decode(data: bytes, warnings: list[str], what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        warnings.append(
            f"{what} is not UTF-8 (byte 0x{data[exc.start]:02x}); the bytes that are not were "
            "read as Windows-1252"
        )
        return data.decode("utf-8", errors="careercli-cp1252")


def _layout_error(path: Path) -> CareerError:
    return CareerError(
        f"{path}: the header is not JobSpy's layout (expected columns such as "
        "site, job_url, title, company, location, date_posted, job_type, is_remote, "
        "min_amount, max_amount, currency, interval, description)."
    )


def _signature(header: list[str]) -> re.Pattern[bytes] | None:
    """A pattern for the first bytes of a JobSpy record ("id","indeed","https://...): a line
    inside a description almost never starts like that, so it can end a record whose closing
    quote is missing."""
    lead = header[:4]
    if "site" not in lead:
        return None
    parts = []
    for name in lead[: lead.index("site") + 1]:
        if name == "site":
            parts.append(rb'"?[a-z_]{2,30}"?')
        else:
            parts.append(rb'(?:"[^"\r\n,]{0,200}"|[^",\r\n]{0,200})')
    return re.compile(rb"^" + rb",".join(parts) + rb',"?(?:https?://|,|"")')


def _csv_records(path: Path) -> Records:
    import csv

    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by records()
    except OSError as exc:
        raise CareerError(f"Cannot read {path}: {exc.strerror or exc}") from None
    try:
        first = fh.readline(MAX_HEADER + 1)
    except OSError as exc:
        fh.close()
        raise CareerError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if len(first) > MAX_HEADER:
        fh.close()
        raise CareerError(
            f"{path}: the first line is longer than {MAX_HEADER // 1024} KiB, so it is not a "
            "CSV header; nothing imported."
        )
    text = _decode(first.removeprefix(codecs.BOM_UTF8), [], "the header")
    try:
        header = next(csv.reader([text.rstrip("\r\n")], strict=True), [])
    except csv.Error as exc:
        fh.close()
        raise CareerError(f"{path}: not a readable CSV file ({exc})") from None
    header = [h.strip() for h in header]
    names = set(header)
    if "title" not in names or not (names & JOBSPY_COLUMNS - {"title"}):
        fh.close()
        raise _layout_error(path)
    sig = _signature(header)

    def records() -> Records:
        csv.field_size_limit(MAX_RECORD)
        with fh:
            line = 2
            start: int | None = None
            parts: list[bytes] = []
            size = 0
            odd = False
            over = False
            at_line_start = True
            while True:
                try:
                    piece = fh.readline(CHUNK)
                except OSError as exc:
                    raise CareerError(f"Cannot read {path}: {exc.strerror or exc}") from None
                if not piece:
                    break
                complete = piece.endswith(b"\n")
                if start is None:
                    if at_line_start and complete and not piece.strip():
                        line += 1
                        continue
                    start = line
                elif odd and at_line_start and sig is not None and sig.match(piece):
                    yield Record(start, None, "a quoted field is never closed; record skipped")
                    start, parts, size, odd, over = line, [], 0, False, False
                if piece.count(b'"') % 2:
                    odd = not odd
                size += len(piece)
                if size > MAX_RECORD:
                    over, parts = True, []
                elif not over:
                    parts.append(piece)
                at_line_start = complete
                if complete:
                    line += 1
                    if not odd:
                        if over:
                            yield Record(start, None, _too_long())
                        else:
                            yield _parse(b"".join(parts), start, header)
                        start, parts, size, over = None, [], 0, False
            if start is not None:
                if odd:
                    yield Record(start, None, "a quoted field is never closed; record skipped")
                elif over:
                    yield Record(start, None, _too_long())
                else:
                    yield _parse(b"".join(parts), start, header)

    return records()


def _too_long() -> str:
    return f"record longer than {MAX_RECORD // 1024 // 1024} MiB; skipped"


def _parse(data: bytes, line: int, header: list[str]) -> Record:
    import csv
    import io

    warnings: list[str] = []
    text = _decode(data, warnings, "the record")
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error:
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            return Record(line, None, f"unreadable record ({exc}); skipped")
        warnings.append("a stray quote inside a field was read as a quote character")
    if len(rows) != 1:
        return Record(line, None, "the record's quoting is broken; skipped")
    (cells,) = rows
    if len(cells) != len(header):
        more = "more" if len(cells) > len(header) else "fewer"
        return Record(
            line, None, f"{len(cells)} fields, {more} than the header's {len(header)}; skipped"
        )
    rec = dict(zip(header, cells, strict=True))
    misaligned = _misaligned(rec)
    if len(misaligned) >= 2:
        return Record(
            line, None, f"the fields do not line up with the header ({', '.join(misaligned)}); "
            "skipped"
        )  # fmt: skip
    try:
        raw = _jobspy(rec, warnings)
    except ValueError as exc:
        return Record(line, None, str(exc))
    return Record(line, raw, None, warnings)


_SITE = re.compile(r"^[a-z_]{2,30}$")
_NUMBER = re.compile(r"^\s*[$£€₹]?\s*[\d,]*\.?\d+\s*$")
_BOOL = {"", "true", "false", "1", "0", "yes", "no", "none", "nan"}


def _misaligned(rec: dict[str, str]) -> list[str]:
    """The structural cells that hold what another column should: two of them mean the row's
    fields have shifted (description text in the site column, a URL in the title)."""
    bad = []
    site = (rec.get("site") or "").strip()
    if site and not _SITE.match(site):
        bad.append("site")
    link = (rec.get("job_url") or "").strip()
    if link and not link.lower().startswith(("http://", "https://")):
        bad.append("job_url")
    for name in ("min_amount", "max_amount"):
        cell = (rec.get(name) or "").strip()
        if cell and len(cell) > 40:
            bad.append(name)
    remote = (rec.get("is_remote") or "").strip().lower()
    if remote not in _BOOL and len(remote) > 10:
        bad.append("is_remote")
    return bad


def _jobspy(rec: dict[str, Any], warnings: list[str] | None = None) -> dict[str, Any]:
    said = warnings if warnings is not None else []
    salary = None
    low, high = rec.get("min_amount"), rec.get("max_amount")
    if (low or "").strip() or (high or "").strip():
        salary = {
            "min": low,
            "max": high,
            "currency": (rec.get("currency") or "").strip() or "USD",
            "period": (rec.get("interval") or "").strip() or "year",
        }
    site = (rec.get("site") or "").strip().lower()
    if site and not _SITE.match(site):
        said.append(f"site {site[:30]!r} is not a board name; source left as jobspy")
        site = ""
    return {
        "native_id": (rec.get("id") or "").strip() or None,
        "source": f"jobspy:{site}" if site else "jobspy",
        "title": rec.get("title"),
        "company": rec.get("company"),
        "location": rec.get("location"),
        "remote": rec.get("is_remote"),
        "type": rec.get("job_type") or None,
        "level": None,
        "salary": salary,
        "url": (rec.get("job_url") or "").strip() or (rec.get("job_url_direct") or "").strip(),
        "posted": rec.get("date_posted"),
        "description": rec.get("description"),
    }


# --------------------------------------------------------------------------- JSON and YAML


def _doc_records(path: Path, suffix: str) -> Records:
    from careercli.catalog import yamlio

    if suffix == ".json":
        from careercli.jobs import jsonstream

        try:
            text = yamlio.read_text(path, str(path), MAX_JSON_IMPORT)
        except yamlio.YamlFileError as exc:
            raise CareerError(str(exc)) from None
        shape = jsonstream.shape(text)
        if shape not in ("list", "object"):
            try:
                list(jsonstream.items(text))
            except jsonstream.JSONStreamError as exc:
                raise CareerError(f"{path}: invalid JSON ({exc})") from None
            raise CareerError(
                f"{path}: expected a list of listings, or a mapping with a 'jobs' list"
            )

        def stream() -> Iterator[Any]:
            try:
                yield from jsonstream.items(text)
            except jsonstream.JSONStreamError as exc:
                raise CareerError(
                    f"{path}: invalid JSON ({exc}); nothing imported",
                    hint="Fix the file (or export it again) and import it again.",
                ) from None

        found: Iterator[Any] = stream()
    else:
        try:
            doc = yamlio.load(path, str(path), MAX_YAML_IMPORT)
        except yamlio.YamlFileError as exc:
            raise CareerError(str(exc)) from None
        got = doc.get("jobs") if isinstance(doc, dict) else doc
        if not isinstance(got, list):
            raise CareerError(
                f"{path}: expected a list of listings, or a mapping with a 'jobs' list"
            )
        found = iter(got)

    def records() -> Records:
        for n, item in enumerate(found, 1):
            if not isinstance(item, dict):
                yield Record(n, None, f"listing {n} is not a mapping")
            elif not item.get("title"):
                yield Record(n, None, "missing title")
            else:
                yield Record(n, {**item, "native_id": item.get("id")}, None, [])

    return records()
