"""Turn core results into the document model (tables, text) and JSON-ready dicts.

Each command's table, Markdown and CSV come from one Doc, and its JSON from one dict, both built
from the same core objects, so the formats never disagree.
"""

from __future__ import annotations

from typing import Any

from careercli.catalog import Catalog, Role, skill_overlap
from careercli.render import Doc, Table, Text, bullets

SECTIONS = (
    "definition",
    "responsibilities",
    "skills",
    "education",
    "certifications",
    "tools",
    "industries",
    "outlook",
    "steps",
    "related",
    "common",
)
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
        table.rows.append([SECTION_TITLES[section], section_cell(catalog, role, section)])
    if role.aliases:
        table.rows.append(["Also called", ", ".join(role.aliases)])
    table.rows.append(["SOC codes", ", ".join(role.soc)])
    table.rows.append(["Sources", bullets(role.sources) + f"\nReviewed: {role.reviewed}"])
    return Doc([table])


def compare_doc(
    catalog: Catalog,
    roles: list[Role],
    sections: list[str],
    extra_rows: dict[str, list[str]] | None = None,
) -> Doc:
    table = Table(["", *(r.name for r in roles)], first_column_is_header=True)
    common, overlap = skill_overlap(roles)
    for section in sections:
        if extra_rows and section in extra_rows:
            table.rows.append([SECTION_TITLES[section], *extra_rows[section]])
        elif section == "common":
            names = ", ".join(common) or "(none)"
            text = f"{names}\nSkill overlap: {overlap:g}% of all skills named"
            table.rows.append([SECTION_TITLES[section], text, *([""] * (len(roles) - 1))])
        else:
            table.rows.append(
                [SECTION_TITLES[section], *(section_cell(catalog, r, section) for r in roles)]
            )
    return Doc([table])


def compare_json(catalog: Catalog, roles: list[Role], extra: dict[str, Any] | None = None) -> dict:
    common, overlap = skill_overlap(roles)
    out: dict[str, Any] = {
        "roles": [r.to_dict(catalog) for r in roles],
        "comparison": {"skills_in_common": common, "skill_overlap": overlap},
    }
    if extra:
        out["comparison"].update(extra)
    return out


# --------------------------------------------------------------------------- gap and skills


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def _how(m: Any) -> str:
    if m.how == "fuzzy":
        return f"fuzzy ({m.score:g})"
    if m.how == "implied":
        return f"implied by {m.input}"
    return m.how


def gap_doc(report: Any, detail_ids: list[str], explain: bool) -> Doc:
    blocks: list[Any] = []
    if explain:
        res = Table(["Input", "Resolved to", "How", "Score"], title="How your inputs were read")
        for r in report.resolutions:
            res.rows.append(
                [
                    r.input,
                    r.skill or "(not recognised)",
                    r.how or "-",
                    "" if r.score is None else f"{r.score:g}",
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
                rf.name,
                _pct(rf.fit),
                f"{rf.required_met} of {rf.required_total}",
                ", ".join(gaps) or "-",
            ]
        )
    blocks.append(ranking)
    for rf in (r for r in report.roles if r.id in detail_ids):
        matched = Table(["Skill", "From your input", "How"], title=f"{rf.name}: what you have")
        matched.rows = [[m.skill, m.input, _how(m)] for m in rf.matched]
        blocks.append(matched)
        missing = Table(
            ["#", "Skill to learn", "Importance", "Certification that covers it"],
            title=f"{rf.name}: what is missing, in the order to learn it",
            flexible=3,
        )
        for n, g in enumerate(rf.missing, 1):
            label = g.skill + (" (partly, implied)" if g.partial else "")
            if g.prerequisites:
                label += f"\nfirst: {', '.join(g.prerequisites)}"
            certs = "\n".join(g.certifications[:2]) or "-"
            if len(g.certifications) > 2:
                certs += f"\n(+{len(g.certifications) - 2} more)"
            missing.rows.append([str(n), label, g.importance, certs])
        blocks.append(missing)
        lines = []
        if rf.next_best:
            nb = rf.next_best
            lines.append(f"Next best skill: {nb['skill']} (fit {_pct(rf.fit)} → {_pct(nb['fit'])})")
        if rf.certifications:
            lines.append("Certifications for this role: " + "; ".join(rf.certifications))
        lines.append("How to start:")
        lines += [f"  {n}. {s}" for n, s in enumerate(rf.steps, 1)]
        if explain:
            lines.append(
                f"Fit = 100 × {rf.weight_earned:g} / {rf.weight_total} = {rf.fit:g} "
                "(weights: required 3, nice-to-have 1 unless the role sets one; "
                "credit: 1 for a skill you have, 0.5 if implied)"
            )
        blocks.append(Text("\n".join(lines)))
    if report.unrecognized:
        unk = Table(["Input", "Did you mean"], title="Not recognised")
        unk.rows = [[r.input, ", ".join(r.suggestions) or "-"] for r in report.unrecognized]
        unk.note = 'See how any input is read with: careercli skills "INPUT"'
        blocks.append(unk)
    return Doc(blocks)


def resolutions_doc(resolutions: list[Any]) -> Doc:
    table = Table(["Input", "Skill", "How", "Score", "Did you mean"])
    for r in resolutions:
        table.rows.append(
            [
                r.input,
                r.skill or "(not recognised)",
                r.how or "-",
                "" if r.score is None else f"{r.score:g}",
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
