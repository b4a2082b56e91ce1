"""Numbers print exactly as the author typed them, never in scientific notation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportfiles import MINIMAL, run_cli, write_report

from govreport.numbering import number_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234567.5, "1234567.5"),
        (1e20, "100000000000000000000"),
        (-0.0, "0"),
        (0.0, "0"),
        (1234567, "1234567"),
        (1234567.0, "1234567"),
        (96171.6, "96171.6"),
        (1e-7, "0.0000001"),
        (1000000000.0, "1000000000"),
    ],
)
def test_a_number_prints_as_written(value, text):
    assert number_text(value) == text


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False))
def test_a_printed_number_reads_back_as_the_same_number(value):
    text = number_text(value)
    assert "e" not in text.lower() and float(text) == value


REPORT = MINIMAL.replace(
    'content = ["{year}年，本局认真贯彻落实《条例》。"]',
    """content = [
  "数字：{half}、{billion}、{zero}、{whole}。",
  { kind = "commerce.fund_use", lead = "资金。", threshold = 1234567, meetings = 1 },
  { kind = "commerce.port_construction", published = 1, projects = [
    { name = "口岸", progress = "完成", planned_investment = 1000000, completed_investment = 1234567.5 }] },
]""",
) + (
    """
[figures]
half = { value = 1234567.5, unit = "条" }
billion = { value = 1e9, unit = "元" }
zero = { value = -0.0 }
whole = { value = 1234567, unit = "件" }
"""
)


def test_figures_and_commerce_amounts_print_exactly_in_the_markdown(capsys, tmp_path):
    path = write_report(tmp_path, REPORT)
    code, _, err = run_cli(capsys, "build", path, "--to", "md", "-o", tmp_path / "out")
    assert code == 0, err
    (markdown,) = (tmp_path / "out").glob("*.md")
    text = markdown.read_text(encoding="utf-8").replace("\\", "")
    assert "数字：1234567.5条、1000000000元、0、1234567件。" in text
    assert "对全局1234567万元以上财政资金" in text
    assert "计划投资1000000万元，已完成投资1234567.5万元。" in text
    assert "e+" not in text


def test_a_rule_message_prints_amounts_exactly(capsys, tmp_path):
    path = write_report(tmp_path, REPORT)
    _, out, _ = run_cli(capsys, "check", path)
    assert "已完成投资1234567.5万元，超过计划投资1000000万元" in out
