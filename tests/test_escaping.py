"""Output escaping: Markdown syntax typed by an author shows as itself and never changes the
document's structure; the HTML page carries a strict Content-Security-Policy and no handlers.

The Markdown is read back with Python-Markdown (the ``markdown`` package, as MkDocs reads it)
and compared structurally: elements, table columns and text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import html5lib
import pytest
from reportfiles import run_cli

from govreport.builtins.markdown import render as render_markdown
from govreport.cli import main
from govreport.document import Document, Meta, Paragraph, Run

markdown = pytest.importorskip("markdown")

SYNTAX = (
    "a|b",
    "*星号*",
    "**双星**",
    "_下划线_",
    "__双下划线__",
    "#井号",
    "`反引号`",
    "<b>尖括号</b>",
    "反斜杠\\",
    "[链接](http://example.com)",
    "![图](x.png)",
    "~删除线~",
)
TEXT = "".join(SYNTAX)

PROJECTS_PLUGIN = """\
import attrs
from govreport import SectionKind, hookimpl
from govreport.document import Table, TableCell

@attrs.frozen
class Projects:
    names: tuple[str, ...]

def build(data, context):
    head = ((TableCell("项目", header=True), TableCell("说明", header=True)),)
    body = tuple((TableCell(name, header=True), TableCell(name + "说明")) for name in data.names)
    yield Table("projects", context.text("项目表"), head, body)

@hookimpl
def govreport_section_kinds():
    return [SectionKind("house.projects", Projects, build)]
"""


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _prose(text: str) -> str:
    return _toml(text.replace("{", "{{").replace("}", "}}"))


def hostile_report(folder: Path) -> Path:
    """Markdown syntax in a heading, a figure's unit, an item lead, prose and table cells."""
    (folder / "projects.py").write_text(PROJECTS_PLUGIN, encoding="utf-8")
    names = ", ".join(_toml(piece) for piece in SYNTAX)
    text = f"""\
plugins = ["projects.py"]
edition = "eight-part"
year = 2019

[agency]
name = "某市商务局"
office = "某市商务局办公室"

[figures]
posts = {{ value = 457, unit = {_toml(TEXT)} }}

[[sections]]
part = "overview"
title = {_prose(TEXT)}
content = [
  {_prose(TEXT)},
  "发布信息{{posts}}。",
  {{ kind = "item", lead = {_prose(TEXT)}, text = {_prose(TEXT)} }},
  {{ kind = "house.projects", names = [{names}] }},
]
"""
    path = folder / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


def parse_markdown(text: str):
    """The Markdown as Python-Markdown renders it, parsed into an element tree."""
    html = markdown.markdown(text, extensions=["tables"])
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)


def shown(element) -> str:
    """An element's text as a reader sees it.

    Python-Markdown, unlike CommonMark, leaves the backslash of ``\\<`` and ``\\~`` in place;
    that is a reader's quirk, not a change of structure, so it is taken out here.
    """
    return re.sub(r"\\(?=[<~])", "", "".join(element.itertext()))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("escaping")
    path = hostile_report(folder)
    arguments = ["--allow-local-plugins", "build", str(path), "--to", "md,html"]
    assert main([*arguments, "-o", str(folder / "out")]) == 0
    stem = folder.name
    return {
        ext: (folder / "out" / f"{stem}.{ext}").read_text(encoding="utf-8")
        for ext in ("md", "html")
    }


def test_markdown_syntax_in_the_text_adds_no_element(built):
    tree = parse_markdown(built["md"])
    tags = {str(element.tag) for element in tree.iter()} - {"DOCUMENT_FRAGMENT"}
    assert tags == {"h1", "h2", "p", "strong", "table", "thead", "tbody", "tr", "th", "td"}
    bold = [shown(element) for element in tree.iter("strong")]
    assert bold == [f"1.{TEXT}", "项目表"]


def test_markdown_text_reads_back_as_written(built):
    tree = parse_markdown(built["md"])
    [heading] = tree.iter("h2")
    assert shown(heading) == f"一、{TEXT}"
    paragraphs = [shown(p) for p in tree.iter("p")]
    assert TEXT in paragraphs
    assert f"发布信息457{TEXT}。" in paragraphs
    assert f"1.{TEXT}{TEXT}" in paragraphs


def test_markdown_table_keeps_its_columns_on_every_row(built):
    tree = parse_markdown(built["md"])
    [table] = tree.iter("table")
    rows = list(table.iter("tr"))
    assert len(rows) == 1 + len(SYNTAX)
    for row in rows:
        assert len([cell for cell in row if cell.tag in ("th", "td")]) == 2
    body = [[shown(cell) for cell in row] for row in rows[1:]]
    assert body == [[piece, piece + "说明"] for piece in SYNTAX]


def test_every_table_line_has_the_same_number_of_unescaped_pipes(built):
    lines = [line for line in built["md"].splitlines() if line.startswith("|")]
    counts = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
    assert counts == {3}


def test_html_page_has_a_strict_policy_that_allows_only_its_own_stylesheet(built):
    page = built["html"]
    tree = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    [policy] = [
        meta.get("content")
        for meta in tree.iter("meta")
        if meta.get("http-equiv", "").lower() == "content-security-policy"
    ]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    [style] = tree.iter("style")
    digest = base64.b64encode(hashlib.sha256(style.text.encode("utf-8")).digest()).decode()
    assert directives == {
        "default-src": "'none'",
        "style-src": f"'sha256-{digest}'",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    for element in tree.iter():
        attributes = {name.lower() for name in element.attrib}
        assert not [name for name in attributes if name.startswith("on")], element.tag
        assert "style" not in attributes, "an inline style the policy would block"
    assert not list(tree.iter("script"))
    assert TEXT in "".join(tree.find("body").itertext())


# -- a paragraph that starts like Markdown block syntax ----------------------------------------

BLOCK_STARTS = {
    "bullet-dash": ("- 加强管理", "ul"),
    "bullet-plus": ("+ 加强管理", "ul"),
    "ordered-list": ("1. 加强管理", "ol"),
    "year-and-dot": ("2019. 全年公开信息", "ol"),
    "thematic-break": ("---", "hr"),
    "indented-code": ("    加强管理", "pre"),
    "tab-code": ("\t加强管理", "pre"),
}


@pytest.mark.parametrize(("text", "element"), BLOCK_STARTS.values(), ids=list(BLOCK_STARTS))
def test_a_paragraph_starting_like_block_syntax_stays_a_paragraph(text, element):
    document = Document(
        "标题", (Paragraph((Run("前文。"),)), Paragraph((Run(text),))), Meta("局", 2019)
    )
    tree = parse_markdown(render_markdown(document))
    assert not list(tree.iter(element))
    assert [shown(p) for p in tree.iter("p")] == ["前文。", text]


def test_markdown_syntax_is_no_problem_for_check(tmp_path, capsys, allow_local_plugins):
    code, _, err = run_cli(capsys, "check", hostile_report(tmp_path))
    assert code != 2 and "error" not in err, err


@pytest.mark.parametrize("text", ["A&amp;B", "&#32;", "&lt;b&gt;"])
def test_character_references_typed_by_an_author_stay_as_typed(text):
    document = Document("标题", (Paragraph((Run(text),)),), Meta("局", 2019))
    tree = parse_markdown(render_markdown(document))
    assert [shown(p) for p in tree.iter("p")] == [text]
