"""The real entry points: `python -m careercli`, lazy imports, and the built wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("yaml", "rapidfuzz", "rich.table", "numpy", "sqlite3")

LIST_MODULES = """
import json, sys
sys.argv = ["careercli", *json.loads(sys.argv[1])]
import careercli.cli
try:
    careercli.cli.main()
except SystemExit:
    pass
print("MODULES=" + json.dumps(sorted(sys.modules)))
"""


def _run(args: list[str], timeout: float = 120, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)


def test_python_m_careercli_version():
    result = _run([sys.executable, "-m", "careercli", "--version"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"careercli {metadata.version('careercli')}"


def test_python_m_careercli_unknown_role_exits_1_without_traceback():
    result = _run([sys.executable, "-m", "careercli", "show", "xyzzy"])
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--version"], ["--help"]], ids=lambda a: a[0])
def test_fast_paths_import_no_heavy_modules(args):
    result = _run([sys.executable, "-c", LIST_MODULES, json.dumps(args)])
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES="))
    modules = set(json.loads(line.removeprefix("MODULES=")))
    assert "careercli.cli" in modules
    # the command really ran: its output is on stdout before the module list
    assert ("careercli " if args == ["--version"] else "Usage") in result.stdout
    loaded = sorted(m for m in HEAVY if m in modules)
    assert loaded == [], f"careercli {args[0]} imported {loaded}"


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_repo(tmp_path):
    dist = tmp_path / "dist"
    built = _run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        cwd=ROOT,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheels = list(dist.glob("careercli-*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as zf:
        names = set(zf.namelist())
    assert "careercli/data/roles/data-analyst.yaml" in names
    assert "careercli/data/skills.yaml" in names
    assert "careercli/data/certifications.yaml" in names
    bundled_roles = {p.name for p in (ROOT / "data" / "roles").glob("*.yaml")}
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("careercli/data/roles/")} == (
        bundled_roles
    )
    assert "careercli/cli.py" in names

    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)])
    assert made.returncode == 0, made.stderr
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    installed = _run([str(python), "-m", "pip", "install", "--quiet", str(wheels[0])], timeout=900)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    home = tmp_path / "home"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CAREERCLI_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        CAREERCLI_CONFIG_DIR=str(tmp_path / "u-config"),
        CAREERCLI_CACHE_DIR=str(tmp_path / "u-cache"),
        CAREERCLI_STORE_DIR=str(tmp_path / "u-store"),
        PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    result = _run([str(bindir / "careercli"), "compare", "--format", "json"], cwd=outside, env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["roles"]] == ["data-analyst", "lead-machine-learning-engineer"]
    assert [r["name"] for r in data["roles"]] == ["Data Analyst", "Lead Machine Learning Engineer"]
    assert "comparison" in data

    # the installed copy reads the data inside the wheel, not this checkout's data/
    where = _run(
        [str(python), "-c", "import careercli.paths as p; print(p.bundled_data_dir())"],
        cwd=outside,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    data_dir = Path(where.stdout.strip()).resolve()
    assert data_dir.is_relative_to(venv.resolve())
    assert not data_dir.is_relative_to(ROOT)
    assert any((tmp_path / "u-cache").iterdir()), "the cache did not go to CAREERCLI_CACHE_DIR"
    assert not (home / "cache").exists() or not any((home / "cache").rglob("*careercli*"))


def _help(one_app, args):
    from typer.testing import CliRunner

    result = CliRunner().invoke(one_app, args, prog_name="careercli", env={"COLUMNS": "100"})
    return result.exit_code, result.output


def test_each_command_line_gets_an_app_with_its_own_group_and_the_same_help():
    from careercli import cli

    owners = cli.owners()
    assert set(owners) == cli._names(cli.app)  # every command has one owner
    for name in sorted(owners):
        for args in ([name, "--help"], ["--no-pager", name, "-h"], ["--data-dir=x", name, "-h"]):
            narrow = cli._app_for(args)
            assert narrow is not cli.app and name in cli._names(narrow)
            assert len(cli._names(narrow)) < len(owners)
            assert _help(narrow, args) == _help(cli.app, args), args
    for sub in (["jobs", "sync", "--help"], ["profile", "set", "--help"], ["progress", "-h"]):
        assert _help(cli._app_for(sub), sub) == _help(cli.app, sub)


@pytest.mark.parametrize("args", [[], ["--help"], ["comapre"], ["--bogus", "gap"], ["-x"]])
def test_anything_else_gets_the_full_app(args):
    from careercli import cli

    assert cli._app_for(args) is cli.app


def test_version_alone_builds_no_command():
    from careercli import cli

    for args in (["--version"], ["-V"], ["--no-pager", "-V"]):
        narrow = cli._app_for(args)
        assert cli._names(narrow) == set()
        code, out = _help(narrow, args)
        assert code == 0 and out.strip() == f"careercli {cli.__version__}"


def test_command_modules_keep_their_annotations_evaluated_once():
    from careercli import cli

    for module in (cli, *cli.MODULES):
        text = Path(module.__file__).read_text(encoding="utf-8")
        assert "\nfrom __future__ import annotations\n" not in text, module.__name__
