"""The HTML renderer: markup checked with html5lib, pages checked in headless Chromium."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import attrs
import html5lib
import pytest
from browser import CHROMIUM, OUTPUT, Visit, open_page, print_to_pdf, screenshot
from seedtext import missing_or_out_of_order

from govreport.build import build_document
from govreport.builtins.html import (
    HtmlOptions,
    content_security_policy,
    render,
    stylesheet,
)
from govreport.cli import main
from govreport.document import Document, Heading, Meta, Paragraph, Run, Table, TableCell
from govreport.errors import ReportError
from govreport.loader import load
from govreport.render import render_outputs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "xinyu_commerce_2019"
FIXTURES = sorted(ROOT.glob("tests/fixtures/*/report.toml"))
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "div", "article",
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "strong", "span",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
CASES = {
    "example": EXAMPLE / "report.toml",
    "tables": None,
    **{f"fixture-{path.parent.name}": path for path in FIXTURES},
}
"""Pages opened in the browser: the example, hand-made tables and the real-report fixtures."""


HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</p></article><svg onload=alert(1)>",
    "{{ 7*7 }}",
    "{% if %}",
)


# -- documents -------------------------------------------------------------------------------


def _head(text: str, rowspan: int = 1, colspan: int = 1) -> TableCell:
    return TableCell(text, rowspan, colspan, header=True, align="center")


def _label(text: str, rowspan: int = 1, colspan: int = 1, indent: int = 0) -> TableCell:
    return TableCell(text, rowspan, colspan, header=True, indent=indent)


def _numbers(*values: str) -> tuple[TableCell, ...]:
    return tuple(TableCell(v, align="center" if v == "/" else "right") for v in values)


TABLE_THREE = Table(
    key="applications",
    caption="三、收到和处理政府信息公开申请情况",
    head=(
        (
            _head("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            _head("申请人情况", colspan=7),
        ),
        (_head("自然人", rowspan=2), _head("法人或其他组织", colspan=5), _head("总计", rowspan=2)),
        tuple(_head(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")),
    ),
    body=(
        (_label("一、本年新收政府信息公开申请数量", colspan=3), *_numbers(*"1200003")),
        (_label("二、上年结转政府信息公开申请数量", colspan=3), *_numbers(*"0000000")),
        (
            _label("三、本年度办理结果", rowspan=6),
            _label("（一）予以公开", colspan=2),
            *_numbers(*"1100002"),
        ),
        (
            _label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2),
            *_numbers(*"0000000"),
        ),
        (_label("（三）不予公开", rowspan=3), _label("1.属于国家秘密"), *_numbers(*"0000000")),
        (_label("2.其他法律行政法规禁止公开"), *_numbers(*"0000000")),
        (_label("3.危及“三安全一稳定”"), *_numbers(*"0100001")),
        (_label("（七）总计", colspan=2), *_numbers(*"1200003")),
        (_label("四、结转下年度继续办理", colspan=3), *_numbers(*"0000000")),
    ),
)
TABLE_TWO = Table(
    key="active",
    caption="二、主动公开政府信息情况",
    head=(
        (_head("第二十条第（一）项", colspan=4),),
        (_head("信息内容"), _head("本年制发件数"), _head("本年废止件数"), _head("现行有效件数")),
    ),
    body=(
        (_label("规章"), *_numbers("/", "/", "/")),
        (_label("行政规范性文件"), *_numbers("2", "0", "")),
        (_label("行政许可", indent=1), *_numbers("1234567", "/", "15")),
        (_head("第二十条第（五）项", colspan=4),),
        (_head("信息内容"), _head("本年处理决定数量", colspan=3)),
        (_label("行政处罚"), TableCell("3985758", colspan=3, align="right")),
    ),
)
CORNER_TABLE = Table(
    key="corner",
    caption="blank corner",
    head=((TableCell("", header=True), _head("数量"), _head("金额")),),
    body=((_label("甲"), *_numbers("", "")), (_label("乙"), TableCell("/", colspan=2))),
)


def tables_document(text: str = "") -> Document:
    """A document with national-format tables built by hand, and a sign-off."""
    return Document(
        title=f"某市某局2021年度政府信息公开工作报告{text}",
        meta=Meta("某市某局", 2021),
        blocks=(
            Heading(1, "一、", f"总体情况{text}"),
            Paragraph((Run("2021年，本局认真贯彻落实《条例》。" + text),)),
            Heading(2, "（一）", "主动公开"),
            Paragraph((Run("1.规章。", bold=True), Run("本局无规章制定权。" + text))),
            Heading(1, "二、", "主动公开政府信息情况"),
            TABLE_TWO,
            Heading(1, "三、", "收到和处理政府信息公开申请情况"),
            TABLE_THREE,
            Paragraph((Run(f"某市某局{text}"),), role="signoff"),
            Paragraph((Run("2022年1月20日"),), role="signoff"),
        ),
    )


def _build_case(name: str, report: Path | None) -> tuple[Path, Document]:
    """Render one of CASES into ``tests/output/``; returns the page and its document."""
    OUTPUT.mkdir(exist_ok=True)
    if report is None:
        document = tables_document()
        target = OUTPUT / f"html-{name}.html"
        target.write_text(render(document), encoding="utf-8")
        return target, document
    loaded = load(report)
    [target] = render_outputs(loaded, ["html"], OUTPUT / f"html-{name}")
    return target, build_document(loaded.report, loaded.registry)


def _parse(markup: str):
    return html5lib.parse(markup, treebuilder="etree", namespaceHTMLElements=False)


def _render_example(folder: Path) -> str:
    [path] = render_outputs(load(EXAMPLE), ["html"], folder)
    return path.read_text(encoding="utf-8")


# -- markup ----------------------------------------------------------------------------------


def test_page_is_strict_html5_with_the_expected_head(tmp_path: Path) -> None:
    page = _render_example(tmp_path)
    html5lib.HTMLParser(strict=True).parse(page)
    assert page.startswith("<!DOCTYPE html>\n")
    tree = _parse(page)
    assert tree.get("lang") == "zh-CN"
    assert tree.find("head/meta[@charset='utf-8']") is not None
    assert tree.findtext("head/title") == "新余市商务局2019年度政府信息公开工作报告"
    [policy] = tree.findall("head/meta[@http-equiv='Content-Security-Policy']")
    css = tree.findtext("head/style")
    assert css == stylesheet(fragment=False)
    assert policy.get("content") == content_security_policy(css)
    assert "default-src 'none'" in policy.get("content")


@pytest.mark.parametrize(("name", "report"), CASES.items(), ids=list(CASES))
def test_every_page_is_strict_html5(name: str, report: Path | None) -> None:
    page, _ = _build_case(name, report)
    html5lib.HTMLParser(strict=True).parse(page.read_text(encoding="utf-8"))


def test_the_renderer_is_a_builtin_plugin_with_options() -> None:
    from govreport.plugins import load_registry

    renderer = load_registry().renderers["html"]
    assert (renderer.extension, renderer.options_type) == ("html", HtmlOptions)
    assert renderer.default_options() == HtmlOptions(fragment=False)


def test_page_has_no_scripts_handlers_or_external_references(tmp_path: Path) -> None:
    page = _render_example(tmp_path)
    assert "<script" not in page
    for element in _parse(page).iter():
        assert not [name for name in element.attrib if name.startswith("on")]
        assert not {"src", "href", "action", "srcset"} & set(element.attrib)
    assert not re.search(r"url\(|@import", stylesheet(fragment=False))


def test_headings_follow_the_document(tmp_path: Path) -> None:
    tree = _parse(_render_example(tmp_path))
    headings = [(e.tag, e.text) for e in tree.iter() if re.fullmatch(r"h[1-6]", str(e.tag))]
    assert headings[0] == ("h1", "新余市商务局2019年度政府信息公开工作报告")
    assert ("h2", "一、概述") in headings
    assert ("h3", "（一）强化组织领导，保障工作运行") in headings
    assert [tag for tag, _ in headings].count("h1") == 1


def test_runs_are_not_separated_by_white_space(tmp_path: Path) -> None:
    page = _render_example(tmp_path)
    assert "<p><strong>1.加强人员管理。</strong>2019年，根据" in page


def test_signoff_paragraphs_are_marked() -> None:
    tree = _parse(render(tables_document()))
    signoffs = [p.text for p in tree.iter("p") if p.get("class") == "gr-signoff"]
    assert signoffs == ["某市某局", "2022年1月20日"]


def test_fragment_has_no_document_elements_and_scoped_styles() -> None:
    fragment = render(tables_document(), HtmlOptions(fragment=True))
    for tag in ("<!DOCTYPE", "<html", "<head", "<body", "<main"):
        assert tag.lower() not in fragment.lower()
    html5lib.HTMLParser(strict=True).parseFragment(fragment)
    assert fragment.startswith('<div class="govreport" lang="zh-CN">')
    css = stylesheet(fragment=True)
    assert f"<style>{css}</style>" in fragment
    selectors = _selectors(css)
    assert len(selectors) > 20
    unscoped = [s for s in selectors if not re.match(r"\.govreport(?![\w-])", s)]
    assert unscoped == []
    assert "@page" not in css


def _selectors(css: str) -> list[str]:
    """Every selector of every style rule, inside at-rules too (not @page's own block)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    preludes = re.findall(r"([^{};]+)\{", css)
    return [
        selector.strip()
        for prelude in preludes
        if not prelude.strip().startswith("@")
        for selector in prelude.split(",")
    ]


def _cells(tree, table_id: str) -> dict[str, object]:
    """The cells of one table by their text (blank cells left out)."""
    table = tree.find(f".//table[@id='{table_id}']")
    return {cell.text: cell for cell in table.iter() if cell.tag in ("th", "td") and cell.text}


def test_table_merged_headers_and_scopes() -> None:
    tree = _parse(render(tables_document()))
    table = tree.find(".//table[@id='gr-table-2']")
    (named_by,) = [h for h in tree.iter("h2") if h.get("id") == table.get("aria-labelledby")]
    assert named_by.text == "三、收到和处理政府信息公开申请情况"
    head_rows = table.findall("thead/tr")
    assert [len(row) for row in head_rows] == [2, 3, 5]
    corner, applicants = head_rows[0]
    assert (corner.get("rowspan"), corner.get("colspan"), corner.get("scope")) == (
        "3",
        "3",
        "colgroup",
    )
    assert (applicants.get("colspan"), applicants.get("scope")) == ("7", "colgroup")
    cells = _cells(tree, "gr-table-2")
    assert cells["自然人"].get("rowspan") == "2" and cells["自然人"].get("scope") == "col"
    assert cells["法人或其他组织"].get("colspan") == "5"
    result = cells["三、本年度办理结果"]
    assert (result.tag, result.get("rowspan"), result.get("scope")) == ("th", "6", "rowgroup")
    assert (cells["（一）予以公开"].get("colspan"), cells["（一）予以公开"].get("scope")) == (
        "2",
        "row",
    )
    body_rows = table.findall("tbody/tr")
    assert len(body_rows) == 9
    assert all(td.get("class") == "gr-right" for td in body_rows[0].findall("td"))


def test_data_cells_name_all_their_headers() -> None:
    tree = _parse(render(tables_document()))
    table = tree.find(".//table[@id='gr-table-2']")
    by_id = {cell.get("id"): cell.text for cell in table.iter() if cell.get("id")}
    row = table.findall("tbody/tr")[6]  # 3.危及“三安全一稳定”
    research = row.findall("td")[2]  # 科研机构
    names = [by_id[i] for i in research.get("headers").split()]
    assert names == [
        "申请人情况",
        "法人或其他组织",
        "科研机构",
        "三、本年度办理结果",
        "（三）不予公开",
        "3.危及“三安全一稳定”",
    ]
    assert len(by_id) == len(set(by_id))


def test_every_data_cell_carries_the_name_findings_give_it(tmp_path: Path) -> None:
    """``data-cell`` is the cell's ``table.row.column``: the live preview finds a finding's
    cells by it; each name occurs once and is one of the report's cells."""
    loaded = load(EXAMPLE)
    tree = _parse(_render_example(tmp_path))
    named = [cell.get("data-cell") for cell in tree.iter("td") if cell.get("data-cell")]
    assert len(named) == len(set(named))
    spec = {table.key: table for table in loaded.report.table_format.tables}
    for name in named:
        table, row, column = name.split(".", 1)[0], *name.split(".", 1)[1].rsplit(".", 1)
        assert spec[table].row(row).column(column) is not None, name
    assert {"requests.new.natural", "requests.total.total", "appeals.reconsideration.upheld"} <= (
        set(named)
    )
    assert not [cell for cell in tree.iter("th") if cell.get("data-cell")]


def test_blank_slash_and_indent_cells() -> None:
    tree = _parse(render(tables_document()))
    rows = tree.find(".//table[@id='gr-table-1']").findall("tbody/tr")
    assert [td.text for td in rows[0].findall("td")] == ["/", "/", "/"]
    assert rows[0].find("td").get("class") == "gr-center"
    blank = rows[1].findall("td")[2]
    assert blank.text is None and len(blank) == 0
    assert "gr-i1" in rows[2].find("th").get("class").split()


def test_blank_header_corner_is_an_empty_cell_not_a_header() -> None:
    tree = _parse(render(Document("t", (CORNER_TABLE,), Meta("a", 2021))))
    corner = tree.find(".//thead/tr")[0]
    assert corner.tag == "td" and "gr-corner" in corner.get("class").split()
    assert corner.text is None
    first, second = tree.findall(".//tbody/tr")
    assert first.find("td").get("headers") == "gr-table-1-h-0-1 gr-table-1-b-0-0"
    merged = second.find("td")
    assert merged.get("colspan") == "2"
    assert merged.get("headers") == "gr-table-1-h-0-1 gr-table-1-h-0-2 gr-table-1-b-1-0"


def test_header_rows_inside_the_body_head_the_rows_below() -> None:
    tree = _parse(render(tables_document()))
    table = tree.find(".//table[@id='gr-table-1']")
    by_id = {cell.get("id"): cell.text for cell in table.iter() if cell.get("id")}
    rows = table.findall("tbody/tr")
    block, labels, data = rows[3:6]
    assert [(th.get("scope"), th.get("class")) for th in block] == [
        ("colgroup", "gr-subhead gr-center")
    ]
    assert [th.get("scope") for th in labels] == ["col", "colgroup"]
    names = [by_id[i] for i in data.find("td").get("headers").split()]
    assert names == ["第二十条第（五）项", "本年处理决定数量", "行政处罚"]
    first_block = [by_id[i] for i in rows[1].find("td").get("headers").split()]
    assert first_block == ["第二十条第（一）项", "本年制发件数", "行政规范性文件"]


def test_wide_tables_sit_in_a_labelled_scrolling_region() -> None:
    tree = _parse(render(tables_document()))
    wrappers = [div for div in tree.iter("div") if div.get("class") == "gr-table"]
    assert len(wrappers) == 2
    by_id = {element.get("id"): element for element in tree.iter() if element.get("id")}
    for wrapper in wrappers:
        assert wrapper.get("role") == "region" and wrapper.get("tabindex") == "0"
        title = by_id[wrapper.get("aria-labelledby")]
        assert title.tag in ("caption", "h2") and title.text.endswith("情况")


@pytest.mark.parametrize("caption", ["二、主动公开政府信息情况", "主动公开政府信息情况"])
def test_a_table_named_by_the_heading_above_has_no_caption(caption: str) -> None:
    """The heading is said once; it names the table for a screen reader instead."""
    table = attrs.evolve(TABLE_TWO, caption=caption)
    other = attrs.evolve(TABLE_TWO, caption="表二续")
    heading = Heading(1, "二、", "主动公开政府信息情况")
    page = render(Document("t", (heading, table, other), Meta("a", 2021)))
    tree = _parse(page)
    assert "".join(tree.find("body").itertext()).count("主动公开政府信息情况") == 1
    first, second = tree.iter("table")
    assert first.find("caption") is None
    assert first.get("aria-labelledby") == tree.find(".//h2").get("id")
    assert second.findtext("caption") == "表二续"


@pytest.mark.parametrize(("name", "report"), list(CASES.items())[2:], ids=list(CASES)[2:])
def test_real_report_tables_do_not_repeat_their_headings(name: str, report: Path) -> None:
    loaded = load(report)
    article = _parse(render(build_document(loaded.report, loaded.registry))).find(".//article")
    named = 0
    for above, block in itertools.pairwise(article):
        if block.get("class") == "gr-table" and above.tag.startswith("h"):
            caption = block.findtext("table/caption")
            assert caption is None or caption not in above.text, (above.text, caption)
            named += above.get("id") == block.get("aria-labelledby")
    assert named >= 3


def test_table_text_is_escaped() -> None:
    text = "".join(HOSTILE)
    table = Table("x", text, ((_head(text),),), ((TableCell(text),),))
    page = render(Document(text, (table,), Meta(text, 2021)))
    assert "<script" not in page and "<img" not in page and "<svg" not in page
    tree = _parse(page)
    assert tree.find(".//caption").text == text
    assert [e.text for e in tree.iter() if e.tag in ("th", "td")] == [text, text]


PHONES = ("0790-6441411", "0790-6451583")


def test_telephone_numbers_are_kept_whole_with_an_ordinary_hyphen() -> None:
    text = f"联系电话：{'、'.join(PHONES)}。2021年共3件。"
    page = render(Document("t", (Paragraph((Run(text), Run(PHONES[0], bold=True))),), Meta("a", 1)))
    spans = [span for span in _parse(page).iter("span")]
    assert [(span.get("class"), span.text) for span in spans] == [
        ("gr-nobr", p) for p in PHONES
    ] + [("gr-nobr", PHONES[0])]
    assert "".join(_parse(page).find(".//p").itertext()) == text + PHONES[0]


def test_fragment_from_the_report_file(tmp_path: Path) -> None:
    source = (EXAMPLE / "report.toml").read_text(encoding="utf-8")
    report = tmp_path / "report.toml"
    report.write_text(source + "\n[output.html]\nfragment = true\n", encoding="utf-8")
    [path] = render_outputs(load(report), ["html"], tmp_path / "out")
    assert path.read_text(encoding="utf-8").startswith('<div class="govreport"')


def test_unknown_html_option_is_a_report_error(tmp_path: Path) -> None:
    source = (EXAMPLE / "report.toml").read_text(encoding="utf-8")
    report = tmp_path / "report.toml"
    report.write_text(source + "\n[output.html]\nfragmnet = true\n", encoding="utf-8")
    with pytest.raises(ReportError) as raised:
        load(report)
    assert "output.html.fragmnet" in str(raised.value)


def test_cli_html_fragment_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["build", str(EXAMPLE), "--to", "md,html", "--html-fragment", "-o", str(tmp_path)])
        == 0
    )
    fragment = (tmp_path / "xinyu_commerce_2019.html").read_text(encoding="utf-8")
    assert fragment.startswith('<div class="govreport"')
    assert (tmp_path / "xinyu_commerce_2019.md").is_file()
    assert main(["build", str(EXAMPLE), "--to", "html", "-o", str(tmp_path)]) == 0
    assert (
        (tmp_path / "xinyu_commerce_2019.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    )
    capsys.readouterr()


# -- hostile report --------------------------------------------------------------------------


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def hostile_report(folder: Path) -> Path:
    """A report with hostile text in every text field.

    Prose goes through the placeholder filler, where ``{{`` stands for ``{``: it is doubled
    there, so the rendered text holds the hostile strings as written.
    """
    raw = _toml("".join(HOSTILE))
    prose = _toml("".join(HOSTILE).replace("{", "{{").replace("}", "}}"))
    text = f"""\
        edition = "eight-part"
        year = 2021
        title = {raw}

        [agency]
        name = {raw}
        office = {raw}
        website = {raw}
        address = {raw}
        postcode = {raw}
        phones = [{raw}, {raw}]
        local_regulation = {{ name = {raw}, short = {raw} }}

        [figures]
        count = {{ value = 3, unit = {raw} }}

        [[sections]]
        part = "overview"
        title = {prose}
        listed_as = {prose}
        content = [
          {prose},
          {{ kind = "paragraph", text = {prose}, points = [{prose}, {prose}] }},
          {{ kind = "subpart", title = {prose}, content = [
            {{ kind = "item", lead = {prose}, text = {prose}, points = [{prose}], content = [
              {{ kind = "item", lead = {prose}, text = {prose} }},
            ] }},
          ] }},
          {{ kind = "enumeration", items = [{{ lead = {prose}, text = {prose} }}] }},
          {{ kind = "paragraph", text = "共{{count}}" }},
        ]

        [[sections]]
        part = "active"
        content = [
          {{ kind = "commerce.project_prereview", lead = {prose}, text = {prose}, meetings = 1, reviewed = 2, passed = 1 }},
          {{ kind = "commerce.fund_use", lead = {prose}, threshold = 1, meetings = 1, funds = [
            {prose}] }},
          {{ kind = "commerce.port_construction", published = 1, text = {prose}, projects = [
            {{ name = {prose}, progress = {prose} }}] }},
        ]
        """
    path = folder / "report.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@attrs.frozen
class HostileBuild:
    """The hostile report built through the command line, and how often its text must show."""

    page: Path
    fragment: Path
    occurrences: dict[str, int]
    """How often each hostile string occurs in the document tree's text."""


@pytest.fixture
def hostile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> HostileBuild:
    report = hostile_report(tmp_path)
    for folder, flags in (("page", []), ("fragment", ["--html-fragment"])):
        command = ["build", str(report), "--to", "html", *flags, "-o", str(tmp_path / folder)]
        assert main(command) == 0
    capsys.readouterr()
    loaded = load(report)
    tree_text = _document_text(build_document(loaded.report, loaded.registry))
    occurrences = {piece: tree_text.count(piece) for piece in HOSTILE}
    assert min(occurrences.values()) > 20
    name = f"{tmp_path.name}.html"
    return HostileBuild(tmp_path / "page" / name, tmp_path / "fragment" / name, occurrences)


@pytest.mark.parametrize("kind", ["page", "fragment"])
def test_hostile_text_stays_text_in_the_markup(hostile: HostileBuild, kind: str) -> None:
    markup = getattr(hostile, kind).read_text(encoding="utf-8")
    for tag in ("<script", "<img", "<svg", "</article><"):
        assert tag not in markup
    root = _parse(markup).find("body") if kind == "page" else _fragment(markup)
    elements = list(root.iter())
    assert {str(e.tag) for e in elements} <= ALLOWED_TAGS | {"DOCUMENT_FRAGMENT"}
    assert not [n for e in elements for n in e.attrib if n.lower().startswith("on")]
    text = "".join((e.text or "") + (e.tail or "") for e in elements if e.tag != "style")
    for piece in HOSTILE:
        assert text.count(piece) == hostile.occurrences[piece], piece
    assert "49" not in text


def _fragment(markup: str):
    return html5lib.parseFragment(markup, treebuilder="etree", namespaceHTMLElements=False)


# -- in the browser --------------------------------------------------------------------------


PAGE_FACTS = """() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    headings: [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map(h => +h.tagName[1]),
    text: document.body.innerText,
    h1Align: getComputedStyle(document.querySelector("h1")).textAlign,
    tables: [...document.querySelectorAll("table")].map(t => {
        const box = t.getBoundingClientRect();
        const region = t.parentElement.getBoundingClientRect();
        return {
            width: box.width,
            height: box.height,
            regionRight: region.right,
            scrolls: t.parentElement.scrollWidth > t.parentElement.clientWidth,
        };
    }),
})"""


def check_page(visit: Visit, width: int) -> dict:
    """What every rendered page must satisfy in the browser at ``width``."""
    facts = visit.page.evaluate(PAGE_FACTS)
    assert visit.dialogs == [] and visit.errors == []
    assert all(url.startswith("file://") for url in visit.requests), visit.requests
    assert facts["h1Align"] == "center", "the stylesheet was not applied (CSP hash?)"
    assert facts["scrollWidth"] <= facts["innerWidth"], "the page scrolls sideways"
    levels = facts["headings"]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    for table in facts["tables"]:
        assert table["width"] > 0 and table["height"] > 0
        assert table["regionRight"] <= width
    for table in visit.page.locator("table").all():
        assert table.is_visible()
    return facts


def _document_text(document: Document) -> str:
    lines = [document.title]
    for block in (*document.blocks, *document.signoff_paragraphs, *document.appendix):
        if isinstance(block, Heading):
            lines.append(block.full_text)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.append(block.caption)
            lines += [cell.text for row in (*block.head, *block.body) for cell in row]
    return "\n".join(lines)


@pytest.mark.parametrize(("name", "report"), CASES.items(), ids=list(CASES))
@pytest.mark.parametrize("width", [1280, 375])
def test_page_in_the_browser(browser, name: str, report: Path | None, width: int) -> None:
    target, document = _build_case(name, report)
    with open_page(browser, target, width) as visit:
        facts = check_page(visit, width)
        screenshot(visit.page, f"html-{name}-{width}")
    blocks = (*document.blocks, *document.appendix)
    tables = sum(isinstance(block, Table) for block in blocks)
    assert len(facts["tables"]) == tables
    if name == "tables":
        assert [table["scrolls"] for table in facts["tables"]] == [False, width == 375]
    if name == "example":
        lost = missing_or_out_of_order(facts["text"])
        if lost and lost == missing_or_out_of_order(_document_text(document)):
            pytest.xfail(f"the document tree itself lacks these seed sentences: {lost}")
        assert lost == []


ON_A_PHONE = """(scroll) => {
    const region = [...document.querySelectorAll(".gr-table")]
        .find(r => r.textContent.includes("申请人情况"));
    const rows = [...region.querySelectorAll("tbody tr")];
    const row = rows.find(r => r.querySelector("td"));
    if (!scroll) region.scrollIntoView();
    region.scrollLeft = scroll ? region.scrollWidth : 0;
    const shown = (cell) => {
        const box = cell.getBoundingClientRect();
        const x = (Math.max(box.left, 0) + Math.min(box.right, innerWidth)) / 2;
        const y = (box.top + box.bottom) / 2;
        const hit = document.elementFromPoint(x, y);
        return box.left >= -0.5 && box.right <= innerWidth + 0.5 && !!hit && cell.contains(hit);
    };
    const inView = (cell) => {
        const box = cell.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;
    };
    const labels = rows.flatMap(r => [...r.querySelectorAll("th")])
        .filter(th => !th.classList.contains("gr-subhead") && inView(th));
    return {
        scrolled: region.scrollLeft,
        scrolls: region.scrollWidth > region.clientWidth,
        cue: getComputedStyle(region).backgroundImage,
        firstNumber: [row.querySelector("td").textContent, shown(row.querySelector("td"))],
        labels: labels.map(th => [th.textContent, shown(th)]),
    };
}"""


@pytest.mark.parametrize("name", ["tables", *list(CASES)[2:]])
def test_table_three_on_a_phone_shows_numbers_beside_labels_that_stay(browser, name) -> None:
    """At 375 px the first column of numbers is on screen beside the row labels; scrolled to
    its last column, the labels are still there, and a shadow says that the table scrolls."""
    target, _ = _build_case(name, CASES[name])
    with open_page(browser, target, 375, 1400) as visit:
        before = visit.page.evaluate(ON_A_PHONE, False)
        screenshot(visit.page, f"html-{name}-375-table-three")
        after = visit.page.evaluate(ON_A_PHONE, True)
    number, shown = before["firstNumber"]
    assert number.strip() and shown, before["firstNumber"]
    assert before["scrolls"] and "gradient" in before["cue"]
    assert after["scrolled"] > 0
    assert len(after["labels"]) >= 4
    assert [text for text, shown in after["labels"] if not shown] == []


PHONE_LINES = """(numbers) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const lines = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const number of numbers) {
            for (let at = node.data.indexOf(number); at >= 0; at = node.data.indexOf(number, at + 1)) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + number.length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                lines.push([number, tops.size]);
            }
        }
    }
    return lines;
}"""


def test_telephone_numbers_never_break_at_their_hyphen(browser) -> None:
    """At every width from a small phone's up, each number of the example sits on one line."""
    target, _ = _build_case("example", EXAMPLE / "report.toml")
    with open_page(browser, target, 320) as visit:
        for width in range(300, 560, 3):
            visit.page.set_viewport_size({"width": width, "height": 900})
            lines = visit.page.evaluate(PHONE_LINES, list(PHONES))
            assert sorted({number for number, _ in lines}) == list(PHONES)
            assert all(count == 1 for _, count in lines), (width, lines)


def _pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, white space removed."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]


@pytest.mark.skipif(
    not CHROMIUM.is_file() or shutil.which("pdftotext") is None,
    reason="printing needs Chromium and pdftotext (poppler-utils)",
)
@pytest.mark.parametrize("report", FIXTURES, ids=[path.parent.name for path in FIXTURES])
def test_printed_tables_break_across_pages_and_repeat_their_headers(
    report: Path, tmp_path: Path
) -> None:
    """表三 starts under its heading, not on a fresh page after a gap, and its header rows
    print again on the next page."""
    [page] = render_outputs(load(report), ["html"], tmp_path)
    pages = _pdf_pages(print_to_pdf(page, tmp_path / "printed.pdf"))
    [at] = [n for n, text in enumerate(pages) if "三、收到和处理政府信息公开申请情况" in text]
    assert "一、本年新收政府信息公开申请数量" in pages[at]
    assert "（一）予以公开" in pages[at], "the row group moved to the next page"
    with_header = [n for n, text in enumerate(pages) if "申请人情况" in text]
    assert len(with_header) >= 2 and with_header[:2] == [at, at + 1], with_header


HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>portal</title>
<style>
html {{ font-size: 10px; }}
p {{ color: rgb(255, 0, 0); font-size: 30px; text-indent: 0; margin: 0; }}
h1 {{ text-align: right; }}
table {{ border-collapse: separate; }}
</style></head>
<body><h1 id="host-h1">门户</h1><p id="host-p">门户正文</p>
<table id="host-table"><tr><td>门户表格</td></tr></table>
{fragment}
</body></html>"""


@pytest.mark.parametrize("width", [1280, 375])
def test_fragment_in_a_host_page(browser, tmp_path: Path, width: int) -> None:
    fragment = render(tables_document(), HtmlOptions(fragment=True))
    host = tmp_path / "host.html"
    host.write_text(HOST_PAGE.format(fragment=fragment), encoding="utf-8")
    with open_page(browser, host, width) as visit:
        style = """([selector, property]) =>
            getComputedStyle(document.querySelector(selector)).getPropertyValue(property)"""
        value = lambda selector, name: visit.page.evaluate(style, [selector, name])  # noqa: E731
        assert value("#host-p", "text-indent") == "0px"
        assert value("#host-p", "color") == "rgb(255, 0, 0)"
        assert value("#host-h1", "text-align") == "right"
        assert value("#host-table", "border-collapse") == "separate"
        assert value(".govreport p", "color") != "rgb(255, 0, 0)"
        assert value(".govreport p", "font-size") == "16px"
        assert value(".govreport h1", "text-align") == "center"
        assert value(".govreport table", "border-collapse") == "collapse"
        width_now = visit.page.evaluate("document.documentElement.scrollWidth")
        assert width_now <= width
        assert visit.dialogs == [] and visit.errors == []
        screenshot(visit.page, f"html-fragment-in-host-{width}")


@pytest.mark.parametrize("kind", ["page", "fragment"])
def test_hostile_text_does_nothing_in_the_browser(
    browser, hostile: HostileBuild, kind: str
) -> None:
    with open_page(browser, getattr(hostile, kind), 1280) as visit:
        page = visit.page
        page.mouse.move(10, 10)
        page.mouse.move(600, 400)
        facts = page.evaluate(
            """() => ({
                tags: [...new Set([...document.querySelectorAll("*")].map(e => e.localName))],
                handlers: [...document.querySelectorAll("*")].flatMap(
                    e => [...e.attributes].map(a => a.name).filter(n => n.startsWith("on"))),
                text: document.body.innerText,
                h1: document.querySelector("h1").textContent,
            })"""
        )
        assert visit.dialogs == []
        assert set(facts["tags"]) <= ALLOWED_TAGS
        assert facts["handlers"] == []
        assert facts["h1"] == "".join(HOSTILE)
        for piece in HOSTILE:
            assert facts["text"].count(piece) == hostile.occurrences[piece], piece
        screenshot(page, f"html-hostile-{kind}")
