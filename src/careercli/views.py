"""Turn core results into the document model (tables, text) and JSON-ready dicts.

Each command's table, Markdown and CSV come from one Doc, and its JSON from one dict, both built
from the same core objects, so the formats never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercli import paths
from careercli.background import years_text
from careercli.render import Doc, Table, Text, bullets, short_number
from careercli.vocab import Section

if TYPE_CHECKING:
    from careercli.catalog import Catalog, Role
    from careercli.catalog.yamlio import Problem
    from careercli.compare import Comparison
    from careercli.jobfit import JobFit
    from careercli.jobs.demand import Demand
    from careercli.jobs.model import ImportResult, Listing
    from careercli.jobs.sync import SyncResult
    from careercli.matching import GapReport, Match, Resolution, RoleFit
    from careercli.matching.fit import CertSuggestion
    from careercli.plan import Plan
    from careercli.profile import Profile, Progress
    from careercli.salary import RoleSalary, Wage, Wages

SECTIONS = Section.values()
SECTION_TITLES = {
    "definition": "Definition",
    "responsibilities": "Responsibilities",
    "skills": "Skills",
    "education": "Education",
    "certifications": "Certifications",
    "tools": "Tools",
    "industries": "Industries",
    "outlook": "Outlook",
    "salary": "Salary (BLS proxy)",
    "steps": "First steps",
    "related": "Related roles",
    "common": "Skills in common",
}


def cert_line(catalog: Catalog, name: str) -> str:
    cert = catalog.certifications[name]
    label = f"{cert.name} ({cert.code})" if cert.code and cert.code not in cert.name else cert.name
    if cert.current:
        return label
    note = f"RETIRED {cert.retired}" if cert.retired else "RETIRED"
    if cert.replaced_by:
        note += "; successor: " + ", ".join(cert.replaced_by)
    return f"{label} [{note}]"


def _skills_cell(role: Role) -> str:
    req = [r.skill for r in role.skills if r.importance == "required"]
    nice = [r.skill for r in role.skills if r.importance != "required"]
    out = "Required: " + ", ".join(req)
    if nice:
        out += "\nNice to have: " + ", ".join(nice)
    return out


def _outlook_cell(role: Role) -> str:
    lines = [role.outlook["summary"]]
    for f in role.outlook["figures"]:
        soc = f" [SOC {f['soc']}]" if f.get("soc") else ""
        lines.append(f"• {f['value']} ({f['period']}): {f['metric']}{soc}. Source: {f['source']}")
    return "\n".join(lines)


def _related_cell(catalog: Catalog, role: Role, ids: bool = True) -> str:
    """Related roles with arrows; `ids` adds each one's id (a comparison, with columns side by
    side, leaves them out: `show` gives them)."""
    arrow = {"up": "↑", "down": "↓", "sideways": "↔"}
    return "\n".join(
        f"{arrow[r['relation']]} {catalog.role_name(r['role'])}"
        + (f" ({r['role']})" if ids else "")
        for r in role.related
        if catalog.has_role(r["role"])
    )


def section_cell(catalog: Catalog, role: Role, section: str, ids: bool = True) -> str:
    if section == "definition":
        return role.definition
    if section == "responsibilities":
        return bullets(role.responsibilities)
    if section == "skills":
        return _skills_cell(role)
    if section == "education":
        return bullets(role.education)
    if section == "certifications":
        return bullets([cert_line(catalog, c) for c in role.certifications]) or "(none)"
    if section == "tools":
        return "\n".join(f"{k}: {', '.join(v)}" for k, v in role.tools.items())
    if section == "industries":
        return bullets(role.industries)
    if section == "outlook":
        return _outlook_cell(role)
    if section == "steps":
        return "\n".join(f"{n}. {s}" for n, s in enumerate(role.steps, 1))
    if section == "related":
        return _related_cell(catalog, role, ids)
    raise KeyError(section)


def roles_doc(roles: list[Role]) -> Doc:
    table = Table(["Role (id)", "Track · level", "Summary"], flexible=2)
    table.rows = [[f"{r.name}\n{r.id}", f"{r.track}\n{r.level}", r.summary] for r in roles]
    table.note = f"{len(roles)} roles. Details: careercli show ROLE; compare: careercli compare A B"
    return Doc([table])


def entry_text(role: Role) -> str:
    """A role's entry gates in words: education and years, typical and at least."""
    from careercli.background import EDUCATION_NAME

    gates = role.gates or {}
    edu, years = gates.get("education") or {}, gates.get("years") or {}
    parts = []
    if edu.get("typical"):
        least = edu.get("minimum")
        extra = f" (at least {EDUCATION_NAME[least]})" if least and least != edu["typical"] else ""
        parts.append(f"Typically {EDUCATION_NAME[edu['typical']]}{extra}")
    if years.get("typical") is not None:
        least = years.get("minimum")
        extra = f" (at least {least:g})" if least is not None and least != years["typical"] else ""
        parts.append(f"typically {years['typical']:g}+ years of experience{extra}")
    return "; ".join(parts)


def show_doc(catalog: Catalog, role: Role, sections: list[str] | None = None) -> Doc:
    table = Table(["", role.name], first_column_is_header=True)
    if not sections:
        table.rows.append(["Summary", f"{role.summary}\nTrack: {role.track} · Level: {role.level}"])
        if role.gates:
            table.rows.append(["Entry", entry_text(role)])
    for section in sections or [s for s in SECTIONS if s not in ("salary", "common")]:
        if section in ("salary", "common"):
            continue
        table.rows.append([SECTION_TITLES[section], section_cell(catalog, role, section)])
    if not sections:
        if role.aliases:
            table.rows.append(["Also called", ", ".join(role.aliases)])
        table.rows.append(["SOC codes", ", ".join(role.soc)])
        table.rows.append(["Sources", bullets(role.sources) + f"\nReviewed: {role.reviewed}"])
    return Doc([table])


