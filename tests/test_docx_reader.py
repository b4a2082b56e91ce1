"""The Word reader: a real template, govreport's own Word output read back, and hostile files."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.builtins import docx_reader
from govreport.builtins.docx_reader import read
from govreport.document import Heading, Paragraph, Table, place
from govreport.readers import DocumentError, SourceParagraph, SourceTable
from govreport.testing import plugin_registry

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATE = FIXTURES / "corpus" / "word-template-2021.docx"
GB2021_HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def paragraphs(document) -> list[SourceParagraph]:
    return [block for block in document.blocks if isinstance(block, SourceParagraph)]


def tables(document) -> list[SourceTable]:
    return [block for block in document.blocks if isinstance(block, SourceTable)]


def column(table: SourceTable, index: int) -> list[str]:
    return [row[index] for row in table.rows]


# --- the blank 2021 template offices circulate ---


@pytest.fixture(scope="module")
def template():
    return read(TEMPLATE.read_bytes())


def test_template_headings_are_paragraphs_in_order(template):
    texts = [p.text for p in paragraphs(template)]
    assert [t for t in texts if t in GB2021_HEADINGS] == GB2021_HEADINGS
    # plain "Normal (Web)" paragraphs: the file marks no heading, so the reader claims none
    assert all(p.heading_level is None for p in paragraphs(template))
    assert texts.count("（文字描述）") == 2
    assert "（文字描述，收取信息处理费情况在此处报告。）" in texts
    assert [p.origin for p in paragraphs(template)][:2] == ["第1段", "第2段"]


def test_template_tables_follow_their_headings(template):
    kinds = [
        block.text if isinstance(block, SourceParagraph) else "TABLE" for block in template.blocks
    ]
    for heading in GB2021_HEADINGS[1:4]:
        assert kinds[kinds.index(heading) + 1] == "TABLE"
    assert [t.origin for t in tables(template)] == ["第1个表格", "第2个表格", "第3个表格"]


def test_template_tables_keep_merged_text_top_left_only(template):
    active, requests, appeals = tables(template)
    assert all(len(row) == len(active.rows[0]) for row in active.rows)
    assert active.rows[0] == ("第二十条第（一）项", "", "", "")
    assert active.rows[5] == ("信息内容", "本年处理决定数量", "", "")
    assert {"规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"} <= set(
        column(active, 0)
    )
    # 表三: the three label columns merged; 三、 spans 22 rows, each 不予公开 reason in column 2
    labels = column(requests, 0)
    assert labels[0].startswith("（本列数据的勾稽关系为")
    assert requests.rows[0][1:3] == ("", "") and requests.rows[1][:3] == ("", "", "")
    assert labels.count("三、本年度办理结果") == 1
    start = labels.index("三、本年度办理结果")
    assert labels[start + 1 : start + 22] == [""] * 21
    assert labels[-1] == "四、结转下年度继续办理"
    assert column(requests, 1).count("（三）不予公开") == 1
    assert "2.其他法律行政法规禁止公开" in column(requests, 2)
    assert requests.rows[0][3:] == ("申请人情况",) + ("",) * 6
    assert requests.rows[1][3:] == ("自然人", "法人或其他组织", "", "", "", "", "总计")
    assert requests.rows[2][3:5] == ("", "商业企业")  # "商业\n企业" joined, 自然人 merged down
    # 表四: 行政复议 spans five columns, 行政诉讼 ten
    assert appeals.rows[0] == ("行政复议",) + ("",) * 4 + ("行政诉讼",) + ("",) * 9
    assert appeals.rows[1][:5] == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    assert appeals.rows[2][:5] == ("",) * 5


# --- govreport's own Word output, read back ---


def expected_grid(table: Table) -> list[tuple[str, ...]]:
    """The table's grid with each cell's text where it starts and "" where it spans."""
    grid = place(table.head + table.body, table.column_count)
    return [
        tuple(
            " ".join(slot.cell.text.split()) if (slot.row, slot.column) == (r, c) else ""
            for c, slot in enumerate(row)
        )
        for r, row in enumerate(grid)
    ]


def expected_paragraphs(document) -> list[tuple[str, int | None]]:
    """What the Word renderer writes as paragraphs, with the heading level the reader gives."""
    found: list[tuple[str, int | None]] = [(document.title, 1)]
    previous = None
    for block in (*document.blocks, *document.signoff_paragraphs, *document.appendix):
        if isinstance(block, Heading):
            found.append((block.full_text, min(block.level, 3) + 1))
        elif isinstance(block, Paragraph):
            found.append((block.text, None))
        elif (
            isinstance(block, Table)
            and block.caption
            and not (isinstance(previous, Heading) and previous.text == block.caption)
        ):
            found.append((block.caption, None))
        previous = block
    return [(" ".join(text.split()), level) for text, level in found]


EXAMPLES = Path(__file__).parents[1] / "examples"
REPORTS = sorted([*FIXTURES.glob("*/report.toml"), *EXAMPLES.glob("*/report.toml")])


@pytest.mark.parametrize("path", REPORTS, ids=lambda path: path.parent.name)
def test_own_word_output_reads_back(path):
    report = govreport.load(path)
    document = report.build()
    source = read(report.render("docx"))
    got = [(p.text, p.heading_level) for p in paragraphs(source)]
    assert got == expected_paragraphs(document)
    built = [b for b in (*document.blocks, *document.appendix) if isinstance(b, Table)]
    assert [list(t.rows) for t in tables(source)] == [expected_grid(t) for t in built]
    assert source.title == " ".join(document.title.split())


def test_telephone_numbers_lose_their_word_joiners():
    report = govreport.load(FIXTURES / "huaian_2024" / "report.toml")
    data = report.render("docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "\u2060" in package.read("word/document.xml").decode()
    text = "".join(p.text for p in paragraphs(read(data)))
    assert "0517-83605210" in text and "\u2060" not in text


def test_hook_govreport_readers():
    """The Word reader is a built-in reader, under its name in ``registry.readers``."""
    registry = plugin_registry()
    reader = registry.readers["docx"]
    assert reader.suffixes == (".docx",) and reader.read is read
    assert docx_reader.MEDIA_TYPE in reader.media_types
    assert registry.failures == []


def test_loading_the_plugin_does_not_import_python_docx():
    code = "import sys, govreport.builtins.docx_reader; print('docx' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    assert result.stdout.strip() == "False"


# --- a handmade document for what the template does not show ---


def handmade(body: str, styles: str = "") -> bytes:
    """A minimal .docx around ``body`` (WordprocessingML), with ``styles`` if given."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/_rels/document.xml.rels": (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/></Relationships>'
        ),
        "word/document.xml": f"<w:document {w}><w:body>{body}</w:body></w:document>",
        "word/styles.xml": f"<w:styles {w}>{styles}</w:styles>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return buffer.getvalue()


