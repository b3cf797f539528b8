"""The job store: one SQLite file under the user data directory, its filters and its writes.

The bundled listings (data/jobs.yaml) are never written there: each query attaches them as an
in-memory table and reads both with the same SQL, so they are always available, even with no
store at all.

Writers (import, sync) and `jobs reset` exclude each other with a lock file beside the store, so
a reset never moves the store from under a running sync. A store on a read-only filesystem is
opened immutable (no WAL side files are created). A full disk rolls the whole write back and
says so. The same job from several sources is stored once per source and shown once: rows that
share a canonical URL or a content fingerprint form a group, and every row but the group's best
carries `dup_of`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercli.errors import CareerError
from careercli.jobs import normalize as norm
from careercli.jobs.model import ImportResult, Listing, Query, make_listing
from careercli.jobs.tagger import Tagger
from careercli.paths import move_aside, store_file

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.jobs.files import Record

SCHEMA_VERSION = "2"
BUSY_TIMEOUT_ENV = "CAREERCLI_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT = 10.0
BATCH = 1000
MAX_SEARCH_WORDS = 30
MAX_FILTER_TEXT = 200
COLUMNS = [
    "id", "source", "title", "company", "location", "remote", "type", "level", "salary_min",
    "salary_max", "currency", "period", "year_min", "year_max", "url", "posted", "description",
    "role", "role_score", "skills", "seen", "soc", "occupation", "canon_url", "fingerprint",
    "salary_note", "origin",
]  # fmt: skip
# Columns added by schema 2, with their types: a store of schema 1 gets them on its next write.
_ADDED = {
    "soc": "TEXT", "occupation": "TEXT", "canon_url": "TEXT", "fingerprint": "TEXT",
    "salary_note": "TEXT", "origin": "TEXT", "dup_of": "INTEGER", "sources": "TEXT",
}  # fmt: skip
_REMOTE_CODE = {True: 1, False: 0, "hybrid": 2}
_REMOTE_VALUE: dict[int, bool | str] = {1: True, 0: False, 2: "hybrid"}
_PAY = "COALESCE(year_max, year_min)"


def _bundled_cache(catalog: Catalog) -> Path:
    """Where the bundled listings' rows are kept: keyed by the catalog and by the code and
    O*NET data that clean, tag and map them."""
    import zlib

    from careercli.paths import bundled_data_dir, cache_dir

    package = Path(__file__).resolve().parent.parent
    code = [*package.glob("*.py"), *package.glob("*/*.py")]
    files = sorted(code) + sorted((bundled_data_dir() / "onet").glob("*"))
    stamp = "|".join(f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files)
    return cache_dir() / f"bundled-{catalog.fingerprint}-{zlib.crc32(stamp.encode()):08x}.bin"


def _row(listing: Listing, seen: str, origin: str | None = None) -> tuple[Any, ...]:
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
        norm.annualize(s.get("min"), period),
        norm.annualize(s.get("max"), period),
        listing.url,
        listing.posted,
        listing.description,
        listing.role,
        listing.role_score,
        "|".join(listing.skills),
        seen,
        listing.soc,
        listing.occupation,
        listing.canon_url,
        listing.fingerprint,
        s.get("note"),
        origin,
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
        if row["salary_note"]:
            salary["note"] = row["salary_note"]
    sources = [s for s in (row["sources"] or "").split("|") if s]
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
        soc=row["soc"],
        occupation=row["occupation"],
        sources=sources or None,
    )


# --------------------------------------------------------------------------- the schema

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
    seen TEXT NOT NULL,
    soc TEXT, occupation TEXT, canon_url TEXT, fingerprint TEXT, salary_note TEXT,
    origin TEXT, dup_of INTEGER, sources TEXT
);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS jobs_source ON jobs(source);
DROP INDEX IF EXISTS jobs_remote_year;
DROP INDEX IF EXISTS jobs_level;
DROP INDEX IF EXISTS jobs_type;
DROP INDEX IF EXISTS jobs_role;
DROP INDEX IF EXISTS jobs_year_max;
CREATE INDEX IF NOT EXISTS jobs_posted ON jobs(posted);
DROP INDEX IF EXISTS jobs_pay;
CREATE INDEX IF NOT EXISTS jobs_cur_pay ON jobs(currency, COALESCE(year_max, year_min));
CREATE INDEX IF NOT EXISTS jobs_canon ON jobs(canon_url);
CREATE INDEX IF NOT EXISTS jobs_fp ON jobs(fingerprint);
CREATE INDEX IF NOT EXISTS jobs_fit ON jobs(role, skills, dup_of, posted);
CREATE INDEX IF NOT EXISTS jobs_soc ON jobs(soc);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY, kind TEXT NOT NULL, origin TEXT,
    synced TEXT NOT NULL, count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS origins (
    source TEXT NOT NULL, origin TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (source, origin)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# FTS5 keeps '+' and '#' inside words, so "C++", "C#" and "F#" are words of their own.
_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS jobs_fts USING fts5(
    title, description, content='jobs', content_rowid='rowid',
    tokenize="unicode61 tokenchars '+#'"
);
CREATE TRIGGER IF NOT EXISTS jobs_ai AFTER INSERT ON jobs BEGIN
    INSERT INTO jobs_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
CREATE TRIGGER IF NOT EXISTS jobs_ad AFTER DELETE ON jobs BEGIN
    INSERT INTO jobs_fts(jobs_fts, rowid, title, description)
    VALUES ('delete', old.rowid, old.title, old.description);
END;
CREATE TRIGGER IF NOT EXISTS jobs_au AFTER UPDATE OF title, description ON jobs BEGIN
    INSERT INTO jobs_fts(jobs_fts, rowid, title, description)
    VALUES ('delete', old.rowid, old.title, old.description);
    INSERT INTO jobs_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
"""
_DROP_FTS = """
DROP TRIGGER IF EXISTS jobs_ai;
DROP TRIGGER IF EXISTS jobs_ad;
DROP TRIGGER IF EXISTS jobs_au;
DROP TABLE IF EXISTS jobs_fts;
"""