def _key_skills(role: Role, limit: int = 6) -> str:
    required = [r.skill for r in role.skills if r.importance == "required" and not r.professional]
    more = f" (+{len(required) - limit} more)" if len(required) > limit else ""
    return ", ".join(required[:limit]) + more


def _salary_short(rs: RoleSalary) -> str:
    if rs.match == "weak":
        med = rs.median_range
        near = f"; nearest medians {money(med[0])}–{money(med[1])}" if med else ""
        return "No close BLS occupation" + near
    band = rs.band_range
    if not band:
        return "No BLS figures"
    return f"{money(band[0])}–{money(band[1])} ({rs.level} band, {len(rs.wages)} BLS proxies)"


def _outlook_short(role: Role) -> str:
    figures = [f for f in role.outlook["figures"] if not f.get("note")] or role.outlook["figures"]
    if not figures:
        return "-"
    f = figures[0]
    return f"{f['value']} ({f['period']}): {f['metric']}"


def compare_compact_doc(catalog: Catalog, result: Comparison) -> Doc:
    """The key facts side by side; `--full` or `--section` shows the long text."""
    roles = result.roles
    table = Table(["", *(r.name for r in roles)], first_column_is_header=True)
    table.rows.append(["Summary", *(r.summary for r in roles)])
    table.rows.append(["Level", *(f"{r.level} ({r.track})" for r in roles)])
    table.rows.append(["Entry", *(entry_text(r) or "-" for r in roles)])
    table.rows.append(["Key skills", *(_key_skills(r) for r in roles)])
    table.rows.append(["Salary", *(_salary_short(rs) for rs in result.salaries)])
    table.rows.append(["Outlook", *(_outlook_short(r) for r in roles)])
    table.rows.append(["First step", *(r.steps[0] if r.steps else "-" for r in roles)])
    common = Text("In common: " + pairs_cell(result).replace("\n", "\nIn common: "))
    note = Text(
        "Base pay (BLS OEWS) excludes year-end bonuses and stock.\n"
        "Every section in full: add --full; only some: --section skills --section outlook"
    )
    return Doc([table, common, note], sources=role_sources(roles, _wage_citation()))


def pairs_cell(result: Comparison) -> str:
    """For each pair of roles, the required skills both ask for: 'N of M required shared'."""
    lines = []
    for p in result.pairs:
        names = ", ".join(p.shared) or "none"
        lines.append(
            f"{p.first.name} · {p.second.name}: {len(p.shared)} of {p.required} required "
            f"skills shared ({names})"
        )
    return "\n".join(lines)


def role_sources(roles: list[Role], *extra: str) -> list[str]:
    """The sources of the roles' facts (each reviewed date said), then `extra`, once each."""
    out: dict[str, None] = {}
    for role in roles:
        for source in role.sources:
            out[source] = None
    for source in extra:
        out[source] = None
    reviewed = sorted({str(r.reviewed) for r in roles})
    if reviewed:
        out[f"Role facts reviewed: {', '.join(reviewed)}"] = None
    return list(out)


def cert_sources(catalog: Catalog, names: Any) -> list[str]:
    """The sources of these certifications' facts, with the date each was reviewed."""
    out: dict[str, None] = {}
    for name in names:
        cert = catalog.certifications.get(name)
        if cert is not None:
            for source in cert.sources:
                out[f"{cert.name}: {source} (reviewed {cert.reviewed})"] = None
    return list(out)


def sourced(doc: Doc, sources: list[str]) -> Doc:
    doc.sources = sources
    return doc


def _wage_citation() -> str:
    from careercli.salary import Wages

    return Wages.load().citation


def compare_doc(catalog: Catalog, result: Comparison, sections: list[str]) -> Doc:
    roles = result.roles
    table = Table(["", *(r.name for r in roles)], first_column_is_header=True)
    for section in sections:
        if section == "salary":
            table.rows.append([SECTION_TITLES[section], *map(salary_cell, result.salaries)])
        elif section == "common":
            every = ", ".join(result.common) or "(none)"
            text = f"Named by every role: {every}\n{pairs_cell(result)}"
            table.rows.append([SECTION_TITLES[section], text, *([""] * (len(roles) - 1))])
        else:
            table.rows.append(
                [
                    SECTION_TITLES[section],
                    *(section_cell(catalog, r, section, ids=False) for r in roles),
                ]
            )
    return Doc([table], sources=role_sources(roles, _wage_citation()))


def compare_json(catalog: Catalog, result: Comparison) -> dict[str, Any]:
    return {
        "roles": [r.to_dict(catalog) for r in result.roles],
        "comparison": {
            "source": result.source,
            "skills_in_common": result.common,
            "pairs": [p.to_dict() for p in result.pairs],
            "salary": [p.to_dict() for p in result.salaries],
        },
    }


# --------------------------------------------------------------------------- gap and skills


def _pct(value: float) -> str:
    return f"{value:.0f}%"


SOURCE_LABEL = {
    "input": "your input",
    "resume": "your résumé",
    "profile": "your profile",
    "progress": "your progress",
}


def _how(m: Match) -> str:
    if m.how == "fuzzy":
        return f"fuzzy ({m.score:g}), typo"
    if m.how == "kind_of":
        return f"{m.via} is a kind of {m.skill} (full credit)"
    if m.how == "implied":
        return f"evidenced by {m.via} ({m.credit:.0%} credit)"
    return m.how


