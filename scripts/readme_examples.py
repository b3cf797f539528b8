"""Keep the README's terminal examples true: run every `console` block and compare.

    python scripts/readme_examples.py            # check: exit 1 and a diff when one differs
    python scripts/readme_examples.py --write    # rewrite the blocks from real runs

In a ```console block, lines starting with `$ careercli` are commands and the lines after one
are its output (stdout and then stderr, as a terminal of 80 columns with no colour shows
them). A command shown with no output only has to succeed. A line `...` stands for lines left
out: the pieces between them must appear in the real output, in order. Other `$ ` lines (a
shell command such as `pbpaste | ...`) are illustrations and are not run. The commands of one
block run in one fresh configuration, job store and working folder, in order (so `profile set`
then `gap` works as it would for a user); a file the example names (cv.md, job-ad.md,
jobs.csv, my-data) is a copy of the fixture below. A `# comment` after a command is ignored.
Ages of dated facts ("(2 years old)") and times of a sync or import are compared without their
numbers.

With --write, each block's output is replaced by the real one, keeping at most the number of
lines the block showed (then `...`), so an example stays the length its author chose.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FILES = {
    "cv.md": ROOT / "tests/data/extraction/resumes/02-marketing-analyst-to-data.md",
    "job-ad.md": ROOT / "tests/data/extraction/ads/01-senior-data-analyst-retail.md",
    "jobs.csv": ROOT / "tests/data/readme/jobs.csv",
    "posting.html": ROOT / "tests/data/extraction/ads/06-mlops-engineer-insurance.html",
    "my-data": ROOT / "tests/data/readme/my-data",
}
AGE = re.compile(r"\b\d+ (year|month|day)s? old\b")
STAMP = re.compile(r"\b\d{4}-\d\d-\d\d \d\d:\d\d\b")
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
ELIDED = "..."


def blocks(text: str) -> list[tuple[int, int, list[tuple[str, list[str]]]]]:
    """(start, end, [(command, shown output lines)]) of each console block; a command that
    is not careercli's is kept (so a rewrite keeps it) and never run."""
    out = []
    for m in BLOCK.finditer(text):
        steps: list[tuple[str, list[str]]] = []
        for line in m.group(1).splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        if any(command.startswith("careercli") for command, _ in steps):
            out.append((m.start(1), m.end(1), steps))
    return out


Run = tuple[int, list[str]] | None


def run_block(steps: list[tuple[str, list[str]]]) -> list[Run]:
    """The exit code and real output lines of each command, run in order in one fresh
    environment (None for a command that is not run)."""
    home = Path(tempfile.mkdtemp(prefix="careercli-readme-"))
    try:
        for name, source in FILES.items():
            if source.is_dir():
                shutil.copytree(source, home / name)
            else:
                shutil.copyfile(source, home / name)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("CAREERCLI_", "XDG_")) and k not in ("NO_COLOR", "FORCE_COLOR")
        }
        env.update(
            COLUMNS="80",
            TERM="dumb",
            HOME=str(home),
            PYTHONPATH=str(ROOT / "src"),
            CAREERCLI_CONFIG_DIR=str(home / ".config" / "careercli"),
            CAREERCLI_STORE_DIR=str(home / "store"),
            CAREERCLI_CACHE_DIR=str(home / "cache"),
        )
        outputs: list[Run] = []
        for command, _ in steps:
            if not command.startswith("careercli"):
                outputs.append(None)
                continue
            args = shlex.split(command, comments=True)[1:]
            result = subprocess.run(
                [sys.executable, "-m", "careercli", *args],
                cwd=home,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            text = result.stdout + result.stderr
            outputs.append((result.returncode, [line.rstrip() for line in text.splitlines()]))
        return outputs
    finally:
        shutil.rmtree(home, ignore_errors=True)


def pieces(shown: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == ELIDED:
            out.append([])
        else:
            out[-1].append(line.rstrip())
    return [p for p in out if p]


def _steady(lines: list[str]) -> list[str]:
    """Lines with what changes from run to run (ages, times of a sync) made the same."""
    return [STAMP.sub("YYYY-MM-DD HH:MM", AGE.sub(r"N \1s old", line)) for line in lines]


def holds(shown: list[str], real: list[str]) -> bool:
    """Each piece of the shown output appears in the real output, in order; without an
    elision the two are equal."""
    shown, real = _steady(shown), _steady(real)
    if ELIDED not in (line.strip() for line in shown):
        return [line.rstrip() for line in shown] == real
    pos = 0
    for piece in pieces(shown):
        for start in range(pos, len(real) - len(piece) + 1):
            if real[start : start + len(piece)] == piece:
                pos = start + len(piece)
                break
        else:
            return False
    return True


def rewritten(steps: list[tuple[str, list[str]]], outputs: list[Run]) -> str:
    lines = []
    for (command, shown), run in zip(steps, outputs, strict=True):
        lines.append("$ " + command)
        if run is None or not shown:
            lines += shown
            continue
        real = run[1]
        if holds(shown, real):
            lines += shown
            continue
        keep = len(shown)
        lines += real if len(real) <= keep or not shown else [*real[: keep - 1], ELIDED]
    return "\n".join(lines) + "\n"


def check(write: bool = False) -> list[str]:
    text = README.read_text(encoding="utf-8")
    problems = []
    edits = []
    for start, end, steps in blocks(text):
        outputs = run_block(steps)
        for (command, shown), run in zip(steps, outputs, strict=True):
            if run is None:
                continue
            code, real = run
            if not shown and code:
                problems.append(f"$ {command}\nexited {code}:\n" + "\n".join(real))
                continue
            if shown and not holds(shown, real):
                diff = "\n".join(
                    difflib.unified_diff(shown, real, "README", "real", lineterm="", n=1)
                )
                problems.append(f"$ {command}\n{diff}")
        if write:
            edits.append((start, end, rewritten(steps, outputs)))
    if write:
        for start, end, new in reversed(edits):
            text = text[:start] + new + text[end:]
        README.write_text(text, encoding="utf-8")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the blocks from real runs")
    args = parser.parse_args(argv)
    problems = check(args.write)
    if args.write:
        print(f"Rewrote the README's console blocks ({len(problems)} differed).")
        return 0
    for problem in problems:
        print(problem, end="\n\n")
    print(f"{len(problems)} README example(s) differ from a real run.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
