"""`report --format json`: the same data as the page, for other tools."""

from __future__ import annotations

import json
from dataclasses import asdict

from orchconv.redaction import mask
from orchconv.report.data import ReportData

VERSION = 1


def write_json(data: ReportData) -> str:
    body = {"version": VERSION, **asdict(data)}
    return mask(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