def _qualifiers(r: Resolution) -> str:
    parts = []
    if r.level:
        parts.append(r.level)
    if r.years is not None:
        parts.append(f"{r.years:g} yr" + ("" if r.years == 1 else "s"))
    return ", ".join(parts)


def cert_text(c: CertSuggestion) -> str:
    """A suggested certification, with why it may not fit the person."""
    return c.label + (f" ({c.why})" if c.fits is False and c.why else "")


def _first_certs(certs: tuple[CertSuggestion, ...] | list[CertSuggestion]) -> str:
    if not certs:
        return "-"
    more = f" (+{len(certs) - 1} more)" if len(certs) > 1 else ""
    return cert_text(certs[0]) + more


def gate_marks(rf: RoleFit, required_only: bool = False) -> str:
    """The entry gates a person is known to miss: required ones first."""
    missed = [g for g in rf.gates if g.met is False and (g.required or not required_only)]
    missed.sort(key=lambda g: not g.required)
    return "; ".join(g.label for g in missed)


def _ranking(roles: list[tuple[int, RoleFit]], title: str) -> Table:
    table = Table(["#", "Role", "Fit", "Required met", "Top gaps"], title=title, flexible=4)
    for n, rf in roles:
        gaps = [g.skill for g in rf.missing if g.importance == "required"][:3]
        marks = gate_marks(rf, required_only=True)
        table.rows.append(
            [
                str(n),
                (rf.name if rf.kind == "role" else f"{rf.name} (O*NET {rf.id})")
                + (f"\n({marks})" if marks else ""),
                _pct(rf.fit),
                f"{rf.required_met} of {rf.required_total}",
                ", ".join(gaps) or "-",
            ]
        )
    return table


def gap_doc(report: GapReport, detail_ids: list[str], explain: bool) -> Doc:
    blocks: list[Any] = []
    if explain:
        evidence = any(r.evidence for r in report.resolutions)
        res = Table(
            ["Input", "Resolved to", "How", "Level / years", "From"]
            + (["Evidence"] if evidence else []),
            title="How your inputs were read",
        )
        for r in report.resolutions:
            row = [
                r.input,
                r.skill or f"(not recognised: {r.reason or 'unknown'})",
                _resolution_how(r),
                _qualifiers(r),
                SOURCE_LABEL.get(r.source, r.source),
            ]
            res.rows.append([*row, r.evidence or ""] if evidence else row)
        blocks.append(res)
    ranked = list(enumerate(report.roles, 1))
    shown = f"{len(report.roles)} of {report.ranked_total}"
    if report.person.known:
        now = [(n, rf) for n, rf in ranked if rf.reachable]
        later = [(n, rf) for n, rf in ranked if not rf.reachable]
        blocks.append(_ranking(now, f"Roles you can go for now, by fit ({shown} ranked)"))
        if later:
            blocks.append(
                _ranking(
                    later,
                    f"Roles that need more education or experience ({report.person.describe()})",
                )
            )
    else:
        blocks.append(_ranking(ranked, f"Roles ranked by fit ({shown})"))
    for rf in (r for r in report.roles if r.id in detail_ids):
        matched = Table(["Skill", "From", "How"], title=f"{rf.name}: what you have")
        matched.rows = [
            [m.skill, f"{m.input} ({SOURCE_LABEL.get(m.source, m.source)})", _how(m)]
            for m in rf.matched
        ]
        blocks.append(matched)
        order = "in the order to learn it"
        if rf.demand:
            order += f", most asked for in your {rf.demand.listings:,} listings first"
        missing = Table(
            ["#", "Skill to learn", "Importance", "Certifications covering it"],
            title=f"{rf.name}: what is missing, {order}",
            flexible=3,
        )
        for n, g in enumerate(rf.missing, 1):
            label = g.skill + (" (partly, implied)" if g.partial else "")
            status = report.statuses.get(g.skill)
            if status in ("learning", "skip"):
                label += " (learning)" if status == "learning" else " (skipped)"
            if g.prerequisites:
                label += f"\nfirst: {', '.join(g.prerequisites)}"
            if rf.demand and g.demand:
                label += f"\nin {g.demand['share']:.0%} of your listings"
            missing.rows.append([str(n), label, g.importance, _first_certs(g.certifications)])
        blocks.append(missing)
        few = report.demands.get(rf.id)
        if few is not None and not few.enough:
            from careercli.jobs.demand import MIN_LISTINGS

            blocks.append(
                Text(
                    f"Only {few.listings} of your stored listings are {rf.name} listings: too "
                    f"few to order the gaps by demand ({MIN_LISTINGS} needed)."
                )
            )
        if rf.professional:
            pro = Table(
                ["Professional skill", "In your skills"],
                title=f"{rf.name}: professional skills, to show in interviews and on your CV",
            )
            pro.rows = [[skill, "yes" if met else "-"] for skill, met in rf.professional]
            pro.note = "A list of tools cannot show these; they are not part of the fit."
            blocks.append(pro)
        lines = []
        if rf.next_best:
            nb = rf.next_best
            unlocks = f"; it comes before {', '.join(nb['unlocks'])}" if nb.get("unlocks") else ""
            lines.append(
                f"Next best skill: {nb['skill']} (fit {_pct(rf.fit)} → {_pct(nb['fit'])}{unlocks})"
            )
        if rf.gates:
            state = {True: " (met)", False: " (not met)", None: ""}
            lines.append("Entry: " + "; ".join(f"{g.label}{state[g.met]}" for g in rf.gates))
            if any(g.met is None for g in rf.gates):
                lines.append("  Give --years and --education (or save them) to check these.")
        if rf.certifications:
            lines.append(
                "Certifications for this role: " + "; ".join(map(cert_text, rf.certifications))
            )
        lines.append("How to start:")
        covered = rf.steps_covered or [False] * len(rf.steps)
        lines += [
            f"  {n}. {s}" + ("  (you already have what this teaches)" if done else "")
            for n, (s, done) in enumerate(zip(rf.steps, covered, strict=True), 1)
        ]
        if explain:
            lines.append(
                f"Fit = 100 × {rf.weight_earned:g} / {rf.weight_total} = {rf.fit:g}, over the "
                "technical skills (weights: required 3, nice-to-have 1 unless the role sets one; "
                "credit: 1 for a skill you have or one it is a kind of, 0.5 for one it is "
                "evidence of, multiplied along a chain; professional skills are listed apart)"
            )
        blocks.append(Text("\n".join(lines)))
    if report.unrecognized:
        unk = Table(["Input", "Why", "Did you mean"], title="Not recognised")
        unk.rows = [
            [
                r.input,
                "could mean several" if r.reason == "ambiguous" else "unknown",
                ", ".join(r.suggestions) or "-",
            ]
            for r in report.unrecognized
        ]
        unk.note = 'See how any input is read with: careercli skills "INPUT"'
        blocks.append(unk)
    return Doc(blocks)


