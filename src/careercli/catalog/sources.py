"""Which files make up a catalog: the bundled data folder, then the user's overlay, and the
identity (paths, sizes, times) that keys the compiled cache."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli import __version__
from careercli.paths import bundled_data_dir

if TYPE_CHECKING:
    from careercli.catalog.yamlio import Problem

CACHE_FORMAT = 7


class Source(NamedTuple):
    layer: Path
    kind: str  # skills | certifications | jobs | role
    path: Path
    shown: str


def _problem(file: str, message: str) -> Problem:
    from careercli.catalog.yamlio import Problem

    return Problem(file, message)


def _layer_sources(layer: Path, required: bool, problems: list[Problem]) -> list[Source]:
    out: list[Source] = []
    root: list[str] = []  # the layer's real path, computed only if a symlink shows up

    def outside(path: Path) -> bool:
        """A symlink (the file or the roles/ folder) leading out of the data folder."""
        if not path.is_symlink():
            return False
        if not root:
            root.append(os.path.realpath(layer))
        target = os.path.realpath(path)
        if os.path.commonpath([root[0], target]) == root[0]:
            return False
        problems.append(_problem(str(path), "is a symlink pointing outside the data folder"))
        return True

    for kind, name in (
        ("skills", "skills.yaml"),
        ("certifications", "certifications.yaml"),
        ("jobs", "jobs.yaml"),
    ):
        path = layer / name
        if outside(path):
            continue
        if path.is_file() or os.path.lexists(path):
            # Something that is not a regular file (a FIFO, a folder) is read, and reported.
            out.append(Source(layer, kind, path, str(path)))
        elif required:
            problems.append(_problem(str(path), "is missing"))
    roles_dir = layer / "roles"
    if outside(roles_dir):
        return out
    try:
        entries = sorted(os.scandir(roles_dir), key=lambda e: e.name)
    except FileNotFoundError:
        entries = []
        if required:
            problems.append(_problem(str(roles_dir), "is missing"))
    except OSError as exc:
        entries = []
        problems.append(_problem(str(roles_dir), f"cannot read: {exc.strerror or exc}"))
    for entry in entries:
        if not entry.name.endswith((".yaml", ".yml")) or entry.name.startswith("."):
            continue
        path = roles_dir / entry.name
        if entry.is_symlink() and outside(path):
            continue
        out.append(Source(layer, "role", path, str(path)))
    return out


def find_sources(overlay: Path | None) -> tuple[list[Source], list[Problem]]:
    problems: list[Problem] = []
    sources = _layer_sources(bundled_data_dir(), True, problems)
    if overlay is not None:
        sources += _layer_sources(overlay, False, problems)
    return sources, problems


def identity(sources: list[Source], overlay: Path | None) -> list[Any]:
    key: list[Any] = [CACHE_FORMAT, __version__, str(overlay)]
    # The compiled form depends on this code too (normalisation builds the lookup tables).
    here = Path(__file__).parent
    for module in (*here.glob("*.py"), here.parent / "text.py"):
        with contextlib.suppress(OSError):
            key.append(os.stat(module).st_mtime_ns)
    for s in sources:
        try:
            st = os.stat(s.path)
            key.append((str(s.path), st.st_size, st.st_mtime_ns))
        except OSError:
            key.append((str(s.path), -1, -1))
    return key
