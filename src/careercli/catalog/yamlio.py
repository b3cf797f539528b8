"""Safe YAML reading that reports problems as file, field and line.

Only the safe loader is ever used (libyaml's when present). Duplicate keys and anchors/aliases
are rejected: the catalog needs neither, and aliases are how "billion laughs" bombs work.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A data file is small (the largest bundled one is 35 KB). Half a megabyte of YAML already
# takes about a second and tens of MB to parse, so larger files are refused before parsing.
MAX_FILE_BYTES = 512 * 1024


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file."""

    file: str
    message: str
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class YamlFileError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class _Reject(Exception):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


_LOADER: Any = None
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


def _loader_class() -> Any:
    """libyaml's safe loader with a quicker resolver: a plain scalar whose first character
    cannot start an int, float, bool, null or date is a string without trying every regex."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    special = frozenset(k for k in base.yaml_implicit_resolvers if k)
    scalar, mapping, sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    defaults = {
        mapping: base.DEFAULT_MAPPING_TAG,
        sequence: base.DEFAULT_SEQUENCE_TAG,
    }

    class StrictLoader(base):  # type: ignore[misc,valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is scalar:
                if not implicit[0] or (value and value[0] not in special):
                    return base.DEFAULT_SCALAR_TAG if implicit[0] or implicit[1] else _STR
                return super().resolve(kind, value, implicit)
            return defaults[kind]

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    _LOADER = StrictLoader
    return StrictLoader


def _build(root: Any, loader: Any) -> Any:
    """Python values from a composed node tree; anchors, aliases, merge keys and duplicate
    keys are refused with the line they are on."""
    import yaml

    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    plain_tags = {loader.DEFAULT_MAPPING_TAG, loader.DEFAULT_SEQUENCE_TAG}
    seen: set[int] = set()  # an alias is a node met twice

    def alias(node: Any) -> _Reject:
        return _Reject(
            "YAML anchors and aliases (&name / *name) are not supported",
            node.start_mark.line + 1,
        )

    def _scalar(node: Any) -> Any:
        # An impossible date (2024-02-30) or a 5,000-digit number is the file's problem, said
        # with its line, never a crash.
        try:
            return loader.construct_object(node)
        except (ValueError, OverflowError):
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            kind = "date" if node.tag.endswith(("timestamp", "date")) else "value"
            raise _Reject(f"not a valid {kind}: {shown!r}", node.start_mark.line + 1) from None

    def text(node: Any) -> Any:
        # Plain strings, by far the most common node, are handled without a call to build().
        if node.__class__ is scalar and node.tag == _STR:
            key = id(node)
            if key in seen:
                raise alias(node)
            seen.add(key)
            return node.value
        return build(node)

    def build(node: Any) -> Any:
        key = id(node)
        if key in seen:
            raise alias(node)
        seen.add(key)
        cls = node.__class__
        if cls is scalar:
            if node.tag == _STR:
                return node.value
            return _scalar(node)
        if node.tag not in plain_tags:
            raise _Reject(f"YAML tag {node.tag!r} is not supported", node.start_mark.line + 1)
        if cls is mapping:
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:
                    raise _Reject(
                        "YAML merge keys (<<) and aliases are not supported",
                        key_node.start_mark.line + 1,
                    )
                name = text(key_node)
                try:
                    if name in out:
                        raise _Reject(f"duplicate key {name!r}", key_node.start_mark.line + 1)
                except TypeError:
                    raise _Reject(
                        "a mapping key must be text", key_node.start_mark.line + 1
                    ) from None
                out[name] = text(value_node)
            return out
        return [text(item) for item in node.value]

    return build(root)


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def read_text(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> str:
    """Read a data file as UTF-8, refusing oversized or non-text files with a clear problem."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            # A FIFO would block every command forever; a device could be read without end.
            raise YamlFileError(Problem(shown, f"is not a regular file ({_file_kind(st.st_mode)})"))
        size = st.st_size
        if size > limit:
            raise YamlFileError(
                Problem(shown, f"file is {size:,} bytes; the limit is {limit:,} bytes")
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(Problem(shown, f"cannot read: {exc.strerror or exc}")) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError(
            Problem(shown, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line)
        ) from None


def parse(text: str, shown: str) -> Any:
    """Parse YAML text with the strict safe loader; errors carry the file and line."""
    import yaml

    try:
        loader = _loader_class()(text)
        try:
            root = loader.get_single_node()
            return None if root is None else _build(root, loader)
        finally:
            loader.dispose()
    except _Reject as exc:
        field = field_at_line(text, exc.line) if exc.line else ""
        raise YamlFileError(Problem(shown, exc.message, field=field, line=exc.line)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise YamlFileError(Problem(shown, f"invalid YAML: {what}", line=line)) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(Problem(shown, f"invalid YAML: {exc}")) from None
    except RecursionError:
        raise YamlFileError(Problem(shown, "YAML nesting is too deep")) from None


def load(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> Any:
    return parse(read_text(path, shown, limit), shown)


def locate(text: str, field: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the deepest node along `field` in the YAML text, if it can be found."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return None
    line = None if node is None else node.start_mark.line + 1
    for step in field:
        if node is None:
            break
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if getattr(key_node, "value", None) == step:
                    line = key_node.start_mark.line + 1
                    node = value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                break
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def field_at_line(text: str, line: int) -> str:
    """The dotted path of the mapping key on a 1-based line (for problems found while parsing)."""
    import yaml

    from careercli.catalog.schema import fmt_path

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return ""
    path: list[str | int] = []
    node = root
    while node is not None:
        step = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.start_mark.line + 1 == line:
                    path.append(getattr(key_node, "value", "?"))
                    return fmt_path(tuple(path))
                if key_node.start_mark.line + 1 < line <= value_node.end_mark.line + 1:
                    step = (getattr(key_node, "value", "?"), value_node)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                if item.start_mark.line + 1 <= line <= item.end_mark.line + 1:
                    step = (i, item)
        if step is None:
            break
        path.append(step[0])
        node = step[1]
    return ""
