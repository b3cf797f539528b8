"""The job store: one SQLite file under the user data directory, its filters and its writes.

The bundled listings (data/jobs.yaml) are never written there: each query attaches them as an
in-memory table and reads both with the same SQL, so they are always available, even with no
store at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercli.errors import CareerError
from careercli.jobs.model import ImportResult, Listing, Query, make_listing
from careercli.jobs.normalize import annualize
from careercli.jobs.tagger import Tagger
from careercli.paths import move_aside, store_dir

if TYPE_CHECKING:
    from careercli.catalog import Catalog

SCHEMA_VERSION = "1"
BUSY_TIMEOUT_ENV = "CAREERCLI_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT = 10.0
BATCH = 1000
COLUMNS = [
    "id", "source", "title", "company", "location", "remote", "type", "level", "salary_min",
    "salary_max", "currency", "period", "year_min", "year_max", "url", "posted", "description",
    "role", "role_score", "skills", "seen",
]  # fmt: skip
_REMOTE_CODE = {True: 1, False: 0, "hybrid": 2}
_REMOTE_VALUE: dict[int, bool | str] = {1: True, 0: False, 2: "hybrid"}


def _row(listing: Listing, seen: str) -> tuple[Any, ...]:
    s = listing.salary or {}
    period = s.get("period")
    return (
        listing.id,
        listing.source,
        listing.title,
        listing.company,
        listing.location,
        _REMOTE_CODE.get(listing.remote),
        listing.type,
        listing.level,
        s.get("min"),
        s.get("max"),
        s.get("currency"),
        period,
        annualize(s.get("min"), period),
        annualize(s.get("max"), period),
        listing.url,
        listing.posted,
        listing.description,
        listing.role,
        listing.role_score,
        "|".join(listing.skills),
        seen,
    )


def _from_row(row: Any) -> Listing:
    salary = None
    if row["salary_min"] is not None or row["salary_max"] is not None:
        salary = {
            "min": row["salary_min"],
            "max": row["salary_max"],
            "currency": row["currency"],
            "period": row["period"],
        }
    return Listing(
        id=row["id"],
        source=row["source"],
        title=row["title"],
        company=row["company"],
        location=row["location"],
        remote=_REMOTE_VALUE.get(row["remote"]),
        type=row["type"],
        level=row["level"],
        salary=salary,
        url=row["url"],
        posted=row["posted"],
        description=row["description"],
        role=row["role"],
        role_score=row["role_score"],
        skills=[s for s in (row["skills"] or "").split("|") if s],
    )


# --------------------------------------------------------------------------- the store

_DDL = """
CREATE TABLE IF NOT EXISTS {db}jobs (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    company TEXT, location TEXT, remote INTEGER, type TEXT, level TEXT,
    salary_min REAL, salary_max REAL, currency TEXT, period TEXT,
    year_min REAL, year_max REAL,
    url TEXT, posted TEXT, description TEXT,
    role TEXT, role_score REAL, skills TEXT,
    seen TEXT NOT NULL
);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS jobs_source ON jobs(source);
CREATE INDEX IF NOT EXISTS jobs_remote_year ON jobs(remote, year_max);
CREATE INDEX IF NOT EXISTS jobs_level ON jobs(level);
CREATE INDEX IF NOT EXISTS jobs_type ON jobs(type);
CREATE INDEX IF NOT EXISTS jobs_role ON jobs(role);
CREATE INDEX IF NOT EXISTS jobs_year_max ON jobs(year_max);
CREATE INDEX IF NOT EXISTS jobs_posted ON jobs(posted);
CREATE INDEX IF NOT EXISTS jobs_pay ON jobs(COALESCE(year_max, year_min));
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY, kind TEXT NOT NULL, origin TEXT,
    synced TEXT NOT NULL, count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS jobs_fts USING fts5(
    title, description, content='jobs', content_rowid='rowid'
);
CREATE TRIGGER IF NOT EXISTS jobs_ai AFTER INSERT ON jobs BEGIN
    INSERT INTO jobs_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
