"""Round trip: a report built to HTML or .docx, read back as a published file, is the same report.

The published file goes through the reader and the mapping exactly as a portal page or a Word
file from elsewhere would (``govreport.load`` of the file): the tables come back cell for cell
and the text paragraph for paragraph.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govreport import load
from govreport.document import Document, Heading, Paragraph, Table

ROOT = Path(__file__).resolve().parents[1]
REPORTS = {
    "example": ROOT / "examples" / "xinyu_commerce_2019",
    "huaian_2024": ROOT / "tests" / "fixtures" / "huaian_2024",
    "shanghai_2019": ROOT / "tests" / "fixtures" / "shanghai_2019",
}


def texts(document: Document) -> list[str]:
    """Every heading and paragraph a reader of the output sees, in order."""
    blocks = (*document.blocks, *document.signoff_paragraphs, *document.appendix)
    return [
        block.full_text if isinstance(block, Heading) else block.text
        for block in blocks
        if isinstance(block, (Heading, Paragraph))
    ]


def tables(document: Document) -> list[Table]:
    """Every statistical table the output prints, as printed (computed totals included)."""
    return [block for block in (*document.blocks, *document.appendix) if isinstance(block, Table)]


def published(name: str, suffix: str, tmp_path: Path):
    """The report, and the same report read back from its ``suffix`` output."""
    original = load(REPORTS[name])
    output = original.render(suffix.lstrip("."))
    path = tmp_path / f"{name}{suffix}"
    if isinstance(output, str):
        path.write_text(output, encoding="utf-8")
    else:
        path.write_bytes(output)
    return original, load(path)


@pytest.mark.parametrize("suffix", [".html", ".docx"])
@pytest.mark.parametrize("name", list(REPORTS))
def test_tables_come_back_cell_for_cell(name, suffix, tmp_path):
    original, imported = published(name, suffix, tmp_path)
    assert imported.report.tables is not None
    assert imported.report.tables.format == original.report.tables.format
    assert imported.report.tables.unpublished == original.report.tables.unpublished
    assert tables(imported.build()) == tables(original.build())
    if not original.report.tables.compute_totals:  # every printed total was typed in
        assert imported.report.tables.cells == original.report.tables.cells


@pytest.mark.parametrize("suffix", [".html", ".docx"])
@pytest.mark.parametrize("name", list(REPORTS))
def test_prose_comes_back_paragraph_for_paragraph(name, suffix, tmp_path):
    original, imported = published(name, suffix, tmp_path)
    assert texts(imported.build()) == texts(original.build())


@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_the_read_back_report_says_where_it_came_from(suffix, tmp_path):
    _, imported = published("huaian_2024", suffix, tmp_path)
    source = imported.report.source
    assert source is not None and source.file == f"huaian_2024{suffix}"
    assert source.reader == suffix.lstrip(".") and len(source.sha256) == 64
    assert set(source.tables) == {"active", "requests", "appeals"}


def test_a_finding_in_an_imported_table_says_where_it_was_printed(tmp_path):
    page = load(REPORTS["huaian_2024"]).render("html").replace(">3119<", ">3118<", 1)
    path = tmp_path / "huaian.html"
    path.write_text(page, encoding="utf-8")
    command = [sys.executable, "-m", "govreport.cli", "check", path]
    text = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert text.returncode == 1
    assert "GR203 [不一致] tables.requests.new.total（原文<table>第2个）" in text.stdout
    result = subprocess.run([*command, "--format", "json"], capture_output=True, text=True)
    findings = json.loads(result.stdout)[0]["findings"]
    gr203 = next(f for f in findings if f["code"] == "GR203")
    assert gr203["origin"] == "<table>第2个"
    assert all("origin" not in f for f in findings if not f["path"].startswith("tables."))
