"""The commerce section kinds: their data and the text they build."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govreport import (
    Block,
    BuildContext,
    Paragraph,
    Run,
    non_negative,
    non_negative_number,
    not_blank,
    number_text,
)


def pass_rate(passed: int, reviewed: int) -> str:
    """Passed as a percentage of reviewed, one decimal, rounded half up: 293/339 → "86.4%"."""
    tenths = (passed * 2000 + reviewed) // (2 * reviewed)  # ‰, rounded half up, in whole numbers
    return f"{tenths // 10}.{tenths % 10}%"


@attrs.frozen
class ProjectPreReview:
    """项目落户预审: a numbered item whose closing sentence states the year's figures."""

    lead: str = attrs.field(validator=not_blank)
    meetings: int = attrs.field(validator=non_negative)
    reviewed: int = attrs.field(validator=non_negative)
    passed: int = attrs.field(validator=non_negative)
    text: str = ""


def build_project_prereview(data: ProjectPreReview, context: BuildContext) -> Iterator[Block]:
    figures = (
        f"{context.report.year}年，指导县级项目预审会{data.meetings}次，"
        f"预审项目{data.reviewed}个，通过{data.passed}个"
    )
    if data.reviewed:
        figures += f"，通过率{pass_rate(data.passed, data.reviewed)}"
    yield context.numbered_item(data.lead, data.text + figures + "。")


@attrs.frozen
class FundUse:
    """资金使用公开: funds above ``threshold`` 万元 are decided at collective meetings."""

    lead: str = attrs.field(validator=not_blank)
    threshold: float = attrs.field(validator=non_negative_number)
    meetings: int = attrs.field(validator=non_negative)
    funds: tuple[str, ...] = ()


def build_fund_use(data: FundUse, context: BuildContext) -> Iterator[Block]:
    text = (
        f"对全局{number_text(data.threshold)}万元以上财政资金使用情况，"
        "按照“三重一大”事项提交班子会研究决定。"
    )
    if data.funds:
        text += f"包括{'、'.join(data.funds)}等。"
    text += f"{context.report.year}年共召开涉及相关经费事项会议{data.meetings}次。"
    yield context.numbered_item(data.lead, text)


@attrs.frozen
class PortProject:
    """One port project: its name, where it stands and, optionally, its investment in 万元."""

    name: str = attrs.field(validator=not_blank)
    progress: str = attrs.field(validator=not_blank)
    planned_investment: float | None = attrs.field(
        default=None, validator=attrs.validators.optional(non_negative_number)
    )
    completed_investment: float | None = attrs.field(
        default=None, validator=attrs.validators.optional(non_negative_number)
    )


@attrs.frozen
class PortConstruction:
    """口岸建设: the information published on port construction and each project's progress."""

    published: int = attrs.field(validator=non_negative)
    text: str = ""
    projects: tuple[PortProject, ...] = ()


def _investment(project: PortProject) -> str:
    parts = []
    if project.planned_investment is not None:
        parts.append(f"计划投资{number_text(project.planned_investment)}万元")
    if project.completed_investment is not None:
        parts.append(f"已完成投资{number_text(project.completed_investment)}万元")
    return "，".join(parts) + "。" if parts else ""


def build_port_construction(data: PortConstruction, context: BuildContext) -> Iterator[Block]:
    opening = f"{context.report.year}年，主动公开口岸建设信息{data.published}条。"
    yield Paragraph((Run(opening + context.text(data.text)),))
    for project in data.projects:
        progress = project.progress.rstrip("。") + "。"
        yield context.numbered_item(f"{project.name}。", progress + _investment(project))
