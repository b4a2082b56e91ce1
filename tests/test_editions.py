"""What the editions generate: the eight-part preamble and the attached tables."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from reportfiles import MINIMAL, write_report

from govreport import Heading, Table, build_document, load
from govreport.builtins.docx import render as render_docx

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinyu_commerce_2019"


def test_listed_names_fill_their_placeholders(tmp_path):
    text = MINIMAL.replace(
        'part = "overview"', 'part = "overview"\nlisted_as = "{year}年概况{{附}}"'
    )
    loaded = load(write_report(tmp_path, text))
    document = build_document(loaded.report, loaded.registry)
    assert "全文包括2019年概况{附}一个部分。" in document.blocks[1].text


def test_a_report_without_sections_still_builds(tmp_path):
    text = MINIMAL[: MINIMAL.index("[[sections]]")]
    loaded = load(write_report(tmp_path, text))
    document = build_document(loaded.report, loaded.registry)
    assert "全文包括" not in document.blocks[1].text


def test_attached_tables_follow_the_report_as_its_appendix():
    loaded = load(EXAMPLE)
    document = build_document(loaded.report, loaded.registry)
    assert not any(isinstance(block, Table) for block in document.blocks)
    assert isinstance(document.appendix[0], Heading)
    assert document.appendix[0].text == "附：相关统计报表"
    # 表二 was not published with the report: its title and a note stand in its place
    title, note, *tables = document.appendix[1:]
    assert (title.text, note.text) == ("主动公开政府信息情况", "（本表数据未随报告公布。）")
    assert [block.key for block in tables] == ["requests", "appeals"]


def test_docx_puts_the_signoff_before_the_attachments_on_a_new_page():
    loaded = load(EXAMPLE)
    document = build_document(loaded.report, loaded.registry)
    data = render_docx(document)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    signoff = xml.rindex(">新余市商务局</w:t>")
    page_break = xml.index('<w:br w:type="page"/>', signoff)
    assert signoff < page_break < xml.index("附：相关统计报表")
