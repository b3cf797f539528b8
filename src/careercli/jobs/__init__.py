"""Job listings, one module per concern:

- `model`: the listing, the query, and `make_listing` (a raw record → a listing)
- `normalize`: the one cleaner per field (job type, date, remote, money and period, level)
- `files`: JobSpy CSV and JSON/YAML listing files
- `boards` and `http`: the public job-board APIs `jobs sync` reads
- `sync`: one transaction per source
- `store`: the SQLite store and its filters
- `query`: listings for a person, with fit to their skills
- `tagger`: the role a title means and the skills a description names
"""
