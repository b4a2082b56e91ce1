"""``build`` checks first: a failing final report is not written unless ``--force``, and a draft
is written with a draft mark (草稿) in every format."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from reportfiles import MINIMAL, write_report

import govreport
from govreport.document import DRAFT_MARK, DRAFT_NOTICE

DENIES_THE_TABLE = (
    MINIMAL.replace("year = 2019", "year = 2022").replace(
        "本局认真贯彻落实《条例》。", "本年度未受理政府信息公开申请。"
    )
    + '\n[tables]\nformat = "gb2021"\n\n[tables.requests]\nnew = { natural = 3 }\n'
)
"""The issue's case: the text says no applications were received, 表三 holds 3 (GR602)."""

FORMATS = "md,html,docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def govreport_cli(*args: object) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "govreport.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )


def report(folder: Path, text: str = MINIMAL) -> Path:
    folder.mkdir(parents=True)
    return write_report(folder, text)


def draft(folder: Path) -> Path:
    """A fresh skeleton from ``govreport new``: ``draft = true``, every table still blank."""
    result = govreport_cli("new", folder, "--agency", "某县某局", "--year", "2024")
    assert result.returncode == 0, result.stderr
    path = folder / "report.toml"
    assert re.search(r"^draft = true", path.read_text("utf-8"), re.MULTILINE)
    return path


# -- the gate -----------------------------------------------------------------------------------


def test_a_report_that_fails_its_checks_is_not_built(tmp_path):
    path = report(tmp_path / "bad", DENIES_THE_TABLE)
    result = govreport_cli("build", path, "--to", FORMATS)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "GR602 [不一致] sections[0].content[0].text" in result.stderr
    assert "不通过" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in path.parent.iterdir()) == ["report.toml"]
    out = tmp_path / "out"
    assert govreport_cli("build", path, "-o", out).returncode == 1
    assert not out.exists()


def test_force_builds_it_and_says_so(tmp_path):
    path = report(tmp_path / "bad", DENIES_THE_TABLE)
    result = govreport_cli("build", path, "--to", FORMATS, "--force")
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert [p.name for p in written] == ["bad.md", "bad.html", "bad.docx"]
    assert all(p.is_file() for p in written)
    assert "GR602" in result.stderr
    assert "警告：" in result.stderr and "--force" in result.stderr
    assert DRAFT_MARK not in written[0].read_text("utf-8")  # forced is not a draft


def test_a_clean_report_builds_with_its_verdict_on_stderr(tmp_path):
    path = report(tmp_path / "clean")
    result = govreport_cli("build", path, "--to", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(path.parent / "build" / "clean.md")]
    assert result.stderr.splitlines() == [str(path), "通过：未发现问题。"]
    assert DRAFT_MARK not in (path.parent / "build" / "clean.md").read_text("utf-8")


def test_warnings_never_block(tmp_path):
    text = MINIMAL.replace("office = ", 'kind = "government"\noffice = ')  # GR106, a warning
    path = report(tmp_path / "warned", text)
    checked = govreport_cli("check", path)
    assert checked.returncode == 0 and "GR106 [提示]" in checked.stdout
    result = govreport_cli("build", path, "--to", "md")
    assert result.returncode == 0 and "GR106 [提示]" in result.stderr
    assert (path.parent / "build" / "warned.md").is_file()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_in_a_batch_each_report_is_judged_on_its_own(tmp_path, jobs):
    clean = report(tmp_path / "clean")
    bad = report(tmp_path / "bad", DENIES_THE_TABLE)
    result = govreport_cli("build", bad, clean, "--to", "md,html", "-j", jobs)
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == [
        str(clean.parent / "build" / f"clean.{ext}") for ext in ("html", "md")
    ]
    assert not (bad.parent / "build").exists()
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("错误：1 份报告") and str(bad) in last and str(clean) not in last


def test_a_report_that_cannot_be_used_still_exits_2_beside_a_refused_one(tmp_path):
    bad = report(tmp_path / "bad", DENIES_THE_TABLE)
    broken = report(tmp_path / "broken", "year = \n")
    assert govreport_cli("build", bad, broken).returncode == 2


# -- drafts -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_draft(tmp_path_factory) -> dict[str, Path]:
    """A blank skeleton built to every format, and its HTML fragment."""
    folder = tmp_path_factory.mktemp("draft") / "skeleton"
    path = draft(folder)
    result = govreport_cli("build", path, "--to", FORMATS)
    assert result.returncode == 0, result.stderr
    assert "草稿：" in result.stderr  # the verdict of a draft
    outputs = {Path(line).suffix[1:]: Path(line) for line in result.stdout.splitlines()}
    fragment = govreport_cli("build", path, "--to", "html", "--html-fragment", "-o", folder / "f")
    assert fragment.returncode == 0, fragment.stderr
    outputs["fragment"] = Path(fragment.stdout.strip())
    return outputs


