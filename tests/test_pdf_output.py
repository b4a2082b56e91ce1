"""``--to pdf``: the .docx printed to PDF by LibreOffice (plugin govreport-pdf), opened with
poppler, read back by the PDF reader, built twice, as PDF/A; and the failure when LibreOffice is
absent, which needs neither."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from seedtext import missing_or_out_of_order
from test_docx_libreoffice import (
    PAGE_NUMBER,
    POPPLER,
    SOFFICE,
    _tool,
    embedded_fonts,
    page_sizes,
    pdf_text,
)
from test_round_trip import REPORTS, tables, texts

from govreport import load

EXAMPLE = REPORTS["example"]
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (soffice not on PATH)"
)
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils is not installed (pdfinfo, pdftotext, pdffonts)"
)
TABLE_LABELS = (
    "信息内容",  # 二、主动公开政府信息情况
    "本年制发件数",
    "申请人情况",  # 三、收到和处理政府信息公开申请情况
    "一、本年新收政府信息公开申请数量",
    "行政复议",  # 四、政府信息公开行政复议、行政诉讼情况
    "未经复议直接起诉",
)


def govreport(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "govreport.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def build_pdf(report: Path, folder: Path, *formats: str) -> Path:
    result = govreport("build", report, "--to", ",".join((*formats, "pdf")), "-o", folder)
    assert result.returncode == 0, result.stderr
    stem = report.name if report.is_dir() else report.stem
    return folder / f"{stem}.pdf"


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    pdf = build_pdf(EXAMPLE, folder, "md", "html", "docx")
    assert {path.suffix for path in folder.iterdir()} == {".md", ".html", ".docx", ".pdf"}
    return pdf


@needs_libreoffice
@needs_poppler
class TestExamplePdf:
    def test_pages_are_a4(self, example_pdf):
        sizes = page_sizes(example_pdf)
        assert len(sizes) >= 4
        assert all((round(w), round(h)) == (595, 842) for w, h in sizes)

    def test_cjk_fonts_are_embedded(self, example_pdf):
        assert any("CJK" in name for name in embedded_fonts(example_pdf))

    def test_every_sentence_of_the_seed_in_order(self, example_pdf):
        assert missing_or_out_of_order(pdf_text(example_pdf)) == []

    def test_each_page_has_its_number_in_the_footer(self, example_pdf):
        for page in range(1, len(page_sizes(example_pdf)) + 1):
            lines = _tool("pdftotext", "-f", page, "-l", page, example_pdf, "-").splitlines()
            numbers = [line for line in lines if PAGE_NUMBER.fullmatch(line.strip())]
            assert numbers and re.sub(r"\D", "", numbers[-1]) == str(page)


@needs_libreoffice
@needs_poppler
def test_the_three_tables_labels_are_present(tmp_path):
    """Of a report that prints all three tables (the example keeps its first unpublished)."""
    pdf = tmp_path / "huaian_2024.pdf"
    pdf.write_bytes(load(REPORTS["huaian_2024"]).render("pdf"))
    text = re.sub(r"\s+", "", _tool("pdftotext", pdf, "-"))
    for label in TABLE_LABELS:
        assert label in text


@needs_libreoffice
@pytest.mark.parametrize("name", ["example", "huaian_2024", "shanghai_2019"])
def test_pdf_reads_back_to_the_same_tables_and_text(name, tmp_path):
    original = load(REPORTS[name])
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(original.render("pdf"))
    imported = load(path)
    assert imported.report.source.reader == "pdf"
    assert tables(imported.build()) == tables(original.build())
    assert texts(imported.build()) == texts(original.build())


@needs_libreoffice
@needs_poppler
def test_two_builds_give_the_same_text_and_pages(tmp_path):
    first = build_pdf(EXAMPLE, tmp_path / "one")
    second = build_pdf(EXAMPLE, tmp_path / "two")
    assert page_sizes(first) == page_sizes(second)
    assert _tool("pdftotext", "-layout", first, "-") == _tool("pdftotext", "-layout", second, "-")


@needs_libreoffice
@needs_poppler
def test_pdfa_option_writes_pdfa(tmp_path):
    report = tmp_path / "archive.toml"
    source = (EXAMPLE / "report.toml").read_text(encoding="utf-8")
    report.write_text(source + "\n[output.pdf]\npdfa = true\n", encoding="utf-8")
    pdf = build_pdf(report, tmp_path / "out")
    metadata = _tool("pdfinfo", "-meta", pdf)
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", metadata), metadata
    plain = build_pdf(EXAMPLE, tmp_path / "plain")
    assert "pdfaid" not in _tool("pdfinfo", "-meta", plain)


def _without_libreoffice(tmp_path: Path, setting: str | None) -> dict[str, str]:
    """An environment where LibreOffice cannot be found: an empty PATH, or a setting naming a
    program that does not exist."""
    env = {**os.environ, "PATH": str(tmp_path / "empty-bin")}
    env.pop("GOVREPORT_SOFFICE", None)
    if setting is not None:
        env["GOVREPORT_SOFFICE"] = setting
    return env


@pytest.mark.parametrize("setting", [None, "/no/such/soffice"], ids=["not on PATH", "setting"])
def test_without_libreoffice_pdf_fails_saying_what_to_install(setting, tmp_path):
    env = _without_libreoffice(tmp_path, setting)
    out = tmp_path / "out"
    result = govreport("build", EXAMPLE, "--to", "md,pdf", "-o", out, env=env)
    assert result.returncode == 2, result.stderr
    assert "apt-get install libreoffice-writer-nogui fonts-noto-cjk" in result.stderr
    assert "Traceback" not in result.stderr
    if setting is not None:
        assert setting in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("setting", [None, "/no/such/soffice"], ids=["not on PATH", "setting"])
def test_plugins_shows_pdf_unavailable_and_why(setting, tmp_path):
    result = govreport("plugins", env=_without_libreoffice(tmp_path, setting))
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "不可用" in line)
    assert "pdf" in line and "libreoffice-writer-nogui" in line


@needs_libreoffice
def test_plugins_lists_pdf_as_available_where_libreoffice_is():
    result = govreport("plugins")
    assert "renderers: pdf" in result.stdout
    assert "不可用" not in result.stdout