def _resolution_how(r: Resolution) -> str:
    if r.skill is None:
        return "-"
    return f"fuzzy ({r.score:g}), typo" if r.how == "fuzzy" else (r.how or "-")


def resolutions_doc(resolutions: list[Resolution]) -> Doc:
    table = Table(["Input", "Skill", "How", "Level / years", "Did you mean"])
    for r in resolutions:
        table.rows.append(
            [
                r.input,
                r.skill
                or ("(could mean several)" if r.reason == "ambiguous" else "(not recognised)"),
                _resolution_how(r),
                _qualifiers(r),
                ", ".join(r.suggestions),
            ]
        )
    return Doc([table])


def taxonomy_doc(catalog: Catalog) -> Doc:
    by_cat: dict[str, list[str]] = {}
    for skill in catalog.skills.values():
        by_cat.setdefault(skill.category, []).append(skill.name)
    table = Table(["Category", "Skills"], flexible=1)
    for cat, title in catalog.categories.items():
        names = sorted(by_cat.get(cat, []), key=str.casefold)
        if names:
            table.rows.append([title, ", ".join(names)])
    table.note = f'{len(catalog.skills)} skills. Check how an input is read: careercli skills "k8s"'
    return Doc([table])


def taxonomy_json(catalog: Catalog) -> dict[str, Any]:
    return {
        "categories": catalog.categories,
        "skills": [
            {
                "name": s.name,
                "category": s.category,
                "aliases": list(s.aliases),
                "kind_of": list(s.kind_of),
                "implies": list(s.implies),
                "prerequisites": list(s.prerequisites),
                "effort_hours": s.effort_hours,
                "professional": catalog.is_professional(s.name),
            }
            for s in catalog.skills.values()
        ],
        "ambiguous": {k: list(v) for k, v in catalog.ambiguous.items()},
    }


# --------------------------------------------------------------------------- jobs and salary


CURRENCY_SIGN = {
    "USD": "$", "GBP": "£", "EUR": "€", "INR": "₹", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$",
    "JPY": "¥", "CNY": "CN¥", "HKD": "HK$", "SGD": "S$", "BRL": "R$", "MXN": "MX$",
    "KRW": "₩", "ILS": "₪", "CHF": "CHF ",
}  # fmt: skip
_UNIT = {"year": "/yr", "month": "/mo", "week": "/wk", "day": "/day", "hour": "/hr"}


def money(value: float | None) -> str:
    """A US dollar figure rounded to thousands (BLS wages): $103K."""
    return "?" if value is None else "$" + short_number(value)


def pay_amount(value: float | None, currency: str | None = "USD") -> str:
    """A pay figure in its own currency: £45K, CA$162K, ₹1.8M, or the ISO code (PLN 12K).
    Rounded only where rounding cannot mislead: 5,500 is 5.5K, 162,345 is 162,345."""
    if value is None:
        return "?"
    code = currency or "USD"
    sign = CURRENCY_SIGN.get(code, f"{code} ")
    return sign + _figure(value)


def _figure(value: float) -> str:
    if value >= 1_000_000 and value % 10_000 == 0:
        return f"{value / 1_000_000:,.2f}".rstrip("0").rstrip(".") + "M"
    if value >= 1000 and value % 100 == 0:
        return f"{value / 1000:,.1f}".removesuffix(".0") + "K"
    if value >= 1000:
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return f"{value:,.2f}".removesuffix(".00")


def salary_text(salary: dict[str, Any] | None) -> str:
    if not salary:
        return ""
    unit = _UNIT.get(salary.get("period") or "year", "")
    code = salary.get("currency") or "USD"
    lo, hi = salary.get("min"), salary.get("max")
    if lo is None or hi is None or lo == hi:
        span = pay_amount(lo if lo is not None else hi, code)
        if lo is None and hi is not None:
            span = "up to " + span
        elif hi is None and lo is not None:
            span = "from " + span
    else:
        sign = CURRENCY_SIGN.get(code, f"{code} ")
        span = f"{pay_amount(lo, code)}–{sign}{_figure(hi)}"
    text = f"{span}{unit}"
    if salary.get("note"):
        text += " (as listed)"
    return text


def _remote_text(remote: Any) -> str:
    return {True: "remote", False: "on-site", "hybrid": "hybrid"}.get(remote, "")


