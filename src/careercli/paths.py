"""Where bundled data and user state live. Each user directory can be overridden by an
environment variable, so tests and sandboxes never touch a real home directory."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from careercli.errors import CareerError

APP_NAME = "careercli"
ENV_CONFIG = "CAREERCLI_CONFIG_DIR"
ENV_CACHE = "CAREERCLI_CACHE_DIR"
ENV_STORE = "CAREERCLI_STORE_DIR"
ENV_DATA = "CAREERCLI_DATA_DIR"


def bundled_data_dir() -> Path:
    """The catalog shipped with careercli: inside the wheel, or the checkout's top-level data/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent.parent / "data"):
        if (candidate / "skills.yaml").is_file():
            return candidate
    raise CareerError(
        "careercli's bundled data folder is missing.",
        hint="Reinstall careercli (pip install --force-reinstall careercli).",
    )


def shown(path: Path) -> str:
    """A path as a person reads it: under the home folder, as ~/..."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(path)


def _user_dir(env: str, kind: str) -> Path:
    value = os.environ.get(env)
    if value:
        return Path(value).expanduser()
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return _user_dir(ENV_CONFIG, "config")


def cache_dir() -> Path:
    return _user_dir(ENV_CACHE, "cache")


def store_dir() -> Path:
    return _user_dir(ENV_STORE, "data")


def store_file() -> Path:
    """The job store's database file (it may not exist yet)."""
    return store_dir() / "jobs.db"


def overlay_dir(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The user's own data folder (--data-dir, else CAREERCLI_DATA_DIR), if any."""
    value = explicit if explicit is not None else os.environ.get(ENV_DATA)
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise CareerError(
            f"Data folder not found: {path}",
            hint="--data-dir and CAREERCLI_DATA_DIR take a folder laid out like careercli's "
            "data/ (roles/*.yaml, skills.yaml, certifications.yaml, jobs.yaml).",
        )
    return path


def move_aside(path: Path, companions: tuple[str, ...] = ()) -> Path | None:
    """Rename a file to <name>.<timestamp>.bak, never deleting it; None if it does not exist.
    `companions` are suffixes of side files that move with it (SQLite's -wal and -shm)."""
    import datetime as dt

    if not path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while target.exists():  # two in the same second: never overwrite an earlier backup
        n += 1
        target = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    try:
        os.replace(path, target)
        for suffix in companions:
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
    except OSError as exc:
        raise CareerError(f"Cannot move {path} aside: {exc.strerror or exc}") from None
    return target


def write_atomic(path: Path, data: bytes, durable: bool = True, make_folder: bool = True) -> None:
    """Write a whole file or nothing: a temporary file with an unpredictable name created
    exclusively in the same folder, then a rename. A path that is a symlink (a dotfiles setup)
    is followed: its target is replaced and the link stays. `durable` also waits for the disk
    (not needed for a cache that can be rebuilt). Raises OSError; no temporary file stays."""
    import tempfile

    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if make_folder:
        target.parent.mkdir(parents=True, exist_ok=True)
    mode = None
    with contextlib.suppress(OSError):
        mode = os.stat(target).st_mode & 0o777
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def locked(path: Path, *, wait: float = 10.0, hint: str | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the folder of `path` so that reading, changing and writing
    the file is one step across processes (no lock file is left beside it). Waits up to `wait`
    seconds for another careercli process, then says it is busy."""
    import time

    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise CareerError(f"Cannot save {path}: {exc.strerror or exc}", hint=hint) from None
    try:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; one process at a time is assumed
            yield
            return
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise CareerError(
                        f"{path} is busy: another careercli command is changing it.",
                        hint="Try again in a moment.",
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
