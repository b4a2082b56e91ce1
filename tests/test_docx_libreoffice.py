"""The .docx as LibreOffice lays it out: converted to PDF and read back with poppler.

Page 1 of the example is kept as a PNG in tests/output/ for a person to look at. The Chinese
fonts the profile names are not on a Linux machine; a fontconfig file maps them to Noto CJK
(serif for 仿宋, 宋体 and 小标宋, sans for 黑体), as an office's fonts would stand in.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from reportfiles import run_cli
from seedtext import missing_or_out_of_order

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "xinyu_commerce_2019"
FIXTURES = sorted(path.parent for path in (ROOT / "tests" / "fixtures").glob("*/report.toml"))
OUTPUT = ROOT / "tests" / "output"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm"))

pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice is not installed (soffice not on PATH)"
    ),
    pytest.mark.skipif(
        not POPPLER, reason="poppler-utils is not installed (pdfinfo, pdftotext, pdffonts)"
    ),
]

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
{aliases}
</fontconfig>
"""
STAND_INS = {
    "Noto Serif CJK SC": ("仿宋_GB2312", "方正小标宋简体", "宋体", "楷体_GB2312"),
    "Noto Sans CJK SC": ("黑体",),
}
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _fonts_conf(folder: Path) -> Path:
    aliases = "\n".join(
        f'  <alias binding="same"><family>{name}</family>'
        f"<prefer><family>{stand_in}</family></prefer></alias>"
        for stand_in, names in STAND_INS.items()
        for name in names
    )
    path = folder / "fonts.conf"
    path.write_text(FONTS_CONF.format(aliases=aliases), encoding="utf-8")
    return path


def to_pdf(docx: Path, folder: Path, stand_ins: bool = True) -> Path:
    """Convert with a LibreOffice profile of its own, so parallel runs do not collide.

    ``stand_ins`` false leaves the machine's own font fallback in place of the stand-in fonts.
    """
    profile = folder / "lo-profile"
    env = dict(os.environ)
    if stand_ins:
        env["FONTCONFIG_FILE"] = str(_fonts_conf(folder))
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(docx),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    pdf = folder / f"{docx.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice did not convert {docx.name}: {result.stderr}"
    return pdf


def _tool(*command: str | Path) -> str:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=True
    ).stdout


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    pages = int(re.search(r"Pages:\s+(\d+)", _tool("pdfinfo", pdf)).group(1))
    report = _tool("pdfinfo", "-f", 1, "-l", pages, pdf)
    return [
        (float(width), float(height))
        for width, height in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", report)
    ]


def embedded_fonts(pdf: Path) -> list[str]:
    """Names of the fonts embedded in the PDF (pdffonts' emb column says yes)."""
    lines = _tool("pdffonts", pdf).splitlines()[2:]
    return [line.split()[0] for line in lines if re.search(r"\byes\b", line)]


def _build(report: Path, folder: Path, capsys) -> Path:
    """Build the .docx; --force, as real reports may fail their own identities."""
    code, out, err = run_cli(capsys, "build", report, "--to", "docx", "-o", folder, "--force")
    assert code == 0, err
    return Path(out.strip())


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, Path]:
    """The example's .docx and the PDF LibreOffice makes of it."""
    folder = tmp_path_factory.mktemp("example")
    from govreport.cli import main

    assert main(["build", str(EXAMPLE), "--to", "docx", "-o", str(folder)]) == 0
    docx = folder / "xinyu_commerce_2019.docx"
    return docx, to_pdf(docx, folder)


def assert_a4(pdf: Path) -> list[tuple[float, float]]:
    sizes = page_sizes(pdf)
    for width, height in sizes:
        assert sorted((round(width), round(height))) == [595, 842]
    return sizes


def test_example_is_a4_portrait_in_a_sane_number_of_pages(example):
    _, pdf = example
    sizes = assert_a4(pdf)
    assert all(width < height for width, height in sizes)
    assert 4 <= len(sizes) <= 14


def pdf_text(pdf: Path) -> str:
    """The text in reading order, page numbers left out and lines joined.

    Joined, a line that starts with "6441411、" is not taken for a numbered item, and ``-raw``
    keeps the hyphen of a line ending in "0790-".
    """
    lines = _tool("pdftotext", "-raw", pdf, "-").splitlines()
    return "".join(line for line in lines if not PAGE_NUMBER.fullmatch(line.strip()))