def _posted_text(job: Listing, now: Any) -> str:
    from careercli.jobs.model import STALE_DAYS, age_days, age_text

    if not job.posted:
        return ""
    age = age_days(job.posted, now)
    if age is not None and age > STALE_DAYS:
        return f"{job.posted} ({age_text(age)} old)"
    return job.posted


def jobs_doc(
    listings: list[Listing],
    with_fit: bool,
    catalog: Catalog,
    total: int | None = None,
    notes: list[str] | None = None,
    person: Any = None,
) -> Doc:
    from careercli.background import listing_level_fit
    from careercli.jobs.model import BUNDLED_LABEL, today

    now = today()
    cols = ["Title", "Company", "Location", "Remote", "Type", "Level", "Salary", "Posted"]
    cols += ["Role", "Source", "URL"]
    if with_fit:
        cols.append("Fit")
    table = Table(cols, flexible=0)
    bundled = 0
    for job in listings:
        role = catalog.role_name(job.role) if job.role and catalog.has_role(job.role) else ""
        source = ", ".join(job.sources) if len(job.sources) > 1 else job.source
        if job.bundled:
            bundled += 1
            source = f"{job.source} ({BUNDLED_LABEL})"
        row = [
            job.title,
            job.company or "",
            job.location or "",
            _remote_text(job.remote),
            job.type or "",
            (job.level or "")
            + (f" ({flag})" if person and (flag := listing_level_fit(job.level, person)) else ""),
            salary_text(job.salary),
            _posted_text(job, now),
            role,
            source,
            job.url or "no URL given",
        ]
        if with_fit:
            row.append("" if job.fit is None else f"{job.fit:.0f}%")
        table.rows.append(row)
    # terminal: title+company+role | where | level/type | salary | posted | fit
    stack = [[0, 1, 8], [2, 3], [5, 4], [6], [7]]
    if with_fit:
        stack.append([11])
    table.stack = stack
    shown = len(listings)
    count = (
        f"{shown} listing(s)."
        if total is None or total == shown
        else (f"{shown} of {total} listing(s).")
    )
    lines = [count]
    if bundled:
        lines.append(
            f"{bundled} bundled: the seed article's featured jobs of October 2024, shown there "
            "without a URL; a salary marked (as listed) is what the page said."
        )
    lines += notes or []
    table.note = " ".join(lines)
    return Doc([table])


def _when(stamp: str | None) -> str:
    if not stamp:
        return "-"
    return stamp.replace("T", " ")[:16] + (" UTC" if stamp.endswith("+00:00") else "")


def sources_doc(sources: list[dict[str, Any]]) -> Doc:
    table = Table(["Source", "Kind", "Listings", "Last synced", "From"], flexible=4)
    for s in sources:
        count = str(s["count"])
        if s.get("duplicates"):
            count += f" ({s['duplicates']} also elsewhere)"
        origins = s.get("origins") or []
        if len(origins) > 1:
            where = "; ".join(f"{o['origin']} ({o['count']})" for o in origins)
        else:
            where = s["origin"] or ""
        table.rows.append([s["source"], s["kind"], count, _when(s["synced"]), where])
    return Doc([table])


def demand_doc(demand: Demand, limit: int | None = None) -> Doc:
    from careercli.jobs.demand import MIN_LISTINGS

    rows = demand.skills[:limit] if limit else demand.skills
    table = Table(["Skill", "Listings", "Share", "Required", "Nice to have"])
    table.title = f"Skills asked for in your {demand.listings} {demand.name} listing(s)"
    for s in rows:
        table.rows.append(
            [
                s.skill,
                str(s.count),
                f"{s.share:.0%}",
                str(s.required or ""),
                str(s.nice_to_have or ""),
            ]
        )
    note = []
    if len(rows) < len(demand.skills):
        note.append(f"{len(rows)} of {len(demand.skills)} skills shown.")
    if demand.listings and not demand.enough:
        note.append(f"Fewer than {MIN_LISTINGS} listings: read the shares as anecdotes.")
    if not demand.listings:
        note.append("No stored listing maps to it: `careercli jobs sync` or `jobs import` first.")
    table.note = " ".join(note)
    blocks: list[Any] = [table]
    if len(demand.months) > 1 and demand.skills:
        top = [s.skill for s in demand.skills[:5]]
        trend = Table(["Month", "Listings", *top])
        trend.title = "By month"
        for m in demand.months:
            trend.rows.append(
                [m.month, str(m.listings)]
                + [f"{m.skills.get(k, 0) / m.listings:.0%}" if m.listings else "" for k in top]
            )
        blocks.append(trend)
    return Doc(blocks)


def _band_name(band: tuple[str, str]) -> str:
    return f"{band[0]}–{band[1]}"


def _span(pair: tuple[float, float] | None) -> str:
    if not pair:
        return "n/a"
    low, high = money(pair[0]), money(pair[1])
    return low if low == high else f"{low}–{high}"


def salary_cell(rs: RoleSalary) -> str:
    """One role's wage summary, as used by `salary` and the compare row."""
    lines = []
    if rs.match == "weak":
        lines.append("No close BLS occupation; nearest, for context:")
    for w in rs.wages:
        lines.append(
            f"{w.title} (SOC {w.soc}, {w.area}): median {w.text('p50')}; "
            f"p10 {w.text('p10')}, p90 {w.text('p90')}"
        )
    band = rs.band_range
    if band:
        across = " across its proxies" if len(rs.wages) > 1 else ""
        lines.append(f"Level '{rs.level}' read as {_band_name(rs.band)}{across}: {_span(band)}")
    if not rs.wages:
        lines.append("No BLS figures for this role's SOC code(s) in this area.")
    if rs.listings:
        ls = rs.listings
        lines.append(
            f"Listings: {ls.count}, {money(ls.min)}–{money(ls.max)}, median {money(ls.median)}"
        )
        if rs.disagreement:
            lines.append(f"Note: {rs.disagreement}.")
    lines.append("Base pay; excludes year-end bonuses and stock.")
    return "\n".join(lines)


