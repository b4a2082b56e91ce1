"""Chinese numerals and heading numbers."""

from __future__ import annotations

import pytest
from reportfiles import MINIMAL, write_report

from govreport import load
from govreport.build import build_document
from govreport.numbering import chinese_numeral, enumerator, section_number, subpart_number


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (8, "八"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")],
)
def test_chinese_numeral(n, expected):
    assert chinese_numeral(n) == expected


def test_numbers_in_the_official_style():
    assert (section_number(3), subpart_number(2), enumerator(4)) == ("三、", "（二）", "四是")


def test_out_of_range_numeral_is_refused():
    with pytest.raises(ValueError):
        chinese_numeral(100)


def test_nested_numbering_restarts_in_each_container(tmp_path):
    text = (
        MINIMAL
        + """
[[sections]]
part = "active"

[[sections.content]]
kind = "subpart"
title = "甲"
content = [
  { kind = "item", lead = "一项。", content = [{ kind = "item", lead = "子项。" }, { kind = "item", lead = "子项二。" }] },
  { kind = "item", lead = "二项。" },
]

[[sections.content]]
kind = "subpart"
title = "乙"
content = [{ kind = "item", lead = "又一项。" }]
"""
    )
    loaded = load(write_report(tmp_path, text))
    blocks = build_document(loaded.report, loaded.registry).blocks
    texts = [getattr(block, "full_text", None) or block.text for block in blocks]
    assert texts[-8:] == [
        "二、主动公开政府信息情况",
        "（一）甲",
        "1.一项。",
        "（1）子项。",
        "（2）子项二。",
        "2.二项。",
        "（二）乙",
        "1.又一项。",
    ]