@pytest.mark.parametrize("stand_ins", [True, False], ids=["stand-in fonts", "machine fonts"])
def test_example_does_not_end_on_a_page_holding_only_its_number(stand_ins, tmp_path):
    """The paragraph Word needs after the last table must not take a page of its own."""
    from govreport.cli import main

    assert main(["build", str(EXAMPLE), "--to", "docx", "-o", str(tmp_path)]) == 0
    pdf = to_pdf(tmp_path / "xinyu_commerce_2019.docx", tmp_path, stand_ins)
    last = len(page_sizes(pdf))
    text = _tool("pdftotext", "-f", last, "-l", last, pdf, "-")
    assert PAGE_NUMBER.sub("", text).strip(), f"page {last} holds only its number"


def test_example_pdf_holds_every_sentence_of_the_seed_in_order(example):
    _, pdf = example
    assert missing_or_out_of_order(pdf_text(pdf)) == []


@pytest.mark.parametrize("stand_ins", [True, False], ids=["stand-in fonts", "machine fonts"])
def test_telephone_numbers_stay_on_one_line(stand_ins, tmp_path):
    from govreport.cli import main

    assert main(["build", str(EXAMPLE), "--to", "docx", "-o", str(tmp_path)]) == 0
    pdf = to_pdf(tmp_path / "xinyu_commerce_2019.docx", tmp_path, stand_ins)
    lines = re.sub(r"[ \u2060]", "", _tool("pdftotext", "-raw", pdf, "-")).splitlines()
    for number in ("0790-6441411", "0790-6451583"):
        assert any(number in line for line in lines), number


def test_example_pdf_embeds_a_cjk_font(example):
    _, pdf = example
    fonts = embedded_fonts(pdf)
    assert any("CJK" in name for name in fonts), fonts


def test_example_page_one_as_png(example):
    _, pdf = example
    OUTPUT.mkdir(exist_ok=True)
    prefix = OUTPUT / "xinyu-docx-page"
    _tool("pdftoppm", "-png", "-r", 60, "-f", 1, "-l", 1, "-singlefile", pdf, prefix)
    png = prefix.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _tables(docx: Path) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as package:
        document = etree.fromstring(package.read("word/document.xml"))
    return document.findall(".//w:tbl", NS)


def _spans(table: etree._Element) -> dict[str, tuple[int, str | None]]:
    """Each header cell's text with its gridSpan and vMerge."""
    spans = {}
    header_rows = table.xpath("w:tr[w:trPr/w:tblHeader]", namespaces=NS)
    for row in header_rows:
        for cell in row.findall("w:tc", NS):
            text = "".join(t.text or "" for t in cell.iter(f"{{{W}}}t"))
            span = cell.find("w:tcPr/w:gridSpan", NS)
            merge = cell.find("w:tcPr/w:vMerge", NS)
            if text:
                spans[text] = (
                    int(span.get(f"{{{W}}}val")) if span is not None else 1,
                    None if merge is None else merge.get(f"{{{W}}}val", "continue"),
                )
    return spans


@pytest.mark.skipif(not FIXTURES, reason="no real-report fixtures in tests/fixtures/")
@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.name for path in FIXTURES])
def test_real_report_tables_keep_their_merged_cells(fixture, tmp_path, capsys):
    docx = _build(fixture, tmp_path, capsys)
    by_header = {}
    for table in _tables(docx):
        spans = _spans(table)
        if "申请人情况" in spans:
            by_header["三"] = spans
        if "行政复议" in spans:
            by_header["四"] = spans
    three, four = by_header["三"], by_header["四"]
    assert three["申请人情况"] == (7, None)
    assert three["法人或其他组织"] == (5, None)
    assert three["自然人"] == (1, "restart")
    corner = next(text for text in three if text.startswith("（本列数据的勾稽关系"))
    assert three[corner] == (3, "restart")
    assert four["行政复议"][0] == 5
    assert four["行政诉讼"] == (10, None)
    assert four["未经复议直接起诉"] == (5, None)
    assert four["复议后起诉"] == (5, None)

    pdf = to_pdf(docx, tmp_path)
    sizes = assert_a4(pdf)
    assert 2 <= len(sizes) <= 20
    assert any("CJK" in name for name in embedded_fonts(pdf))
    text = re.sub(r"\s+", "", _tool("pdftotext", pdf, "-"))
    for label in ("申请人情况", "法人或其他组织", "未经复议直接起诉", "复议后起诉"):
        assert label in text
