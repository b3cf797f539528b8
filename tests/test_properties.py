"""Property-based tests (hypothesis) for skill resolution, fit and overlap, and for every command.

Core: resolving any text never raises, is idempotent, and does not depend on input order, case,
character width or invisible characters; adding a skill never lowers a fit; fit stays in 0-100; a
role overlaps itself 100%. CLI: random skills, roles, option values and formats through every
command exit 0, 1 or 2, explain themselves on stderr when not 0, and never show a traceback.

The catalog is the real bundled one. The whole file is kept to well under a minute.
"""

from __future__ import annotations

import functools
import itertools
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careercli.catalog import load_catalog
from careercli.cli import app
from careercli.compare import pair, skills_in_common
from careercli.errors import CareerError
from careercli.matching import Resolver, fit_of, gap_report, known_skills

# A whole matrix: in the full run, not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

JOBS_FILE = Path(__file__).resolve().parent / "data" / "jobs" / "remote_board.json"
# Example counts follow the hypothesis profile chosen in conftest.py ("dev" or "ci"): the core
# functions are cheap and get four times as many examples as the commands.
CORE = settings(max_examples=4 * settings.default.max_examples, deadline=None)
CLI = settings(
    max_examples=settings.default.max_examples,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@functools.cache
def catalog():
    return load_catalog(use_cache=False)


@pytest.fixture(scope="module")
def cat():
    return catalog()


def _skill_words() -> list[str]:
    """Every canonical skill name and alias, as the taxonomy spells them."""
    words = []
    for skill in catalog().skills.values():
        words += [skill.name, *skill.aliases]
    return sorted(words)


def _role_words() -> list[str]:
    out = []
    for role in catalog().roles():
        out += [role.id, role.name, *role.aliases]
    return sorted(out)


# --------------------------------------------------------------------------- text strategies

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
HOSTILE_CHARS = INVISIBLE + "\x1b\x07\x08\t\r\n\x7f\x85\u2028\u2029,;\"'`•·–—“”«»<>&|/\\"
# Any Unicode scalar at all, with lone surrogates (what surrogateescape makes of undecodable bytes
# in a command line) and troublesome characters drawn often enough to matter.
some_char = st.one_of(
    st.characters(codec=None, exclude_categories=()),
    st.characters(categories=["Cs"]),
    st.sampled_from(HOSTILE_CHARS),
)
any_text = st.text(some_char, max_size=40)
hostile_text = st.text(
    st.one_of(st.sampled_from(HOSTILE_CHARS), st.characters(codec="utf-8")), max_size=30
)
skill_word = st.deferred(lambda: st.sampled_from(_skill_words()))
role_word = st.deferred(lambda: st.sampled_from(_role_words()))


def fullwidth(text: str) -> str:
    """ASCII letters, digits and symbols as their fullwidth forms (ＳＱＬ for SQL)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def sprinkled(draw, word: st.SearchStrategy[str] = skill_word) -> str:
    """A name with invisible characters slipped in between its letters."""
    text = draw(word)
    out = []
    for ch in text:
        out.append(ch)
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    return "".join(out)


@st.composite
def typo(draw, word: st.SearchStrategy[str] = skill_word) -> str:
    text = draw(word)
    if len(text) < 2:
        return text
    i = draw(st.integers(0, len(text) - 2))
    kind = draw(st.sampled_from(["drop", "swap", "double", "replace"]))
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    if kind == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == "double":
        return text[: i + 1] + text[i] + text[i + 1 :]
    return text[:i] + draw(st.sampled_from("aeiouxyz")) + text[i + 1 :]


def variants(word: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        word,
        word.map(str.upper),
        word.map(str.lower),
        word.map(fullwidth),
        sprinkled(word),
        typo(word),
        word.map(lambda w: f"  “{w}”. "),
        word.map(lambda w: f"experience with {w}"),
    )


skill_input = st.one_of(variants(skill_word), any_text, hostile_text)
role_input = st.one_of(variants(role_word), any_text, hostile_text)


def outcome(r) -> tuple:
    return (r.skill, r.how, r.score, r.suggestions)


# --------------------------------------------------------------------------- resolution


@CORE
@given(text=st.one_of(any_text, hostile_text, skill_input))
@example(text="\ud800")
@example(text="\x00" * 50)
@example(text="ＳＱＬ")
@example(text="\u202eLQS\u202c")
@example(text="İ" * 20)
def test_resolving_any_text_never_raises_and_says_how(text):
    r = Resolver(catalog()).resolve(text)
    assert r.input == text
    if r.skill is None:
        assert r.how is None and r.score is None
        assert all(s in catalog().skills for s in r.suggestions)
    else:
        assert r.skill in catalog().skills
        assert r.how in ("exact", "alias", "fuzzy")
        assert 0 < r.score <= 100
        assert r.suggestions == ()


def test_fullwidth_sql_resolves_to_sql(cat):
    r = Resolver(cat).resolve("ＳＱＬ")
    assert (r.skill, r.how) == ("SQL", "exact")


def test_every_canonical_name_resolves_to_itself_exactly(cat):
    resolver = Resolver(cat)
    for name in cat.skills:
        r = resolver.resolve(name)
        assert (r.skill, r.how, r.score) == (name, "exact", 100.0), name


@CORE
@given(text=skill_input)
def test_resolution_is_idempotent(text):
    first = Resolver(catalog()).resolve(text)
    if first.skill is not None:
        again = Resolver(catalog()).resolve(first.skill)
        assert again.skill == first.skill
        assert again.how == "exact"


@CORE
@given(inputs=st.lists(skill_input, max_size=12), data=st.data())
def test_resolution_does_not_depend_on_input_order(inputs, data):
    shuffled = data.draw(st.permutations(inputs))
    forward = {r.input: outcome(r) for r in Resolver(catalog()).resolve_all(inputs)}
    backward = {r.input: outcome(r) for r in Resolver(catalog()).resolve_all(shuffled)}
    assert forward == backward
    shared = Resolver(catalog())
    shared.resolve_all(shuffled)
    assert {r.input: outcome(r) for r in shared.resolve_all(inputs)} == forward


@CORE
@given(inputs=st.lists(skill_input, max_size=10), data=st.data())
def test_fit_does_not_depend_on_input_order(inputs, data):
    shuffled = data.draw(st.permutations(inputs))
    a = gap_report(catalog(), inputs, top=0, detail=set())
    b = gap_report(catalog(), shuffled, top=0, detail=set())
    assert {r.id: r.fit for r in a.roles} == {r.id: r.fit for r in b.roles}


def _case_stable(text: str) -> bool:
    """Upper- and lower-casing lose nothing: no ß→SS, ﬁ→FI, İ→i̇, final sigma and the like,
    and NFKC commutes with the case change. Case-independence is only promised for these."""
    up, low = text.upper(), text.lower()
    nfkc = functools.partial(unicodedata.normalize, "NFKC")
    return (
        up.lower() == low
        and low.upper() == up
        and up.casefold() == low.casefold() == text.casefold()
        and nfkc(up).casefold() == nfkc(low).casefold() == nfkc(text).casefold()
    )


@CORE
@given(text=st.one_of(skill_input, st.text(st.characters(codec="ascii"), max_size=30)))
@example(text="Straße")  # ß upper-cases to SS: outside the promise, filtered
@example(text="pyhton")
def test_resolution_does_not_depend_on_case(text):
    if not _case_stable(text):
        return
    results = {outcome(Resolver(catalog()).resolve(v)) for v in (text, text.upper(), text.lower())}
    assert len(results) == 1, (text, results)


@CORE
@given(word=skill_word, data=st.data())
def test_width_and_invisible_characters_do_not_change_resolution(word, data):
    plain = outcome(Resolver(catalog()).resolve(word))
    assert plain[0] is not None
    assert outcome(Resolver(catalog()).resolve(fullwidth(word))) == plain
    assert outcome(Resolver(catalog()).resolve(data.draw(sprinkled(st.just(word))))) == plain


@CORE
@given(text=role_input)
@example(text="\udcff")
@example(text="MLE")
def test_role_lookup_answers_or_explains_and_is_idempotent(text):
    cat = catalog()
    try:
        role_id = cat.resolve_role_id(text)
    except CareerError as exc:
        assert str(exc).strip()
        return
    assert cat.has_role(role_id)
    assert cat.resolve_role_id(role_id) == role_id
    assert cat.resolve_role_id(cat.role_name(role_id)) == role_id


# --------------------------------------------------------------------------- fit


def _fits(credit: dict[str, float]) -> dict[str, float]:
    return {row[0]: fit_of(row[5], credit)[0] for row in catalog().index}


@CORE
@given(base=st.lists(skill_input, max_size=8), extra=st.one_of(skill_word, skill_input))
def test_adding_a_skill_never_lowers_any_fit(base, extra):
    resolver = Resolver(catalog())
    before, _ = known_skills(catalog(), resolver.resolve_all(base))
    after, _ = known_skills(catalog(), resolver.resolve_all([*base, extra]))
    old, new = _fits(before), _fits(after)
    for role_id, fit in old.items():
        assert new[role_id] >= fit, (role_id, extra)
    # the same through gap_report, with the extra skill marked done in progress instead
    name = resolver.resolve(extra).skill
    if name is not None:
        done = gap_report(catalog(), base, top=0, also_known=[name], detail=set())
        for r in done.roles:
            assert r.fit >= old[r.id], (r.id, name)


@CORE
@given(inputs=st.lists(st.one_of(skill_word, skill_input), max_size=40))
def test_fit_stays_within_0_and_100(inputs):
    report = gap_report(catalog(), inputs, top=0, detail=set())
    assert len(report.roles) == len(catalog().index)
    for r in report.roles:
        assert 0.0 <= r.fit <= 100.0
        assert 0 <= r.required_met <= r.required_total
    fits = [r.fit for r in report.roles]
    assert fits == sorted(fits, reverse=True)


def test_every_skill_of_a_role_gives_it_100(cat):
    for role in cat.roles():
        every = [name for r in role.skills for name in r.names]  # each option of a one-of group
        credit, _ = known_skills(cat, Resolver(cat).resolve_all(every))
        assert fit_of([r.row for r in role.skills], credit)[0] == 100


# --------------------------------------------------------------------------- overlap


def test_a_role_paired_with_itself_shares_every_required_skill(cat):
    for role in cat.roles():
        p = pair(role, role)
        required = list(dict.fromkeys(r.skill for r in role.skills if r.importance == "required"))
        assert p.shared == required and p.required == len(required), role.id
        assert skills_in_common([role, role]) == list(dict.fromkeys(role.skill_names))


@CORE
@given(
    ids=st.deferred(lambda: st.lists(st.sampled_from(catalog().role_ids), min_size=2, max_size=4))
)
def test_pairs_are_bounded_and_symmetric(ids):
    roles = catalog().roles(ids)
    common = skills_in_common(roles)
    assert all(all(s in r.skill_names for r in roles) for s in common)
    for a in roles:
        for b in roles:
            ab, ba = pair(a, b), pair(b, a)
            assert set(ab.shared) == set(ba.shared) and ab.required == ba.required
            assert 0 <= len(ab.shared) <= ab.required


# --------------------------------------------------------------------------- every command

runner = CliRunner()


def check(result, args) -> None:
    """0, 1 or 2; a message on stderr when not 0; never a traceback or an uncaught exception.
    `validate` is a linter: its report of the problems is its output, so it may be on stdout."""
    shown = f"careercli {args!r}\nexit {result.exit_code}\nstderr: {result.stderr[-800:]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\nexception: {result.exception!r}"
    )
    assert result.exit_code in (0, 1, 2), shown
    if result.exit_code != 0:
        message = result.stderr
        if args[:1] == ["validate"] and result.exit_code == 1:
            message += result.stdout
        assert message.strip(), f"{shown}\n(nothing on stderr)"
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, shown


# A command line cannot hold NUL, and the only surrogates in one are surrogateescape's
# U+DC80-U+DCFF, each standing for one byte that is not UTF-8 (a Latin-1 terminal's "é").
arg_char = st.one_of(
    st.characters(codec=None, exclude_categories=("Cs",), exclude_characters="\x00"),
    st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    st.sampled_from(HOSTILE_CHARS),
)
arg_text = st.text(arg_char, max_size=25)
skill_arg = st.one_of(
    variants(skill_word),
    st.lists(st.one_of(skill_word, skill_input), max_size=6).map(", ".join),
    arg_text,
).map(lambda s: s.replace("\x00", ""))
role_arg = st.one_of(variants(role_word), arg_text).map(lambda s: s.replace("\x00", ""))


def mostly(good: st.SearchStrategy, bad: st.SearchStrategy = arg_text) -> st.SearchStrategy:
    """Usually a valid value, one time in eight anything at all (a usage error, mostly)."""
    return st.integers(0, 7).flatmap(lambda n: bad if n == 0 else good)


def fmt_opt(*valid: str) -> st.SearchStrategy[list[str]]:
    values = mostly(
        st.sampled_from(valid), st.one_of(st.sampled_from(["csv", "yaml", "JSON", ""]), arg_text)
    )
    return st.one_of(st.just([]), values.map(lambda v: ["--format", v]))


def repeat(flag: str, values: st.SearchStrategy[str], most: int = 3):
    return st.lists(values, max_size=most).map(lambda vs: [x for v in vs for x in (flag, v)])


def maybe(flag: str, values: st.SearchStrategy[str]):
    return st.one_of(st.just([]), values.map(lambda v: [flag, v]))


def flag(name: str):
    return st.sampled_from([[], [name]])


@st.composite
def command_line(draw, head: list[str], *groups: st.SearchStrategy[list[str]]) -> list[str]:
    """The command, then its arguments and options in any order (pairs kept together)."""
    parts = [draw(g) for g in groups]
    parts = draw(st.permutations([p for p in parts if p]))
    return [*head, *itertools.chain.from_iterable(parts)]


TABLE_FORMATS = ("table", "json", "markdown")
number = mostly(st.integers(0, 10**6).map(str), st.sampled_from(["-1", "1e3", "x", "", "9" * 30]))
TRACKS = mostly(
    st.sampled_from(["analytics", "ml", "data-science", "software", "academia", "quant"])
)
SECTIONS = mostly(st.sampled_from(["skills", "salary", "common", "definition"]))
STATES = mostly(st.sampled_from(["CA", "ny", "TX", "PR", "DC", "ZZ", "California"]))
LEVELS = mostly(st.sampled_from(["intern", "entry", "mid", "senior", "lead"]))
TYPES = mostly(st.sampled_from(["full-time", "contract", "internship"]))
DATES = mostly(st.sampled_from(["2024-10-01", "2030-01-01", "2024-02-30", "yesterday"]))
EXPORT_SUFFIX = st.sampled_from([".html", ".svg", ".md", ".txt", ".HTML", ""])
STEP_IDS = st.deferred(
    lambda: st.builds(
        lambda r, n: f"{r}:{n}", st.sampled_from(catalog().role_ids), st.integers(-1, 12)
    )
)


def export_opt(tmp):
    return st.one_of(
        st.just([]),
        EXPORT_SUFFIX.map(lambda s: ["--export", str(tmp / f"report{s}")]),
        st.just(["--export", str(tmp / "missing-folder" / "r.html")]),
    )


def skills_file_opt(tmp):
    """--skills-file with text, binary or oversized contents, a missing file, a folder, or '-'."""
    contents = st.one_of(
        st.lists(skill_arg, max_size=20).map(lambda xs: "\n".join(xs).encode("utf-8", "replace")),
        st.binary(max_size=200),
        st.sampled_from([b"", b"\xef\xbb\xbfSQL\n", b"\xff\xfe\x00S\x00Q\x00L", b"sql\x00py"]),
    )

    def write(data: bytes) -> list[str]:
        path = tmp / "skills.txt"
        path.write_bytes(data)
        return ["--skills-file", str(path)]

    return st.one_of(
        st.just([]),
        contents.map(write),
        st.sampled_from(
            [
                ["--skills-file", str(tmp / "no-such-file.txt")],
                ["--skills-file", str(tmp)],
                ["--skills-file", "-"],
            ]
        ),
    )


def cli_strategies(tmp, base_url: str) -> dict[str, st.SearchStrategy[list[str]]]:
    roles = st.lists(role_arg, max_size=5)
    return {
        "roles": command_line(["roles"], repeat("--track", TRACKS), fmt_opt(*TABLE_FORMATS)),
        "show": command_line(
            ["show"], st.one_of(role_arg.map(lambda r: [r]), st.just([])), fmt_opt(*TABLE_FORMATS)
        ),
        "compare": command_line(
            ["compare"],
            roles,
            repeat("--section", SECTIONS),
            fmt_opt(*TABLE_FORMATS),
            export_opt(tmp),
        ),
        "gap": command_line(
            ["gap"],
            repeat("--skills", skill_arg),
            skills_file_opt(tmp),
            repeat("--role", role_arg, 2),
            maybe("--top", number),
            flag("--explain"),
            fmt_opt(*TABLE_FORMATS),
            export_opt(tmp),
        ),
        "skills": command_line(
            ["skills"], st.lists(skill_arg, max_size=4), fmt_opt(*TABLE_FORMATS)
        ),
        "jobs": command_line(
            ["jobs"],
            flag("--remote"),
            maybe("--level", LEVELS),
            maybe("--type", TYPES),
            maybe("--role", role_arg),
            maybe("--company", arg_text),
            maybe("--location", arg_text),
            maybe("--min-salary", number),
            maybe("--search", st.one_of(arg_text, st.sampled_from(['"sql', "NEAR(", "a*", "-x"]))),
            maybe("--since", DATES),
            maybe("--source", st.one_of(st.sampled_from(["lever", "bundled", "%", "_"]), arg_text)),
            maybe("--limit", number),
            maybe("--sort", mostly(st.sampled_from(["posted", "salary", "fit"]))),
            repeat("--skills", skill_arg, 2),
            skills_file_opt(tmp),
            fmt_opt(*TABLE_FORMATS, "csv"),
        ),
        "jobs sources": command_line(["jobs", "sources"], fmt_opt(*TABLE_FORMATS)),
        "jobs import": command_line(["jobs", "import"], import_file(tmp), fmt_opt(*TABLE_FORMATS)),
        "jobs sync": command_line(
            ["jobs", "sync"],
            st.lists(
                st.one_of(
                    st.sampled_from(
                        [
                            "lever:example-co",
                            "greenhouse:example-co",
                            "ashby:example-co",
                            "remotive",
                            "remoteok",
                            "lever:no-such-board",
                            "remoteok:x",
                            "lever:",
                            "gitlab:x",
                        ]
                    ),
                    arg_text,
                ),
                min_size=1,
                max_size=3,
            ),
            # Always a --base-url: nothing here may reach the internet.
            st.one_of(
                st.just(base_url),
                st.sampled_from(["file:///etc", "ftp://mirror.example", "javascript:alert(1)"]),
                arg_text.filter(lambda t: "//" not in t and "\\" not in t),
            ).map(lambda u: ["--base-url", u]),
            maybe(
                "--timeout",
                mostly(st.sampled_from(["1", "2", "5"]), st.sampled_from(["0", "301", "x"])),
            ),
            fmt_opt(*TABLE_FORMATS),
        ),
        "jobs reset": command_line(["jobs", "reset"], flag("--yes")),
        "salary": command_line(
            ["salary"],
            roles.map(lambda rs: rs[:3]),
            maybe("--state", STATES),
            fmt_opt(*TABLE_FORMATS),
            export_opt(tmp),
        ),
        "plan": command_line(
            ["plan"],
            st.one_of(st.just([]), role_arg.map(lambda r: [r])),
            repeat("--skills", skill_arg, 2),
            skills_file_opt(tmp),
            fmt_opt(*TABLE_FORMATS),
            export_opt(tmp),
        ),
        "profile show": command_line(["profile", "show"], fmt_opt(*TABLE_FORMATS)),
        "profile set": command_line(
            ["profile", "set"],
            repeat("--skills", skill_arg, 2),
            skills_file_opt(tmp),
            repeat("--target", role_arg, 2),
            maybe("--state", STATES),
            maybe("--location", arg_text),
            fmt_opt(*TABLE_FORMATS),
        ),
        "profile add": command_line(
            ["profile", "add"], st.lists(skill_arg, max_size=3), fmt_opt(*TABLE_FORMATS)
        ),
        "profile remove": command_line(
            ["profile", "remove"], st.lists(skill_arg, max_size=3), fmt_opt(*TABLE_FORMATS)
        ),
        "profile clear": command_line(["profile", "clear"], flag("--yes")),
        "progress": st.sampled_from(["done", "learning", "skip", "reset"]).flatmap(
            lambda sub: command_line(
                ["progress", sub],
                st.lists(st.one_of(skill_arg, STEP_IDS), min_size=sub != "reset", max_size=3),
                flag("--yes") if sub == "reset" else st.just([]),
            )
        ),
        "validate": validate_folder(tmp).flatmap(
            lambda folder: command_line(["validate", folder], fmt_opt(*TABLE_FORMATS))
        ),
    }


def import_file(tmp):
    """A listing file to import: random rows in JobSpy's CSV layout, random JSON or YAML, or
    random bytes; or a path that is missing or a folder."""
    header = "site,job_url,title,company,location,date_posted,min_amount,max_amount,interval\n"
    cell = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
    csv_rows = st.lists(st.lists(cell, min_size=1, max_size=10), max_size=6).map(
        lambda rows: header + "".join(",".join(f'"{c}"' for c in r) + "\n" for r in rows)
    )
    doc = st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), cell),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(cell, inner, max_size=4)
        ),
        max_leaves=12,
    )
    job = st.fixed_dictionaries(
        {"title": st.one_of(cell, st.none(), st.integers())},
        optional={
            "id": cell,
            "salary": st.one_of(doc, st.fixed_dictionaries({"min": doc, "max": doc})),
            "remote": doc,
            "posted": doc,
            "url": cell,
        },
    )
    body = st.one_of(
        csv_rows.map(lambda t: (".csv", t.encode("utf-8", "replace"))),
        st.lists(job, max_size=4).map(lambda js: (".json", json.dumps(js).encode())),
        doc.map(lambda d: (".json", json.dumps(d).encode())),
        st.lists(job, max_size=4).map(
            lambda js: (".yaml", json.dumps({"jobs": js}).encode())  # JSON is YAML
        ),
        st.binary(max_size=200).flatmap(
            lambda b: st.sampled_from([".csv", ".json", ".yaml", ".txt"]).map(lambda s: (s, b))
        ),
    )

    def write(item: tuple[str, bytes]) -> list[str]:
        suffix, data = item
        path = tmp / f"listings{suffix}"
        path.write_bytes(data)
        return [str(path)]

    return st.one_of(
        body.map(write),
        st.sampled_from([[str(tmp / "missing.csv")], [str(tmp)], []]),
    )


_folders = itertools.count()


def validate_folder(tmp):
    """A data folder with random text in a role file and in skills.yaml."""
    text = st.one_of(
        st.text(max_size=200),
        st.sampled_from(["id: x\n", "- a\n- b\n", "skills: 3\n", "a: &x 1\nb: *x\n", "{{{"]),
    )

    def make(files: tuple[str, str]) -> str:
        folder = tmp / f"data-{next(_folders)}"
        (folder / "roles").mkdir(parents=True)
        (folder / "roles" / "x.yaml").write_text(files[0], encoding="utf-8", errors="replace")
        (folder / "skills.yaml").write_text(files[1], encoding="utf-8", errors="replace")
        return str(folder)

    return st.tuples(text, text).map(make)


# State for the commands that act on it (reset, clear, remove), so that they find some.
SETUP = {
    "jobs reset": [["jobs", "import", str(JOBS_FILE)]],
    "jobs": [["jobs", "import", str(JOBS_FILE)]],
    "profile clear": [["profile", "set", "--skills", "sql, python", "--target", "data analyst"]],
    "profile remove": [["profile", "add", "sql", "pyhton", "k8s"]],
    "profile show": [["profile", "add", "sql", "cooking"]],
    "progress": [["progress", "done", "sql", "data-analyst:1"]],
}

COMMANDS = [
    "roles",
    "show",
    "compare",
    "gap",
    "skills",
    "jobs",
    "jobs sources",
    "jobs import",
    "jobs sync",
    "jobs reset",
    "salary",
    "plan",
    "profile show",
    "profile set",
    "profile add",
    "profile remove",
    "profile clear",
    "progress",
    "validate",
]


@pytest.mark.parametrize("command", COMMANDS)
@CLI
@given(data=st.data())
def test_every_command_exits_0_1_or_2_with_a_message_and_no_traceback(
    command, data, tmp_path, server
):
    for before in SETUP.get(command, ()):
        if data.draw(st.booleans(), label=f"first: careercli {' '.join(before)}"):
            check(runner.invoke(app, before, catch_exceptions=True), before)
    args = data.draw(cli_strategies(tmp_path, server.base)[command], label="args")
    answer = data.draw(st.sampled_from([None, "y\n", "n\n", "sql, python\n"]), label="stdin")
    result = runner.invoke(app, args, input=answer, catch_exceptions=True)
    event(f"exit {result.exit_code}")
    check(result, args)
