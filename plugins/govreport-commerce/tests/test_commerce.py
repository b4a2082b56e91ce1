"""The commerce plugin: its section kinds, computed figures and rules, tested with the test kit
(govreport.testing) so that other installed plugins cannot change the results."""

from __future__ import annotations

import textwrap
from decimal import ROUND_HALF_UP, Decimal

import pytest

import govreport_commerce
from govreport.testing import assert_problem, findings_of, report_from
from govreport_commerce import pass_rate

HEAD = """\
edition = "eight-part"
year = 2019

[agency]
name = "某市商务局"
office = "某市商务局办公室"

[[sections]]
part = "overview"
"""


def report_text(content: str) -> str:
    return HEAD + textwrap.dedent(content)


def load_report(content: str):
    return report_from(report_text(content), govreport_commerce)


def texts(loaded) -> list[str]:
    return [getattr(block, "full_text", None) or block.text for block in loaded.build().blocks]


@pytest.mark.parametrize(
    ("passed", "reviewed", "expected"),
    [
        (293, 339, "86.4%"),
        (1, 8, "12.5%"),
        (1, 3, "33.3%"),
        (2, 3, "66.7%"),
        (5, 5, "100.0%"),
        (1, 16, "6.3%"),  # 6.25: half up, not to even
        (3, 16, "18.8%"),
        (0, 7, "0.0%"),
    ],
)
def test_pass_rate_rounds_half_up_to_one_decimal(passed, reviewed, expected):
    assert pass_rate(passed, reviewed) == expected


def test_pass_rate_is_the_decimal_rate_rounded_half_up():
    for reviewed in range(1, 201):
        for passed in range(reviewed + 1):
            exact = Decimal(passed) * 100 / Decimal(reviewed)
            rate = exact.quantize(Decimal("0.1"), ROUND_HALF_UP)
            assert pass_rate(passed, reviewed) == f"{rate}%", (passed, reviewed)


def test_prereview_builds_a_numbered_item_with_the_rate():
    loaded = load_report(
        """
        [[sections.content]]
        kind = "commerce.project_prereview"
        lead = "坚持项目落户预审。"
        text = "严格审核把关。"
        meetings = 45
        reviewed = 339
        passed = 293
        """,
    )
    assert texts(loaded)[-1] == (
        "1.坚持项目落户预审。严格审核把关。2019年，指导县级项目预审会45次，"
        "预审项目339个，通过293个，通过率86.4%。"
    )
    assert findings_of(loaded) == []


def test_no_rate_without_reviewed_projects():
    loaded = load_report(
        """
        [[sections.content]]
        kind = "commerce.project_prereview"
        lead = "坚持项目落户预审。"
        meetings = 0
        reviewed = 0
        passed = 0
        """,
    )
    assert texts(loaded)[-1].endswith("预审项目0个，通过0个。")


def test_passed_above_reviewed_is_an_error_on_that_field():
    loaded = load_report(
        """
        [[sections.content]]
        kind = "commerce.project_prereview"
        lead = "坚持项目落户预审。"
        meetings = 3
        reviewed = 10
        passed = 11
        """,
    )
    (finding,) = findings_of(loaded)
    assert (finding.code, finding.path) == ("COM001", "sections[0].content[0].passed")
    assert "11" in finding.message and "10" in finding.message


def test_reviews_without_meetings_is_a_warning():
    loaded = load_report(
        """
        [[sections.content]]
        kind = "commerce.project_prereview"
        lead = "坚持项目落户预审。"
        meetings = 0
        reviewed = 4
        passed = 2
        """,
    )
    (finding,) = findings_of(loaded)
    assert (finding.code, finding.path) == ("COM002", "sections[0].content[0].meetings")


def test_negative_count_is_a_load_error_with_its_place():
    text = report_text(
        """
        [[sections.content]]
        kind = "commerce.project_prereview"
        lead = "坚持项目落户预审。"
        meetings = 1
        reviewed = -2
        passed = 0
        """
    )
    problem = assert_problem(
        text, "sections[0].content[0].reviewed", "0 或更大", govreport_commerce
    )
    assert problem.message == "应为 0 或更大的数，实际为 -2"


def test_fund_use_item():
    loaded = load_report(
        """
        [[sections.content]]
        kind = "commerce.fund_use"
        lead = "坚持资金使用公开。"
        threshold = 1
        funds = ["政策招商工作经费", "商务民生项目资金"]
        meetings = 11
        """,
    )
    assert texts(loaded)[-1] == (
        "1.坚持资金使用公开。对全局1万元以上财政资金使用情况，按照“三重一大”事项提交班子会研究决定。"
        "包括政策招商工作经费、商务民生项目资金等。2019年共召开涉及相关经费事项会议11次。"
    )


def test_port_construction_as_a_top_level_section():
    loaded = load_report(
        """
        content = ["概述。"]

        [[sections]]
        title = "口岸建设信息公开情况"

        [[sections.content]]
        kind = "commerce.port_construction"
        published = 26
        text = "及时公开口岸项目审批和建设进度。"
        projects = [
          { name = "新余铁路口岸", progress = "完成主体工程", planned_investment = 5000, completed_investment = 5200 },
          { name = "新余公路口岸", progress = "完成前期论证。" },
        ]
        """,
    )
    assert texts(loaded)[-4:] == [
        "二、口岸建设信息公开情况",
        "2019年，主动公开口岸建设信息26条。及时公开口岸项目审批和建设进度。",
        "1.新余铁路口岸。完成主体工程。计划投资5000万元，已完成投资5200万元。",
        "2.新余公路口岸。完成前期论证。",
    ]
    (finding,) = findings_of(loaded)
    assert finding.code == "COM003"
    assert finding.path == "sections[1].content[0].projects[0].completed_investment"
