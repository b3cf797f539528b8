"""Every fault scenario of issue 7 as one table, from the fault suite itself.

    python scripts/fault_table.py                 # every scenario
    python scripts/fault_table.py -k sync         # extra arguments go to pytest

Runs tests/test_faults.py and tests/test_faults_jobs.py (the job store's own faults), and the
tests in other files that its ELSEWHERE names for the
scenarios they cover, through pytest (the same tests, the same limits: nothing is copied
here), on this checkout's src/. Prints one row per test: the scenario (its test id), what it
checks (the first line of its docstring, or ELSEWHERE's description) and whether it held, then
a total. Exit status 0 only if every row held.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SUITE = TESTS / "test_faults.py"
JOBS_SUITE = TESTS / "test_faults_jobs.py"


def elsewhere() -> dict[str, str]:
    """test_faults.ELSEWHERE, read from the file (not imported): test id -> what it checks."""
    tree = ast.parse(SUITE.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "ELSEWHERE":
            found = ast.literal_eval(node.value)
            return {test: what for what, tests in found.items() for test in tests}
    raise SystemExit(f"no ELSEWHERE in {SUITE}")


class Table:
    """A pytest plugin that keeps each test's docstring line and outcome."""

    def __init__(self, described: dict[str, str]) -> None:
        self.described = described
        self.checks: dict[str, str] = {}
        self.outcome: dict[str, str] = {}

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:  # as selected (-k, -m)
            doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
            first = " ".join(doc.strip().split("\n\n")[0].split())
            listed = self.described.get(item.nodeid.split("[")[0].removeprefix("tests/"), "")
            self.checks[item.nodeid] = listed or first or item.name.replace("_", " ")
            self.outcome[item.nodeid] = "not run"

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.outcome[report.nodeid] = "FAILED"
        elif report.skipped and self.outcome.get(report.nodeid) != "FAILED":
            self.outcome[report.nodeid] = "skipped"
        elif report.when == "call" and report.passed:
            self.outcome[report.nodeid] = "held"


def main(argv: list[str]) -> int:
    described = elsewhere()
    # The tests' children run `python -m careercli`: make it this checkout's.
    src = str(ROOT / "src")
    sys.path.insert(0, src)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))
    table = Table(described)
    targets = [str(SUITE), str(JOBS_SUITE), *(str(TESTS / test) for test in described)]
    options = ["-q", "--no-header", "--tb=line", "-p", "no:cacheprovider", f"--rootdir={ROOT}"]
    options += ["-n", "0"]  # one process: the table is kept by a plugin in this one
    code = pytest.main([*options, *targets, *argv], plugins=[table])
    rows = [
        (nodeid.removeprefix("tests/test_faults.py::").removeprefix("tests/"), checks, outcome)
        for nodeid, checks in table.checks.items()
        for outcome in [table.outcome[nodeid]]
    ]
    if not rows:
        print(f"\nno tests ran (pytest exit status {code})", file=sys.stderr)
        return 1
    heads = ("scenario", "checks", "result")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    held = sum(1 for r in rows if r[2] == "held")
    others = len(rows) - held
    print(f"\n{held} of {len(rows)} held" + (f"; {others} did not." if others else "."))
    return 0 if held == len(rows) and code == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