CREATE TRIGGER IF NOT EXISTS jobs_ad AFTER DELETE ON jobs BEGIN
    INSERT INTO jobs_fts(jobs_fts, rowid, title, description)
    VALUES ('delete', old.rowid, old.title, old.description);
END;
CREATE TRIGGER IF NOT EXISTS jobs_au AFTER UPDATE ON jobs BEGIN
    INSERT INTO jobs_fts(jobs_fts, rowid, title, description)
    VALUES ('delete', old.rowid, old.title, old.description);
    INSERT INTO jobs_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
"""


def store_path() -> Path:
    return store_dir() / "jobs.db"


def _damaged(path: Path, exc: Exception) -> CareerError:
    return CareerError(
        f"The job store {path} cannot be read: {exc}.",
        hint="It may be damaged. `careercli jobs reset` moves it aside (the file is kept, "
        "renamed) and starts an empty store; then sync or import again.",
    )


def busy_timeout() -> float:
    """Seconds a write waits for another writer to finish: CAREERCLI_BUSY_TIMEOUT, default 10."""
    try:
        seconds = float(os.environ.get(BUSY_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    return seconds if math.isfinite(seconds) and seconds >= 0 else DEFAULT_BUSY_TIMEOUT


def _busy(path: Path) -> CareerError:
    return CareerError(
        f"The job store {path} is busy: another careercli command is writing to it.",
        hint="Wait for it to finish and try again.",
    )


class Store:
    """The SQLite job store plus the bundled listings, attached in memory."""

    def __init__(self, catalog: Catalog, *, write: bool = False, path: Path | None = None):
        import sqlite3

        self.catalog = catalog
        self.path = path or store_path()
        self.sqlite3 = sqlite3
        self.write = write
        self.fts = False
        self._tagger: Tagger | None = None
        exists = self.path.exists()
        try:
            if write:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise CareerError(
                        f"Cannot create the store folder {self.path.parent}: {exc.strerror or exc}",
                        hint="Set CAREERCLI_STORE_DIR to a writable folder.",
                    ) from None
                self.db = sqlite3.connect(self.path, timeout=busy_timeout(), isolation_level=None)
            elif exists:
                uri = f"file:{self.path}?mode=ro"
                self.db = sqlite3.connect(
                    uri, uri=True, timeout=busy_timeout(), isolation_level=None
                )
            else:
                self.db = sqlite3.connect(":memory:", isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self._prepare(create=write or not exists)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _busy(self.path) from None
            if "readonly" in str(exc) or "unable to open" in str(exc):
                raise CareerError(
                    f"Cannot {'write' if write else 'open'} the job store {self.path}: {exc}.",
                    hint="Set CAREERCLI_STORE_DIR to a writable folder.",
                ) from None
            raise _damaged(self.path, exc) from None
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.path, exc) from None

    def _prepare(self, create: bool) -> None:
        db = self.db
        if create:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_DDL.format(db="") + _INDEXES)
            # Without FTS5 in this SQLite build, text search falls back to LIKE.
            with contextlib.suppress(self.sqlite3.OperationalError):
                db.executescript(_FTS)
            db.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,)
            )
        else:
            db.execute("SELECT count(*) FROM meta").fetchone()
        names = {r[0] for r in db.execute("SELECT name FROM main.sqlite_master")}
        self.fts = "jobs_fts" in names
        self.indexes = names
        db.execute("ATTACH DATABASE ':memory:' AS bundled")
        db.executescript(_DDL.format(db="bundled."))
        rows = []
        for raw in self.catalog.bundled_jobs:
            listing = make_listing(
                {**raw, "native_id": raw["id"]}, raw.get("source") or "bundled", self.tagger
            )
            listing.id = raw["id"]
            rows.append(_row(listing, raw.get("posted") or ""))
        marks = ", ".join("?" * len(COLUMNS))
        db.executemany(f"INSERT INTO bundled.jobs ({', '.join(COLUMNS)}) VALUES ({marks})", rows)

    @property
    def tagger(self) -> Tagger:
        if self._tagger is None:
            self._tagger = Tagger(self.catalog)
        return self._tagger

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ writes

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except self.sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _busy(self.path) from None
            raise
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def _upsert(self, rows: list[tuple[Any, ...]]) -> None:
        cols = ", ".join(COLUMNS)
        marks = ", ".join("?" * len(COLUMNS))
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
        self.db.executemany(
            f"INSERT INTO jobs ({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}",
            rows,
        )

    def _touch_source(self, source: str, kind: str, origin: str | None, now: str) -> None:
        count = self.db.execute("SELECT count(*) FROM jobs WHERE source = ?", (source,)).fetchone()
        self.db.execute(
            "INSERT INTO sources(source, kind, origin, synced, count) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(source) DO UPDATE SET kind = excluded.kind, origin = excluded.origin, "
            "synced = excluded.synced, count = excluded.count",
            (source, kind, origin, now, count[0]),
        )

    def import_rows(
        self,
        rows: Iterable[tuple[int, dict[str, Any] | Exception]],
        origin: str,
        default_source: str,
    ) -> ImportResult:
        """Insert listings in batches inside one transaction; bad rows are reported, not fatal."""
        now = _now()
        result = ImportResult()
        batch: list[tuple[Any, ...]] = []
        touched: set[str] = set()
        with self.transaction():
            for line, raw in rows:
                if isinstance(raw, Exception):
                    result.problems.append((line, str(raw)))
                    continue
                source = str(raw.pop("source", None) or default_source)
                try:
                    listing = make_listing(raw, source, self.tagger)
                except (ValueError, TypeError) as exc:
                    result.problems.append((line, str(exc)))
                    continue
                batch.append(_row(listing, now))
                touched.add(source)
                result.imported += 1
                if len(batch) >= BATCH:
                    self._upsert(batch)
                    batch.clear()
            if batch:
                self._upsert(batch)
            for source in touched:
                self._touch_source(source, "import", origin, now)
        result.sources = sorted(touched)
        return result

    def replace_source(self, source: str, kind: str, origin: str, listings: list[dict]) -> int:
        """Make the store hold exactly these listings for one source, atomically."""
        now = _now()
        rows = []
        for raw in listings:
            try:
                rows.append(_row(make_listing(dict(raw), source, self.tagger), now))
            except (ValueError, TypeError):
                continue
        with self.transaction():
            for start in range(0, len(rows), BATCH):
                self._upsert(rows[start : start + BATCH])
            keep = [r[0] for r in rows]
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_ids (id TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM keep_ids")
            self.db.executemany("INSERT OR IGNORE INTO keep_ids VALUES (?)", [(k,) for k in keep])
            self.db.execute(
                "DELETE FROM jobs WHERE source = ? AND id NOT IN (SELECT id FROM keep_ids)",
                (source,),
            )
            self._touch_source(source, kind, origin, now)
        return len(rows)

    # ------------------------------------------------------------------ reads

    def sources(self) -> list[dict[str, Any]]:
        out = [
            dict(r)
            for r in self.db.execute(
                "SELECT source, kind, origin, synced, count FROM main.sources ORDER BY source"
            )
        ]
        bundled = self.db.execute("SELECT count(*) FROM bundled.jobs").fetchone()[0]
        out.insert(
            0,
            {"source": "bundled", "kind": "bundled", "origin": "data/jobs.yaml",
             "synced": None, "count": bundled},
        )  # fmt: skip
        return out

    def search(self, q: Query) -> list[Listing]:
        where: list[str] = []
        params: list[Any] = []
        if q.remote:
            where.append("remote = 1")
        for column, value in (("level", q.level), ("type", q.type), ("role", q.role)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        for column, value in (("company", q.company), ("location", q.location)):
            if value:
                where.append(f"{column} LIKE ? ESCAPE '\\'")
                params.append(f"%{_like(value)}%")
        if q.min_salary is not None:
            where.append("COALESCE(year_max, year_min) >= ?")
            params.append(q.min_salary)
        if q.since:
            where.append("posted >= ?")
            params.append(q.since)
        if q.source:
            where.append("(source = ? OR source LIKE ? ESCAPE '\\')")
            params += [q.source, f"{_like(q.source)}:%"]
        # NULLs sort last in DESC order, and rowid breaks ties, so each branch can walk an
        # index in order and stop after `limit` rows instead of sorting every match.
        by_pay = q.sort == "salary"
        key = "COALESCE(year_max, year_min)" if by_pay else "posted"
        index = "jobs_pay" if by_pay else "jobs_posted"
        words = re.findall(r"\w+", q.search or "")
        limited = bool(q.limit) and q.sort != "fit"
        parts = []
        all_params: list[Any] = []
        for n, table in enumerate(("main.jobs", "bundled.jobs")):
            clauses, extra = list(where), list(params)
            if words:
                if self.fts and table == "main.jobs":
                    clauses.append("rowid IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)")
                    extra.append(" ".join(f'"{w}"' for w in words))
                else:
                    for w in words:
                        clauses.append(
                            "(title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')"
                        )
                        extra += [f"%{_like(w)}%"] * 2
            cond = " AND ".join(clauses) or "1"
            # Sort on the keys alone, then fetch whole rows for the few that are shown:
            # sorting 30,000 rows with their descriptions is what made searches slow.
            hint = ""
            if limited and table == "main.jobs" and index in self.indexes:
                hint = f" INDEXED BY {index}"
            part = f"SELECT {n} AS db, rowid AS rid, {key} AS k FROM {table}{hint} WHERE {cond}"
            if limited:
                part = f"SELECT * FROM ({part} ORDER BY {key} DESC, rowid DESC LIMIT ?)"
                extra.append(q.limit)
            parts.append(part)
            all_params += extra
        sql = f"SELECT db, rid FROM ({' UNION ALL '.join(parts)}) ORDER BY k DESC, db, rid DESC"
        if limited:
            sql += " LIMIT ?"
            all_params.append(q.limit)
        try:
            keys = self.db.execute(sql, all_params).fetchall()
            rows: dict[tuple[int, int], Any] = {}
            for n, table in enumerate(("main.jobs", "bundled.jobs")):
                ids = [rid for db, rid in keys if db == n]
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    marks = ", ".join("?" * len(chunk))
                    for r in self.db.execute(
                        f"SELECT rowid AS rid, * FROM {table} WHERE rowid IN ({marks})", chunk
                    ):
                        rows[(n, r["rid"])] = r
            return [_from_row(rows[key]) for key in map(tuple, keys)]
        except self.sqlite3.DatabaseError as exc:
            raise self._failure(exc) from None

    def get(self, listing_id: str) -> Listing | None:
        """One listing by its id, stored or bundled; None when there is none."""
        try:
            for table in ("main.jobs", "bundled.jobs"):
                sql = f"SELECT * FROM {table} WHERE id = ?"
                row = self.db.execute(sql, (listing_id,)).fetchone()
                if row is not None:
                    return _from_row(row)
        except self.sqlite3.DatabaseError as exc:
            raise self._failure(exc) from None
        return None

    def _failure(self, exc: Exception) -> Exception:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return _busy(self.path)
        if "malformed" in text or "not a database" in text or "disk image" in text:
            return _damaged(self.path, exc)
        return exc

    def salary_ranges(self, role_id: str) -> list[tuple[float | None, float | None]]:
        sql = (
            "SELECT year_min, year_max FROM main.jobs WHERE role = ? AND "
            "(year_min IS NOT NULL OR year_max IS NOT NULL) AND COALESCE(currency, 'USD') = 'USD' "
            "UNION ALL SELECT year_min, year_max FROM bundled.jobs WHERE role = ? AND "
            "(year_min IS NOT NULL OR year_max IS NOT NULL) AND COALESCE(currency, 'USD') = 'USD'"
        )
        return [(r[0], r[1]) for r in self.db.execute(sql, (role_id, role_id))]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def reset_store(path: Path | None = None) -> Path | None:
    """Move the store aside (never delete it); returns where it went, or None if absent."""
    return move_aside(path or store_path(), ("-wal", "-shm"))
