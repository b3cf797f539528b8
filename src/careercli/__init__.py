"""careercli: an offline command-line career advisor for data, analytics, ML and software roles."""

__version__ = "0.1.0"
