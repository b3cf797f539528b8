"""careercli's speed benchmark: start-up ratios, and the same commands at a hundred times the data.

Usage (from the repository root, with careercli installed in the running interpreter's
environment):  python benchmarks/bench.py [--runs N] [--quick]

Every time is the median wall time of N runs of the installed `careercli` command, alternated
with `python -c pass` run by the same interpreter in the same loop, so machine noise hits both
alike; figures are ratios to that baseline. Peak memory is the child's maximum resident set
size (os.wait4). The synthetic catalog (2,000 roles x 40 skills over ~3,500 distinct skill
names) and store (100,000 listings) are generated deterministically in a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLI = str(Path(PY).with_name("careercli"))


def env_for(tmp: Path, name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERCLI_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: bytecode cached
    for kind in ("CACHE", "STORE", "CONFIG"):
        env[f"CAREERCLI_{kind}_DIR"] = str(tmp / name / kind.lower())
    env["COLUMNS"] = "80"
    return env


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds, peak RSS in KiB, exit status) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in (0,):
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss, proc.returncode


def measure(cases: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, dict]:
    """Median seconds and peak memory per case, alternating with `python -c pass`."""
    base_env = env_for(Path(tempfile.gettempdir()), "baseline")
    times: dict[str, list[float]] = {"python -c pass": []}
    peaks: dict[str, int] = {}
    for name in cases:
        times[name] = []
    for _ in range(runs):
        times["python -c pass"].append(run_once([PY, "-c", "pass"], base_env)[0])
        for name, (cmd, env) in cases.items():
            elapsed, rss, _ = run_once(cmd, env)
            times[name].append(elapsed)
            peaks[name] = max(peaks.get(name, 0), rss)
    base = statistics.median(times["python -c pass"])
    return {
        name: {
            "median": statistics.median(values),
            "ratio": statistics.median(values) / base,
            "peak_mib": peaks.get(name, 0) / 1024,
        }
        for name, values in times.items()
    }


# --------------------------------------------------------------------------- synthetic data


def build_catalog(folder: Path, roles: int = 2000, per_role: int = 40) -> int:
    """A data folder of synthetic roles over real and synthetic skills; returns distinct names."""
    import yaml

    rng = random.Random(42)
    real = [s["name"] for s in yaml.safe_load((ROOT / "data/skills.yaml").read_text())["skills"]]
    extra = [f"synthetic skill {n:04d}" for n in range(3300)]
    (folder / "roles").mkdir(parents=True, exist_ok=True)
    skills_doc = {
        "categories": {"synthetic": "Synthetic skills for benchmarks"},
        "skills": [{"name": name, "category": "synthetic"} for name in extra],
    }
    (folder / "skills.yaml").write_text(yaml.safe_dump(skills_doc, sort_keys=False))
    pool = real + extra
    used: set[str] = set()
    for n in range(roles):
        chosen = rng.sample(pool, per_role)
        used.update(chosen)
        role_id = f"synthetic-role-{n:04d}"
        doc = {
            "id": role_id,
            "name": f"Synthetic Role {n:04d}",
            "aliases": [f"synthetic {n:04d}"],
            "track": rng.choice(["analytics", "ml", "software", "data-engineering"]),
            "level": rng.choice(["junior", "mid", "senior", "lead"]),
            "summary": "A generated role for measuring careercli at scale.",
            "definition": "A generated role. " * 8,
            "responsibilities": [f"Generated responsibility {i} of this role." for i in range(6)],
            "skills": [
                {"skill": s, "importance": "required" if i < 25 else "nice-to-have"}
                for i, s in enumerate(chosen)
            ],
            "education": ["A generated degree requirement."],
            "certifications": [],
            "tools": {"Generated tools": chosen[:5]},
            "industries": ["Generated industry A", "Generated industry B"],
            "outlook": {
                "summary": "Generated outlook.",
                "figures": [
                    {"metric": "growth", "value": "1%", "period": "2024-2034", "source": "none"}
                ],
            },
            "steps": ["Generated step one.", "Generated step two.", "Generated step three."],
            "related": [{"role": f"synthetic-role-{(n + 1) % roles:04d}", "relation": "up"}],
            "soc": ["15-2051"],
            "sources": ["Generated for benchmarks"],
            "reviewed": "2026-11-28",
        }
        (folder / "roles" / f"{role_id}.yaml").write_text(
            yaml.safe_dump(doc, sort_keys=False, width=100)
        )
    return len(used)


TITLES = [
    "Data Engineer", "Senior Data Scientist", "Machine Learning Engineer", "Data Analyst",
    "Software Engineer", "Cloud Engineer", "Veterinary Technician", "Store Manager",
    "Security Officer", "Registered Nurse", "Analytics Engineer", "DevOps Engineer",
]  # fmt: skip
WORDS = (
    "team build data pipelines python sql spark airflow customers quality reports deliver "
    "reliable systems we value ownership and communication work with stakeholders on analysis"
).split()


def build_jobspy_csv(path: Path, rows: int) -> None:
    """A JobSpy-layout CSV of made-up listings (example companies, never real ones)."""
    rng = random.Random(7)
    header = [
        "id", "site", "job_url", "title", "company", "location", "job_type", "date_posted",
        "interval", "min_amount", "max_amount", "currency", "is_remote", "description",
    ]  # fmt: skip
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for n in range(rows):
            hourly = rng.random() < 0.2
            low = rng.randint(20, 70) if hourly else rng.randint(50, 200) * 1000
            writer.writerow(
                [
                    f"bench{n}",
                    "indeed",
                    f"https://jobs.example.com/{n}",
                    rng.choice(TITLES),
                    f"Example Company {n % 5000}",
                    rng.choice(["New York, NY", "Remote", "Austin, TX", "Seattle, WA"]),
                    rng.choice(["fulltime", "parttime", "contract", ""]),
                    f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                    "hourly" if hourly else "yearly",
                    low,
                    low + (rng.randint(5, 30) if hourly else rng.randint(10, 60) * 1000),
                    "USD",
                    rng.choice(["True", "False"]),
                    " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 200))),
                ]
            )


def sqlite_utils_seconds(tmp: Path, csv_path: Path) -> float | None:
    """Wall time of `sqlite-utils insert --csv` plus `enable-fts` (title, description) on the
    file, installed into this environment when missing; None when it cannot be installed."""
    tool = Path(PY).with_name("sqlite-utils")
    if not tool.exists():
        subprocess.run(
            [PY, "-m", "pip", "install", "-q", "sqlite-utils"],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    if not tool.exists():
        return None
    db = tmp / "sqlite-utils.db"
    env = env_for(tmp, "sqlite-utils")
    start = time.perf_counter()
    run_once([str(tool), "insert", str(db), "listings", str(csv_path), "--csv"], env)
    run_once([str(tool), "enable-fts", str(db), "listings", "title", "description"], env)
    return time.perf_counter() - start


def libyaml_parse_seconds(folder: Path) -> float:
    """Wall time of a fresh interpreter that only parses the folder with CSafeLoader."""
    script = (
        "import glob, sys, yaml\n"
        "L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
        f"for p in sorted(glob.glob({str(folder)!r} + '/**/*.yaml', recursive=True)):\n"
        "    with open(p, 'rb') as f: yaml.load(f, Loader=L)\n"
    )
    return run_once([PY, "-c", script], env_for(folder, "libyaml"))[0]


# --------------------------------------------------------------------------- the benchmark


def main() -> int:
    parser = argparse.ArgumentParser(description="careercli benchmark")
    parser.add_argument("--runs", type=int, default=15, help="runs per case (median)")
    parser.add_argument("--quick", action="store_true", help="start-up rows only")
    parser.add_argument(
        "--documents", action="store_true", help="only the rows for fit and gap --resume"
    )
    parser.add_argument(
        "--onet", action="store_true", help="with --quick: the O*NET rows too (issue 15)"
    )
    parser.add_argument(
        "--import-rows", type=int, default=100_000, help="rows of the import with/without titles"
    )
    parser.add_argument(
        "--against",
        metavar="CAREERCLI",
        help="another installed careercli (an earlier version): its start-up runs in the same "
        "loop and each row says how this one compares",
    )
    args = parser.parse_args()
    if not Path(CLI).exists():
        raise SystemExit(f"careercli is not installed next to {PY}")
    subprocess.run(
        [PY, "-m", "compileall", "-q", str(Path(__import__("careercli").__file__).parent)],
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )
    rows: list[tuple[str, str, str, bool]] = []
    tmp = Path(tempfile.mkdtemp(prefix="careercli-bench-"))
    if args.documents:
        try:
            rows, base = document_rows(tmp, args.runs)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print_table(rows, base)
        return 0 if all(r[3] for r in rows) else 1
    try:
        small = env_for(tmp, "small")
        for warm in (["compare"], ["jobs", "--remote"]):
            run_once([CLI, *warm], small)  # compile the catalog cache once
        startup = {
            "careercli --version": ([CLI, "--version"], small),
            "careercli --help": ([CLI, "--help"], small),
            'careercli gap --skills "sql,python"': ([CLI, "gap", "--skills", "sql,python"], small),
            "gap --format json": (
                [CLI, "gap", "--skills", "sql,python", "--format", "json"],
                small,
            ),
            "careercli compare": ([CLI, "compare"], small),
            "careercli jobs --remote": ([CLI, "jobs", "--remote"], small),
            'careercli salary "data analyst"': ([CLI, "salary", "data analyst"], small),
        }
        targets = {
            "careercli --version": 6.5,
            "careercli --help": 7.0,
            'careercli gap --skills "sql,python"': 12.0,
            "gap --format json": 9.0,
            "careercli compare": 12.0,
            "careercli jobs --remote": 12.0,
            'careercli salary "data analyst"': 12.0,
        }
        other = env_for(tmp, "other")
        if args.against:
            for warm in (["compare"], ["jobs", "--remote"]):
                run_once([args.against, *warm], other)
            for name, (cmd, _) in list(startup.items()):
                startup[f"{name} (other)"] = ([args.against, *cmd[1:]], other)
        got = measure(startup, args.runs)
        for name, target in targets.items():
            ratio = got[name]["ratio"]
            rows.append((name, f"{ratio:.2f}x", f"<= {target}x", ratio <= target))
        if args.against:
            for name in targets:
                then = got[f"{name} (other)"]
                change = got[name]["median"] / then["median"]
                rows.append(
                    ("  vs the other careercli", f"{change:.2f}x its time ({then['ratio']:.2f}x)",
                     "(compared)", True)
                )  # fmt: skip
        gap_peak = got['careercli gap --skills "sql,python"']["peak_mib"]
        rows.append(
            ("peak memory of careercli gap", f"{gap_peak:.1f} MiB", "<= 40 MiB", gap_peak <= 40)
        )
        if not args.quick:
            rows += document_rows(tmp, args.runs)[0]
            rows += scale_rows(tmp, args.runs, got)
        if not args.quick or args.onet:
            rows += onet_rows(tmp, args.runs, small, import_rows=args.import_rows)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(rows, got["python -c pass"]["median"])
    return 0 if all(r[3] for r in rows) else 1


def scale_rows(tmp: Path, runs: int, small: dict[str, dict]) -> list[tuple[str, str, str, bool]]:
    rows = []
    data = tmp / "synthetic-data"
    distinct = build_catalog(data)
    big = env_for(tmp, "big")
    big["CAREERCLI_DATA_DIR"] = str(data)
    gap = [CLI, "gap", "--skills", "sql,python"]
    # First run: nothing cached yet, alternated with a fresh interpreter that only parses the
    # same files with libyaml, so both see the same machine.
    first_times, parse_times = [], []
    for _ in range(max(5, runs // 2)):
        shutil.rmtree(tmp / "big" / "cache", ignore_errors=True)
        first_times.append(run_once(gap, big)[0])
        parse_times.append(libyaml_parse_seconds(data))
    first = statistics.median(first_times)
    parse = statistics.median(parse_times)
    rows.append(
        (
            f"gap at 2,000 roles ({distinct:,} distinct skills), first run",
            f"{first:.2f} s = {first / parse:.2f}x libyaml ({parse:.2f} s)",
            "<= 1.2x libyaml alone",
            first / parse <= 1.2,
        )
    )
    warm = measure({"big gap": (gap, big)}, runs)["big gap"]
    bundled = small['careercli gap --skills "sql,python"']["median"]
    ratio = warm["median"] / bundled
    rows.append(
        (
            "gap at 2,000 roles, later runs",
            f"{ratio:.2f}x bundled ({warm['median'] * 1000:.0f} ms)",
            "<= 2x bundled",
            ratio <= 2,
        )
    )
    store = env_for(tmp, "store")
    csv_path = tmp / "listings.csv"
    build_jobspy_csv(csv_path, 100_000)
    # Side by side in one run: careercli's import, and sqlite-utils' plain insert plus a
    # full-text index on the same file (the floor a careful import is held to).
    elapsed, rss, _ = run_once([CLI, "jobs", "import", str(csv_path)], store)
    floor = sqlite_utils_seconds(tmp, csv_path)
    if floor is None:
        rows.append(
            ("jobs import of 100,000 JobSpy rows", f"{elapsed:.1f} s", "<= 20 s", elapsed <= 20)
        )
        rows.append(
            (
                "  vs sqlite-utils insert --csv + enable-fts",
                "skipped: sqlite-utils could not be installed",
                "(pip install sqlite-utils)",
                True,
            )
        )
    else:
        rows.append(
            (
                "jobs import of 100,000 JobSpy rows",
                f"{elapsed:.1f} s vs sqlite-utils {floor:.1f} s",
                "<= sqlite-utils insert+fts",
                elapsed <= floor,
            )
        )
    small_csv = tmp / "listings-10k.csv"
    build_jobspy_csv(small_csv, 10_000)
    small_store = env_for(tmp, "store-10k")
    _, rss_small, _ = run_once([CLI, "jobs", "import", str(small_csv)], small_store)
    rows.append(
        (
            "import peak memory, 100,000 vs 10,000 rows",
            f"{rss / 1024:.0f} vs {rss_small / 1024:.0f} MiB",
            "flat (within 1.5x)",
            rss <= 1.5 * rss_small,
        )
    )
    empty = env_for(tmp, "empty")
    for label, cmd in (
        ("jobs --remote --min-salary 150000 --limit 20", ["--remote", "--min-salary", "150000"]),
        ("jobs --search spark --limit 20", ["--search", "spark"]),
    ):
        full = [CLI, "jobs", *cmd, "--limit", "20"]
        got = measure({"big": (full, store), "five": (full, empty)}, runs)
        ratio = got["big"]["median"] / got["five"]["median"]
        rows.append(
            (
                f"{label} at 100,000 listings",
                f"{ratio:.2f}x the bundled five ({got['big']['median'] * 1000:.0f} ms)",
                "<= 2x",
                ratio <= 2,
            )
        )
    # Fit-ranked queries: with skills given, and with skills saved in a profile (the default
    # order is then fit); both read only the rows shown, so they stay near the bundled five.
    for env in (store, empty):
        run_once([CLI, "profile", "set", "--skills", "python, sql"], env)
    for label, cmd in (
        ('jobs --skills "python,sql"', [CLI, "jobs", "--skills", "python,sql"]),
        ("fit-sorted jobs --limit 20 (saved profile)", [CLI, "jobs", "--limit", "20"]),
    ):
        got = measure({"big": (cmd, store), "five": (cmd, empty)}, runs)
        ratio = got["big"]["median"] / got["five"]["median"]
        peak_mib = got["big"]["peak_mib"]
        rows.append(
            (
                f"{label} at 100,000 listings",
                f"{ratio:.2f}x the bundled five ({got['big']['median'] * 1000:.0f} ms), "
                f"{peak_mib:.0f} MiB",
                "<= 2x, < 100 MiB",
                ratio <= 2 and peak_mib < 100,
            )
        )
    dump = measure({"j": ([CLI, "jobs", "--format", "json", "--limit", "0"], store)}, 1)["j"]
    rows.append(
        (
            "jobs --format json --limit 0 at 100,000 listings",
            f"{dump['median']:.1f} s, {dump['peak_mib']:.0f} MiB",
            "< 100 MiB",
            dump["peak_mib"] < 100,
        )
    )
    peak = max(
        measure({"g": (gap, big)}, 1)["g"]["peak_mib"],
        measure({"j": ([CLI, "jobs", "--search", "spark"], store)}, 1)["j"]["peak_mib"],
        rss / 1024,
    )
    rows.append(
        (
            "peak memory at 2,000 roles / 100,000 listings",
            f"{peak:.0f} MiB",
            "<= 200 MiB",
            peak <= 200,
        )
    )
    return rows


# --------------------------------------------------------------------------- documents (issue 14)

AD_SENTENCES = [
    "You will build and run the batch and streaming data pipelines behind our reporting.",
    "Model source data in dbt on Snowflake and keep every model covered by data quality checks.",
    "Schedule workflows with Apache Airflow and consume events from Apache Kafka.",
    "Partner with analysts on dashboards in Tableau and Power BI for regional leaders.",
    "Our customers are independent shops, and we care about explaining numbers plainly.",
    "Write and tune SQL against the warehouse; review pull requests and write documentation.",
    "We meet on Tuesdays, write things down, and settle disagreements with evidence.",
]
AD_TAIL = (
    "\n## Requirements\n- 5+ years of experience in data engineering.\n"
    "- Strong Python and SQL; experience with Spark at scale.\n"
    "- Bachelor's degree in computer science or equivalent experience.\n"
    "\n## Nice to have\n- Terraform.\n- Experience with Apache Iceberg.\n\n"
    "Must be authorized to work in the United States. We are unable to sponsor visas.\n"
)


def build_ad(words: int = 1000) -> str:
    """A made-up job ad of about `words` words (example sentences, no real company)."""
    out = ["# Senior Data Engineer", "", "## What you will do"]
    n = 0
    k = 0
    while n < words - 60:
        sentence = AD_SENTENCES[k % len(AD_SENTENCES)]
        out.append(f"- {sentence}")
        n += len(sentence.split())
        k += 1
    return "\n".join(out) + AD_TAIL


def build_resume_pdf(path: Path) -> None:
    """A two-page résumé PDF with a text layer (written by hand, as tests/docmaker.py does)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from docmaker import make_pdf

    lines = [
        "Jordan Example - Senior Data Engineer",
        "Skills: Python (8 years), SQL, Apache Spark, Apache Kafka, Apache Airflow, dbt",
        "Cloud: AWS (S3, Glue, Lambda), Terraform, Docker, Kubernetes",
    ]
    bullets = [
        "- Built streaming pipelines with Kafka and Flink for fraud and marketing teams.",
        "- Moved 300 batch jobs from Hadoop to Spark on Kubernetes with Iceberg tables.",
        "- Introduced data contracts and data quality checks at ingestion.",
        "- Mentored four engineers and ran code review for the data platform.",
    ]
    page = lines + bullets * 12
    path.write_bytes(make_pdf([page, bullets * 14]))


