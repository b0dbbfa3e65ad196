"""The IR's declarations, as dataclasses: what mypy and readers see.

scripts/gen_records.py writes each into the module of the same name one level up as
plain slotted classes with their methods written out, so that a run does not pay
for @dataclass building them at every start; nothing imports these at run time.
"""
