"""Documents and JSON-ready dicts for the O*NET tier: the occupation list, one occupation,
what a title means, and career moves. Every occupation page ends with O*NET's attribution."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careercli.render import Doc, Table, Text, bullets

if TYPE_CHECKING:
    from careercli.occupations.data import Details, Occupation, Onet
    from careercli.occupations.moves import Moves
    from careercli.occupations.titles import TitleMapping
    from careercli.salary import Wage, Wages


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"${value:,.0f}"


def _median(onet: Onet, code: str, wages: Wages) -> int | None:
    wage = onet.wage(code, wages)
    value = wage.values.get("p50") if wage else None
    return int(value) if value is not None else None


# --------------------------------------------------------------------------- occupations


def occupations_json(onet: Onet, rows: list[Occupation], wages: Wages) -> dict[str, Any]:
    return {
        "occupations": [
            {
                "code": r.code,
                "title": r.title,
                "job_zone": r.job_zone,
                "typical_education": r.education,
                "median_wage": _median(onet, r.code, wages),
            }
            for r in rows
        ],
        "release": onet.release,
        "attribution": onet.attribution,
    }


def occupations_records(onet: Onet, rows: list[Occupation], wages: Wages) -> list[dict[str, Any]]:
    return occupations_json(onet, rows, wages)["occupations"]


def occupations_doc(onet: Onet, rows: list[Occupation], wages: Wages) -> Doc:
    table = Table(["Code", "Occupation", "Job zone", "Median wage"], flexible=1)
    for r in rows:
        zone = str(r.job_zone) if r.job_zone else "-"
        table.rows.append([r.code, r.title, zone, _money(_median(onet, r.code, wages))])
    table.note = (
        f"{len(rows)} occupation(s). Details: careercli show CODE. Median: BLS OEWS "
        f"{wages.data['release']}, national."
    )
    return Doc([table, Text(onet.attribution)])


# --------------------------------------------------------------------------- one occupation


def _wage_dict(wage: Wage | None) -> dict[str, Any] | None:
    return wage.to_dict() if wage else None


def occupation_json(onet: Onet, d: Details, wages: Wages) -> dict[str, Any]:
    occ = d.occupation
    return {
        "occupation": {
            "code": occ.code,
            "title": occ.title,
            "description": d.description,
            "job_zone": occ.job_zone,
            "tasks": d.tasks,
            "technology": [t.to_dict() for t in d.technology],
            "education": d.education,
            "wages": _wage_dict(onet.wage(occ.code, wages)),
            "related": [{"code": c, "title": onet[c].title, "tier": tier} for c, tier in d.related],
        }
    }


def _technology_cell(d: Details, limit: int = 25) -> str:
    lines = []
    for t in d.technology[:limit]:
        marks = [m for m, on in (("Hot", t.hot), ("In Demand", t.in_demand)) if on]
        extra = f" [{', '.join(marks)}]" if marks else ""
        skill = f" → {t.skill}" if t.skill and t.skill != t.name else ""
        lines.append(f"{t.name}{extra}{skill}")
    if len(d.technology) > limit:
        lines.append(f"... and {len(d.technology) - limit} more (--format json lists all)")
    return "\n".join(lines) or "(none listed)"


def _education_cell(d: Details) -> str:
    edu = d.education
    if not edu.get("typical"):
        return "(not rated)"
    shares = ", ".join(f"{k} {v:g}%" for k, v in edu["distribution"].items() if v)
    return f"Typical: {edu['typical']}\n{shares}"


def _wage_cell(wage: Wage | None) -> str:
    if wage is None:
        return "No BLS OEWS figures for this occupation."
    lines = [
        f"{wage.title} (SOC {wage.soc}, {wage.area}): median {wage.text('p50')}; "
        f"p10 {wage.text('p10')}, p90 {wage.text('p90')}"
    ]
    if wage.employment:
        lines.append(f"Employment: {wage.employment:,}")
    return "\n".join(lines)


def occupation_doc(onet: Onet, d: Details, wages: Wages) -> Doc:
    occ = d.occupation
    table = Table(["", occ.title], first_column_is_header=True)
    zone = f"{occ.job_zone}: {onet.job_zone_title(occ.job_zone)}" if occ.job_zone else "not rated"
    table.rows.append(["O*NET-SOC code", f"{occ.code} (job zone {zone})"])
    table.rows.append(["Description", d.description])
    table.rows.append(["Tasks", bullets(d.tasks) or "(none listed)"])
    table.rows.append(["Technology", _technology_cell(d)])
    if d.skills:
        table.rows.append(["Skills", ", ".join(n for n, _ in d.skills)])
    if d.knowledge:
        table.rows.append(["Knowledge", ", ".join(n for n, _ in d.knowledge)])
    table.rows.append(["Education", _education_cell(d)])
    table.rows.append(["Wages (BLS)", _wage_cell(onet.wage(occ.code, wages))])
    related = [f"{onet[c].title} ({c}, {tier})" for c, tier in d.related]
    table.rows.append(["Related", "\n".join(related) or "(none)"])
    return Doc([table, Text(onet.attribution)])


# --------------------------------------------------------------------------- titles


def title_doc(mapping: TitleMapping) -> Doc:
    if not mapping.matches:
        return Doc([Text(f"Nothing close to {mapping.title!r}: no role or occupation matched.")])
    table = Table(["#", "Kind", "Match", "SOC", "Score", "Matched"], flexible=2)
    for n, m in enumerate(mapping.matches, 1):
        table.rows.append(
            [str(n), m.kind, f"{m.name}\n{m.id}", m.soc or "-", f"{m.score:g}",
             f"{m.via_kind}: {m.via_text}"]
        )  # fmt: skip
    table.note = "Scores are 0-100; 100 is a title matched whole. Details: careercli show ID"
    return Doc([table])


# --------------------------------------------------------------------------- next


def _signed_money(value: int | None) -> str:
    if value is None:
        return "n/a"
    return ("+" if value >= 0 else "-") + f"${abs(value):,}"


SHOWN_TO_LEARN = 4


def _first(skills: list[str]) -> str:
    """The first few skills to learn, in order; the rest counted (all are in the JSON)."""
    if not skills:
        return "-"
    more = len(skills) - SHOWN_TO_LEARN
    return ", ".join(skills[:SHOWN_TO_LEARN]) + (f" (+{more} more)" if more > 0 else "")


def next_doc(result: Moves, attribution: str) -> Doc:
    o = result.origin
    zone = f", job zone {o.job_zone}" if o.job_zone else ""
    wage = f", median {_money(o.median_wage)}" if o.median_wage is not None else ""
    head = Text(f"From {o.name} ({o.kind} {o.id}{zone}{wage})")
    table = Table(
        ["#", "Move", "Related", "Fit", "Zone step", "Wage change", "To learn"], flexible=6
    )
    for n, m in enumerate(result.moves, 1):
        step = "-" if m.zone_step is None else f"{m.zone_step:+d}"
        fit = "-" if m.fit is None else f"{m.fit:.0f}%"
        table.rows.append(
            [str(n), f"{m.to.name}\n{m.to.kind} {m.to.id}", m.relatedness, fit, step,
             _signed_money(m.wage_change), _first(m.missing)]
        )  # fmt: skip
    table.stack = [[0], [1], [2, 4], [3, 5], [6]]
    note = "Wage change: national median (BLS OEWS) of the move minus yours."
    if not result.with_skills:
        note += " No skills given: To learn lists what the move requires; fit needs --skills."
    table.note = note
    blocks: list[Any] = [head, table]
    if not result.moves:
        blocks = [head, Text("No related roles or occupations are recorded for this one.")]
    if any(m.to.kind == "occupation" for m in result.moves) or o.kind == "occupation":
        blocks.append(Text(attribution))
    return Doc(blocks)