def store_path() -> Path:
    return store_file()


def busy_timeout() -> float:
    """Seconds a write waits for another writer to finish: CAREERCLI_BUSY_TIMEOUT, default 10."""
    try:
        seconds = float(os.environ.get(BUSY_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    return seconds if math.isfinite(seconds) and seconds >= 0 else DEFAULT_BUSY_TIMEOUT


def _damaged(path: Path, exc: Exception) -> CareerError:
    return CareerError(
        f"The job store {path} cannot be read: {exc}.",
        hint="It may be damaged. `careercli jobs reset` moves it aside (the file is kept, "
        "renamed) and starts an empty store; then sync or import again.",
    )


def _busy(path: Path) -> CareerError:
    return CareerError(
        f"The job store {path} is busy: another careercli command is writing to it.",
        hint="Wait for it to finish and try again.",
    )


def _full(path: Path) -> CareerError:
    return CareerError(
        f"The disk holding the job store {path} is full; nothing was changed (the whole "
        "write was rolled back).",
        hint="Free some space (or set CAREERCLI_STORE_DIR to another disk) and try again.",
    )


# --------------------------------------------------------------------------- the lock


@contextlib.contextmanager
def store_lock(
    path: Path, *, exclusive: bool, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Writers (import, sync) share the lock; `jobs reset` takes it alone. A reset waits for
    running writers up to the busy timeout (saying so through `waiting`), then refuses. The
    lock is taken on the store's folder, so no lock file is left beside the store."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
        yield
        return
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        yield  # no folder yet: nothing to move or to write over
        return
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except OSError:
            limit = busy_timeout()
            if waiting is not None:
                what = "a running `jobs sync` or `jobs import`" if exclusive else "`jobs reset`"
                waiting(f"Waiting for {what} to finish (up to {limit:g} s)...")
            deadline = time.monotonic() + limit
            while True:
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                    break
                except OSError:
                    if time.monotonic() >= deadline:
                        if exclusive:
                            raise CareerError(
                                f"The job store {path} is in use by a running `jobs sync` or "
                                "`jobs import`; nothing was moved.",
                                hint="Try again when it has finished.",
                            ) from None
                        raise _busy(path) from None
                    time.sleep(0.05)
        yield
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- the store


class Store:
    """The SQLite job store plus the bundled listings, attached in memory."""

    def __init__(self, catalog: Catalog, *, write: bool = False, path: Path | None = None):
        import sqlite3

        self.catalog = catalog
        self.path = path or store_path()
        self.sqlite3 = sqlite3
        self.write = write
        self.fts = False
        self.jobs = "main.jobs"
        self.readonly_fs = False
        self._tagger: Tagger | None = None
        self._locks = contextlib.ExitStack()
        if write:
            with contextlib.suppress(OSError):
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._locks.enter_context(store_lock(self.path, exclusive=False))
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
                # A bounded page cache (16 MiB): big writes spill less, memory stays flat.
                self.db.execute("PRAGMA cache_size = -16384")
            elif exists:
                self.db = self._open_read_only()
            else:
                self.db = sqlite3.connect(":memory:", isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self._prepare(create=write or not exists)
        except sqlite3.OperationalError as exc:
            self.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise _busy(self.path) from None
            if "full" in str(exc):
                raise _full(self.path) from None
            if "readonly" in str(exc) or "unable to open" in str(exc):
                raise CareerError(
                    f"Cannot {'write' if write else 'open'} the job store {self.path}: {exc}.",
                    hint="Set CAREERCLI_STORE_DIR to a writable folder.",
                ) from None
            raise _damaged(self.path, exc) from None
        except sqlite3.DatabaseError as exc:
            self.close()
            raise _damaged(self.path, exc) from None

    def _open_read_only(self) -> Any:
        """Read-only; on a folder that cannot be written (a read-only filesystem), immutable:
        SQLite then creates no -wal/-shm side files and takes no locks."""
        sqlite3 = self.sqlite3
        from urllib.parse import quote

        uri = "file:" + quote(str(self.path.resolve()))
        if not os.access(self.path.parent, os.W_OK):
            self.readonly_fs = True
            return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
        db = sqlite3.connect(
            f"{uri}?mode=ro", uri=True, timeout=busy_timeout(), isolation_level=None
        )
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc) and "readonly" not in str(exc):
                raise
            db.close()
            self.readonly_fs = True
            db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
        return db

    def _prepare(self, create: bool) -> None:
        db = self.db
        if create:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_DDL.format(db=""))
            self._migrate()
        else:
            db.execute("SELECT count(*) FROM meta").fetchone()
        names = {r[0] for r in db.execute("SELECT name FROM main.sqlite_master")}
        self.fts = "jobs_fts" in names
        self.indexes = names
        columns = {r[1] for r in db.execute("PRAGMA main.table_info(jobs)")}
        missing = [c for c in _ADDED if c not in columns]
        if missing:
            # A store of schema 1 opened for reading only: read it through a view that has the
            # new columns, empty; the next import or sync upgrades the file itself.
            extra = ", ".join(f"NULL AS {c}" for c in missing)
            db.execute(f"CREATE TEMP VIEW jobs_v2 AS SELECT *, {extra} FROM main.jobs")
            self.jobs = "temp.jobs_v2"
            self.indexes = set()
        db.execute("ATTACH DATABASE ':memory:' AS bundled")
        db.executescript(_DDL.format(db="bundled."))
        rows = self._bundled_rows()
        marks = ", ".join("?" * len(COLUMNS))
        db.executemany(f"INSERT INTO bundled.jobs ({', '.join(COLUMNS)}) VALUES ({marks})", rows)

    def _bundled_rows(self) -> list[tuple[Any, ...]]:
        """The bundled listings as rows: cleaned and tagged once per catalog and version of
        this code, then read from the user cache (tagging them is most of a small query)."""
        import contextlib
        import marshal

        from careercli.paths import write_atomic

        path = _bundled_cache(self.catalog)
        try:
            cached = marshal.loads(path.read_bytes())
            if isinstance(cached, list):
                return cached
        except (OSError, ValueError, EOFError, TypeError):
            pass
        rows = []
        for raw in self.catalog.bundled_jobs:
            try:
                listing = make_listing(
                    {**raw, "native_id": raw["id"]}, raw.get("source") or "bundled", self.tagger
                )
            except (ValueError, TypeError):
                continue  # `validate` reports it; a bad bundled listing never stops a command
            listing.id = raw["id"]
            rows.append(_row(listing, raw.get("posted") or "", "data/jobs.yaml"))
        with contextlib.suppress(OSError, ValueError):
            write_atomic(path, marshal.dumps(rows), durable=False)
        return rows

    def _migrate(self) -> None:
        db = self.db
        columns = {r[1] for r in db.execute("PRAGMA main.table_info(jobs)")}
        version = None
        with contextlib.suppress(self.sqlite3.OperationalError):
            found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = found[0] if found else None
        if version == SCHEMA_VERSION and not set(_ADDED) - columns:
            return
        with self.transaction():
            for name, kind in _ADDED.items():
                if name not in columns:
                    db.execute(f"ALTER TABLE jobs ADD COLUMN {name} {kind}")
            self._script(_INDEXES)
            if version is not None and version != SCHEMA_VERSION:
                self._refresh_keys()
            # Without FTS5 in this SQLite build, text search falls back to LIKE.
            db.execute("SAVEPOINT fts")
            try:
                self._script(_DROP_FTS + _FTS)
                db.execute("INSERT INTO jobs_fts(jobs_fts) VALUES ('rebuild')")
            except self.sqlite3.OperationalError:
                db.execute("ROLLBACK TO fts")
            db.execute("RELEASE fts")
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('schema', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (SCHEMA_VERSION,),
            )
            if version is not None and version != SCHEMA_VERSION:
                self._dedupe()

    def _script(self, script: str) -> None:
        """Run statements one by one: `executescript` would commit the open transaction."""
        buf = ""
        for line in script.splitlines(keepends=True):
            buf += line
            if self.sqlite3.complete_statement(buf):
                self.db.execute(buf)
                buf = ""

    def _refresh_keys(self) -> None:
        """Canonical URLs and fingerprints for rows stored before schema 2."""
        rows = self.db.execute(
            "SELECT rowid, url, title, company, location, description FROM jobs"
        ).fetchall()
        self.db.executemany(
            "UPDATE jobs SET canon_url = ?, fingerprint = ? WHERE rowid = ?",
            [
                (
                    norm.canonical_url(r[1]),
                    norm.fingerprint(r[2], r[3], r[4], r[5])
                    if r[5] and len(r[5]) >= norm.MIN_FINGERPRINT_TEXT
                    else None,
                    r[0],
                )
                for r in rows
            ],
        )

    @property
    def tagger(self) -> Tagger:
        if self._tagger is None:
            self._tagger = Tagger(self.catalog)
        return self._tagger

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.db.close()
        self._locks.close()

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
            raise self._write_failure(exc) from None
        try:
            yield
        except BaseException as exc:
            # SQLite may already have rolled back (a full disk does): never let a failing
            # ROLLBACK hide the real error.
            if self.db.in_transaction:
                with contextlib.suppress(self.sqlite3.Error):
                    self.db.execute("ROLLBACK")
            if isinstance(exc, self.sqlite3.Error):
                raise self._write_failure(exc) from None
            raise
        else:
            try:
                self.db.execute("COMMIT")
            except self.sqlite3.Error as exc:
                if self.db.in_transaction:
                    with contextlib.suppress(self.sqlite3.Error):
                        self.db.execute("ROLLBACK")
                raise self._write_failure(exc) from None

    def _write_failure(self, exc: Exception) -> CareerError:
        text = str(exc)
        if "full" in text:
            return _full(self.path)
        if "locked" in text or "busy" in text:
            return _busy(self.path)
        if "interrupted" in text:
            return CareerError("The write was stopped at its deadline; nothing was changed.")
        if "readonly" in text or "disk I/O" in text:
            return CareerError(
                f"Cannot write the job store {self.path}: {text}; nothing was changed.",
                hint="Set CAREERCLI_STORE_DIR to a writable folder.",
            )
        return _damaged(self.path, exc)

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
        if origin:
            self.db.execute(
                "INSERT INTO origins(source, origin, kind, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(source, origin) DO UPDATE SET kind = excluded.kind, at = excluded.at",
                (source, origin, kind, now),
            )

    def import_rows(
        self,
        records: Iterable[Record],
        origin: str,
        default_source: str,
        *,
        date_order: str | None = None,
        size: int = 0,
    ) -> ImportResult:
        """Insert listings in batches inside one transaction (`size`, the file's, decides
        whether worker processes help). Every record is counted once:
        imported, skipped (with its line and why) or a duplicate of an earlier one; a field
        that cannot be used costs that field, said as a warning with the line."""
        now = _now()
        result = ImportResult()
        touched: set[str] = set()
        batch: list[Made] = []
        evidence = {"mdy": 0, "dmy": 0, None: 0}
        with self.transaction():
            db = self.db
            db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS import_seen (id TEXT PRIMARY KEY, line INT)"
            )
            db.execute("DELETE FROM temp.import_seen")
            db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS pending_dates "
                "(id TEXT PRIMARY KEY, line INT, a INT, b INT, year INT)"
            )
            db.execute("DELETE FROM temp.pending_dates")
            jobs = _Jobs(self.tagger, default_source, date_order, now, origin)
            for made in _made_in_order(records, jobs, result, size):
                line, row, problem, warnings, pending = made
                if row is None:
                    result.skip(line, problem or "unreadable record")
                    continue
                for text in warnings:
                    result.warn(line, text)
                if pending is not None:
                    evidence[norm.SlashDate(*pending).evidence] += 1
                batch.append(made)
                if len(batch) >= BATCH:
                    self._flush(batch, result, touched)
            self._flush(batch, result, touched)
            self._resolve_dates(evidence, result)
            for source in sorted(touched):
                self._touch_source(source, "import", origin, now)
            self._dedupe()
        result.sources = sorted(touched)
        return result

    def _flush(self, batch: list[Made], result: ImportResult, touched: set[str]) -> None:
        if not batch:
            return
        db = self.db
        ids = list({made[1][0] for made in batch if made[1] is not None})
        earlier: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            earlier.update(
                db.execute(f"SELECT id, line FROM temp.import_seen WHERE id IN ({marks})", chunk)
            )
        rows, seen, pending = [], [], []
        for line, row, _, _, slash in batch:
            assert row is not None
            ident = row[0]
            first = earlier.get(ident)
            if first is not None:
                result.duplicates += 1
                result.warn(line, f"the same listing as line {first}; counted once")
                continue
            earlier[ident] = line
            seen.append((ident, line))
            rows.append(row)
            touched.add(row[1])
            result.imported += 1
            if slash is not None:
                pending.append((ident, line, *slash))
        db.executemany("INSERT INTO temp.import_seen (id, line) VALUES (?, ?)", seen)
        db.executemany("INSERT OR REPLACE INTO temp.pending_dates VALUES (?, ?, ?, ?, ?)", pending)
        self._upsert(rows)
        batch.clear()

    def _resolve_dates(self, evidence: dict[Any, int], result: ImportResult) -> None:
        """Dates written a/b/yyyy, read in the one order the file's own dates allow."""
        total = sum(evidence.values())
        if not total:
            return
        mdy, dmy, either = evidence["mdy"], evidence["dmy"], evidence[None]
        order = "mdy" if mdy and not dmy else "dmy" if dmy and not mdy else None
        updates = []
        left = 0
        for ident, line, a, b, year in self.db.execute("SELECT * FROM temp.pending_dates"):
            slash = norm.SlashDate(a, b, year)
            use = order or slash.evidence
            if use is None:
                left += 1
                continue
            try:
                updates.append((slash.resolve(use), ident))
            except ValueError:
                left += 1
                result.warn(line, f"date {a}/{b}/{year} is not a real date; date left out")
        self.db.executemany("UPDATE jobs SET posted = ? WHERE id = ?", updates)
        if order:
            words = "month/day/year" if order == "mdy" else "day/month/year"
            result.notes.append(
                f"{total} date(s) written like 9/11/2024 were read as {words}: the file's "
                f"dates such as {'9/13/2024' if order == 'mdy' else '13/9/2024'} allow only that."
            )
        elif mdy and dmy:
            result.notes.append(
                f"The file mixes month/day ({mdy}) and day/month ({dmy}) dates; {either} date(s) "
                "that could be either were left empty."
            )
        else:
            result.notes.append(
                f"{either} date(s) such as 3/4/2025 could be month/day or day/month, and no date "
                "in the file tells which; they were left empty. Import again with --dates mdy "
                "(US) or --dates dmy."
            )

    def _dedupe(self) -> None:
        """Group rows that share a canonical URL or a content fingerprint (the same job from
        several sources, or posted twice); the best row of each group is shown and carries
        every source, the others point to it with dup_of."""
        db = self.db
        rows = db.execute(
            "SELECT rowid, canon_url, fingerprint, source, url IS NOT NULL, "
            "salary_min IS NOT NULL OR salary_max IS NOT NULL, length(description) FROM jobs "
            "WHERE canon_url IN (SELECT canon_url FROM jobs WHERE canon_url IS NOT NULL "
            "GROUP BY canon_url HAVING count(*) > 1) OR fingerprint IN (SELECT fingerprint FROM "
            "jobs WHERE fingerprint IS NOT NULL GROUP BY fingerprint HAVING count(*) > 1)"
        ).fetchall()
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        first: dict[tuple[int, str], int] = {}
        for r in rows:
            for kind, key in ((0, r[1]), (1, r[2])):
                if key is None:
                    continue
                other = first.setdefault((kind, key), r[0])
                if other != r[0]:
                    parent[find(r[0])] = find(other)
        groups: dict[int, list[Any]] = {}
        for r in rows:
            groups.setdefault(find(r[0]), []).append(r)
        db.execute(
            "UPDATE jobs SET dup_of = NULL, sources = NULL "
            "WHERE dup_of IS NOT NULL OR sources IS NOT NULL"
        )
        updates = []
        for members in groups.values():
            if len(members) < 2:
                continue
            best = max(members, key=lambda r: (r[4], r[5], r[6] or 0, -r[0]))
            sources = "|".join(sorted({r[3] for r in members}))
            for r in members:
                updates.append((None if r is best else best[0], sources, r[0]))
        db.executemany("UPDATE jobs SET dup_of = ?, sources = ? WHERE rowid = ?", updates)

    def replace_source(
        self,
        source: str,
        kind: str,
        origin: str,
        listings: Iterable[dict],
        *,
        deadline: float | None = None,
        on_timeout: Callable[[], CareerError] | None = None,
    ) -> tuple[int, int]:
        """Make the store hold exactly these listings for one source, atomically; returns
        (stored, left out). With a deadline, parsing and storing stop there and nothing
        changes. A listing that cannot be used is left out, never the whole source."""
        now = _now()
        stored = dropped = 0

        def late() -> bool:
            return deadline is not None and time.monotonic() >= deadline

        if deadline is not None:
            self.db.set_progress_handler(lambda: 1 if late() else 0, 10_000)
        try:
            with self.transaction():
                db = self.db
                db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_ids (id TEXT PRIMARY KEY)")
                db.execute("DELETE FROM temp.keep_ids")
                rows: list[tuple[Any, ...]] = []
                for raw in listings:
                    try:
                        listing = make_listing(dict(raw), source, self.tagger)
                    except (ValueError, TypeError, UnicodeError):
                        dropped += 1
                        continue
                    rows.append(_row(listing, now, origin))
                    if len(rows) >= BATCH:
                        stored += self._keep(rows)
                        if late() and on_timeout:
                            raise on_timeout()
                if rows:
                    stored += self._keep(rows)
                if late() and on_timeout:
                    raise on_timeout()
                stored = db.execute("SELECT count(*) FROM temp.keep_ids").fetchone()[0]
                db.execute(
                    "DELETE FROM jobs WHERE source = ? "
                    "AND id NOT IN (SELECT id FROM temp.keep_ids)",
                    (source,),
                )
                self._touch_source(source, kind, origin, now)
                db.execute("DELETE FROM origins WHERE source = ? AND origin != ?", (source, origin))
                self._dedupe()
        except CareerError as exc:
            if "deadline" in exc.message and on_timeout:
                raise on_timeout() from None
            raise
        finally:
            if deadline is not None:
                self.db.set_progress_handler(None, 0)
        return stored, dropped

    def _keep(self, rows: list[tuple[Any, ...]]) -> int:
        self.db.executemany(
            "INSERT OR IGNORE INTO temp.keep_ids VALUES (?)", [(r[0],) for r in rows]
        )
        self._upsert(rows)
        count = len(rows)
        rows.clear()
        return count

    # ------------------------------------------------------------------ reads

    def sources(self) -> list[dict[str, Any]]:
        try:
            return self._sources()
        except self.sqlite3.DatabaseError as exc:
            raise self._failure(exc) from None

    def _sources(self) -> list[dict[str, Any]]:
        db = self.db
        has_origins = "origins" in self.indexes
        out = []
        for r in db.execute(
            "SELECT source, kind, origin, synced, count FROM main.sources ORDER BY source"
        ):
            entry = dict(r)
            entry["origin"] = _no_credentials(entry["origin"])
            entry["duplicates"] = db.execute(
                f"SELECT count(*) FROM {self.jobs} WHERE source = ? AND dup_of IS NOT NULL",
                (r["source"],),
            ).fetchone()[0]
            files = []
            if has_origins:
                counts = dict(
                    db.execute(
                        f"SELECT origin, count(*) FROM {self.jobs} WHERE source = ? "
                        "GROUP BY origin",
                        (r["source"],),
                    ).fetchall()
                )
                for o in db.execute(
                    "SELECT origin, kind, at FROM main.origins WHERE source = ? "
                    "ORDER BY at, origin",
                    (r["source"],),
                ):
                    files.append(
                        {
                            "origin": _no_credentials(o["origin"]),
                            "at": o["at"],
                            "count": counts.get(o["origin"], 0),
                        }
                    )
            entry["origins"] = files
            out.append(entry)
        bundled = db.execute("SELECT count(*) FROM bundled.jobs").fetchone()[0]
        out.insert(
            0,
            {"source": "bundled", "kind": "bundled", "origin": "data/jobs.yaml",
             "synced": None, "count": bundled, "duplicates": 0,
             "origins": [{"origin": "data/jobs.yaml", "at": None, "count": bundled}]},
        )  # fmt: skip
        return out

    def _conditions(self, q: Query, table: str) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if q.remote:
            where.append("remote = 1")
        for column, value in (
            ("level", q.level), ("type", q.type), ("role", q.role), ("soc", q.soc),
        ):  # fmt: skip
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        for column, value in (("company", q.company), ("location", q.location)):
            if value:
                where.append(f"{column} LIKE ? ESCAPE '\\'")
                params.append(f"%{_like(value)}%")
        if q.min_salary is not None:
            where.append(f"currency = ? AND {_PAY} >= ?")
            params += [q.currency, q.min_salary]
        if q.since:
            where.append("posted >= ?")
            params.append(q.since)
        if q.source:
            where.append("(source = ? OR source LIKE ? ESCAPE '\\')")
            params += [q.source, f"{_like(q.source)}:%"]
        elif table != "bundled.jobs":
            where.append("dup_of IS NULL")
        terms = search_terms(q.search)
        if q.search is not None and not terms:
            where.append("0")  # nothing to search for matches nothing, never everything
        for word in terms:
            core = _fts_word(word)
            if self.fts and table != "bundled.jobs" and core:
                where.append("rowid IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)")
                params.append(f'"{core}"')
                if core != word.lower():  # ".net": the index holds "net"
                    where.append("(title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')")
                    params += [f"%{_like(word)}%"] * 2
            else:
                where.append(_word_like())
                params += _word_like_params(word)
        return where, params

    def search(
        self,
        q: Query,
        fit: Callable[[str | None, list[str]], float | None] | None = None,
    ) -> SearchResult:
        """The listings matching `q`, in its order, at most `q.limit`; with `fit` (a function
        of a listing's role and skills), each gets its fit and a fit sort ranks by it. Only
        the rows shown are ever read whole."""
        try:
            return self._search(q, fit)
        except self.sqlite3.DatabaseError as exc:
            raise self._failure(exc) from None

    def get(self, listing_id: str) -> Listing | None:
        """One listing by its id, stored or bundled; None when there is none."""
        try:
            for table in (self.jobs, "bundled.jobs"):
                sql = f"SELECT * FROM {table} WHERE id = ?"
                row = self.db.execute(sql, (listing_id,)).fetchone()
                if row is not None:
                    return _from_row(row)
        except self.sqlite3.DatabaseError as exc:
            raise self._failure(exc) from None
        return None

    def _search(self, q: Query, fit: Any) -> SearchResult:
        check_query(q)
        tables = (self.jobs, "bundled.jobs")
        conds = [self._conditions(q, t) for t in tables]
        total = 0
        for table, (where, params) in zip(tables, conds, strict=True):
            cond = " AND ".join(where) or "1"
            total += self.db.execute(
                f"SELECT count(*) FROM {table} WHERE {cond}", params
            ).fetchone()[0]
        result = SearchResult(self, total)
        if q.search is not None and not search_terms(q.search):
            result.notes.append(
                f"--search {norm.clean(q.search)[:40]!r} has no word to search for (letters, "
                "digits, or C++, C#, F#, .NET); nothing matches it."
            )
        if q.min_salary is not None or q.sort == "salary":
            result.other_currency = self._other_currency(q)
        if q.sort == "fit" and fit is not None:
            result.keys = self._fit_keys(q, conds, fit, result)
        else:
            result.keys = self._sorted_keys(q, conds)
        if fit is not None:
            result.fit = fit
        return result

    def _other_currency(self, q: Query) -> int:
        """Listings that match every other filter but are paid in another currency."""
        plain = q._replace(min_salary=None, sort="posted")
        count = 0
        for table in (self.jobs, "bundled.jobs"):
            where, params = self._conditions(plain, table)
            where.append(f"{_PAY} IS NOT NULL AND currency IS NOT ?")
            params.append(q.currency)
            count += self.db.execute(
                f"SELECT count(*) FROM {table} WHERE {' AND '.join(where)}", params
            ).fetchone()[0]
        return count

    def _sorted_keys(self, q: Query, conds: list[tuple[list[str], list[Any]]]) -> list[Any]:
        # Each segment walks an index in order and stops after `limit` rows: pay in the
        # chosen currency first when sorting by salary, then everything else by date.
        segments: list[tuple[str, str, str, list[Any]]] = []
        if q.sort == "salary":
            segments.append(
                (f"currency = ? AND {_PAY} IS NOT NULL", _PAY, "jobs_cur_pay", [q.currency])
            )
            segments.append(
                (
                    f"NOT (currency IS ? AND {_PAY} IS NOT NULL)",
                    "posted",
                    "jobs_posted",
                    [q.currency],
                )
            )
        else:
            segments.append(("1", "posted", "jobs_posted", []))
        limit = q.limit
        parts, args = [], []
        for n, (table, (where, params)) in enumerate(
            zip((self.jobs, "bundled.jobs"), conds, strict=True)
        ):
            for s, (extra, key, index, extra_params) in enumerate(segments):
                cond = " AND ".join([*where, extra])
                hint = (
                    f" INDEXED BY {index}"
                    if limit and table == "main.jobs" and index in self.indexes
                    else ""
                )
                part = (
                    f"SELECT {s} AS seg, {n} AS db, rowid AS rid, {key} AS k, posted AS p "
                    f"FROM {table}{hint} WHERE {cond}"
                )
                part_args = [*params, *extra_params]
                if limit:
                    part = f"SELECT * FROM ({part} ORDER BY {key} DESC, rowid DESC LIMIT ?)"
                    part_args.append(limit)
                parts.append(part)
                args += part_args
        sql = (
            f"SELECT db, rid FROM ({' UNION ALL '.join(parts)}) "
            "ORDER BY seg, k DESC, p DESC, db, rid DESC"
        )
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return self.db.execute(sql, args).fetchall()

    def _fit_keys(self, q: Query, conds: Any, fit: Any, result: SearchResult) -> list[Any]:
        """Fit depends on a listing's role and skills only: score each distinct pair once,
        keep the best pairs that can fill the limit, and let SQLite rank their rows. Listings
        at a level that does not fit the person (`q.demote`) come after the others."""
        db = self.db
        marks = ", ".join("?" * len(q.demote))
        off = f"coalesce(level IN ({marks}), 0)" if q.demote else "0"
        combos: dict[tuple[Any, Any, int], int] = {}
        for table, (where, params) in zip((self.jobs, "bundled.jobs"), conds, strict=True):
            cond = " AND ".join(where) or "1"
            for role, skills, demoted, count in db.execute(
                f"SELECT role, skills, {off} AS d, count(*) FROM {table} WHERE {cond} "
                "GROUP BY role, skills, d",
                [*q.demote, *params],
            ):
                key = (role, skills, demoted)
                combos[key] = combos.get(key, 0) + count
        scored = []
        for (role, skills, demoted), count in combos.items():
            value = fit(role, [s for s in (skills or "").split("|") if s])
            scored.append((demoted, value, role, skills, count))
        scored.sort(key=lambda x: (x[0], x[1] is None, -(x[1] or 0.0)))
        if q.limit:
            kept, rows, cut = [], 0, None
            for item in scored:
                if cut is not None and item[:2] != cut:
                    break
                kept.append(item)
                rows += item[4]
                if rows >= q.limit and cut is None:
                    cut = item[:2]
            scored = kept
        db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS fits2 "
            "(f_role TEXT, f_skills TEXT, f_fit REAL, f_d INT)"
        )
        db.execute("DELETE FROM temp.fits2")
        db.executemany(
            "INSERT INTO temp.fits2 VALUES (?, ?, ?, ?)", [(r, s, v, d) for d, v, r, s, _ in scored]
        )
        parts, args = [], []
        for n, (table, (where, params)) in enumerate(
            zip((self.jobs, "bundled.jobs"), conds, strict=True)
        ):
            cond = " AND ".join(where) or "1"
            joff = off.replace("level", "j.level")
            parts.append(
                f"SELECT {n} AS db, j.rowid AS rid, f.f_fit AS fit, f.f_d AS d, j.posted AS p "
                f"FROM {table} AS j JOIN temp.fits2 AS f "
                f"ON j.role IS f.f_role AND j.skills IS f.f_skills AND {joff} = f.f_d "
                f"WHERE {cond}"
            )
            args += [*q.demote, *params]
        sql = (
            f"SELECT db, rid, fit FROM ({' UNION ALL '.join(parts)}) "
            "ORDER BY d, fit IS NULL, fit DESC, p DESC, db, rid DESC"
        )
        if q.limit:
            sql += " LIMIT ?"
            args.append(q.limit)
        found = db.execute(sql, args).fetchall()
        return [(db_, rid) for db_, rid, _ in found]

    def _rows(self, keys: list[Any]) -> Iterator[Listing]:
        """Whole rows for the keys, in their order, a chunk at a time."""
        tables = (self.jobs, "bundled.jobs")
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows: dict[tuple[int, int], Any] = {}
            for n, table in enumerate(tables):
                ids = [rid for db, rid in chunk if db == n]
                if not ids:
                    continue
                marks = ", ".join("?" * len(ids))
                for r in self.db.execute(
                    f"SELECT rowid AS rid, * FROM {table} WHERE rowid IN ({marks})", ids
                ):
                    rows[(n, r["rid"])] = r
            for key in chunk:
                yield _from_row(rows[(key[0], key[1])])

    def _failure(self, exc: Exception) -> Exception:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return _busy(self.path)
        if "malformed" in text or "not a database" in text or "disk image" in text:
            return _damaged(self.path, exc)
        if "too large" in text or "too complex" in text or "too many" in text:
            return CareerError(f"The query is too large for the job store ({text}).")
        return exc

    def listings_for(self, role_id: str | None = None, soc: str | None = None) -> Iterator[Any]:
        """(skills, description, posted) of every stored and bundled listing of a role or a
        SOC code, duplicates shown once; read in chunks by the cursor, never all at once."""
        column, value = ("role", role_id) if role_id else ("soc", soc)
        for table in (self.jobs, "bundled.jobs"):
            dup = " AND dup_of IS NULL" if table != "bundled.jobs" else ""
            yield from self.db.execute(
                f"SELECT skills, description, posted FROM {table} WHERE {column} = ?{dup}",
                (value,),
            )

    def role_skill_counts(self, role_ids: Iterable[str]) -> Iterator[tuple[str, str, int]]:
        """(role, skills joined by |, how many listings) for the stored and bundled listings of
        these roles, duplicates once: one grouped pass, so demand for many roles costs one
        read of two columns."""
        ids = list(role_ids)
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        for table in (self.jobs, "bundled.jobs"):
            dup = " AND dup_of IS NULL" if table != "bundled.jobs" else ""
            try:
                yield from self.db.execute(
                    f"SELECT role, skills, count(*) FROM {table} WHERE role IN ({marks}){dup} "
                    "GROUP BY role, skills",
                    ids,
                )
            except self.sqlite3.DatabaseError as exc:
                raise self._failure(exc) from None

    def salary_ranges(
        self, role_id: str, currency: str = "USD"
    ) -> list[tuple[float | None, float | None]]:
        """Yearly (min, max) of the listings of a role paid in `currency` (USD unless said);
        listings in other currencies are never mixed in."""
        sql = (
            f"SELECT year_min, year_max FROM {self.jobs} WHERE role = ? AND dup_of IS NULL AND "
            "(year_min IS NOT NULL OR year_max IS NOT NULL) AND currency = ? "
            "UNION ALL SELECT year_min, year_max FROM bundled.jobs WHERE role = ? AND "
            "(year_min IS NOT NULL OR year_max IS NOT NULL) AND currency = ?"
        )
        try:
            rows = self.db.execute(sql, (role_id, currency, role_id, currency)).fetchall()
        except self.sqlite3.DatabaseError as exc:
            raise self._failure(exc) from None
        return [(r[0], r[1]) for r in rows]