def document_rows(tmp: Path, runs: int) -> tuple[list[tuple[str, str, str, bool]], float]:
    """fit on a 1,000-word ad and gap --resume on a two-page PDF, against gap --skills."""
    env = env_for(tmp, "documents")
    ad = tmp / "ad.md"
    ad.write_text(build_ad(), encoding="utf-8")
    pdf = tmp / "resume.pdf"
    build_resume_pdf(pdf)
    skills = [CLI, "gap", "--skills", "sql,python"]
    fit = [CLI, "fit", str(ad), "--skills", "sql,python"]
    resume = [CLI, "gap", "--resume", str(pdf)]
    for warm in (skills, fit, resume):
        run_once(warm, env)  # the catalog and the extractor's index cached once
    got = measure({"skills": (skills, env), "fit": (fit, env), "resume": (resume, env)}, runs)
    base = got["skills"]["median"]
    rows = []
    for key, label in (
        ("fit", "fit on a 1,000-word ad"),
        ("resume", "gap --resume on a two-page PDF"),
    ):
        ratio = got[key]["median"] / base
        rows.append(
            (
                label,
                f"{ratio:.2f}x gap --skills ({got[key]['median'] * 1000:.0f} ms)",
                "<= 1.5x gap --skills",
                ratio <= 1.5,
            )
        )
    return rows, got["python -c pass"]["median"]