def _wage_short(w: Wage, key: str) -> str:
    value = w.values.get(key)
    return "n/a" if value is None else money(value)


def salary_brief_doc(results: list[RoleSalary], wages: Wages, area: str) -> Doc:
    """One row per role: its level band (or, with no close BLS occupation, the nearest
    medians), the median range and the SOC codes; `--full` gives every occupation's figures."""
    table = Table(
        ["Role", "Level band", "Median", "BLS proxies"],
        title=f"Annual wages, {'United States' if area == 'US' else area} (BLS OEWS)",
    )
    for rs in results:
        if not rs.wages:
            table.rows.append([rs.name, "no BLS figures for this area", "", ""])
            continue
        if rs.match == "weak":
            band = "no close BLS occupation"
        elif rs.band_range:
            band = f"{_span(rs.band_range)} ({rs.level}, {_band_name(rs.band)})"
        else:
            band = ""
        codes = ", ".join(w.soc for w in rs.wages) + (" (nearest)" if rs.match == "weak" else "")
        table.rows.append([rs.name, band, _span(rs.median_range), codes])
    text = Text(
        "Base pay, not bonuses or stock. Each BLS occupation's percentiles, the chart and your "
        "listings' ranges: add --full, or name one or two roles. Source: "
        f"{wages.citation}."
    )
    return Doc([table, text], sources=[wages.citation])


def salary_doc(results: list[RoleSalary], wages: Wages, area: str) -> Doc:
    from careercli.render import Bars
    from careercli.salary import pay_notes

    table = Table(
        ["Role", "BLS occupation (proxy)", "p10", "p25", "Median", "p75", "p90", "Level band"],
        title=f"Annual wages, {'United States' if area == 'US' else area} (BLS OEWS)",
        flexible=1,
    )
    for rs in results:
        band = rs.band_range
        if rs.match == "weak":
            band_text = "no close BLS occupation"
        elif band:
            band_text = f"{rs.level}: {_band_name(rs.band)}\n{_span(band)}"
        else:
            band_text = ""
        if not rs.wages:
            table.rows.append([rs.name, "no BLS figures for this area", "", "", "", "", "", ""])
        for n, w in enumerate(rs.wages):
            table.rows.append(
                [
                    rs.name if n == 0 else "",
                    f"{w.title} ({w.soc})" + (" (nearest)" if rs.match == "weak" else ""),
                    *(_wage_short(w, k) for k in ("p10", "p25", "p50", "p75", "p90")),
                    band_text if n == 0 else "",
                ]
            )
    table.stack = [[0], [1], [2, 3], [4], [5, 6], [7]]
    listing_table = Table(
        ["Role", "Listings", "Lowest", "Median midpoint", "Highest", "Against BLS"],
        title="Salary ranges in your stored and bundled listings (yearly, USD)",
    )
    for rs in results:
        ls = rs.listings
        if ls:
            listing_table.rows.append(
                [
                    rs.name,
                    str(ls.count),
                    money(ls.min),
                    money(ls.median),
                    money(ls.max),
                    rs.disagreement or "within the band",
                ]
            )
    bars = Bars(
        "Level bands (━) and median ranges (┃) on one scale",
        [
            (rs.name, *rs.band_range, (rs.median_range or (None, None))[0])
            for rs in results
            if rs.band_range
        ],
    )
    notes = pay_notes(wages)
    example = results[0].name if results else "Lead Machine Learning Engineer"
    text = Text(
        "A role's figures are those of the BLS occupations it maps to (its SOC proxies, named "
        f"above); BLS does not survey job titles such as '{example}'. "
        f"{notes['bands']} Where no BLS occupation is close, no band is given. {notes['pay']} "
        f"{notes['top_coding']} Source: {wages.citation}."
    )
    blocks: list[Any] = [table, bars]
    if listing_table.rows:
        blocks.append(listing_table)
    blocks.append(text)
    return Doc(blocks, sources=[wages.citation, *notes["sources"]])


def _hours(hours: float) -> str:
    return f"about {hours:,.0f} hour" + ("" if round(hours) == 1 else "s")


def plan_doc(plan: Plan) -> Doc:
    stages = plan.stages
    intro = (
        f"Plan toward {plan.role_name}: fit {_pct(plan.fit_now)} now, "
        f"{_pct(plan.fit_after)} once every item is learned; {_hours(plan.hours)} of study "
        "and practice in all."
    )
    if plan.hours_per_week and stages:
        weeks = sum(s.weeks or 0 for s in stages)
        intro += (
            f"\nAt {plan.hours_per_week:g} hours a week: {weeks} weeks, done around "
            f"{stages[-1].finish}."
        )
    if plan.known:
        intro += f"\nAlready known: {', '.join(plan.known)}"
    if plan.skipped:
        intro += f"\nSkipped: {', '.join(plan.skipped)}"
    if plan.demand_listings:
        intro += (
            f"\nWithin each stage, what more of your {plan.demand_listings:,} stored "
            f"{plan.role_name} listings ask for comes first."
        )
    blocks: list[Any] = [Text(intro)]
    for stage in stages:
        when = f", {stage.weeks} week{'s' if stage.weeks != 1 else ''}, until {stage.finish}"
        table = Table(
            ["Skill", "Why", "Hours", "Status", "Certifications covering it"],
            title=f"Stage {stage.number} ({_hours(stage.hours)}{when if stage.weeks else ''})",
            flexible=4,
        )
        for item in stage.items:
            label = item.skill + (" (partly known)" if item.partial else "")
            why = item.reason
            if item.demand:
                why += f"; in {item.demand['share']:.0%} of your listings"
            table.rows.append(
                [
                    label,
                    why,
                    str(item.effort_hours),
                    item.status,
                    _first_certs(item.certifications),
                ]
            )
        blocks.append(table)
    if not plan.items:
        blocks.append(Text("Nothing left to learn for this role's skills."))
    elif not plan.hours_per_week:
        blocks.append(Text("Add --hours-per-week N to see weeks and a finish date."))
    if plan.professional:
        pro = Table(
            ["Professional skill", "In your skills"],
            title="Professional skills, to show in interviews and on your CV",
        )
        pro.rows = [[skill, "yes" if met else "-"] for skill, met in plan.professional]
        blocks.append(pro)
    steps = Table(["Step id", "Getting started", "Status"], title="Getting started", flexible=1)
    steps.rows = [[s["id"], s["text"], s["status"]] for s in plan.steps]
    steps.note = (
        "Mark progress: careercli progress done SKILL or STEP-ID. Hours are rough estimates "
        "(see `careercli plan --help`)."
    )
    blocks.append(steps)
    return Doc(blocks)


