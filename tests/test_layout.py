"""Terminal layouts (issue 17): at 60, 80 and 120 columns no table breaks an id, a code, a web
address, an amount of money or a file:line location across lines, and the main commands stay as
short as the README says.

The check is relative, so it needs no list of what each command prints: the same command run
400 columns wide (where nothing wraps) gives every token whole; at a narrower width, every token
that looks like an id, a code, an address or an amount must be one of those whole tokens, or a
web address shortened with an ellipsis. A broken id ("professor-applied-mathematic" then
"s-ai") or amount ("$100K–$130K/y" then "r") is a token the wide run never printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobdata import CSV_FILE, JSON_FILE

# A whole matrix: in the full run, not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# Ids and codes (data-analyst, data-analyst:2, 15-2051, 2024-2034, PL-300), web addresses,
# amounts with their unit ($100K–$130K/yr, £45K, CA$1.8K/wk, 21%), file:line locations.
PROTECTED = [
    re.compile(r"^[\w.]+(?:-[\w.]+)+(?::\d+)?$"),
    re.compile(r"^(?:https?://|www\.)\S+$"),
    re.compile(r"^(?:[A-Z]{1,3})?[$£€₹¥]\S*\d\S*$"),
    re.compile(r"^\S+\.(?:ya?ml|csv|json):\d+:?$"),
]
FRAME = re.compile(r"[│┃|╭╮╰╯├┤┬┴┼─━]+")
WIDTHS = (60, 80, 120)


def tokens(text: str) -> list[str]:
    """Whitespace-separated tokens of a terminal output, table frames removed and the
    brackets and punctuation around a token stripped."""
    out = []
    for line in text.splitlines():
        for tok in FRAME.sub(" ", line).split():
            tok = tok.strip("()[],;\"'")
            if tok.endswith(".") and not tok.endswith(".."):
                tok = tok[:-1]
            if tok:
                out.append(tok)
    return out


def protected(toks: list[str]) -> set[str]:
    return {t for t in toks if any(p.match(t) for p in PROTECTED)}


@pytest.fixture
def stocked(run, tmp_path):
    """A job store with listings in several currencies and intervals, a saved profile and
    progress, and a data folder with a broken role (for validate)."""
    for path in (CSV_FILE, JSON_FILE):
        assert run("jobs", "import", str(path)).exit_code == 0
    assert run("profile", "set", "--skills", "sql, python, excel", "--target", "da").exit_code == 0
    assert run("progress", "done", "data-analyst:1", "statistics").exit_code == 0
    broken = tmp_path / "mine" / "roles"
    broken.mkdir(parents=True)
    (broken / "broken-role-with-a-long-id.yaml").write_text(
        "id: broken-role-with-a-long-id\nname: Broken\nsumary: misspelled key\n", encoding="utf-8"
    )
    return tmp_path / "mine"


def commands(mine: Path) -> list[list[str]]:
    return [
        ["roles"],
        ["show", "professor-applied-mathematics-ai"],
        ["show", "data-analyst", "--section", "certifications"],
        ["compare"],
        ["compare", "--full"],
        ["compare", "da", "ds", "mle", "lead mle"],
        ["gap", "--skills", "sql, python, tableau"],
        ["gap", "--skills", "python, pytorch", "--role", "lead ml engineer", "--explain"],
        ["salary"],
        ["salary", "data analyst", "lead mle", "--state", "CA"],
        ["plan", "data-analyst", "--hours-per-week", "8"],
        ["jobs", "--limit", "0"],
        ["jobs", "--skills", "python, sql", "--limit", "0"],
        ["jobs", "sources"],
        ["skills", "pyhton, k8s, ml, java, javascript"],
        ["profile", "show"],
        ["progress", "show"],
        ["validate", str(mine)],
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_breaks_an_id_code_address_or_amount(run, stocked, width):
    broken: list[str] = []
    for args in commands(stocked):
        wide = run(*args, env={"COLUMNS": "400"})
        narrow = run(*args, env={"COLUMNS": str(width)})
        assert narrow.exit_code == wide.exit_code, (args, narrow.stderr)
        whole = protected(tokens(wide.stdout + wide.stderr))
        for tok in protected(tokens(narrow.stdout + narrow.stderr)):
            if tok not in whole and "…" not in tok:
                broken.append(f"{' '.join(args)} @ {width}: {tok!r}")
        if width >= 80:
            # Every id and amount the wide run shows is shown whole (addresses may be shortened).
            seen = set(tokens(narrow.stdout + narrow.stderr))
            missing = [t for t in whole if t not in seen and "://" not in t and "www." not in t]
            broken += [f"{' '.join(args)} @ {width}: {t!r} is not whole" for t in missing]
    assert not broken, "\n".join(broken)


def test_the_check_catches_a_broken_id_and_amount():
    """The control: the check above flags what Rich's own folding used to print."""
    wide = protected(tokens("professor-applied-mathematics-ai  $100K–$130K/yr"))
    narrow = protected(tokens("professor-applied-mathematic\ns-ai  $100K–$130K/y\nr"))
    assert narrow - wide == {"professor-applied-mathematic", "s-ai", "$100K–$130K/y"}


# --------------------------------------------------------------------------- line counts


def readme_line_counts() -> dict[str, dict[int, int]]:
    """The README's table of line counts after the change: command -> {width: lines}."""
    section = README.split("### Line counts", 1)[1].split("\n#", 1)[0]
    counts: dict[str, dict[int, int]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith("`careercli"):
            command = cells[0].strip("`").removeprefix("careercli ")
            counts[command] = {80: int(cells[3]), 120: int(cells[4])}
    return counts


def test_the_readme_gives_line_counts_for_the_main_commands():
    counts = readme_line_counts()
    assert {c.split()[0] for c in counts} >= {"compare", "gap", "roles", "salary", "plan"}


@pytest.mark.parametrize("command", sorted(readme_line_counts()))
@pytest.mark.parametrize("width", (80, 120))
def test_line_counts_stay_within_the_readme(run, command, width):
    import shlex

    args = shlex.split(command)
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    lines = len(result.stdout.splitlines())
    assert lines <= readme_line_counts()[command][width], (command, width, lines)


@pytest.mark.parametrize("width", [40, 60, 80])
def test_numbered_steps_wrap_under_their_text(width):
    import io

    from rich.console import Console

    from careercli.render import Doc, Text, print_doc

    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    step = "Practise presenting to executives - one recommendation, the evidence behind it"
    print_doc(Doc([Text(f"How to start:\n  1. {step}\n  12. {step}\n- {step}")]), console)
    lines = console.export_text().splitlines()
    assert lines[0] == "How to start:"
    assert max(len(line) for line in lines) <= width
    items = {"  1. ": "     ", "  12. ": "      ", "- ": "  "}
    current = None
    for line in lines[1:]:
        starts = [m for m in items if line.startswith(m)]
        if starts:
            current = starts[0]
        else:
            assert current and line.startswith(items[current]) and line[len(current)] != " "
    words = " ".join(" ".join(lines[1:]).split())
    assert words.count("evidence behind it") == 3  # nothing lost or cut mid-word