# --------------------------------------------------------------------------- O*NET (issue 15)

# Run the installed command with the title mapper switched off (no role, no occupation for any
# title), to measure what mapping titles adds to an import.
NO_TITLES = (
    "import sys\n"
    "from careercli.jobs import tagger\n"
    "tagger.Tagger.role_for = lambda self, title: (None, None)\n"
    "tagger.Tagger.occupation_for = lambda self, title, role=None: (None, None)\n"
    "from careercli.cli import main\n"
    "sys.argv = ['careercli', *sys.argv[1:]]\n"
    "sys.exit(main())\n"
)
WITH_TITLES = (
    "import sys\n"
    "from careercli.cli import main\n"
    "sys.argv = ['careercli', *sys.argv[1:]]\n"
    "sys.exit(main())\n"
)
DECORATIONS = (
    "", "Senior ", "Junior ", "Lead ", "Sr. ", " - Remote", " (Contract)", " - London",
    " | Hybrid", " - $85k-$100k", " (m/w/d)", " (H/F)", " II", " - Night Shift",
)  # fmt: skip


def cpu_seconds(cmd: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one run: steadier than wall time on a busy machine."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{err}")
    return usage.ru_utime + usage.ru_stime


def labelled_titles() -> list[str]:
    with open(ROOT / "tests" / "data" / "title_eval.tsv", encoding="utf-8") as fh:
        return [line.split("\t", 1)[0] for line in fh.read().splitlines()[1:] if line]