# --------------------------------------------------------------------------- profile, store, data


def profile_doc(prof: Profile, path: Path, catalog: Catalog, progress: Progress) -> Doc:
    from careercli.matching import Resolver

    table = Table(["", "Saved"], first_column_is_header=True)
    lines = []
    for r in Resolver(catalog).resolve_all(prof.skills):
        if r.skill is None:
            hint = f" (did you mean {', '.join(r.suggestions)}?)" if r.suggestions else ""
            lines.append(f"{r.input} → not recognised{hint}")
        elif r.how == "exact":
            lines.append(r.skill)
        else:
            lines.append(f"{r.input} → {r.skill} ({r.how})")
    table.rows.append(["Skills", "\n".join(lines) or "(none)"])
    names = [
        catalog.role_name(t) if catalog.has_role(t) else f"{t} (no longer in the catalog)"
        for t in prof.targets
    ]
    table.rows.append(["Target roles", "\n".join(names) or "(none)"])
    table.rows.append(["State", prof.state or "(none)"])
    table.rows.append(["Location", prof.location or "(none)"])
    background = [
        years_text(prof.years) + " of experience" if prof.years is not None else "",
        f"education: {prof.education}" if prof.education else "",
        f"level: {prof.level}" if prof.level else "",
    ]
    table.rows.append(["Background", "\n".join(b for b in background if b) or "(none)"])
    marks = [f"{k}: {v}" for k, v in {**progress.skills, **progress.steps}.items()]
    table.rows.append(["Progress", "\n".join(marks) or "(none)"])
    table.rows.append(["File", paths.shown(path)])
    return Doc([table])


def profile_json(prof: Profile, path: Path, catalog: Catalog) -> dict[str, Any]:
    from careercli.matching import Resolver

    return {
        "profile": {
            **prof.to_dict(),
            "resolved": [r.to_dict() for r in Resolver(catalog).resolve_all(prof.skills)],
        },
        "file": str(path),
    }


def import_doc(result: ImportResult, file: Path) -> Doc:
    parts = [
        f"Read {result.records} record(s) from {file}: imported {result.imported} into "
        f"{', '.join(result.sources) or 'no source'}, skipped {result.skipped}, "
        f"{result.duplicates} duplicate(s)."
    ]
    if result.warned:
        parts.append(f"{result.warned} field(s) could not be used and were left out.")
    parts += result.notes
    return Doc([Text(" ".join(parts))])


def sync_doc(results: list[SyncResult]) -> Doc:
    table = Table(["Source", "Result"])
    for r in results:
        text = f"{r.listings} listing(s)" if r.ok else "failed; store unchanged"
        if r.ok and r.notes:
            text += "; " + "; ".join(r.notes)
        table.rows.append([r.source, text])
    return Doc([table])


def folder_name(folder: Path | None) -> str:
    return str(folder) if folder else "the bundled catalog"


def validate_doc(folder: Path | None, problems: list[Problem], counts: dict[str, int]) -> Doc:
    where = folder_name(folder)
    if not problems:
        summary = (
            f"{counts['files']} files read ({counts['roles']} roles, {counts['skills']} skills, "
            f"{counts['certifications']} certifications, {counts['jobs']} jobs)"
        )
        return Doc([Text(f"OK: {where} is valid. {summary}.")])
    lines = "\n".join(str(p) for p in problems)
    return Doc([Text(lines, title=f"{len(problems)} problem(s) in {where}:", wrap=False)])


