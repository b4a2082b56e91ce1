"""The .docx renderer: the GB/T 9704-2012 profile in the file's XML, tables, profiles, bytes."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import attrs
import pytest
from lxml import etree
from reportfiles import MINIMAL, run_cli, write_report

from govreport import Document, Heading, Paragraph, Run, Table, TableCell, load
from govreport.build import build_document
from govreport.builtins.docx import Style, render, resolve_options
from govreport.builtins.docx.writer import signoff_indents, title_lines
from govreport.document import Meta

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "xinyu_commerce_2019"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def style_of(styles: etree._Element, style_id: str) -> etree._Element:
    (found,) = styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)
    return found


def value(element: etree._Element, path: str, attribute: str = "val") -> str | None:
    found = element.find(path, NS)
    return None if found is None else found.get(w(attribute))


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


# 表三 and 表四 as the national format draws them (national-format.md §4–5).
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def _numbers(count: int) -> tuple[TableCell, ...]:
    return tuple(TableCell(str(n), align="right") for n in range(count))


def _label(text: str, rowspan: int = 1, colspan: int = 1) -> TableCell:
    return TableCell(text, rowspan=rowspan, colspan=colspan)


def table_three() -> Table:
    head = (
        (TableCell(NOTE, rowspan=3, colspan=3, header=True), TableCell("申请人情况", colspan=7)),
        (
            TableCell("自然人", rowspan=2),
            TableCell("法人或其他组织", colspan=5),
            TableCell("总计", rowspan=2),
        ),
        tuple(TableCell(name) for name in APPLICANTS),
    )
    groups = [
        ("（三）不予公开", ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”",
                           "保护第三方合法权益", "属于三类内部事务信息", "属于四类过程性信息",
                           "属于行政执法案卷", "属于行政查询事项"]),
        ("（四）无法提供", ["本机关不掌握相关政府信息", "没有现成信息需要另行制作",
                           "补正后申请内容仍不明确"]),
        ("（五）不予处理", ["信访举报投诉类申请", "重复申请", "要求提供公开出版物",
                           "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"]),
    ]  # fmt: skip
    body = [
        (_label("一、本年新收政府信息公开申请数量", colspan=3), *_numbers(7)),
        (_label("二、上年结转政府信息公开申请数量", colspan=3), *_numbers(7)),
        (
            _label("三、本年度办理结果", rowspan=20),
            _label("（一）予以公开", colspan=2),
            *_numbers(7),
        ),
        (
            _label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2),
            *_numbers(7),
        ),
    ]
    for group, items in groups:
        for index, item in enumerate(items, start=1):
            first = (_label(group, rowspan=len(items)),) if index == 1 else ()
            body.append((*first, _label(f"{index}.{item}"), *_numbers(7)))
    body += [
        (_label("（六）其他处理", colspan=2), *_numbers(7)),
        (_label("（七）总计", colspan=2), *_numbers(7)),
        (_label("四、结转下年度继续办理", colspan=3), *_numbers(7)),
    ]
    return Table("requests", "三、收到和处理政府信息公开申请情况", head, tuple(body))


def table_four() -> Table:
    results = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    head = (
        (TableCell("行政复议", rowspan=2, colspan=5), TableCell("行政诉讼", colspan=10)),
        (TableCell("未经复议直接起诉", colspan=5), TableCell("复议后起诉", colspan=5)),
        tuple(TableCell(name) for name in results * 3),
    )
    return Table("review", "四、政府信息公开行政复议、行政诉讼情况", head, (_numbers(15),))


def sample_document(*extra: Heading | Paragraph | Table) -> Document:
    blocks = (
        Paragraph((Run("根据《中华人民共和国政府信息公开条例》要求，编制本报告。"),)),
        Heading(1, "一、", "总体情况"),
        Heading(2, "（一）", "主动公开"),
        Paragraph((Run("1.加强人员管理。", bold=True), Run("及时调整领导小组。"))),
        table_three(),
        table_four(),
        *extra,
    )
    meta = Meta("某市商务局", 2019, signoff=("某市商务局",))
    return Document("某市商务局2019年度政府信息公开工作报告", blocks, meta)


@pytest.fixture(scope="module")
def sample() -> bytes:
    return render(sample_document())


# --- the page ----------------------------------------------------------------------------------


def test_page_is_a4_with_gbt9704_margins_and_22_lines(sample):
    sect = part(sample, "word/document.xml").find("w:body/w:sectPr", NS)
    assert (value(sect, "w:pgSz", "w"), value(sect, "w:pgSz", "h")) == ("11906", "16838")
    margins = {
        side: int(value(sect, "w:pgMar", side)) for side in ("top", "bottom", "left", "right")
    }
    # 37, 35, 28 and 26 mm in twips (1 mm = 56.69 twips)
    assert margins == {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
    pitch = int(value(sect, "w:docGrid", "linePitch"))
    assert pitch == 579  # 225 mm type area / 22 lines, rounded down
    normal = style_of(part(sample, "word/styles.xml"), "Normal")
    assert value(normal, "w:pPr/w:spacing", "line") == str(pitch)
    assert value(normal, "w:pPr/w:spacing", "lineRule") == "exact"
    # 28 characters of 三号 on the 156 mm line: drawn 98% wide
    assert value(normal, "w:rPr/w:w") == "98"


def test_page_numbers_outside_odd_right_even_left(sample):
    settings = part(sample, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    document = part(sample, "word/document.xml")
    references = document.findall("w:body/w:sectPr/w:footerReference", NS)
    assert sorted(ref.get(w("type")) for ref in references) == ["default", "even"]
    with zipfile.ZipFile(io.BytesIO(sample)) as package:
        footers = [name for name in package.namelist() if name.startswith("word/footer")]
    alignments = set()
    for name in footers:
        footer = part(sample, name)
        assert text(footer).replace("1", "N") == "— N —"
        assert footer.find(".//w:instrText", NS).text.strip() == "PAGE"
        alignments.add(value(footer, "w:p/w:pPr/w:jc"))
    assert alignments == {"left", "right"}
    styles = part(sample, "word/styles.xml")
    footer_style = style_of(styles, "Footer")
    assert value(footer_style, "w:rPr/w:rFonts", "eastAsia") == "宋体"
    assert value(footer_style, "w:rPr/w:sz") == "28"  # 四号


def test_centred_page_numbers_are_a_profile_choice():
    data = render(sample_document(), options=Style(page_numbers="center"))
    assert part(data, "word/settings.xml").find("w:evenAndOddHeaders", NS) is None
    assert value(part(data, "word/footer1.xml"), "w:p/w:pPr/w:jc") == "center"


# --- styles and fonts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style_id", "name", "east_asian", "half_points"),
    [
        ("Normal", "Normal", "仿宋_GB2312", "32"),
        ("Title", "Title", "方正小标宋简体", "44"),
        ("Heading1", "heading 1", "黑体", "32"),
        ("Heading2", "heading 2", "楷体_GB2312", "32"),
        ("Heading3", "heading 3", "仿宋_GB2312", "32"),
    ],
)
def test_styles_set_the_chinese_font_in_the_east_asian_slot(
    sample, style_id, name, east_asian, half_points
):
    style = style_of(part(sample, "word/styles.xml"), style_id)
    assert value(style, "w:name") == name  # Word shows 正文, 标题, 标题 1…3
    assert value(style, "w:rPr/w:rFonts", "eastAsia") == east_asian
    assert value(style, "w:rPr/w:sz") == half_points
    assert style.find("w:rPr/w:rFonts", NS).get(w("asciiTheme")) is None


def test_document_defaults_are_chinese(sample):
    defaults = part(sample, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert value(defaults, "w:lang", "eastAsia") == "zh-CN"
    assert value(defaults, "w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert value(defaults, "w:rFonts", "ascii") == "Times New Roman"


def test_headings_are_outline_levels_and_body_indents_two_characters(sample):
    styles = part(sample, "word/styles.xml")
    for level in (1, 2, 3):
        assert value(style_of(styles, f"Heading{level}"), "w:pPr/w:outlineLvl") == str(level - 1)
    assert value(style_of(styles, "Normal"), "w:pPr/w:ind", "firstLineChars") == "200"
    assert value(style_of(styles, "Title"), "w:pPr/w:jc") == "center"


def test_blocks_use_the_styles_and_item_leads_are_bold(sample):
    body = part(sample, "word/document.xml").find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    styles = [value(p, "w:pPr/w:pStyle") for p in paragraphs]
    assert styles[:5] == ["Title", "Normal", "Heading1", "Heading2", "Normal"]
    assert text(paragraphs[2]) == "一、总体情况"
    lead, rest = paragraphs[4].findall("w:r", NS)
    assert lead.find("w:rPr/w:b", NS) is not None and text(lead) == "1.加强人员管理。"
    assert rest.find("w:rPr", NS) is None


# --- tables ------------------------------------------------------------------------------------


def grid(table: etree._Element) -> list[list[tuple[int, str | None, str]]]:
    """Each row as (gridSpan, vMerge, text) per cell; vMerge is restart, continue or None."""
    rows = []
    for row in table.findall("w:tr", NS):
        cells = []
        for cell in row.findall("w:tc", NS):
            span = int(value(cell, "w:tcPr/w:gridSpan") or 1)
            merge = cell.find("w:tcPr/w:vMerge", NS)
            state = None if merge is None else merge.get(w("val")) or "continue"
            cells.append((span, state, text(cell)))
        rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def tables(sample) -> list[etree._Element]:
    return part(sample, "word/document.xml").findall("w:body/w:tbl", NS)


def test_every_row_covers_the_grid(tables):
    for table, columns in zip(tables, (10, 15), strict=True):
        assert len(table.findall("w:tblGrid/w:gridCol", NS)) == columns
        for row in grid(table):
            assert sum(span for span, _, _ in row) == columns


def test_table_three_header_is_merged_as_the_national_format_draws_it(tables):
    rows = grid(tables[0])
    assert rows[0] == [(3, "restart", NOTE), (7, None, "申请人情况")]
    assert rows[1] == [
        (3, "continue", ""),
        (1, "restart", "自然人"),
        (5, None, "法人或其他组织"),
        (1, "restart", "总计"),
    ]
    assert rows[2] == [
        (3, "continue", ""),
        (1, "continue", ""),
        *[(1, None, name) for name in APPLICANTS],
        (1, "continue", ""),
    ]


def test_table_three_row_labels_span_rows(tables):
    body = grid(tables[0])[3:]
    assert body[0][0] == (3, None, "一、本年新收政府信息公开申请数量")
    assert body[2][:2] == [(1, "restart", "三、本年度办理结果"), (2, None, "（一）予以公开")]
    for row in body[3:22]:  # the other 19 rows of 三, down to （七）总计
        assert row[0] == (1, "continue", "")
    assert body[22][0] == (3, None, "四、结转下年度继续办理")
    refused = body[4]
    assert refused[:3] == [
        (1, "continue", ""),
        (1, "restart", "（三）不予公开"),
        (1, None, "1.属于国家秘密"),
    ]
    assert all(row[1] == (1, "continue", "") for row in body[5:12])


def test_table_four_header(tables):
    rows = grid(tables[1])
    assert rows[0] == [(5, "restart", "行政复议"), (10, None, "行政诉讼")]
    assert rows[1] == [(5, "continue", ""), (5, None, "未经复议直接起诉"), (5, None, "复议后起诉")]
    assert [cell[2] for cell in rows[2]] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ] * 3


def test_header_rows_repeat_and_cells_are_centred_vertically(tables):
    for table, head_rows in zip(tables, (3, 3), strict=True):
        rows = table.findall("w:tr", NS)
        repeated = [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows]
        assert repeated == [True] * head_rows + [False] * (len(rows) - head_rows)
        assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
        assert {value(cell, "w:tcPr/w:vAlign") for cell in table.iter(w("tc"))} == {"center"}


def test_numbers_align_right_and_labels_get_room(tables):
    table = tables[0]
    first_body_row = table.findall("w:tr", NS)[3]
    cells = first_body_row.findall("w:tc", NS)
    assert value(cells[0], "w:p/w:pPr/w:jc") == "left"
    assert {value(cell, "w:p/w:pPr/w:jc") for cell in cells[1:]} == {"right"}
    widths = [int(col.get(w("w"))) for col in table.findall("w:tblGrid/w:gridCol", NS)]
    assert abs(sum(widths) - 8844) <= 10  # the 156 mm type area
    assert widths[2] > 3 * widths[3]  # "2.其他法律行政法规禁止公开" column vs a number column
    assert value(table, "w:tblPr/w:tblLayout", "type") == "fixed"
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert {value(borders, f"w:{side}") for side in ("top", "insideH", "insideV")} == {"single"}


def test_table_text_is_wuhao_and_off_the_line_grid(sample):
    style = style_of(part(sample, "word/styles.xml"), "TableText")
    assert value(style, "w:rPr/w:sz") == "21"  # 五号 10.5 pt
    assert value(style, "w:pPr/w:snapToGrid") == "0"


def test_wide_tables_can_go_on_a_landscape_page():
    data = render(sample_document(), options=Style(landscape_table_columns=12))
    body = part(data, "word/document.xml").find("w:body", NS)
    breaks = body.findall("w:p/w:pPr/w:sectPr", NS)
    assert [value(s, "w:pgSz", "orient") for s in breaks] == [None, "landscape"]
    assert value(breaks[1], "w:pgSz", "w") == "16838"
    final = body.find("w:sectPr", NS)
    assert value(final, "w:pgSz", "orient") is None
    # the footers (page numbers) carry on in every section
    assert len(breaks[1].findall("w:footerReference", NS)) == 2
    widths = [int(c.get(w("w"))) for c in body.findall("w:tbl", NS)[1].iter(w("gridCol"))]
    assert abs(sum(widths) - 12755) <= 15  # 225 mm across the landscape page


# --- 落款 and the title ----------------------------------------------------------------------------


def test_signoff_follows_gbt9704_without_seal():
    # name two characters from the right; the date starts two characters right of the name
    assert signoff_indents(["新余市商务局", "2020年1月20日"], 2) == [4.5, 2.0]
    assert signoff_indents(["某某省某某市人民政府办公室", "2020年1月20日"], 2) == [2, 6.5]
    assert signoff_indents(["某市商务局"], 2) == [2]


def test_signoff_from_the_report_date(tmp_path, capsys):
    path = write_report(tmp_path, MINIMAL.replace("year = 2019", "year = 2019\ndate = 2020-01-20"))
    code, _out, err = run_cli(capsys, "build", path, "--to", "docx")
    assert code == 0, err
    body = part((tmp_path / "build" / f"{tmp_path.name}.docx").read_bytes(), "word/document.xml")
    signoff = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='Signoff']", namespaces=NS)
    assert [text(p) for p in signoff] == ["某市商务局", "2020年1月20日"]
    assert value(signoff[0], "w:pPr/w:spacing", "before") == "579"  # one empty line above


def test_a_signoff_of_the_blocks_is_laid_out_as_the_generated_one():
    own = Paragraph((Run("某市商务局办公室"),), role="signoff")
    document = attrs.evolve(sample_document(own), meta=Meta("某市商务局", 2019))
    body = part(render(document), "word/document.xml")
    signoff = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='Signoff']", namespaces=NS)
    assert [text(p) for p in signoff] == ["某市商务局办公室"]


def test_long_titles_break_between_words():
    title = "新余市商务局2019年度政府信息公开工作报告"
    assert title_lines(title, "新余市商务局", 20.1) == [
        "新余市商务局2019年度",
        "政府信息公开工作报告",
    ]
    assert title_lines("某局2019年度报告", "某局", 20.1) == ["某局2019年度报告"]


# --- determinism and laziness --------------------------------------------------------------------


def test_the_paragraph_after_a_closing_table_is_hidden_and_one_point_high():
    """Word needs a paragraph after a table that ends the body; it must not fill a page."""
    document = Document(
        "某市商务局2019年度政府信息公开工作报告", (table_four(),), Meta("某市商务局", 2019)
    )
    body = part(render(document), "word/document.xml").find(w("body"))
    *_, table, last, section = body
    assert (table.tag, last.tag, section.tag) == (w("tbl"), w("p"), w("sectPr"))
    assert value(last, "w:pPr/w:spacing", "line") == "20"
    assert value(last, "w:pPr/w:spacing", "lineRule") == "exact"
    assert last.find("w:pPr/w:rPr/w:vanish", NS) is not None
    assert text(last) == ""


def test_telephone_numbers_join_their_hyphens():
    """No line may end at a telephone number's hyphen: word joiners hold it to its digits."""
    paragraph = Paragraph((Run("联系电话：0790-6441411、0790-6451583；2021年"),))
    body = part(render(sample_document(paragraph)), "word/document.xml")
    joined = "0790\u2060-\u20606441411、0790\u2060-\u20606451583；2021年"
    assert any(text(p).endswith(joined) for p in body.iter(w("p")))