# (line, row for the store or None, problem, warnings, (a, b, year) of a pending date)
Made = tuple[int, "tuple[Any, ...] | None", "str | None", list[str], "tuple[int, int, int] | None"]
# Records per chunk handed to a worker process, and the file size from which workers are used:
# tagging a description is most of an import's time, and it parallelises cleanly.
CHUNK = 500
PARALLEL_FROM_BYTES = 4 * 1024 * 1024


class _Jobs:
    """What turning records into store rows needs, set up once (and inherited by workers)."""

    def __init__(
        self, tagger: Tagger, default_source: str, order: str | None, now: str, origin: str
    ):
        self.tagger, self.default_source, self.order = tagger, default_source, order
        self.now, self.origin = now, origin

    def make(self, line: int, raw: dict[str, Any], warnings: list[str]) -> Made:
        source = _source_name(raw.pop("source", None)) or self.default_source
        try:
            listing = make_listing(raw, source, self.tagger, warnings, date_order=self.order)
        except (ValueError, TypeError) as exc:
            return line, None, str(exc), warnings, None
        slash = listing.pending_date
        pending = (slash.a, slash.b, slash.year) if slash is not None else None
        return line, _row(listing, self.now, self.origin), None, warnings, pending

    def make_chunk(self, chunk: list[tuple[int, dict[str, Any], list[str]]]) -> list[Made]:
        return [self.make(line, raw, warnings) for line, raw, warnings in chunk]