def validate_json(
    folder: Path | None, problems: list[Problem], counts: dict[str, int]
) -> dict[str, Any]:
    return {
        "valid": not problems,
        "folder": str(folder) if folder else None,
        "counts": counts,
        "problems": [
            {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
            for p in problems
        ],
    }


def unknown_note(unrecognized: list[Resolution]) -> str:
    """What to tell someone who saves skills careercli does not know ('' when none)."""
    if not unrecognized:
        return ""
    lines = ["Saved as typed, but these will not count until they match a known skill:"]
    for r in unrecognized[:20]:
        why = "could mean several; name one" if r.reason == "ambiguous" else "not recognised"
        ideas = f" (did you mean {', '.join(r.suggestions)}?)" if r.suggestions else ""
        lines.append(f"  {r.input}: {why}{ideas}")
    if len(unrecognized) > 20:
        lines.append(f"  ... and {len(unrecognized) - 20} more")
    return "\n".join(lines)


# --------------------------------------------------------------------------- fit to a job ad


def _gate_text(met: bool | None) -> str:
    return "-" if met is None else ("yes" if met else "NO")


def fit_doc(result: JobFit, explain: bool) -> Doc:
    """The fit to one job ad: what it asks, what you have, what is missing, the gates."""
    req = result.requirements
    blocks: list[Any] = []
    asks = Table(["Requirement", "Read as"] + (["From the ad"] if explain else []), title="The ad")
    rows = [
        ("Title", req.title or "-", ""),
        ("Seniority", req.level or "not said in the title", ""),
        ("Years", f"{req.years.min:g}+" if req.years else "not stated",
         req.years.evidence if req.years else ""),
        ("Degree", req.education.level if req.education else "not stated",
         req.education.evidence if req.education else ""),
        ("Work authorisation", req.authorization.text if req.authorization else "not stated",
         req.authorization.evidence if req.authorization else ""),
        ("Visa sponsorship",
         ("offered" if req.sponsorship.offered else "not offered") if req.sponsorship
         else "not stated", req.sponsorship.evidence if req.sponsorship else ""),
        ("Clearance", req.clearance.level if req.clearance else "none stated",
         req.clearance.evidence if req.clearance else ""),
    ]  # fmt: skip
    for name, value, evidence in rows:
        asks.rows.append([name, value, evidence] if explain else [name, value])
    blocks.append(asks)
    professional = {skill for skill, _ in result.professional}
    technical = [f for f in result.skills if f.skill not in professional]
    lines = [f"Fit: {_pct(result.fit)} over the ad's {len(technical)} technical skills"]
    if result.role:
        lines[0] += f" (title: {result.role[1]})"
    if explain:
        earned, total = result.weights
        lines.append(
            f"Fit = 100 × {earned:g} / {total} = {result.fit:g} (required weigh 3, "
            "nice-to-have 1; credit 1 for a skill you have or one it is a kind of, 0.5 for one "
            "it is evidence of; professional skills are listed apart)"
        )
    blocks.append(Text("\n".join(lines)))
    have = {m.skill: m for m in result.matched}
    skills = Table(
        ["Skill", "Importance", "You", "How"] + (["From the ad"] if explain else []),
        title="Technical skills the ad names",
        flexible=4 if explain else None,
    )
    for f in technical:
        m = have.get(f.skill)
        you = "yes" if m and m.credit >= 1 else ("partly" if m else "-")
        how = f"{m.input} ({SOURCE_LABEL.get(m.source, m.source)}): {_how(m)}" if m else ""
        row = [f.skill, f.importance, you, how]
        skills.rows.append([*row, f.evidence] if explain else row)
    blocks.append(skills)
    if result.missing:
        missing = Table(
            ["#", "Skill to learn", "Importance", "Certifications covering it"],
            title="What is missing, in the order to learn it",
            flexible=3,
        )
        for n, g in enumerate(result.missing, 1):
            label = g["skill"] + (" (partly, implied)" if g["partial"] else "")
            if g["prerequisites_missing"]:
                label += f"\nfirst: {', '.join(g['prerequisites_missing'])}"
            missing.rows.append([str(n), label, g["importance"], _first_certs(g["certifications"])])
        blocks.append(missing)
    if result.professional:
        pro = Table(["Professional skill", "In your skills"], title="Professional skills asked for")
        pro.rows = [[s, "yes" if met else "-"] for s, met in result.professional]
        pro.note = "A list of tools cannot show these; they are not part of the fit."
        blocks.append(pro)
    if result.gates:
        gates = Table(["Gate", "The ad needs", "You", "Met"], title="Gates")
        for gate in result.gates:
            you = "-" if gate.have is None else str(gate.have)
            if gate.kind == "years" and isinstance(gate.have, (int, float)):
                you = years_text(float(gate.have))
            need = f"{gate.need:g}+ years" if gate.kind == "years" else str(gate.need)
            gates.rows.append([gate.kind, need, you, _gate_text(gate.met)])
        gates.note = (
            "Met is '-' where your background is not known (--years, --education, your "
            "profile or résumé); "
            "authorisation, sponsorship and clearance are yours to check."
        )
        blocks.append(gates)
    if result.steps:
        start = ["How to start (" + (result.role[1] if result.role else "") + "):"]
        start += [f"  {n}. {s}" for n, s in enumerate(result.steps, 1)]
        blocks.append(Text("\n".join(start)))
    if explain and result.resolutions:
        res = Table(["Input", "Resolved to", "From", "Evidence"], title="Your skills as read")
        for r in result.resolutions:
            res.rows.append(
                [
                    r.input,
                    r.skill or f"(not recognised: {r.reason or 'unknown'})",
                    SOURCE_LABEL.get(r.source, r.source),
                    r.evidence or "",
                ]
            )
        blocks.append(res)
    return Doc(blocks)


def progress_doc(progress: Progress) -> Doc:
    table = Table(["Marked", "Skills", "Steps"], title="Your progress", flexible=1)
    for status, label in (("done", "done"), ("learning", "learning"), ("skip", "skipped")):
        skills = [k for k, v in progress.skills.items() if v == status]
        steps = [k for k, v in progress.steps.items() if v == status]
        if skills or steps:
            table.rows.append([label, ", ".join(skills) or "-", "\n".join(steps) or "-"])
    table.note = (
        "Nothing marked yet. Mark one: careercli progress done SKILL (or a plan step id)"
        if not table.rows
        else "Change a mark: careercli progress done|learning|skip|reset ITEM"
    )
    return Doc([table])


def progress_json(progress: Progress, path: Path) -> dict[str, Any]:
    return {"progress": progress.to_dict(), "file": str(path)}
