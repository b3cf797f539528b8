"""Job listings: the local SQLite store, filters, imports, syncs and title-to-role mapping.

Stored listings live in one SQLite file under the user data directory. The bundled listings
(data/jobs.yaml) are never written there: each query attaches them as an in-memory table and
reads both with the same SQL, so they are always available, even with no store at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from careercli.catalog import Catalog
from careercli.errors import CareerError
from careercli.paths import move_aside, store_dir
from careercli.text import normalize

SCHEMA_VERSION = "1"
BATCH = 1000
TECH_CATEGORIES = {
    "language",
    "database",
    "bi",
    "data-engineering",
    "ml",
    "ml-library",
    "cloud",
    "devops",
    "math",
    "software",
}
# Names and aliases that are ordinary words in a job ad ("excel at", "go to market", "waste
# containers", "patient charts", "daily reports"): never read as skills from prose.
_PROSE_STOP = frozenset(
    """
    r c sheets lightning fabric node sampling alerting algorithms analytics
    calculus causality charts coding containers dash dashboarding dashboards experimentation
    failover fairness forecasting guardrails logging matrices monitoring networking notebooks
    observability optimization preprocessing probability programming prompting pruning
    quantization regression replication reporting reports scalability scripting serverless
    slides spreadsheets statistics stats streaming testing torch transformers visualization
    visualisation visualizations react keynote chroma flask hive helm elk iam doe rag eda llm
    mcp edw dwh sde dba unix
    """.split()
)
# Tool names that are also plain words count in prose only when capitalised ("Spark", "Excel").
_CAPITALISED_ONLY = frozenset(
    "spark excel go shell hive helm flask torch dash react airflow kafka snowflake looker".split()
) | {"access control", "data security", "disaster recovery", "report writing", "version control"}
_PROSE_SKILLS_EXCLUDED = {"reporting", "database security", "responsible AI", "web development"}
_TOKEN = re.compile(r"[A-Za-z0-9.+#/&'][A-Za-z0-9.+#/&']*")
_TITLE_NOISE = {
    "remote", "hybrid", "onsite", "on-site", "i", "ii", "iii", "iv", "v", "1", "2", "3", "4",
    "us", "usa", "the", "a", "an", "with", "for", "in", "at", "-",
}  # fmt: skip
_SENIORITY = {"senior", "sr", "junior", "jr", "lead", "staff", "principal", "intern", "entry"}

COLUMNS = [
    "id", "source", "title", "company", "location", "remote", "type", "level", "salary_min",
    "salary_max", "currency", "period", "year_min", "year_max", "url", "posted", "description",
    "role", "role_score", "skills", "seen",
]  # fmt: skip
_REMOTE_CODE = {True: 1, False: 0, "hybrid": 2}
_REMOTE_VALUE = {1: True, 0: False, 2: "hybrid"}

TYPE_WORDS = {
    "fulltime": "full-time",
    "full time": "full-time",
    "full-time": "full-time",
    "full_time": "full-time",
    "permanent": "full-time",
    "parttime": "part-time",
    "part time": "part-time",
    "part-time": "part-time",
    "part_time": "part-time",
    "contract": "contract",
    "contractor": "contract",
    "freelance": "contract",
    "internship": "internship",
    "intern": "internship",
    "temporary": "temporary",
    "temp": "temporary",
    "seasonal": "temporary",
}
LEVELS = ("intern", "entry", "mid", "senior", "lead", "executive")
_LEVEL_RULES = (
    ("intern", re.compile(r"\b(intern|internship|co-?op)\b")),
    ("executive", re.compile(r"\b(director|vp|vice president|head of|chief|cto|cdo)\b")),
    ("lead", re.compile(r"\b(lead|principal|staff|manager)\b")),
    ("senior", re.compile(r"\b(senior|sr\.?|iii|iv)\b")),
    ("entry", re.compile(r"\b(junior|jr\.?|entry|graduate|associate|trainee|i)\b")),
)


PERIOD_FACTOR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}


def annualize(amount: float | None, period: str | None) -> float | None:
    """A yearly figure: hourly x 2,080 hours (BLS's convention), daily x 260, weekly x 52..."""
    if amount is None:
        return None
    return float(amount) * PERIOD_FACTOR.get(period or "year", 1)


def infer_level(title: str) -> str | None:
    """A level read from the title's words, or None: never a guess beyond what it says."""
    text = normalize(title)
    for level, rule in _LEVEL_RULES:
        if rule.search(text):
            return level
    return None


def job_type(value: Any) -> str | None:
    if value is None:
        return None
    words = [TYPE_WORDS.get(normalize(part)) for part in re.split(r"[,;/|]", str(value))]
    found = [w for w in words if w]
    if not found:
        compact = TYPE_WORDS.get(normalize(str(value)).replace(" ", ""))
        return compact
    return "full-time" if "full-time" in found else found[0]


def iso_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def remote_value(value: Any) -> bool | str | None:
    if isinstance(value, bool) or value is None:
        return value
    text = normalize(str(value))
    if text in {"true", "yes", "1", "remote", "y"}:
        return True
    if text in {"false", "no", "0", "onsite", "on site", "n", "in person"}:
        return False
    if text == "hybrid":
        return "hybrid"
    return None


# --------------------------------------------------------------------------- text to catalog


class Tagger:
    """Maps job titles to catalog roles and finds the skills a description names."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.role_keys: dict[tuple[str, ...], str] = {}
        for key, role_id in catalog._c["role_lookup"].items():
            self.role_keys.setdefault(tuple(key.split()), role_id)
        self.max_role_len = max((len(k) for k in self.role_keys), default=1)
        skills = catalog.skills
        self.skill_keys: dict[tuple[str, ...], str] = {}
        for key, (name, _) in catalog.skill_lookup.items():
            if skills[name].category not in TECH_CATEGORIES or name in _PROSE_SKILLS_EXCLUDED:
                continue
            if key in _PROSE_STOP or (len(key) <= 2 and key.isalpha()):
                continue
            self.skill_keys[tuple(key.split())] = name
        self.skill_first = {k[0] for k in self.skill_keys}
        self.max_skill_len = max((len(k) for k in self.skill_keys), default=1)
        self._titles: dict[str, tuple[str | None, float | None]] = {}

    def role_for(self, title: str) -> tuple[str | None, float | None]:
        key = normalize(title)
        hit = self._titles.get(key)
        if hit is None:
            hit = self._role_for(key)
            if len(self._titles) < 50_000:
                self._titles[key] = hit
        return hit

    def _role_for(self, text: str) -> tuple[str | None, float | None]:
        text = re.sub(r"[(),|:;]", " ", text)
        tokens = [t for t in text.split() if t not in {"-", "–", "&"}]
        meaningful = [t for t in tokens if t not in _TITLE_NOISE]
        if not meaningful:
            return None, None
        core = [t for t in meaningful if t not in _SENIORITY]
        best: tuple[int, int, str] | None = None
        for n in range(min(self.max_role_len, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                gram = tuple(tokens[i : i + n])
                role_id = self.role_keys.get(gram)
                if role_id is None:
                    continue
                if n == 1 and core != list(gram):
                    continue
                if best is None or (n, -i) > (best[0], best[1]):
                    best = (n, -i, role_id)
            if best is not None:
                break
        if best is not None:
            score = min(100.0, round(100.0 * best[0] / len(meaningful), 1))
            return (best[2], score) if score >= 40 else (None, None)
        if len(" ".join(meaningful)) < 8:
            return None, None
        from rapidfuzz import fuzz, process

        keys = [" ".join(k) for k in self.role_keys if len(k) > 1]
        found = process.extractOne(" ".join(meaningful), keys, scorer=fuzz.ratio, score_cutoff=90)
        if found is None:
            return None, None
        return self.role_keys[tuple(found[0].split())], round(found[1], 1)

    def skills_in(self, description: str | None, limit_chars: int = 6000) -> list[str]:
        if not description:
            return []
        import unicodedata

        text = unicodedata.normalize("NFKC", description[:limit_chars])
        raw = [t.rstrip(".,'") for t in _TOKEN.findall(text)]
        tokens = [t.casefold() for t in raw]
        found: dict[str, None] = {}
        first = self.skill_first
        keys = self.skill_keys
        n_tok = len(tokens)
        for i, tok in enumerate(tokens):
            if tok not in first:
                continue
            for n in range(min(self.max_skill_len, n_tok - i), 0, -1):
                name = keys.get(tuple(tokens[i : i + n]))
                if n == 1 and tok in _CAPITALISED_ONLY and not raw[i][:1].isupper():
                    continue
                if name is not None:
                    found[name] = None
                    break
        return list(found)


# --------------------------------------------------------------------------- listings


class Listing:
    """One job listing. A plain class: a 16-field dataclass costs ~1 ms at every start-up."""

    __slots__ = (
        "company",
        "description",
        "fit",
        "id",
        "level",
        "location",
        "posted",
        "remote",
        "role",
        "role_score",
        "salary",
        "skills",
        "source",
        "title",
        "type",
        "url",
    )  # fmt: skip

    def __init__(
        self,
        id: str,
        source: str,
        title: str,
        company: str | None = None,
        location: str | None = None,
        remote: bool | str | None = None,
        type: str | None = None,
        level: str | None = None,
        salary: dict[str, Any] | None = None,
        url: str | None = None,
        posted: str | None = None,
        description: str | None = None,
        role: str | None = None,
        role_score: float | None = None,
        skills: list[str] | None = None,
        fit: float | None = None,
    ):
        self.id, self.source, self.title = id, source, title
        self.company, self.location, self.remote = company, location, remote
        self.type, self.level, self.salary, self.url = type, level, salary, url
        self.posted, self.description = posted, description
        self.role, self.role_score = role, role_score
        self.skills = skills if skills is not None else []
        self.fit = fit

    def __repr__(self) -> str:
        return f"Listing({self.id!r}, {self.title!r})"

    def to_dict(self, with_fit: bool = False) -> dict[str, Any]:
        out = {
            "id": self.id,
            "title": self.title,
            "company": self.company,
            "location": self.location,
            "remote": self.remote,
            "type": self.type,
            "level": self.level,
            "salary": self.salary,
            "url": self.url,
            "posted": self.posted,
            "source": self.source,
            "role": self.role,
            "role_score": self.role_score,
            "skills": self.skills,
            "description": self.description,
        }
        if with_fit:
            out["fit"] = self.fit
        return out

    def record(self, with_fit: bool = False) -> dict[str, Any]:
        """A flat row for CSV: numbers stay numbers, lists are joined."""
        s = self.salary or {}
        out = {
            k: v for k, v in self.to_dict(with_fit).items() if k not in ("salary", "description")
        }
        out["skills"] = "; ".join(self.skills)
        out.update(
            salary_min=s.get("min"),
            salary_max=s.get("max"),
            currency=s.get("currency"),
            period=s.get("period"),
        )
        return out


def _clean_url(value: Any) -> str | None:
    if not value:
        return None
    text = str(value).strip()
    return text if re.match(r"^https?://\S+$", text) else None


def _money(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).replace(",", "").replace("$", "").strip())
    except ValueError as exc:
        raise ValueError(f"salary {value!r} is not a number") from exc
    if number != number or number < 0 or number > 1e9:
        raise ValueError(f"salary {value!r} is out of range")
    return number


def make_listing(raw: dict[str, Any], source: str, tagger: Tagger) -> Listing:
    """A listing from a plain dict with our keys; ValueError with a message if it is unusable."""
    title = str(raw.get("title") or "").strip()
    if not title:
        raise ValueError("missing title")
    native = str(raw.get("native_id") or raw.get("id") or "").strip()
    if not native:
        basis = "|".join(str(raw.get(k) or "") for k in ("title", "company", "location", "url"))
        native = hashlib.sha1(basis.encode()).hexdigest()[:16]
    salary = raw.get("salary")
    if isinstance(salary, dict) and (
        salary.get("min") is not None or salary.get("max") is not None
    ):
        lo, hi = _money(salary.get("min")), _money(salary.get("max"))
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        period = str(salary.get("period") or "year")
        if period not in ("year", "month", "week", "day", "hour"):
            raise ValueError(f"salary period {period!r} is not one of year, month, week, day, hour")
        salary = {
            "min": lo,
            "max": hi,
            "currency": str(salary.get("currency") or "USD").upper()[:3],
            "period": period,
        }
    else:
        salary = None
    description = raw.get("description")
    description = str(description)[:20000] if description else None
    role = (
        raw.get("role") if raw.get("role") and tagger.catalog.has_role(str(raw["role"])) else None
    )
    role_score: float | None = 100.0 if role else None
    if role is None:
        role, role_score = tagger.role_for(title)
    level = raw.get("level")
    level = level if level in LEVELS else infer_level(title)
    return Listing(
        id=f"{source}:{native}",
        source=source,
        title=title[:300],
        company=(str(raw["company"]).strip()[:200] or None) if raw.get("company") else None,
        location=(str(raw["location"]).strip()[:200] or None) if raw.get("location") else None,
        remote=remote_value(raw.get("remote")),
        type=job_type(raw.get("type")),
        level=level,
        salary=salary,
        url=_clean_url(raw.get("url")),
        posted=iso_date(raw.get("posted")),
        description=description,
        role=role,
        role_score=role_score,
        skills=tagger.skills_in(description) if description else tagger.skills_in(title),
    )


def _row(listing: Listing, seen: str) -> tuple[Any, ...]:
    s = listing.salary or {}
    period = s.get("period")
    return (
        listing.id,
        listing.source,
        listing.title,
        listing.company,
        listing.location,
        _REMOTE_CODE.get(listing.remote),  # type: ignore[arg-type]
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
                self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            elif exists:
                uri = f"file:{self.path}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
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
        where, params = [], []
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


class Query(NamedTuple):
    remote: bool = False
    level: str | None = None
    type: str | None = None
    role: str | None = None
    company: str | None = None
    location: str | None = None
    min_salary: float | None = None
    search: str | None = None
    since: str | None = None
    source: str | None = None
    limit: int | None = 20
    sort: str = "posted"


@dataclass
class ImportResult:
    imported: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- fit


MIN_NAMED_SKILLS = 5


def listing_fit(catalog: Catalog, listing: Listing, credit: dict[str, float]) -> float | None:
    """Fit of a listing: the mapped role's fit and the share of the description's skills you
    have, averaged when both exist; None when neither exists. The share counts over at least
    five skills: an ad that names only Excel says too little to be a 100% fit."""
    from careercli.matching import fit_of

    parts = []
    if listing.role and catalog.has_role(listing.role):
        reqs = catalog.index[catalog._ids[listing.role]][5]
        parts.append(fit_of(reqs, credit)[0])
    if listing.skills:
        have = sum(credit.get(s, 0.0) for s in listing.skills)
        parts.append(100.0 * have / max(len(listing.skills), MIN_NAMED_SKILLS))
    if not parts:
        return None
    return round(sum(parts) / len(parts), 1)


# --------------------------------------------------------------------------- files

JOBSPY_COLUMNS = {"site", "job_url", "title", "company", "location", "date_posted"}
_INTERVALS = {
    "yearly": "year",
    "annual": "year",
    "year": "year",
    "monthly": "month",
    "month": "month",
    "weekly": "week",
    "week": "week",
    "daily": "day",
    "day": "day",
    "hourly": "hour",
    "hour": "hour",
}


def read_listing_file(path: Path) -> tuple[str, Iterator[tuple[int, dict[str, Any] | Exception]]]:
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


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | Exception]]:
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

    def rows() -> Iterator[tuple[int, dict[str, Any] | Exception]]:
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
    interval = _INTERVALS.get((rec.get("interval") or "").strip().lower())
    lo, hi = _money(rec.get("min_amount")), _money(rec.get("max_amount"))
    salary = None
    if lo is not None or hi is not None:
        salary = {
            "min": lo,
            "max": hi,
            "currency": (rec.get("currency") or "USD").strip() or "USD",
            "period": interval or "year",
        }
    site = (rec.get("site") or "jobspy").strip().lower() or "jobspy"
    return {
        "native_id": (rec.get("id") or "").strip() or None,
        "source": f"jobspy:{site}",
        "title": rec.get("title"),
        "company": rec.get("company"),
        "location": rec.get("location"),
        "remote": remote_value(rec.get("is_remote")),
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


def _doc_rows(path: Path, suffix: str) -> Iterator[tuple[int, dict[str, Any] | Exception]]:
    from careercli import yamlio

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

    def rows() -> Iterator[tuple[int, dict[str, Any] | Exception]]:
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict):
                yield n, ValueError(f"listing {n} is not a mapping")
            else:
                yield n, {**item, "native_id": item.get("id")}

    return rows()


def reset_store(path: Path | None = None) -> Path | None:
    """Move the store aside (never delete it); returns where it went, or None if absent."""
    return move_aside(path or store_path(), ("-wal", "-shm"))