_WORKER_JOBS: _Jobs | None = None


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _worker_chunk(chunk: list[tuple[int, dict[str, Any], list[str]]]) -> list[Made]:
    assert _WORKER_JOBS is not None
    return _WORKER_JOBS.make_chunk(chunk)


def _made_in_order(
    records: Iterable[Record], jobs: _Jobs, result: ImportResult, size: int
) -> Iterator[Made]:
    """Each record made into a store row, in file order: in this process, or, for a big file
    on a machine with several cores, in worker processes a bounded number of chunks ahead."""
    global _WORKER_JOBS

    def chunks() -> Iterator[tuple[list[Made], list[tuple[int, dict[str, Any], list[str]]]]]:
        done: list[Made] = []
        todo: list[tuple[int, dict[str, Any], list[str]]] = []
        for rec in records:
            result.records += 1
            if rec.raw is None:
                done.append((rec.line, None, rec.problem, [], None))
            else:
                todo.append((rec.line, rec.raw, list(rec.warnings or ())))
            if len(todo) + len(done) >= CHUNK:
                yield done, todo
                done, todo = [], []
        if done or todo:
            yield done, todo

    workers = _worker_count(size)
    if workers < 2:
        for done, todo in chunks():
            yield from _merge(done, jobs.make_chunk(todo))
        return
    import multiprocessing
    from collections import deque

    _WORKER_JOBS = jobs
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_init)
    try:
        pending: deque[Any] = deque()
        for done, todo in chunks():
            if not todo:
                pending.append((done, None))
            else:
                pending.append((done, pool.apply_async(_worker_chunk, (todo,))))
            if len(pending) > 2 * workers:
                first, job = pending.popleft()
                yield from _merge(first, job.get() if job is not None else [])
        while pending:
            first, job = pending.popleft()
            yield from _merge(first, job.get() if job is not None else [])
    finally:
        pool.terminate()
        pool.join()
        _WORKER_JOBS = None


