"""Turn core results into the document model (tables, text) and JSON-ready dicts.

Each command's table, Markdown and CSV come from one Doc, and its JSON from one dict, both built
from the same core objects, so the formats never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercli.render import Doc, Table, Text, bullets, short_number
from careercli.vocab import Section

if TYPE_CHECKING:
    from careercli.catalog import Catalog, Role
    from careercli.catalog.yamlio import Problem
    from careercli.compare import Comparison
    from careercli.jobs.model import ImportResult, Listing
    from careercli.jobs.sync import SyncResult
    from careercli.matching import GapReport, Match, Resolution
    from careercli.plan import Plan
    from careercli.profile import Profile, Progress
    from careercli.salary import RoleSalary, Wages

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
    label = f"{cert.name} ({cert.code})" if cert.code else cert.name
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


def _related_cell(catalog: Catalog, role: Role) -> str:
    arrow = {"up": "↑", "down": "↓", "sideways": "↔"}
    return "\n".join(
        f"{arrow[r['relation']]} {catalog.role_name(r['role'])} ({r['role']})"
        for r in role.related
        if catalog.has_role(r["role"])
    )


def section_cell(catalog: Catalog, role: Role, section: str) -> str:
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
        return _related_cell(catalog, role)
    raise KeyError(section)


def roles_doc(roles: list[Role]) -> Doc:
    table = Table(["Role (id)", "Track · level", "Summary"], flexible=2)
    table.rows = [[f"{r.name}\n{r.id}", f"{r.track}\n{r.level}", r.summary] for r in roles]
    table.note = f"{len(roles)} roles. Details: careercli show ROLE; compare: careercli compare A B"
    return Doc([table])


def show_doc(catalog: Catalog, role: Role) -> Doc:
    table = Table(["", role.name], first_column_is_header=True)
    table.rows.append(["Summary", f"{role.summary}\nTrack: {role.track} · Level: {role.level}"])
    for section in SECTIONS[:-1]:
        if section != "salary":
            table.rows.append([SECTION_TITLES[section], section_cell(catalog, role, section)])
    if role.aliases:
        table.rows.append(["Also called", ", ".join(role.aliases)])
    table.rows.append(["SOC codes", ", ".join(role.soc)])
    table.rows.append(["Sources", bullets(role.sources) + f"\nReviewed: {role.reviewed}"])
    return Doc([table])


def compare_doc(catalog: Catalog, result: Comparison, sections: list[str]) -> Doc:
    roles = result.roles
    table = Table(["", *(r.name for r in roles)], first_column_is_header=True)
    common, overlap = result.common
    for section in sections:
        if section == "salary":
            table.rows.append([SECTION_TITLES[section], *map(salary_cell, result.salaries)])
        elif section == "common":
            names = ", ".join(common) or "(none)"
            text = f"{names}\nSkill overlap: {overlap:g}% of all skills named"
            table.rows.append([SECTION_TITLES[section], text, *([""] * (len(roles) - 1))])
        else:
            table.rows.append(
                [SECTION_TITLES[section], *(section_cell(catalog, r, section) for r in roles)]
            )
    return Doc([table])


def compare_json(catalog: Catalog, result: Comparison) -> dict[str, Any]:
    common, overlap = result.common
    return {
        "roles": [r.to_dict(catalog) for r in result.roles],
        "comparison": {
            "skills_in_common": common,
            "skill_overlap": overlap,
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


def _first_certs(names: tuple[str, ...] | list[str]) -> str:
    if not names:
        return "-"
    more = f" (+{len(names) - 1} more)" if len(names) > 1 else ""
    return names[0] + more


def gap_doc(report: GapReport, detail_ids: list[str], explain: bool) -> Doc:
    blocks: list[Any] = []
    if explain:
        res = Table(
            ["Input", "Resolved to", "How", "Level / years", "From"],
            title="How your inputs were read",
        )
        for r in report.resolutions:
            res.rows.append(
                [
                    r.input,
                    r.skill or f"(not recognised: {r.reason or 'unknown'})",
                    _resolution_how(r),
                    _qualifiers(r),
                    SOURCE_LABEL.get(r.source, r.source),
                ]
            )
        blocks.append(res)
    ranking = Table(
        ["#", "Role", "Fit", "Required met", "Top gaps"],
        title=f"Roles ranked by fit ({len(report.roles)} of {report.ranked_total})",
        flexible=4,
    )
    for n, rf in enumerate(report.roles, 1):
        gaps = [g.skill for g in rf.missing if g.importance == "required"][:3]
        ranking.rows.append(
            [
                str(n),
                rf.name if rf.kind == "role" else f"{rf.name} (O*NET {rf.id})",
                _pct(rf.fit),
                f"{rf.required_met} of {rf.required_total}",
                ", ".join(gaps) or "-",
            ]
        )
    blocks.append(ranking)
    for rf in (r for r in report.roles if r.id in detail_ids):
        matched = Table(["Skill", "From", "How"], title=f"{rf.name}: what you have")
        matched.rows = [
            [m.skill, f"{m.input} ({SOURCE_LABEL.get(m.source, m.source)})", _how(m)]
            for m in rf.matched
        ]
        blocks.append(matched)
        missing = Table(
            ["#", "Skill to learn", "Importance", "Certifications covering it"],
            title=f"{rf.name}: what is missing, in the order to learn it",
            flexible=3,
        )
        for n, g in enumerate(rf.missing, 1):
            label = g.skill + (" (partly, implied)" if g.partial else "")
            status = report.statuses.get(g.skill)
            if status in ("learning", "skip"):
                label += " (learning)" if status == "learning" else " (skipped)"
            if g.prerequisites:
                label += f"\nfirst: {', '.join(g.prerequisites)}"
            missing.rows.append([str(n), label, g.importance, _first_certs(g.certifications)])
        blocks.append(missing)
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
        if rf.certifications:
            lines.append("Certifications for this role: " + "; ".join(rf.certifications))
        lines.append("How to start:")
        lines += [f"  {n}. {s}" for n, s in enumerate(rf.steps, 1)]
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
                "implies": list(s.implies),
                "prerequisites": list(s.prerequisites),
            }
            for s in catalog.skills.values()
        ],
    }


# --------------------------------------------------------------------------- jobs and salary


def money(value: float | None) -> str:
    return "?" if value is None else "$" + short_number(value)


def salary_text(salary: dict[str, Any] | None) -> str:
    if not salary:
        return ""
    unit = {"year": "/yr", "month": "/mo", "week": "/wk", "day": "/day", "hour": "/hr"}.get(
        salary.get("period") or "year", ""
    )
    cur = "" if salary.get("currency") in (None, "USD") else f" {salary['currency']}"
    lo, hi = salary.get("min"), salary.get("max")
    if salary.get("period") == "hour":
        fmt = lambda v: "?" if v is None else f"${v:,.2f}".replace(".00", "")  # noqa: E731
    else:
        fmt = money
    span = fmt(lo) if lo == hi or hi is None else f"{fmt(lo)}–{fmt(hi)}"
    return f"{span}{unit}{cur}"


def _remote_text(remote: Any) -> str:
    return {True: "remote", False: "on-site", "hybrid": "hybrid"}.get(remote, "")


def jobs_doc(listings: list[Listing], with_fit: bool, catalog: Catalog) -> Doc:
    cols = ["Title", "Company", "Location", "Remote", "Type", "Level", "Salary", "Posted"]
    cols += ["Role", "Source", "URL"]
    if with_fit:
        cols.append("Fit")
    table = Table(cols, flexible=0)
    for job in listings:
        role = catalog.role_name(job.role) if job.role and catalog.has_role(job.role) else ""
        row = [
            job.title,
            job.company or "",
            job.location or "",
            _remote_text(job.remote),
            job.type or "",
            job.level or "",
            salary_text(job.salary),
            job.posted or "",
            role,
            job.source,
            job.url or "",
        ]
        if with_fit:
            row.append("" if job.fit is None else f"{job.fit:.0f}%")
        table.rows.append(row)
    # terminal: title+company+role | where | level/type | salary | posted | fit
    stack = [[0, 1, 8], [2, 3], [5, 4], [6], [7]]
    if with_fit:
        stack.append([11])
    table.stack = stack
    table.note = f"{len(listings)} listing(s)." + (
        "" if listings else " Try fewer filters, `careercli jobs sync` or `careercli jobs import`."
    )
    return Doc([table])


def _when(stamp: str | None) -> str:
    if not stamp:
        return "-"
    return stamp.replace("T", " ")[:16] + (" UTC" if stamp.endswith("+00:00") else "")


def sources_doc(sources: list[dict[str, Any]]) -> Doc:
    table = Table(["Source", "Kind", "Listings", "Last synced", "From"], flexible=4)
    table.rows = [
        [s["source"], s["kind"], str(s["count"]), _when(s["synced"]), s["origin"] or ""]
        for s in sources
    ]
    return Doc([table])


def _band_name(band: tuple[str, str]) -> str:
    return f"{band[0]}–{band[1]}"


def salary_cell(rs: RoleSalary) -> str:
    """One role's wage summary, as used by `salary` and the compare row."""
    lines = []
    for w in rs.wages:
        lines.append(
            f"{w.title} (SOC {w.soc}, {w.area}): median {w.text('p50')}; "
            f"p10 {w.text('p10')}, p90 {w.text('p90')}"
        )
    band = rs.band_range
    if band:
        lines.append(
            f"Level '{rs.level}' read as {_band_name(rs.band)}: {money(band[0])}–{money(band[1])}"
        )
    if not rs.wages:
        lines.append("No BLS figures for this role's SOC code(s) in this area.")
    if rs.listings:
        ls = rs.listings
        lines.append(
            f"Listings: {ls.count}, {money(ls.min)}–{money(ls.max)}, median {money(ls.median)}"
        )
    return "\n".join(lines)


