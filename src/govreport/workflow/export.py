"""``govreport export``: a report's data as JSON that loads back to the same report.

The JSON has the keys of the report file (see :mod:`.data`), with dates as ``"YYYY-MM-DD"``, and
one key more, ``computed``, which is output only (the loader ignores it): the title as built and
every cell of the report's table format by its stable key, totals computed.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from ..loader import MAX_JSON_BYTES, LoadedReport
from .data import report_data, shown_cells


def _json_default(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def export_data(loaded: LoadedReport) -> dict[str, Any]:
    """The report's data with its ``computed`` title and cells."""
    report = loaded.report
    title = report.title or loaded.edition.title_template.format(
        agency=report.agency.name, year=report.year
    )
    computed = {"title": title, "cells": shown_cells(report)}
    return {**report_data(report, loaded.registry), "computed": computed}


def export_json(loaded: LoadedReport) -> str:
    """The report as JSON text (UTF-8, Chinese unescaped, two-space indents, final newline).

    A report so large that the indented JSON would pass the JSON file limit is written without
    indents, so every report that loads exports to a file that loads again.
    """
    data = export_data(loaded)
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    if len(text.encode("utf-8")) > MAX_JSON_BYTES:
        compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_default)
        text = compact + "\n"
    return text
