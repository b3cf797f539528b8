"""The documentation (issue 5): every command's help has a summary line and an example, every
command appears in the README, the README's Quickstart is the two lines CI runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import typer

from careercli.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_SCRIPT = ROOT / ".ci" / "run"


def _walk(cmd, path: tuple[str, ...]):
    yield path, cmd
    for name, sub in sorted((getattr(cmd, "commands", None) or {}).items()):
        if not sub.hidden:
            yield from _walk(sub, (*path, name))


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = dict(_walk(ROOT_COMMAND, ()))
SUBCOMMANDS = [p for p in COMMANDS if p]


def test_the_tree_has_the_issue_commands():
    expected = {
        ("roles",),
        ("show",),
        ("compare",),
        ("gap",),
        ("skills",),
        ("jobs",),
        ("salary",),
        ("validate",),
        ("plan",),
        ("profile",),
        ("progress",),
        *[("profile", n) for n in ("set", "add", "remove", "show", "clear")],
        *[("progress", n) for n in ("done", "learning", "skip", "reset")],
    }
    assert expected <= set(COMMANDS), expected - set(COMMANDS)


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda p: " ".join(p) or "careercli")
def test_help_has_a_summary_line_and_an_example(run, path):
    text = COMMANDS[path].help or ""
    lines = [ln.strip() for ln in text.strip().splitlines()]
    assert lines, "no help text"
    summary = lines[0]
    assert summary and summary[0].isupper(), summary
    assert summary.endswith("."), f"first line is not a complete summary: {summary!r}"
    assert len(lines) == 1 or lines[1] == "", f"the summary runs on: {lines[:2]}"
    assert len(summary) <= 100
    assert "Example" in text

    result = run(*path, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage")
    assert summary in " ".join(result.stdout.split())
    example = result.stdout.split("Example", 1)[1]
    assert f"careercli {' '.join(path)}".strip() in example


@pytest.mark.parametrize("path", SUBCOMMANDS, ids=" ".join)
def test_every_command_appears_in_the_readme(path):
    pattern = r"careercli " + r" ".join(re.escape(p) for p in path) + r"(?![\w-])"
    assert re.search(pattern, README), f"`careercli {' '.join(path)}` is not in README.md"


def test_no_arguments_prints_help_and_exits_0(run):
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage")
    assert "Traceback" not in result.stderr
    listed = result.stdout.split("Options", 1)[-1]
    for (name,) in [p for p in SUBCOMMANDS if len(p) == 1]:
        assert re.search(rf"^\s+{re.escape(name)}\s", listed, re.M), name
    assert "Example" in result.stdout


def test_help_groups_commands_in_panels(run):
    out = run("--help").stdout
    headings = [ln[:-1] for ln in out.splitlines() if re.fullmatch(r"[A-Z][\w ]*:", ln)]
    panels = [h for h in headings if h not in ("Usage", "Options", "Example", "Examples")]
    assert len(panels) >= 3, headings


def test_group_alone_shows_what_is_saved_and_names_its_subcommands(run):
    for group in ("profile", "progress"):
        alone = run(group)
        assert alone.exit_code == 0, alone.stderr
        assert alone.stdout == run(group, "show").stdout
        sub = sorted(n for p in SUBCOMMANDS if len(p) == 2 and p[0] == group for n in p[1:])
        assert sub
        for name in sub:
            assert name in alone.stderr
            assert name in run(group, "--help").stdout


# --------------------------------------------------------------------------- Quickstart and CI


def quickstart_block(readme: str) -> list[str]:
    section = readme.split("## Quickstart", 1)[1]
    block = section.split("```", 2)[1]
    lines = block.splitlines()[1:]  # drop the fence's language tag
    return [ln for ln in lines if ln.strip()]


def test_quickstart_has_two_lines_install_and_compare_then_tests():
    lines = quickstart_block(README)
    assert len(lines) == 2, lines
    first, second = lines
    assert re.search(r"pip install \.(\s|$)", first), first
    assert first.rstrip().endswith("careercli compare"), first
    assert "[test]" in second and "pip install" in second, second
    assert re.search(r"pytest\s*$", second), second


def _test_line_command() -> str:
    script = CI_SCRIPT.read_text(encoding="utf-8")
    [line] = [ln for ln in script.splitlines() if ln.startswith("test_line=")]
    return line


def test_ci_script_extracts_the_readmes_second_line(tmp_path):
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    script = _test_line_command() + '\nprintf "%s" "$test_line"\n'
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == quickstart_block(README)[1]


def _fake_repo(tmp_path: Path, second_line: str | None) -> Path:
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(CI_SCRIPT, repo / ".ci" / "run")
    (repo / ".ci" / "run").chmod(0o755)
    body = ["python3 -m venv .venv && .venv/bin/careercli compare"]
    if second_line is not None:
        body.append(second_line)
    (repo / "README.md").write_text(
        "# x\n\n## Quickstart\n\n```sh\n" + "\n".join(body) + "\n```\n\nMore text.\n\n"
        "```sh\necho not-this-block > wrong.txt\n```\n",
        encoding="utf-8",
    )
    return repo


def _run_ci(repo: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERCLI_")} | extra
    return subprocess.run(
        ["bash", str(repo / ".ci" / "run")],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


FAKE_TOOLS = (
    "mkdir -p .venv/bin && printf '#!/bin/sh\\nexit 0\\n' > .venv/bin/ruff"
    " && cp .venv/bin/ruff .venv/bin/mypy && chmod +x .venv/bin/ruff .venv/bin/mypy"
)


def test_ci_script_runs_the_readmes_second_line(tmp_path):
    line = FAKE_TOOLS + ' && pwd > "$MARKER" && test -f README.md'
    repo = _fake_repo(tmp_path, line)
    marker = tmp_path / "marker.txt"
    result = _run_ci(repo, MARKER=str(marker))
    assert result.returncode == 0, result.stdout + result.stderr
    ran_in = Path(marker.read_text().strip())
    assert ran_in != repo  # a copy of the checkout, so the developer's .venv is never touched
    assert not (repo / "wrong.txt").exists() and not (ran_in / "wrong.txt").exists()
    assert f"CI: {line}" in result.stdout


def test_ci_script_leaves_the_developers_venv_alone(tmp_path):
    repo = _fake_repo(tmp_path, FAKE_TOOLS)
    (repo / ".venv" / "bin").mkdir(parents=True)
    keep = repo / ".venv" / "bin" / "my-tool"
    keep.write_text("mine\n")
    result = _run_ci(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert keep.read_text() == "mine\n"
    assert sorted(p.name for p in (repo / ".venv" / "bin").iterdir()) == ["my-tool"]


def test_ci_script_fails_when_the_test_line_fails(tmp_path):
    repo = _fake_repo(tmp_path, FAKE_TOOLS + " && false")
    result = _run_ci(repo)
    assert result.returncode != 0


def test_ci_script_fails_without_a_second_line(tmp_path):
    repo = _fake_repo(tmp_path, None)
    result = _run_ci(repo)
    assert result.returncode != 0
    assert "README" in result.stderr


@pytest.mark.parametrize("option", ["--export", "--data-dir", "CAREERCLI_DATA_DIR"])
def test_the_issues_options_are_documented(option):
    assert option in README


def _readme_examples():
    from scriptload import load

    return load("readme_examples")


README_BLOCKS = _readme_examples().blocks(README)


@pytest.mark.slow
@pytest.mark.parametrize("n", range(len(README_BLOCKS)))
def test_the_readmes_terminal_examples_are_real_output(n):
    examples = _readme_examples()
    _, _, steps = README_BLOCKS[n]
    for (command, shown), run in zip(steps, examples.run_block(steps), strict=True):
        if run is None:
            continue
        code, real = run
        assert code == 0 or shown, f"$ {command} exited {code}: {real}"
        assert not shown or examples.holds(shown, real), f"$ {command}\n" + "\n".join(real)


def test_the_example_check_catches_a_changed_output():
    examples = _readme_examples()
    real = ["Fit: 62% over the ad's 15 skills", "a", "b", "2024-10-30 (2 years old)"]
    assert examples.holds(real, real)
    assert examples.holds([real[0], "...", "2024-10-30 (7 years old)"], real)
    assert not examples.holds(["Fit: 63% over the ad's 15 skills", "...", "b"], real)
    assert not examples.holds(real[:2], real)  # without "...", every line must be there
    assert not examples.holds(["b", "...", "a"], real)  # in order
    assert len(README_BLOCKS) >= 12
