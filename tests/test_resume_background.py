"""The background a résumé states (issue 13's eligibility, read from issue 14's résumés): years of
work from its experience dates or a stated "N years of experience", and the highest degree it
lists as held."""

from __future__ import annotations

import datetime as dt

import pytest

from careercli.resume import resume_background

TODAY = dt.date(2026, 11, 30)

CASES = {
    # text: (years, education)
    "EXPERIENCE\nAnalyst, Acme, Jan 2020 - Mar 2022\nLead, Beta, Apr 2022 – Present\n"
    "EDUCATION\nMSc Statistics, 2016-2018\nBSc Maths 2013-2016": (6.5, "master"),
    # overlapping jobs count once; a year alone counts from its middle
    "Work history:\n2019-2023 Consultant\n2021-2022 Part-time tutor\n": (4.0, None),
    "Summary: Data analyst with 5+ years of experience in retail.\n": (5.0, None),
    # a degree not yet held does not count; a diploma does
    "EDUCATION\nB.Sc. Statistics (expected 2027)\nHigh school diploma, 2023\n": (
        None,
        "high-school",
    ),
    # MS Excel is not a master's degree
    "Skills: MS Excel, MS Office\nEXPERIENCE\n2024 - present Clerk": (2.0, None),
    "## Education\nPh.D. Physics, 2025\nM.S. Physics 2021\n## Experience\nPostdoc 2025–present": (
        1.0,
        "phd",
    ),
    "Education\nPhoenix College — A.A. General Studies, 2016": (None, "associate"),
    "## Education\nLicenciatura en Sistemas, Universidad de Buenos Aires, 2020": (None, "bachelor"),
    # stated years beat shorter dates; dates beat a smaller statement
    "3 years of professional experience.\nEXPERIENCE\n2025 - present Analyst": (3.0, None),
    "Over 2 yrs experience\nEXPERIENCE\n06/2019 - 06/2025 Engineer": (6.0, None),
    # where the person is heading is not experience; a future date is not work done
    "Moving toward data science in 2024-2027.\nEXPERIENCE\n2030 - 2031 Astronaut": (None, None),
    # under Experience, "master's students" is not a degree held
    "EXPERIENCE\n2020 - 2022 Mentored master's students\nEDUCATION\nBA History": (2.0, None),
}


@pytest.mark.parametrize("text", list(CASES))
def test_years_and_degree_as_a_recruiter_reads_them(text):
    years, education = CASES[text]
    got = resume_background(text, TODAY)
    assert (got.years, got.education) == (years, education)
    assert (got.years_from is None) == (years is None)
    assert (got.education_from is None) == (education is None)


def test_each_fact_says_where_it_was_read():
    text = "EXPERIENCE\nLead, Beta, Apr 2022 – Present\nEDUCATION\nB.Sc. Maths, 2018"
    got = resume_background(text, TODAY)
    assert got.years_from == "work dated Apr 2022 – Present"
    assert got.education_from == "B.Sc. Maths, 2018"
    assert got.describe() == (
        "4.5 years of experience (work dated Apr 2022 – Present); "
        "a bachelor's degree (B.Sc. Maths, 2018)"
    )
