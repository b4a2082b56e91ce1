"""Placeholders in report prose."""

from __future__ import annotations

import pytest
from reportfiles import MINIMAL

from govreport import ReportError, loads
from govreport.builtins.national.rules.reading import full_text
from govreport.model import Figure
from govreport.placeholders import BUILT_IN_PLACEHOLDERS, PlaceholderError, fill, placeholders


def test_fill_replaces_names_and_keeps_doubled_braces():
    values = {"year": 2019, "published": Figure(998, "条")}
    assert fill("{year}年公开{published}，{{原样}}", values) == "2019年公开998条，{原样}"


def test_placeholders_lists_names_in_order():
    assert placeholders("{ year }年{published}{{x}}") == ["year", "published"]


@pytest.mark.parametrize("template", ["缺{右括号", "多}一个"])
def test_a_lone_brace_is_an_error(template):
    with pytest.raises(PlaceholderError, match="没有配对"):
        placeholders(template)


def test_unknown_name_is_an_error_naming_it():
    with pytest.raises(PlaceholderError, match=r"没有这个占位符 \{missing\}"):
        fill("{missing}", {"year": 2019})


@pytest.mark.parametrize(
    ("figure", "text"),
    [(Figure(457, "条", over=True), "457余条"), (Figure(1.5, "万元"), "1.5万元"), (Figure(0), "0")],
)
def test_figures_read_as_written(figure, text):
    assert str(figure) == text


def test_the_placeholders_are_defined_once(monkeypatch):
    """The loader accepts, and the build and the rules fill in, the names of one table."""
    text = MINIMAL.replace("{year}年，", "{year}年{quarter}，")
    with pytest.raises(ReportError, match=r"没有这个占位符 \{quarter\}；请用 \{year\}, "):
        loads(text)
    monkeypatch.setitem(BUILT_IN_PLACEHOLDERS, "quarter", lambda report: "第四季度")
    loaded = loads(text)
    assert "2019年第四季度，本局" in loaded.render("md")
    assert "2019年第四季度，本局" in full_text(loaded.report)
