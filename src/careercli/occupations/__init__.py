"""The O*NET tier: every occupation next to the curated roles. `data` reads the built files,
`titles` maps job titles to occupations and roles."""

from careercli.occupations.data import Details, Occupation, Onet, Technology, onet

__all__ = ["Details", "Occupation", "Onet", "Technology", "onet"]
