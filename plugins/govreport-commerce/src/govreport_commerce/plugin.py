"""The hook implementations: the commerce section kinds and their rules."""

from __future__ import annotations

from collections.abc import Iterator

from govreport import Flag, Report, SectionKind, Severity, find, hookimpl, number_text, rule

from .kinds import (
    FundUse,
    PortConstruction,
    ProjectPreReview,
    build_fund_use,
    build_port_construction,
    build_project_prereview,
)


@rule(
    "COM001",
    Severity.ERROR,
    "项目落户预审：通过项目数不能超过预审项目数",
    basis="通过的项目是预审项目的一部分，通过数大于预审数说明数字填写有误。",
)
def passed_within_reviewed(report: Report) -> Iterator[Flag]:
    """Projects passed are among the projects reviewed.

    Example:
        ```toml
        [[sections.content]]
        kind = "commerce.project_prereview"
        lead = "坚持项目落户预审。"
        meetings = 3
        reviewed = 10
        passed = 11
        ```

        通过11个，但只预审了10个。Eleven passed, but only ten were reviewed.

    Fix:
        核对 `reviewed`（预审项目数）和 `passed`（通过数）：通过数不能大于预审数。
        Check `reviewed` and `passed`; no more projects can pass than were reviewed.
    """
    for path, review in find(report, ProjectPreReview):
        if review.passed > review.reviewed:
            yield Flag(
                f"{path}.passed",
                f"项目落户预审通过项目数（passed = {review.passed}）"
                f"大于预审项目数（reviewed = {review.reviewed}），请核对。",
            )


@rule(
    "COM002",
    Severity.WARNING,
    "项目落户预审：有预审项目时应召开过预审会",
    basis="项目预审以预审会形式进行；有预审项目却未召开预审会，可能漏填了会议次数。",
)
def reviews_need_meetings(report: Report) -> Iterator[Flag]:
    """Projects are reviewed at pre-review meetings.

    Example:
        ```toml
        [[sections.content]]
        kind = "commerce.project_prereview"
        lead = "坚持项目落户预审。"
        meetings = 0
        reviewed = 4
        passed = 2
        ```

        预审了4个项目，预审会次数却是0。Four projects reviewed at no meeting.

    Fix:
        填写实际召开的预审会次数 `meetings`；确实没有开会的，在 `text` 中说明预审方式。
        Give the number of meetings held; if there truly were none, say in `text` how the
        projects were reviewed.
    """
    for path, review in find(report, ProjectPreReview):
        if review.reviewed > 0 and review.meetings == 0:
            yield Flag(
                f"{path}.meetings",
                f"预审项目{review.reviewed}个，但预审会次数（meetings）为0，请核对。",
            )


@rule(
    "COM003",
    Severity.WARNING,
    "口岸建设：已完成投资一般不超过计划投资",
    basis="已完成投资超过计划投资时，应核对数字或说明追加投资。",
)
def investment_within_plan(report: Report) -> Iterator[Flag]:
    """A port project's completed investment is normally within its planned investment.

    Example:
        ```toml
        [[sections.content]]
        kind = "commerce.port_construction"
        published = 26

        [[sections.content.projects]]
        name = "新余铁路口岸"
        progress = "完成主体工程"
        planned_investment = 5000
        completed_investment = 5200
        ```

        已完成投资5200万元，超过计划投资5000万元。5200 万元 completed against 5000 planned.

    Fix:
        核对两个金额（单位均为万元）；确有追加投资的，在 `progress` 中说明。
        Check both amounts (both in 万元); if the investment was raised, say so in `progress`.
    """
    for path, ports in find(report, PortConstruction):
        for index, project in enumerate(ports.projects):
            planned, completed = project.planned_investment, project.completed_investment
            if planned is not None and completed is not None and completed > planned:
                yield Flag(
                    f"{path}.projects[{index}].completed_investment",
                    f"口岸项目“{project.name}”已完成投资{number_text(completed)}万元，"
                    f"超过计划投资{number_text(planned)}万元，请核对或说明。",
                )


@hookimpl
def govreport_section_kinds() -> list[SectionKind]:
    return [
        SectionKind(
            "commerce.project_prereview",
            ProjectPreReview,
            build_project_prereview,
            "项目落户预审：预审会次数、预审项目数、通过数（通过率自动计算）",
        ),
        SectionKind(
            "commerce.fund_use",
            FundUse,
            build_fund_use,
            "资金使用公开：一定金额以上财政资金集体研究决定",
        ),
        SectionKind(
            "commerce.port_construction",
            PortConstruction,
            build_port_construction,
            "口岸建设：公开信息条数与各口岸项目进展",
        ),
    ]


@hookimpl
def govreport_rules() -> list:
    return [passed_within_reviewed, reviews_need_meetings, investment_within_plan]