def p(text: str, style: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"


def tc(content: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def test_heading_styles_give_levels_through_based_on():
    styles = (
        '<w:style w:type="paragraph" w:styleId="a1"><w:name w:val="标题 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="mine"><w:name w:val="我的标题"/>'
        '<w:basedOn w:val="a1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="loop"><w:name w:val="x"/>'
        '<w:basedOn w:val="loop"/></w:style>'
    )
    body = p("报告", "T") + p("一、总体情况", "a1") + p("二、x", "mine") + p("正文", "loop")
    got = [(b.text, b.heading_level) for b in read(handmade(body, styles)).blocks]
    assert got == [("报告", 1), ("一、总体情况", 2), ("二、x", 2), ("正文", None)]


def test_runs_breaks_deleted_and_hidden_text():
    body = (
        "<w:p><w:r><w:t>淮安市</w:t></w:r><w:hyperlink><w:r><w:t>人民政府</w:t></w:r>"
        "</w:hyperlink><w:r><w:br/><w:t>2024年</w:t></w:r>"
        "<w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        '<w:ins><w:r><w:t xml:space="preserve">  report   text</w:t></w:r></w:ins></w:p>'
        "<w:p><w:r><w:t>   </w:t></w:r></w:p>"
    )
    (paragraph,) = read(handmade(body)).blocks
    assert paragraph.text == "淮安市人民政府2024年 report text"


def test_rows_skipping_columns_nested_tables_and_frames():
    inner = f"<w:tbl><w:tr>{tc(p('甲'))}{tc(p('乙'))}</w:tr></w:tbl>"
    span_two, restart = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>'
    span_huge = '<w:gridSpan w:val="999999"/>'
    table = (
        "<w:tbl>"
        f"<w:tr>{tc(p('A'), span_two)}{tc(p('B'), restart)}</w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        f"{tc(inner + p('丙'))}{tc(p('B'), '<w:vMerge/>')}</w:tr>"
        f"<w:tr>{tc(p('x'), span_huge)}</w:tr>"
        "</w:tbl>"
    )
    frame = f"<w:tbl><w:tr>{tc(p('框内') + table)}</w:tr></w:tbl>"
    blocks = read(handmade(p("前") + frame)).blocks
    assert [type(b).__name__ for b in blocks] == ["SourceParagraph"] * 2 + ["SourceTable"]
    assert [b.origin for b in blocks] == ["第1段", "第2段", "第1个表格"]
    rows = blocks[2].rows
    assert len(rows[2]) == docx_reader.MAX_SPAN and all(len(r) == len(rows[2]) for r in rows)
    assert rows[0][:3] == ("A", "", "B")
    assert rows[1][:3] == ("", "甲 乙丙", "")


# --- files that are not Word documents, or are built to hurt ---


def refused(data: bytes) -> str:
    with pytest.raises(DocumentError) as caught:
        read(data)
    return str(caught.value)


def test_not_a_zip():
    message = refused(b"<html><body>not word</body></html>")
    assert "不是 Word 文件" in message


def test_ole_file_is_encrypted_or_old_doc():
    message = refused(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    assert "加密" in message and ".doc" in message


def test_zip_without_a_document_body():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "hi")
    assert "word/document.xml" in refused(buffer.getvalue())


def test_zip_bomb_by_ratio_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<" + bytes(8 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000
    assert "压缩炸弹" in refused(buffer.getvalue())


def test_zip_bomb_by_total_size_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for index in range(3):
            package.writestr(f"word/media/image{index}.bin", os.urandom(512 * 1024))
        package.writestr("word/document.xml", "<x/>")
    assert "压缩炸弹" in refused(buffer.getvalue())


def test_too_many_members_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for index in range(docx_reader.MAX_MEMBERS + 1):
            package.writestr(f"word/part{index}.xml", "")
    assert "超过上限" in refused(buffer.getvalue())


def test_damaged_document_xml():
    data = handmade("<w:p>")  # not well-formed
    assert "已损坏" in refused(data)


# --- fuzz: damaged files and odd tables never escape as anything but DocumentError ---

_MERGES = ["", "<w:vMerge/>", '<w:vMerge w:val="restart"/>', '<w:hMerge w:val="continue"/>']
_SPANS = ["", '<w:gridSpan w:val="0"/>', '<w:gridSpan w:val="3"/>', '<w:gridSpan w:val="x"/>']
_cells = st.tuples(
    st.sampled_from(_MERGES), st.sampled_from(_SPANS), st.text("甲1/ \n", max_size=4)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_cells, min_size=1, max_size=5), min_size=1, max_size=6))
def test_any_merge_pattern_gives_a_rectangular_grid(rows):
    def cell(merge: str, span: str, text: str) -> str:
        runs = "".join(f"<w:r><w:t>{line}</w:t></w:r>" for line in text.split("\n"))
        return tc(f"<w:p>{runs}</w:p>", span + merge)

    body = "<w:tbl>" + "".join(f"<w:tr>{''.join(cell(*c) for c in r)}</w:tr>" for r in rows)
    blocks = read(handmade(body + "</w:tbl>")).blocks
    for block in blocks:
        if isinstance(block, SourceTable):
            assert len({len(row) for row in block.rows}) == 1


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_template_is_read_or_refused(data):
    original = TEMPLATE.read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(damaged)))
    try:
        read(bytes(damaged[:cut] if data.draw(st.booleans()) else damaged))
    except DocumentError as error:
        assert str(error)