def _wage_short(w: Any, key: str) -> str:
    value = w.values.get(key)
    if value is None:
        return "n/a"
    return ("≥ " if key in w.flags else "") + money(value)


def salary_doc(results: list[RoleSalary], wages: Wages, area: str) -> Doc:
    from careercli.render import Bars

    table = Table(
        ["Role", "BLS occupation (SOC proxy)", "p10", "p25", "Median", "p75", "p90", "Level band"],
        title=f"Annual wages, {'United States' if area == 'US' else area} (BLS OEWS)",
        flexible=1,
    )
    for rs in results:
        band = rs.band_range
        band_text = (
            f"{rs.level}: {_band_name(rs.band)}\n{money(band[0])}–{money(band[1])}" if band else ""
        )
        if not rs.wages:
            table.rows.append([rs.name, "no BLS figures for this area", "", "", "", "", "", ""])
        for n, w in enumerate(rs.wages):
            table.rows.append(
                [
                    rs.name if n == 0 else "",
                    f"{w.title} ({w.soc})",
                    *(_wage_short(w, k) for k in ("p10", "p25", "p50", "p75", "p90")),
                    band_text if n == 0 else "",
                ]
            )
    table.stack = [[0], [1], [2, 3], [4], [5, 6], [7]]
    listing_table = Table(
        ["Role", "Listings", "Lowest", "Median midpoint", "Highest"],
        title="Salary ranges in your stored and bundled listings (yearly, USD)",
    )
    for rs in results:
        ls = rs.listings
        if ls:
            listing_table.rows.append(
                [rs.name, str(ls.count), money(ls.min), money(ls.median), money(ls.max)]
            )
    bars = Bars(
        "Level bands (━) and medians (┃) on one scale",
        [
            (rs.name, *rs.band_range, (rs.wages[0].values.get("p50") if rs.wages else None))
            for rs in results
            if rs.band_range
        ],
    )
    notes = Text(
        "A role's figures are those of the BLS occupation it maps to (its SOC code); BLS does "
        "not survey job titles such as 'Lead Machine Learning Engineer'. Seniority is "
        "approximated by a percentile band: intern/junior p10–p25, mid p25–p75, senior "
        "p50–p75, lead/principal/manager p75–p90. '≥' marks BLS top-coded values. "
        f"Source: {wages.citation}."
    )
    blocks: list[Any] = [table, bars]
    if listing_table.rows:
        blocks.append(listing_table)
    blocks.append(notes)
    return Doc(blocks)