def test_same_input_gives_identical_bytes(sample):
    assert render(sample_document()) == sample
    with zipfile.ZipFile(io.BytesIO(sample)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    core = part(sample, "docProps/core.xml")
    assert "2020-01-01T00:00:00Z" in etree.tostring(core, encoding="unicode")


def test_building_the_example_twice_gives_identical_files(tmp_path, capsys):
    outputs = []
    for name in ("first", "second"):
        code, _out, err = run_cli(capsys, "build", EXAMPLE, "--to", "docx", "-o", tmp_path / name)
        assert code == 0, err
        outputs.append((tmp_path / name / "xinyu_commerce_2019.docx").read_bytes())
    assert outputs[0] == outputs[1]


def test_python_docx_is_imported_only_to_render():
    script = textwrap.dedent(
        f"""
        import sys
        from govreport.cli import main
        main(["check", {str(EXAMPLE)!r}])
        assert "docx" not in sys.modules, "govreport check imported python-docx"
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- profiles ------------------------------------------------------------------------------------


def _styles_of_build(folder: Path) -> etree._Element:
    return part((folder / "build" / f"{folder.name}.docx").read_bytes(), "word/styles.xml")


def test_report_file_overrides_the_profile(tmp_path, capsys):
    settings = textwrap.dedent(
        """
        [output.docx]
        body_font = "方正仿宋_GBK"
        line_spacing_pt = 29
        margin_top_mm = 30
        """
    )
    path = write_report(tmp_path, MINIMAL + settings)
    code, _out, err = run_cli(capsys, "build", path, "--to", "docx")
    assert code == 0, err
    styles = _styles_of_build(tmp_path)
    normal = style_of(styles, "Normal")
    assert value(normal, "w:rPr/w:rFonts", "eastAsia") == "方正仿宋_GBK"
    assert value(normal, "w:pPr/w:spacing", "line") == "580"
    assert value(style_of(styles, "Heading1"), "w:rPr/w:rFonts", "eastAsia") == "黑体"
    document = part(
        (tmp_path / "build" / f"{tmp_path.name}.docx").read_bytes(), "word/document.xml"
    )
    assert value(document, "w:body/w:sectPr/w:pgMar", "top") == "1701"


HOUSE_STYLE = """\
from govreport import hookimpl
from govreport.builtins.docx import DocxProfile, Style


@hookimpl
def govreport_docx_profiles():
    return [DocxProfile("house", Style(body_font="方正仿宋_GBK", line_spacing_pt=28))]
"""


def _house_report(tmp_path: Path) -> Path:
    (tmp_path / "house_style.py").write_text(HOUSE_STYLE, encoding="utf-8")
    text = 'plugins = ["house_style.py"]\n' + MINIMAL
    text += '\n[output.docx]\nprofile = "house"\ntitle_size_pt = 20\n'
    return write_report(tmp_path, text)


def test_hook_govreport_docx_profiles(tmp_path, allow_local_plugins):
    """A plugin profile is selected by name, with the report's overrides on top."""
    loaded = load(_house_report(tmp_path))
    assert "house" in loaded.registry.docx_profiles
    document = build_document(loaded.report, loaded.registry)
    style = resolve_options(loaded.output_options["docx"], loaded.registry)
    data = render(document, style)
    styles = part(data, "word/styles.xml")
    assert value(style_of(styles, "Normal"), "w:rPr/w:rFonts", "eastAsia") == "方正仿宋_GBK"
    assert value(style_of(styles, "Normal"), "w:pPr/w:spacing", "line") == "560"
    assert value(style_of(styles, "Title"), "w:rPr/w:sz") == "40"


def test_a_plugin_profile_through_the_command(tmp_path, capsys, allow_local_plugins):
    code, _out, err = run_cli(capsys, "build", _house_report(tmp_path), "--to", "docx")
    assert code == 0, err
    normal = style_of(_styles_of_build(tmp_path), "Normal")
    assert value(normal, "w:rPr/w:rFonts", "eastAsia") == "方正仿宋_GBK"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('body_fnot = "黑体"', "output.docx.body_fnot: 没有这个键；是不是 'body_font'？"),
        ('body_size_pt = "16"', "output.docx.body_size_pt: 应为数字"),
        ('page_numbers = "top"', "output.docx.page_numbers: 应为 outside, center"),
        ("margin_left_mm = -1", "output.docx.margin_left_mm: 应在 0 到 500 之间"),
        ('profile = "gbt9705"', "output.docx.profile: 没有这种 docx 版式 'gbt9705'"),
        ("margin_left_mm = 500", "output.docx.margin_left_mm: 左右页边距只给"),
        ("margin_bottom_mm = 280", "output.docx.margin_top_mm: 上下页边距只给"),
    ],
)
def test_bad_settings_stop_the_build_naming_their_place(tmp_path, capsys, settings, message):
    path = write_report(tmp_path, MINIMAL + f"\n[output.docx]\n{settings}\n")
    code, _out, err = run_cli(capsys, "build", path, "--to", "docx")
    assert code == 2
    assert message in err
    assert not (tmp_path / "build").exists()


def test_style_defaults_are_gbt9704():
    style = Style()
    assert (style.margin_top_mm, style.margin_bottom_mm) == (37, 35)
    assert (style.margin_left_mm, style.margin_right_mm) == (28, 26)
    assert (style.text_width_mm, style.text_height_mm) == (156, 225)
    assert (style.lines_per_page, style.chars_per_line) == (22, 28)
    assert (style.title_size_pt, style.body_size_pt, style.page_number_size_pt) == (22, 16, 14)


def test_a_python_docx_without_the_writer_internals_gives_the_same_bytes(monkeypatch):
    """The .docx is zipped once from python-docx's package writer; a python-docx made
    differently inside gets the same file through a saved copy."""
    from govreport.builtins.docx import package

    report = load(EXAMPLE)
    once = report.render("docx")
    monkeypatch.setattr(package, "PackageWriter", type("PackageWriter", (), {}))
    assert report.render("docx") == once
