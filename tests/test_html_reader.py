"""The HTML reader: saved portal pages, Word-pasted markup, charsets, and hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from govreport.builtins.html_reader import read
from govreport.builtins.html_reader.grid import trimmed
from govreport.document import Heading, Paragraph, Table, place
from govreport.readers import DocumentError, SourceParagraph, SourceTable

FIXTURES = Path(__file__).parent / "fixtures"
PINGTAN = FIXTURES / "corpus" / "pingtan-2021.html"


def paragraphs(document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, SourceParagraph)]


def tables(document) -> list[SourceTable]:
    return [b for b in document.blocks if isinstance(b, SourceTable)]


def row_starting(table: SourceTable, label: str) -> tuple[str, ...]:
    return next(row for row in table.rows if label in row)


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


@pytest.fixture(scope="module")
def pingtan():
    return read(PINGTAN.read_bytes())


def test_pingtan_title_and_headings_without_the_site_chrome(pingtan):
    texts = paragraphs(pingtan)
    assert texts[0] == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert "一、总体情况" in texts and texts[-1] == "2021年，无收取信息处理费情况。"
    chrome = ("当前位置", "首页", "索引号", "微信", "附件下载", "扫一扫", "福建省人民政府", "登录")
    everything = "".join(texts) + "".join("".join(r) for t in tables(pingtan) for r in t.rows)
    assert not [word for word in chrome if word in texts or f"{word}：" in everything]
    assert not any(text in {"首页", "政务公开", "全真版", "文字版"} for text in texts)
    assert pingtan.title == "平潭综合实验区2021年度政府信息公开工作年度报告"


def test_pingtan_statistical_tables_as_grids(pingtan):
    found = tables(pingtan)
    assert [t.origin for t in found] == ["<table>第1个", "<table>第2个", "<table>第3个"]
    assert row_starting(found[0], "行政规范性文件")[1:] == ("69", "3", "665")
    requests = found[1]
    header = next(row for row in requests.rows if "总计" in row)
    column = header.index("总计")
    assert row_starting(requests, "一、本年新收政府信息公开申请数量")[column] == "70"
    assert row_starting(requests, "（七）总计")[column] == "69"
    assert row_starting(requests, "四、结转下年度继续办理")[column] == "1"
    assert {len(row) for row in requests.rows} == {len(requests.rows[0])}
    # 三、本年度办理结果 spans 22 rows: its text stands once, top left
    assert sum(row[0] == "三、本年度办理结果" for row in requests.rows) == 1
    assert found[2].rows[-1][:5] == ("1", "0", "2", "0", "3")


def test_word_pasted_markup_is_read_as_printed():
    body = """
    <p class=MsoNormal><span style='mso-bidi-font-size:10.5pt'><font face=仿宋>一、</font></span>
    <span><span lang=EN-US>总体</span></span><span>情况<o:p></o:p></span></p>
    <p class=MsoNormal>&nbsp;&nbsp;全年共受理申请<span>95</span>件。<o:p>&nbsp;</o:p></p>
    <p class=MsoNormal><o:p>&nbsp;</o:p></p>
    <table class=MsoNormalTable>
    <tr><td rowspan=2 colspan=2><p>项目</p></td><td colspan=2>申请人情况</td></tr>
    <tr><td>自然人</td><td>总计</td></tr>
    <tr><td rowspan=2>三、本年度<br>办理结果</td><td>（一）予以<span>公开</span></td>
        <td>5</td><td>5</td></tr>
    <tr><td>（二）部分公开</td><td><p class=MsoNormal><o:p> </o:p></p></td><td>0</td></tr>
    <tr height=0><td width=60></td><td width=80></td><td width=40></td><td width=40></td></tr>
    </table>
    """
    document = read(page(body))
    assert paragraphs(document) == ["一、总体情况", "全年共受理申请95件。"]
    assert tables(document)[0].rows == (
        ("项目", "", "申请人情况", ""),
        ("", "", "自然人", "总计"),
        ("三、本年度办理结果", "（一）予以公开", "5", "5"),
        ("", "（二）部分公开", "", "0"),
    )


def test_a_line_break_between_chinese_characters_is_not_a_space():
    document = read(page("<p>本年\n  新收  2019\u3000年 <b>6</b>件</p>"))
    assert paragraphs(document) == ["本年新收 2019 年 6件"]


def test_headings_marked_in_the_page_give_their_level():
    document = read(page("<h1>某局年度报告</h1><h2>一、总体情况</h2><p>正文。</p>"))
    assert [b.heading_level for b in document.blocks] == [1, 2, None]


def test_one_table_holding_two_statistical_tables_is_cut_in_two():
    body = """<table>
    <tr><td>第二十条第（一）项</td></tr><tr><td>规章</td><td>1</td></tr>
    <tr><td>申请人情况</td></tr><tr><td>一、本年新收政府信息公开申请数量</td><td>3</td></tr>
    </table>"""
    found = tables(read(page(body)))
    assert [t.origin for t in found] == ["<table>第1个（第1–2行）", "<table>第1个（第3–4行）"]
    assert found[1].rows == (("申请人情况", ""), ("一、本年新收政府信息公开申请数量", "3"))


def test_a_statistical_table_outside_the_article_wrapper_is_kept():
    body = """<div class="nav"><p>一、首页</p></div>
    <div class="article"><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p></div>
    <div class="other"><table><tr><td>行政复议</td><td>行政诉讼</td></tr>
    <tr><td>1</td><td>2</td></tr></table><p>相关文章</p></div>"""
    document = read(page(body))
    assert paragraphs(document) == ["一、总体情况", "正文。", "二、主动公开政府信息情况"]
    assert tables(document)[0].rows[1] == ("1", "2")


def test_the_metadata_table_and_scripts_never_become_blocks():
    body = """<table><tr><td>索引号：</td><td>123/2022-001</td><td>发布机构：</td><td>某局</td></tr>
    </table><script>document.write("一、恶意文字")</script><style>p{}</style>
    <p>一、总体情况<script>alert("二、脚本")</script></p><p onclick="x()">二、主动公开</p>"""
    document = read(page(body))
    assert paragraphs(document) == ["一、总体情况", "二、主动公开"]
    assert tables(document) == []


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="gbk">', "gbk"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        ("", "gb18030"),
    ],
)
def test_gbk_pages_are_decoded_by_their_declared_charset(head, encoding):
    html = f"<html><head>{head}</head><body><p>一、总体情况（镕）</p></body></html>"
    assert paragraphs(read(html.encode(encoding))) == ["一、总体情况（镕）"]


def test_utf8_with_a_byte_order_mark():
    assert paragraphs(read(b"\xef\xbb\xbf" + page("<p>正文</p>", head=""))) == ["正文"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 40, "不是网页文件"),
        (b"%PDF-1.7\n" + bytes(200), "不是网页文件"),
        ("just some text, 一些文字".encode(), "找不到 HTML 标记"),
        (b"<html><body>\x81\x30\xff\xfe</body></html>", "无法识别网页的文字编码"),
        (page("<script>x()</script>"), "没有找到任何文字或表格"),
    ],
)
def test_files_that_are_not_pages_give_a_chinese_error(data, message):
    with pytest.raises(DocumentError, match=message):
        read(data)


def test_limits_on_elements_and_cells():
    with pytest.raises(DocumentError, match="网页过于庞大"):
        read(page("<span>x</span>" * 200_001))
    with pytest.raises(DocumentError, match="表格过大"):
        read(page('<table><tr><td colspan="1000" rowspan="1000">x</td></tr>' + "<tr></tr>" * 999))


def test_deep_nesting():
    assert paragraphs(read(page("<div>" * 200 + "<p>正文</p>" + "</div>" * 200))) == ["正文"]
    with pytest.raises(DocumentError, match="嵌套过深"):
        read(page("<div>" * 5000 + "<p>正文</p>" + "</div>" * 5000))


def expected_grid(table: Table) -> tuple[tuple[str, ...], ...]:
    rows = table.head + table.body
    width = max(sum(cell.colspan for cell in row) for row in rows) + 10
    placed = place(rows, width)
    grid = [
        [p.cell.text if p and (p.row, p.column) == (r, c) else "" for c, p in enumerate(row)]
        for r, row in enumerate(placed)
    ]
    return tuple(tuple(row) for row in trimmed(grid))


def test_our_own_html_reads_back_the_same_tables_and_paragraphs():
    loaded = govreport.load(FIXTURES / "huaian_2024" / "report.toml")
    document = loaded.build()
    found = read(loaded.render("html").encode("utf-8"))
    built = [b for b in document.blocks if isinstance(b, Table)]
    assert [t.rows for t in tables(found)] == [expected_grid(t) for t in built]
    texts = [document.title]
    for block in document.blocks:
        if isinstance(block, Heading):
            texts.append(f"{block.number}{block.text}")
        elif isinstance(block, Paragraph):
            texts.append("".join(run.text for run in block.runs))
    texts += [p.runs[0].text for p in document.signoff_paragraphs]
    assert paragraphs(found) == texts