def _merge(done: list[Made], made: list[Made]) -> Iterator[Made]:
    return iter(sorted([*done, *made], key=lambda m: m[0]))


def _worker_count(size: int) -> int:
    import multiprocessing

    if size < PARALLEL_FROM_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, 4)


class SearchResult:
    """What a search found: `total` matches, `keys` of those shown, in order; `listings()`
    reads them whole, a chunk at a time, while the store is open."""

    def __init__(self, store: Store, total: int):
        self.store = store
        self.total = total
        self.keys: list[Any] = []
        self.other_currency = 0
        self.notes: list[str] = []
        self.fit: Any = None

    @property
    def shown(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[Listing]:
        return self.listings()

    def listings(self) -> Iterator[Listing]:
        for listing in self.store._rows(self.keys):
            if self.fit is not None:
                listing.fit = self.fit(listing.role, listing.skills)
            yield listing


# --------------------------------------------------------------------------- query text

_TERM = re.compile(r"\.net\b|[^\W_]+(?:[+#]+|\b)", re.IGNORECASE)


def search_terms(text: str | None) -> list[str]:
    """The words of a search, keeping C++, C#, F# and .NET whole."""
    if not text:
        return []
    return [m.group(0) for m in _TERM.finditer(text)]


def _fts_word(word: str) -> str:
    core = word.lower()
    if core == ".net":
        return "net"
    return core.replace('"', "")


def _word_like() -> str:
    return "(title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')"


def _word_like_params(word: str) -> list[str]:
    return [f"%{_like(word)}%"] * 2


def check_query(q: Query) -> None:
    """Bounds on what a user types, so no query reaches SQLite's own limits."""
    if q.search is not None:
        if len(q.search) > 10_000:
            raise CareerError(f"--search is {len(q.search):,} characters long; at most 10,000.")
        terms = search_terms(q.search)
        if len(terms) > MAX_SEARCH_WORDS:
            raise CareerError(
                f"--search has {len(terms):,} words; at most {MAX_SEARCH_WORDS}.",
                hint="Search for the few words that matter.",
            )
    for name, value in (
        ("--company", q.company),
        ("--location", q.location),
        ("--source", q.source),
    ):
        if value is not None and len(value) > MAX_FILTER_TEXT:
            raise CareerError(
                f"{name} is {len(value):,} characters long; at most {MAX_FILTER_TEXT}."
            )


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_SOURCE = re.compile(r"^[a-z0-9][a-z0-9:._-]{0,99}$")


def _source_name(value: Any) -> str | None:
    """A source name from a record (JobSpy's site, a JSON listing's "source"), or None."""
    if not isinstance(value, str):
        return None
    text = norm.clean(value).lower()
    return text if _SOURCE.match(text) else None


def _no_credentials(origin: str | None) -> str | None:
    if not origin or "@" not in origin or "://" not in origin:
        return origin
    from careercli.jobs.http import strip_credentials

    return strip_credentials(origin)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def reset_store(
    path: Path | None = None, waiting: Callable[[str], None] | None = None
) -> Path | None:
    """Move the store aside (never delete it); returns where it went, or None if absent. Waits
    for a running import or sync (see `store_lock`), never moves the store from under one."""
    target = path or store_path()
    if not target.exists():
        return None
    with store_lock(target, exclusive=True, waiting=waiting):
        return move_aside(target, ("-wal", "-shm"))
