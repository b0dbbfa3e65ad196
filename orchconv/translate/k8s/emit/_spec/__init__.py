"""Declarations of this package's records, as dataclasses: what mypy and readers see.

scripts/gen_records.py writes each into the module of the same name one level up
(see orchconv/ir/_spec); nothing imports these at run time.
"""
