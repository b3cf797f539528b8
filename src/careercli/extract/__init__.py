"""Skills and requirements read from free text: a résumé, a job ad, a listing's description.

`extract(catalog, text)` finds the taxonomy's skills, each with the sentence it came from;
`requirements(...)` reads what a job ad asks for beyond skills (years, degree, authorisation,
sponsorship, clearance, seniority). Pure: text in, plain data out.
"""

from careercli.extract.skills import Extraction, Found, Mention, extract, index_for

__all__ = ["Extraction", "Found", "Mention", "extract", "index_for"]
