"""The sign-off (落款) is part of the document tree: every output shows the same words."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import html5lib
import pytest
from lxml import etree
from reportfiles import MINIMAL, write_report
from seedtext import missing_or_out_of_order

from govreport.build import build_document, date_text
from govreport.loader import load

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinyu_commerce_2019"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATED = MINIMAL.replace("year = 2019", "year = 2019\ndate = 2020-01-05")


def build(report: Path, formats: str, *flags: str) -> Path:
    """Build through the command, as a clerk does; returns the output folder."""
    out = report.parent / "out"
    command = [sys.executable, "-m", "govreport.cli", *flags, "build", str(report)]
    result = subprocess.run(
        [*command, "--to", formats, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


def markdown_paragraphs(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")


def html_signoff(path: Path) -> list[str]:
    tree = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    return ["".join(p.itertext()) for p in tree.iter("p") if p.get("class") == "gr-signoff"]


def html_text(path: Path) -> str:
    tree = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    return "".join(tree.find("body").itertext())


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style, text) of each body paragraph."""
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    return [
        (style.get(f"{W}val") if (style := p.find(f"{W}pPr/{W}pStyle")) is not None else "", text)
        for p in body.iter(f"{W}p")
        if (text := "".join(t.text or "" for t in p.iter(f"{W}t")))
    ]


def docx_signoff(path: Path) -> list[str]:
    return [text for style, text in docx_paragraphs(path) if style == "Signoff"]


def test_date_is_written_without_leading_zeros():
    assert date_text(datetime.date(2020, 1, 5)) == "2020年1月5日"


def test_the_tree_carries_the_signoff(tmp_path):
    loaded = load(write_report(tmp_path, DATED))
    meta = build_document(loaded.report, loaded.registry).meta
    assert meta.signoff == ("某市商务局", "2020年1月5日")
    assert (meta.agency, meta.year, meta.date) == ("某市商务局", 2019, datetime.date(2020, 1, 5))
    undated = load(write_report(tmp_path, MINIMAL))
    assert build_document(undated.report, undated.registry).meta.signoff == ("某市商务局",)


def test_every_output_ends_with_the_same_signoff(tmp_path):
    out = build(write_report(tmp_path, DATED), "md,html,docx")
    name = tmp_path.name
    assert markdown_paragraphs(out / f"{name}.md")[-2:] == ["某市商务局", "2020年1月5日"]
    assert html_signoff(out / f"{name}.html") == ["某市商务局", "2020年1月5日"]
    assert docx_signoff(out / f"{name}.docx") == ["某市商务局", "2020年1月5日"]
    assert [text for _, text in docx_paragraphs(out / f"{name}.docx")][-2:] == [
        "某市商务局",
        "2020年1月5日",
    ]


@pytest.fixture(scope="module")
def example_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("example") / "xinyu_commerce_2019"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("build"))
    return build(folder / "report.toml", "md,html,docx")


def test_the_seed_is_rebuilt_in_html_and_docx_with_the_signoff(example_outputs):
    html = html_text(example_outputs / "xinyu_commerce_2019.html")
    docx = "".join(
        text for _, text in docx_paragraphs(example_outputs / "xinyu_commerce_2019.docx")
    )
    assert missing_or_out_of_order(html) == []
    assert missing_or_out_of_order(docx) == []


def test_the_signoff_closes_the_report_before_the_attachments(example_outputs):
    markdown = (example_outputs / "xinyu_commerce_2019.md").read_text(encoding="utf-8")
    last_sentence = "确保全局政务信息公开工作稳步有序推进。"
    assert re.search(last_sentence + r"\n\n新余市商务局\n\n## 附：相关统计报表", markdown)
    html = html_text(example_outputs / "xinyu_commerce_2019.html")
    assert re.search(last_sentence + r"\s*新余市商务局\s*附：相关统计报表", html)
    texts = [text for _, text in docx_paragraphs(example_outputs / "xinyu_commerce_2019.docx")]
    end = texts.index("新余市商务局")
    assert texts[end - 1].endswith(last_sentence)
    assert texts[end + 1] == "附：相关统计报表"


def test_docx_signoff_false_leaves_it_out_of_the_docx_only(tmp_path):
    report = write_report(tmp_path, DATED + "\n[output.docx]\nsignoff = false\n")
    out = build(report, "md,docx")
    assert docx_signoff(out / f"{tmp_path.name}.docx") == []
    assert markdown_paragraphs(out / f"{tmp_path.name}.md")[-2:] == ["某市商务局", "2020年1月5日"]


OWN_SIGNOFF = """\
import attrs
from govreport import Paragraph, Run, SectionKind, hookimpl

@attrs.frozen
class Signature:
    lines: tuple[str, ...]

def build(data, context):
    for line in data.lines:
        yield Paragraph((Run(line),), role="signoff")

@hookimpl
def govreport_section_kinds():
    return [SectionKind("house.signature", Signature, build)]
"""


def test_a_signoff_of_its_own_is_not_given_a_second(tmp_path, allow_local_plugins):
    (tmp_path / "signature.py").write_text(OWN_SIGNOFF, encoding="utf-8")
    text = 'plugins = ["signature.py"]\n' + DATED.replace(
        '。"]', '。", { kind = "house.signature", lines = ["某市商务局办公室", "二〇二〇年一月"] }]'
    )
    report = write_report(tmp_path, text)
    loaded = load(report)
    assert build_document(loaded.report, loaded.registry).meta.signoff == ()
    out = build(report, "md,html,docx", "--allow-local-plugins")
    own = ["某市商务局办公室", "二〇二〇年一月"]
    assert markdown_paragraphs(out / f"{tmp_path.name}.md")[-2:] == own
    assert html_signoff(out / f"{tmp_path.name}.html") == own
    assert docx_signoff(out / f"{tmp_path.name}.docx") == own


TEXT_RENDERER = """\
from govreport import Heading, Paragraph, Renderer, hookimpl

def render(document):
    lines = [document.title]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(block.full_text)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
    lines += ["", *document.meta.signoff]
    return "\\n".join(lines) + "\\n"

@hookimpl
def govreport_renderers():
    return [Renderer("txt", "txt", render, "plain text")]
"""


def test_a_plugin_renderer_shows_the_signoff_from_the_document_alone(tmp_path, allow_local_plugins):
    (tmp_path / "text_renderer.py").write_text(TEXT_RENDERER, encoding="utf-8")
    report = write_report(tmp_path, 'plugins = ["text_renderer.py"]\n' + DATED)
    out = build(report, "txt,md", "--allow-local-plugins")
    text = (out / f"{tmp_path.name}.txt").read_text(encoding="utf-8")
    assert text.endswith("本局认真贯彻落实《条例》。\n\n某市商务局\n2020年1月5日\n")
    assert markdown_paragraphs(out / f"{tmp_path.name}.md")[-2:] == text.split("\n")[-3:-1]
