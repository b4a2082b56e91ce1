"""The national tables: definitions, loading [tables], totals, the document table and Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport import ReportError, build_document, load
from govreport.builtins.markdown import render
from govreport.builtins.national import gb2019, gb2021
from govreport.document import Table, header_grid
from govreport.tables.cells import NA, Amount
from govreport.tables.layout import draw_table
from govreport.tables.totals import TableValues

FIXTURES = Path(__file__).parent / "fixtures"

REQUEST_LABELS_2021 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ReportError) as caught:
        load(write(tmp_path, text))
    return [str(problem) for problem in caught.value.problems]


HEAD_2021 = """\
edition = "gb2021"
year = 2022

[agency]
name = "某市某局"
office = "某市某局办公室"

[[sections]]
part = "requests"
"""


# -- definitions --------------------------------------------------------------------------------


def test_table_three_rows_are_the_official_labels_in_order():
    labels = [row.label for row in gb2021.FORMAT.table("requests").rows()]
    assert labels == REQUEST_LABELS_2021
    labels_2019 = [row.label for row in gb2019.FORMAT.table("requests").rows()]
    assert labels_2019 == [*REQUEST_LABELS_2021[:20], "（六）其他处理", *REQUEST_LABELS_2021[-2:]]


@pytest.mark.parametrize("table_format", [gb2019.FORMAT, gb2021.FORMAT])
def test_keys_are_unique_in_each_table(table_format):
    for spec in table_format.tables:
        keys = [row.key for row in spec.rows()]
        assert len(keys) == len(set(keys)), spec.key
        for row in spec.rows():
            columns = [column.key for column in row.columns]
            assert len(columns) == len(set(columns))


def test_only_the_2019_change_column_is_signed():
    signed = [
        (table_format.name, spec.key, row.key, column.key)
        for table_format in (gb2019.FORMAT, gb2021.FORMAT)
        for spec in table_format.tables
        for row in spec.rows()
        for column in row.columns
        if column.kind.value == "signed"
    ]
    assert {entry[3] for entry in signed} == {"change"}
    assert {entry[0] for entry in signed} == {"gb2019"}


# -- the document table -------------------------------------------------------------------------


def _blank(table_format, key: str) -> Table:
    spec = table_format.table(key)
    return draw_table(spec, TableValues(spec, {}), spec.title)


def test_table_three_header_as_the_national_format_draws_it():
    table = _blank(gb2021.FORMAT, "requests")
    corner, applicants = table.head[0]
    assert corner.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (corner.rowspan, corner.colspan) == (3, 3)
    assert (applicants.text, applicants.colspan) == ("申请人情况", 7)
    assert [(c.text, c.rowspan, c.colspan) for c in table.head[1]] == [
        ("自然人", 2, 1),
        ("法人或其他组织", 1, 5),
        ("总计", 2, 1),
    ]
    assert [c.text for c in table.head[2]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert table.column_count == 10
    assert [row[-1].text for row in header_grid(table)] == ["申请人情况", "总计", "总计"]


@pytest.mark.parametrize(("table_format", "span"), [(gb2019.FORMAT, 20), (gb2021.FORMAT, 22)])
def test_table_three_row_labels_span_their_rows(table_format, span):
    table = _blank(table_format, "requests")
    first, second, third = table.body[0][0], table.body[1][0], table.body[2][0]
    assert (first.text, first.colspan) == ("一、本年新收政府信息公开申请数量", 3)
    assert (second.colspan, third.text, third.rowspan) == (3, "三、本年度办理结果", span)
    withheld = table.body[4][0]
    assert (withheld.text, withheld.rowspan, withheld.indent) == ("（三）不予公开", 8, 1)
    assert table.body[-1][0].text == "四、结转下年度继续办理"
    assert all(sum(cell.colspan for cell in row if not cell.header) == 7 for row in table.body)


def test_table_four_header_groups():
    table = _blank(gb2019.FORMAT, "appeals")
    assert [(c.text, c.colspan) for c in table.head[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [(c.text, c.colspan) for c in table.head[1]][:1] == [("结果维持", 1)]
    assert table.head[1][0].rowspan == 2
    assert [c.text for c in table.head[1][5:]] == ["未经复议直接起诉", "复议后起诉"]
    assert len(table.head[2]) == 10 and len(table.body) == 1 and len(table.body[0]) == 15


def test_table_two_blocks_have_their_own_header_rows():
    table = _blank(gb2021.FORMAT, "active")
    assert [[c.text for c in row] for row in table.head] == [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ]
    texts = [[c.text for c in row] for row in table.body]
    assert ["第二十条第（八）项"] in texts
    assert ["信息内容", "本年收费金额（单位：万元）"] in texts
    blocks_2019 = [row[0].text for row in _blank(gb2019.FORMAT, "active").body]
    assert "第二十条第（九）项" in blocks_2019 and "政府集中采购" in blocks_2019


# -- loading ------------------------------------------------------------------------------------


def test_zero_blank_and_not_applicable_stay_distinct_through_to_markdown(tmp_path):
    text = (
        HEAD_2021
        + """