def test_a_draft_markdown_starts_with_the_mark(built_draft):
    first = built_draft["md"].read_text("utf-8").splitlines()[0]
    assert first.startswith(">") and DRAFT_NOTICE in first


@pytest.mark.parametrize("kind", ["html", "fragment"])
def test_a_draft_html_has_a_banner_and_a_watermark(built_draft, kind):
    html = built_draft[kind].read_text("utf-8")
    assert f'role="note">{DRAFT_NOTICE}</p>' in html
    assert f'data-mark="{DRAFT_MARK}"' in html and "content: attr(data-mark)" in html


def _headers(docx: Path) -> list[str]:
    """The text of every header each section of the document refers to."""
    from lxml import etree

    with zipfile.ZipFile(docx) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        texts = []
        for section in document.iter(f"{W}sectPr"):
            for reference in section.iter(f"{W}headerReference"):
                part = etree.fromstring(package.read("word/" + targets[reference.get(f"{R}id")]))
                texts.append("".join(t.text or "" for t in part.iter(f"{W}t")))
        return texts


def test_a_draft_docx_has_the_mark_in_every_header(built_draft):
    headers = _headers(built_draft["docx"])
    assert len(headers) >= 2  # odd and even pages
    assert all(DRAFT_NOTICE in text for text in headers)


def test_a_final_docx_has_no_draft_header(tmp_path):
    path = report(tmp_path / "clean")
    result = govreport_cli("build", path, "--to", "docx")
    assert result.returncode == 0, result.stderr
    assert not any(DRAFT_MARK in text for text in _headers(Path(result.stdout.strip())))


def _tinted_pages(pdf: Path, folder: Path) -> list[bool]:
    """For each page of the PDF, whether it shows the draft mark's red anywhere."""
    subprocess.run(["pdftoppm", "-r", "20", str(pdf), str(folder / "page")], check=True)
    tinted = []
    for image in sorted(folder.glob("page-*.ppm")):
        data = image.read_bytes()
        magic, width, height, depth, pixels = data.split(maxsplit=4)
        assert magic == b"P6" and depth == b"255"
        red = any(
            pixels[i] - pixels[i + 1] > 12 and pixels[i] - pixels[i + 2] > 12
            for i in range(0, int(width) * int(height) * 3, 3)
        )
        tinted.append(red)
    return tinted


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_draft_docx_shows_the_mark_on_every_printed_page(built_draft, tmp_path):
    from test_docx_libreoffice import SOFFICE, to_pdf

    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (soffice not on PATH)")
    pages = _page_texts(to_pdf(built_draft["docx"], tmp_path))
    assert len(pages) > 1
    assert all(DRAFT_MARK in page for page in pages)


@pytest.mark.parametrize("kind", ["html", "fragment"])
def test_the_draft_mark_is_visible_and_printed_in_chromium(built_draft, kind, tmp_path):
    from browser import chromium, missing, open_page

    reason = missing()
    if reason:
        pytest.skip(reason)
    with chromium() as browser, open_page(browser, built_draft[kind], 375) as visit:
        page = visit.page
        assert visit.errors == [], "the stylesheet was refused (CSP hash?)"
        assert DRAFT_NOTICE in page.inner_text("body")
        assert page.locator(".gr-draft-notice").is_visible()
        watermark = """() => {
            const style = getComputedStyle(document.querySelector(".govreport"), "::after");
            return [style.content, style.position, style.display, style.visibility];
        }"""
        assert page.evaluate(watermark) == [f'"{DRAFT_MARK}"', "fixed", "block", "visible"]
        page.emulate_media(media="print")
        assert page.evaluate(watermark)[:2] == [f'"{DRAFT_MARK}"', "fixed"]
        pdf = tmp_path / "printed.pdf"
        pdf.write_bytes(page.pdf(format="A4"))
    if shutil.which("pdftoppm") is not None:  # the watermark is on every printed page
        pages = _tinted_pages(pdf, tmp_path)
        assert len(pages) > 1 and all(pages)


# -- the Python API -----------------------------------------------------------------------------


def test_write_refuses_a_failing_report_with_its_findings(tmp_path):
    loaded = govreport.load(report(tmp_path / "bad", DENIES_THE_TABLE))
    with pytest.raises(govreport.ChecksFailedError) as raised:
        loaded.write("md")
    assert "GR602" in [finding.code for finding in raised.value.findings]
    assert all(f.severity is not govreport.Severity.WARNING for f in raised.value.findings)
    assert not (tmp_path / "bad" / "build").exists()
    assert loaded.render("md")  # render and build are not gated
    assert [p.name for p in loaded.write("md", force=True)] == ["bad.md"]


def test_write_marks_a_draft_and_writes_it(tmp_path):
    loaded = govreport.load(draft(tmp_path / "skeleton"))
    assert loaded.build().meta.draft
    (written,) = loaded.write("md")
    assert DRAFT_NOTICE in written.read_text("utf-8")
