"""The real published documents of ``tests/fixtures/corpus/`` import and check as their README
says: 淮安 2024's PDF gives the hand-entered tables cell for cell and checks clean, 平潭 2021's
portal page checks clean with the figures its text states, and the blank Word template is read
without a traceback, its missing agency and year said at their places.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from govreport import load
from govreport.checks import Severity

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"


def govreport(*arguments: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "govreport.cli", *map(str, arguments)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def serious(findings) -> list[str]:
    return [f"{f.code} {f.path}" for f in findings if f.severity is not Severity.WARNING]


@pytest.mark.skipif(
    importlib.util.find_spec("pdfplumber") is None,
    reason="the PDF reader (plugins/govreport-pdf, with pdfplumber) is not installed",
)
def test_huaian_pdf_gives_the_hand_entered_tables_and_checks_clean():
    imported = load(CORPUS / "huaian-2024.pdf")
    truth = load(FIXTURES / "huaian_2024")
    assert imported.report.tables.cells == truth.report.tables.cells
    assert (imported.report.agency.name, imported.report.year) == ("淮安市人民政府", 2024)
    assert serious(imported.check()) == []  # 政策性文件11件 is prose, not a figure: no alarm


def test_pingtan_page_checks_clean_and_binds_the_figures_its_text_states():
    imported = load(CORPUS / "pingtan-2021.html")
    cells = imported.report.tables.cells["requests"]
    assert (cells["new"]["total"], cells["total"]["total"]) == (70, 69)
    assert cells["carried_forward"]["total"] == 1
    figures = {f.cell: f.value for f in imported.report.figures.values() if f.cell}
    assert figures["requests.total.total"] == 69
    assert figures["requests.carried_forward.total"] == 1
    assert serious(imported.check()) == []


def test_the_blank_template_imports_with_notes_and_checks_without_a_traceback(tmp_path):
    result = govreport("import", CORPUS / "word-template-2021.docx", "-o", tmp_path / "t")
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "t" / "report.toml").read_text(encoding="utf-8")
    assert "# 请核对 year" in written and "# 请核对 agency.name" in written
    result = govreport("check", CORPUS / "word-template-2021.docx")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "year: 必填" in result.stderr and "agency: 必填" in result.stderr


@pytest.mark.parametrize("name", ["pingtan-2021.html", "word-template-2021.docx"])
def test_checking_a_document_writes_nothing(name, tmp_path):
    copy = tmp_path / name
    copy.write_bytes((CORPUS / name).read_bytes())
    govreport("check", copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