[[sections]]
part = "active"

[tables.active]
rules = { issued = "/", repealed = "／", in_force = "/" }
normative_documents = { issued = 0, in_force = 12 }

[tables.requests]
new = { natural = 0, business = 2 }
"""
    )
    loaded = load(write(tmp_path, text))
    cells = loaded.report.tables.cells
    assert cells["active"]["rules"] == {"issued": NA, "repealed": NA, "in_force": NA}
    assert cells["active"]["normative_documents"] == {"issued": 0, "in_force": 12}
    assert cells["requests"]["new"] == {"natural": 0, "business": 2}
    markdown = render(build_document(loaded.report, loaded.registry))
    assert "| 规章 | / | / | / |" in markdown
    assert "| 行政规范性文件 | 0 |  | 12 |" in markdown
    assert "| 一、本年新收政府信息公开申请数量 | 0 | 2 |  |  |  |  | 2 |" in markdown


def test_amounts_keep_their_unit(tmp_path):
    text = HEAD_2021 + "\n[tables.active]\nfees = { amount = 96171.6 }\n"
    assert load(write(tmp_path, text)).report.tables.cells["active"]["fees"] == {
        "amount": Amount(96171.6, "万元")
    }
    loaded = load(FIXTURES / "shanghai_2019")
    assert loaded.report.tables.cells["active"]["procurement"]["amount"] == Amount(251000, "元")
    markdown = render(build_document(loaded.report, loaded.registry))
    assert "| 政府集中采购 | 6 | 251000元 |  |" in markdown


def test_cell_problems_name_their_place(tmp_path):
    text = (
        HEAD_2021
        + """
[tables.requests]
new = { natural = -1, busines = 2, legal = 1.5, other = "3" }
withheld.state_secrets = { natural = 1 }
other_handling = { natural = 4 }

[tables.active]
fees = { amount = { value = 3, unit = "元" } }
rules = { change = 1 }

