"""Findings grouped by the part of the report they concern, for ``govreport check``.

A finding's path says where it is: ``sections[2]…`` is the third section; ``tables.requests…``
the section that shows that table (or the attached tables, 附表); anything else concerns the
report as a whole, its opening or its key figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import numbering
from ..build import section_heading
from ..model import Report
from ..tables.reports import ATTACHMENTS_HEADING
from . import Finding, Severity

if TYPE_CHECKING:
    from ..editions import Edition

WHOLE = "全文"
OPENING = "开头"
FIGURES = "关键数字（[figures]）"
_SECTION = re.compile(r"sections\[(\d+)\]")


def _section_labels(report: Report, edition: Edition) -> list[str]:
    return [
        numbering.section_number(index) + section_heading(section, edition)
        for index, section in enumerate(report.sections, start=1)
    ]


def _group_of(path: str, report: Report, edition: Edition, labels: list[str]) -> str:
    match = _SECTION.match(path)
    if match and int(match.group(1)) < len(labels):
        return labels[int(match.group(1))]
    if path.startswith("tables."):
        key = path.split(".")[1]
        for index, section in enumerate(report.sections):
            part = edition.part(section.part) if section.part else None
            if part is not None and part.table == key:
                return labels[index]
        return ATTACHMENTS_HEADING
    if path.startswith("introduction"):
        return OPENING
    if path.startswith("figures."):
        return FIGURES
    return WHOLE


def group_by_section(
    findings: Sequence[Finding], report: Report
) -> list[tuple[str, list[Finding]]]:
    """The findings by group, groups in the order of the report (whole report first).

    ``report`` is a loaded report: its sections are named after the edition resolved then.
    """
    edition = report.edition_spec
    if edition is None:
        raise ValueError("group the findings of a loaded report (govreport.load)")
    labels = _section_labels(report, edition)
    order = [WHOLE, OPENING, *labels, ATTACHMENTS_HEADING, FIGURES]
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(_group_of(finding.path, report, edition, labels), []).append(finding)
    return sorted(groups.items(), key=lambda item: order.index(item[0]))


def origin_of(path: str, report: Report) -> str | None:
    """Where in the published file a finding's place was printed (``第3–4页``), for a report
    imported from one; None otherwise. Only the tables' places are recorded."""
    source = report.source
    if source is None or not path.startswith("tables."):
        return None
    return source.tables.get(path.split(".")[1])


def blocking(findings: Sequence[Finding], draft: bool = False) -> list[Finding]:
    """The findings that keep a report from being built: errors and inconsistencies, unless
    the report is a draft (a draft always builds, marked as one)."""
    if draft:
        return []
    return [finding for finding in findings if finding.severity is not Severity.WARNING]


def verdict(findings: Sequence[Finding], draft: bool = False) -> str:
    """One line: whether the report may go out, and how many findings of each severity.

    A draft never "passes": it says what is left and how to finish it.
    """
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    summary = "、".join(f"{severity.label} {counts[severity]} 个" for severity in Severity)
    if counts[Severity.ERROR] or counts[Severity.INCONSISTENCY]:
        return f"不通过：{summary}，请修改后再发布。"
    if draft:
        return f"草稿：{summary}；填写完成后删去 draft = true，再检查一次。"
    if not findings:
        return "通过：未发现问题。"
    return f"通过：{summary}，请人工核对提示。"
