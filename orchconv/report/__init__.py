"""`orchconv report`: one self-contained HTML page (or JSON) about a migration: what each
key of each service becomes in the target, the lint findings, the graph, the generated
files and what a person must still do.  data.py gathers, html.py renders (jinja2)."""