[tables.appeal]
reconsideration = {}
"""
    )
    assert problems(tmp_path, text) == [
        "tables.requests.new.natural: 应为 0 或更大的数，实际为 -1",
        "tables.requests.new.busines: 没有列 'busines'；是不是 'business'？",
        'tables.requests.new.legal: 应为整数，不适用的填 "/"，实际为 '
        "1.5（小数）；要让这一格留空，就不写这个键",
        'tables.requests.new.other: 应为整数，不适用的填 "/"，实际为 '
        "'3'（文字）；请去掉引号，写成 3；要让这一格留空，就不写这个键",
        "tables.requests.withheld.state_secrets: 'withheld' 中没有行 'state_secrets'；"
        "是不是 'state_secret'？",
        "tables.requests.other_handling.natural: 'other_handling' 在这一格式中有自己的各行"
        "（no_supplement, fee_unpaid, other）；请把数字填在其中一行，如 "
        "other_handling.no_supplement = { natural = … }",
        "tables.active.fees.amount: 这一列以万元计；请把金额从元换算过来",
        "tables.active.rules.change: 没有列 'change'；可用的有：issued, repealed, in_force",
        "tables.appeal: gb2021 格式没有表 'appeal'；是不是 'appeals'？",
    ]


def test_agency_kind_and_odd_amounts_are_refused_with_their_place(tmp_path):
    text = HEAD_2021.replace(
        'office = "某市某局办公室"', 'office = "某市某局办公室"\nkind = "city"'
    )
    text += "\n[tables.active]\nfees = { amount = nan }\n"
    assert problems(tmp_path, text) == [
        "agency.kind: 应为 'government', 'department' 之一，实际为 'city'（文字）",
        "tables.active.fees.amount: 应为 0 或更大的金额，实际为 nan",
    ]


def test_signed_change_and_unit_rules_of_2019(tmp_path):
    head = HEAD_2021.replace("gb2021", "gb2019").replace("2022", "2019")
    loaded = load(write(tmp_path, head + "\n[tables.active]\nlicensing = { change = -3 }\n"))
    assert loaded.report.tables.cells["active"]["licensing"] == {"change": -3}
    assert problems(tmp_path, head + "\n[tables.active]\nprocurement = { amount = 5 }\n") == [
        "tables.active.procurement.amount: 格式没有规定这一列的单位；请随金额写明，"
        '如 { value = 5, unit = "元" }'
    ]


def test_table_format_is_named_by_an_eight_part_report(tmp_path):
    eight = HEAD_2021.replace("gb2021", "eight-part").replace('"requests"', '"overview"')
    eight += 'content = ["无。"]\n'
    assert problems(tmp_path, eight + "\n[tables.requests]\nnew = { natural = 1 }\n") == [
        "tables.format: 必填：版本 'eight-part' 没有自己的表；请写明格式，gb2019、gb2021 之一"
    ]
    assert problems(tmp_path, eight + '\n[tables]\nformat = "gb2012"\n') == [
        "tables.format: 没有这种表格格式 'gb2012'；是不是 'gb2021'？"
    ]
    assert problems(tmp_path, HEAD_2021 + '\n[tables]\nformat = "gb2019"\n') == [
        "tables.format: 版本 'gb2021' 使用 gb2021 的表，不是 gb2019"
    ]
    loaded = load(write(tmp_path, eight + '\n[tables]\nformat = "gb2019"\n'))
    assert loaded.report.tables.format == "gb2019"


# -- totals -------------------------------------------------------------------------------------


def test_totals_left_out_are_computed_and_given_ones_kept(tmp_path):
    text = (
        HEAD_2021
        + """
[tables.requests]
new = { natural = 3, legal = 1 }
granted = { natural = 2, total = 9 }
partly_granted = { business = "/" }
"""
    )
    loaded = load(write(tmp_path, text))
    spec = gb2021.FORMAT.table("requests")
    values = TableValues(spec, loaded.report.tables.cells["requests"])
    assert values.cell("new", "total") == 4 and values.is_computed("new", "total")
    assert values.cell("granted", "total") == 9 and not values.is_computed("granted", "total")
    assert values.cell("partly_granted", "total") is None
    assert values.cell("total", "natural") == 2 and values.cell("total", "total") == 2
    assert values.cell("carried_forward", "total") is None
    assert (
        TableValues(spec, loaded.report.tables.cells["requests"], compute=False).cell(
            "new", "total"
        )
        is None
    )


def test_fixtures_render_every_official_label(tmp_path):
    for name, labels in (("huaian_2024", REQUEST_LABELS_2021), ("shanghai_2019", None)):
        loaded = load(FIXTURES / name)
        markdown = render(build_document(loaded.report, loaded.registry))
        table_format = gb2021.FORMAT if labels else gb2019.FORMAT
        for spec in table_format.tables:
            for row in spec.rows():
                assert row.label in markdown, row.label
                for column in row.columns:
                    assert column.label in markdown, column.label
        for heading in (
            "一、总体情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "六、其他需要报告的事项",
        ):
            assert f"## {heading}" in markdown


def test_huaian_tables_render_the_published_figures():
    loaded = load(FIXTURES / "huaian_2024")
    markdown = render(build_document(loaded.report, loaded.registry))
    assert "| 行政事业性收费 | 96171.6 |  |  |" in markdown
    assert "| 72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |" in markdown
    assert "| 　（七）总计 | 2932 | 53 | 0 | 0 | 61 | 4 | 3050 |" in markdown


def test_shanghai_blank_totals_stay_blank():
    loaded = load(FIXTURES / "shanghai_2019")
    markdown = render(build_document(loaded.report, loaded.registry))
    assert "| 　（一）予以公开 | 258 | 12 |  |  | 1 | 1 |  |" in markdown
    assert "| 一、本年新收政府信息公开申请数量 | 821 | 35 |  |  | 2 | 1 | 859 |" in markdown