def build_title_csv(path: Path, rows: int) -> int:
    """The JobSpy CSV with titles drawn from the labelled set, decorated (seniority, place,
    pay, gender markers): thousands of distinct titles, as real exports have. Returns how many
    distinct titles it holds."""
    build_jobspy_csv(path, rows)
    rng = random.Random(11)
    base = labelled_titles()
    with open(path, newline="", encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    titles = set()
    for row in table[1:]:
        title = rng.choice(base)
        pre, post = rng.choice(DECORATIONS), rng.choice(DECORATIONS)
        row[3] = (
            (pre if not pre.startswith((" ", "|")) else "")
            + title
            + (post if post.startswith((" ", "|")) else "")
        )
        titles.add(row[3])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(table)
    return len(titles)


def onet_rows(
    tmp: Path, runs: int, small: dict[str, str], import_rows: int = 100_000
) -> list[tuple[str, str, str, bool]]:
    """Issue 15's speed targets: show of an occupation against show of a role, gap --all
    against gap, and what mapping titles adds to an import."""
    rows: list[tuple[str, str, str, bool]] = []
    for warm in (["show", "registered nurse"], ["gap", "--skills", "sql", "--all"]):
        run_once([CLI, *warm], small)  # build the title index and catalog caches once
    cases = {
        "show data-analyst": [CLI, "show", "data-analyst"],
        "show 29-1141.00": [CLI, "show", "29-1141.00"],
        'show "registered nurse"': [CLI, "show", "registered nurse"],
        "show RN": [CLI, "show", "RN"],
        "gap": [CLI, "gap", "--skills", "sql,python,tableau"],
        "gap --all": [CLI, "gap", "--skills", "sql,python,tableau", "--all"],
        'title "Senior Data Engineer - London"': [CLI, "title", "Senior Data Engineer - London"],
        "occupations --family 15": [CLI, "occupations", "--family", "15"],
        "next data-analyst": [CLI, "next", "data-analyst"],
    }
    got = measure({k: (v, small) for k, v in cases.items()}, runs)
    role = got["show data-analyst"]["median"]
    for name in ("show 29-1141.00", 'show "registered nurse"', "show RN"):
        ratio = got[name]["median"] / role
        rows.append((f"{name} vs show of a role", f"{ratio:.2f}x", "<= 1.2x", ratio <= 1.2))
    ratio = got["gap --all"]["median"] / got["gap"]["median"]
    rows.append(("gap --all vs gap", f"{ratio:.2f}x", "<= 2x", ratio <= 2))
    for name in ('title "Senior Data Engineer - London"', "occupations --family 15",
                 "next data-analyst"):  # fmt: skip
        rows.append((name, f"{got[name]['ratio']:.2f}x python", "(reported)", True))
    for label, build in (
        ("12 titles", lambda p: (build_jobspy_csv(p, import_rows), 12)[1]),
        ("labelled titles, decorated", lambda p: build_title_csv(p, import_rows)),
    ):
        path = tmp / f"titles-{len(rows)}.csv"
        distinct = build(path)
        times: dict[str, list[float]] = {"with": [], "without": []}
        for n in range(max(2, runs // 5)):
            for variant, script in (("without", NO_TITLES), ("with", WITH_TITLES)):
                # the caches (catalog, title index) as a user has them; an empty store each time
                store = tmp / f"import-{variant}-{len(rows)}-{n}"
                env = {**small, "CAREERCLI_STORE_DIR": str(store)}
                cmd = [PY, "-c", script, "jobs", "import", str(path)]
                times[variant].append(cpu_seconds(cmd, env))
        w, wo = statistics.median(times["with"]), statistics.median(times["without"])
        added = w / wo - 1
        rows.append(
            (
                f"import {import_rows:,} rows ({label}, {distinct:,} distinct): title mapping adds",
                f"{added:+.1%} CPU ({w:.1f} s vs {wo:.1f} s)",
                "<= +20%",
                added <= 0.2,
            )
        )
    return rows


def print_table(rows: list[tuple[str, str, str, bool]], base: float) -> None:
    width = max(len(r[0]) for r in rows)
    mwidth = max(len(r[1]) for r in rows)
    print(
        f"careercli benchmark on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; python -c pass = {base * 1000:.1f} ms"
    )
    print(f"{'case':<{width}}  {'measured':<{mwidth}}  {'target':<22}  held")
    for name, measured, target, held in rows:
        print(f"{name:<{width}}  {measured:<{mwidth}}  {target:<22}  {'yes' if held else 'NO'}")


if __name__ == "__main__":
    sys.exit(main())
