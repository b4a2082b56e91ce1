"""GR7xx — format deviations: what a published report printed that does not fit the format.

A report imported from a published document (``govreport import``, ``check FILE.pdf``) keeps
what was printed but does not fit the format under ``[[source.deviations]]``: a reworded row
label, a missing or extra column, a heading of its own. The rules here list each one, with where
it was found, so the person checking the report can decide whether it matters.
"""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks import Flag, Severity, rule
from govreport.model import Deviation, Report

from .reading import table_name


def _where(report: Report, deviation: Deviation) -> str:
    """Where the deviation was found: its origin and, for a table, the table's name."""
    parts = [deviation.origin] if deviation.origin else []
    table_format = report.table_format
    head, _, rest = deviation.place.partition(".")
    if head == "tables" and table_format is not None:
        key = rest.partition(".")[0]
        spec = next((spec for spec in table_format.tables if spec.key == key), None)
        if spec is not None:
            parts.append(table_name(spec))
    return " ".join(parts) or deviation.place


def _what(deviation: Deviation) -> str:
    """What was printed against what the format has there."""
    if not deviation.printed:
        return f"缺少格式中的“{deviation.expected}”"
    if not deviation.expected:
        return f"印有格式中没有的“{deviation.printed}”"
    return f"印为“{deviation.printed}”，格式为“{deviation.expected}”"


@rule(
    "GR701",
    Severity.WARNING,
    "已发布的报告与格式不符之处",
    basis="国办公开办函〔2021〕30号附件规定了年度报告的格式和统计表；"
    "导入已发布的报告时，原文与格式不符之处照原样保留并逐条列出。",
)
def format_deviations(report: Report) -> Iterator[Flag]:
    """Each deviation recorded under ``[[source.deviations]]`` is listed, with where it was found.

    Example:
        ```toml
        [[source.deviations]]
        place = "tables.requests.withheld.law_forbidden"
        printed = "其他法律行政止公开"
        expected = "其他法律行政法规禁止公开"
        origin = "第3页"
        ```

        第3页“收到和处理政府信息公开申请情况”表：印为“其他法律行政止公开”，格式为“其他法律行政法规
        禁止公开”。The published report's row label differs from the format's.

    Fix:
        核对原文：是笔误的，在下一年度的报告中改正；导入有误的，改正报告文件并删去这一条。
        Check the published report: correct a typo in next year's report; if the import got it
        wrong, correct the report file and delete the entry.
    """
    if report.source is None:
        return
    for deviation in report.source.deviations:
        yield Flag(deviation.place, f"{_where(report, deviation)}：{_what(deviation)}。")