def plan_doc(plan: Plan) -> Doc:
    blocks: list[Any] = [
        Text(
            f"Plan toward {plan.role_name}: fit {_pct(plan.fit_now)} now, "
            f"{_pct(plan.fit_after)} once every item is learned."
            + (f"\nAlready known: {', '.join(plan.known)}" if plan.known else "")
            + (f"\nSkipped: {', '.join(plan.skipped)}" if plan.skipped else "")
        )
    ]
    for n, items in enumerate(plan.stages, 1):
        table = Table(
            ["Skill", "Why", "Status", "Certifications covering it"],
            title=f"Stage {n}",
            flexible=3,
        )
        for item in items:
            label = item.skill + (" (partly known)" if item.partial else "")
            table.rows.append([label, item.reason, item.status, _first_certs(item.certifications)])
        blocks.append(table)
    if not plan.items:
        blocks.append(Text("Nothing left to learn for this role's skills."))
    if plan.professional:
        pro = Table(
            ["Professional skill", "In your skills"],
            title="Professional skills, to show in interviews and on your CV",
        )
        pro.rows = [[skill, "yes" if met else "-"] for skill, met in plan.professional]
        blocks.append(pro)
    steps = Table(["Step id", "Getting started", "Status"], title="Getting started", flexible=1)
    steps.rows = [[s["id"], s["text"], s["status"]] for s in plan.steps]
    steps.note = "Mark progress: careercli progress done SKILL or STEP-ID"
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
    marks = [f"{k}: {v}" for k, v in {**progress.skills, **progress.steps}.items()]
    table.rows.append(["Progress", "\n".join(marks) or "(none)"])
    table.rows.append(["File", str(path)])
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
    return Doc(
        [
            Text(
                f"Imported {result.imported} listing(s) from {file} into "
                f"{', '.join(result.sources) or 'no source'}; "
                f"{len(result.problems)} row(s) skipped."
            )
        ]
    )


def sync_doc(results: list[SyncResult]) -> Doc:
    table = Table(["Source", "Result"])
    for r in results:
        table.rows.append(
            [r.source, f"{r.listings} listing(s)" if r.ok else "failed; store unchanged"]
        )
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
    return Doc([Text(lines, title=f"{len(problems)} problem(s) in {where}:")])


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
