"""The PDF reader on a real published report (淮安市人民政府 2024, kept in the repository's
tests/fixtures/corpus/ exactly as published) and on files that are not readable reports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.plugins import load_registry
from govreport.readers import DocumentError, SourceParagraph, SourceTable
from govreport_pdf import read

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[3]
PDF = REPO / "tests" / "fixtures" / "corpus" / "huaian-2024.pdf"
TRUTH = tomllib.loads((REPO / "tests/fixtures/huaian_2024/report.toml").read_text("utf-8"))

# Each row of the hand-entered tables, by the first characters of its printed label.
LABELS = {
    "active": {
        "rules": "规章",
        "normative_documents": "行政规范性文件",
        "licensing": "行政许可",
        "penalties": "行政处罚",
        "coercion": "行政强制",
        "fees": "行政事业性收费",
    },
    "requests": {
        "new": "一、本年新收",
        "brought_forward": "二、上年结转",
        "granted": "（一）予以公开",
        "partly_granted": "（二）部分公开",
        "withheld.state_secret": "1.属于国家秘密",
        "withheld.prohibited_by_law": "2.其他法律行政法规",
        "withheld.security_stability": "3.危及",
        "withheld.third_party": "4.保护第三方",
        "withheld.internal_affairs": "5.属于三类",
        "withheld.process_information": "6.属于四类",
        "withheld.enforcement_file": "7.属于行政执法",
        "withheld.query_matter": "8.属于行政查询",
        "unavailable.not_held": "1.本机关不掌握",
        "unavailable.needs_creation": "2.没有现成信息",
        "unavailable.still_unclear": "3.补正后",
        "not_processed.petition_complaint": "1.信访举报",
        "not_processed.repeated": "2.重复申请",
        "not_processed.publication": "3.要求提供公开出版物",
        "not_processed.excessive": "4.无正当理由",
        "not_processed.confirmation": "5.要求行政机关确认",
        "other_handling.no_supplement": "1、申请人无正当理由逾期不补正",
        "other_handling.fee_unpaid": "2、申请人逾期未按收费",
        "other_handling.other": "3、其他",
        "total": "（七）总计",
        "carried_forward": "四、结转下年度",
    },
}
NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


@pytest.fixture(scope="module")
def document():
    return read(PDF.read_bytes())


def tables(document) -> list[SourceTable]:
    return [block for block in document.blocks if isinstance(block, SourceTable)]


def texts(document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, SourceParagraph)]


def truth_row(table: str, key: str) -> list[str]:
    row = TRUTH["tables"][table]
    for part in key.split("."):
        row = row[part]
    return [str(value) for value in row.values()]


def printed_row(table: SourceTable, label: str) -> list[str]:
    """The numbers of the one printed row that has a cell starting with ``label``."""
    rows = [row for row in table.rows if any(cell.startswith(label) for cell in row)]
    assert len(rows) == 1, f"{label}: {len(rows)} rows"
    return [cell for cell in rows[0] if NUMBER.match(cell)]


def test_the_title_is_one_paragraph_marked_as_the_title(document):
    first = document.blocks[0]
    assert first == SourceParagraph("淮安市人民政府2024年政府信息公开工作年度报告", "第1页", 1)
    assert document.title == "政府信息公开工作年度报告"  # the file's own property


def test_wrapped_lines_and_paragraphs_across_pages_are_joined(document):
    paragraphs = texts(document)
    assert TRUTH["introduction"][0] in paragraphs  # framed on page 1: text, not a table
    assert "一、总体情况" in paragraphs
    # begins on page 1, ends on page 2, with the page number "- 1 -" between
    spanning = next(text for text in paragraphs if text.startswith("（一）主动公开情况"))
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in spanning
    assert spanning.endswith("回应舆论关切。")
    assert "全市共受理政府信息公开申请3119件" in "".join(paragraphs)


def test_no_page_numbers_are_left(document):
    for text in texts(document):
        assert not re.search(r"-\s*\d+\s*-", text), text
        assert not re.fullmatch(r"\d+", text)


def test_the_three_tables_hold_every_hand_entered_number(document):
    active, requests, appeals = tables(document)
    for name, table in (("active", active), ("requests", requests)):
        for key, label in LABELS[name].items():
            assert printed_row(table, label) == truth_row(name, key), key
    numbers = [cell for row in appeals.rows for cell in row if NUMBER.match(cell)]
    expected = [
        value
        for key in ("reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration")
        for value in truth_row("appeals", key)
    ]
    assert numbers == expected


def test_tables_continuing_on_the_next_page_are_one_table_each(document):
    active, requests, appeals = tables(document)
    assert (active.origin, requests.origin, appeals.origin) == ("第3–4页", "第4–5页", "第5页")
    assert len({len(row) for row in requests.rows}) == 1
    assert len(requests.rows[0]) == 10
    # a header across two lines, a group label cut by the page break, a vertical label
    labels = [cell for row in requests.rows for cell in row]
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in labels
    assert "（四）无法提供" in labels and "法提供" not in labels
    assert "三、本年度办理结果" in labels
    # merged cells: their text top left, "" in the other positions
    assert requests.rows[0][:4] == (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "",
        "",
        "申请人情况",
    )


def test_tables_stand_between_the_headings_that_introduce_them(document):
    kinds = [
        block.text[:2] if isinstance(block, SourceParagraph) else "table"
        for block in document.blocks
    ]
    for heading in ("二、", "三、", "四、"):
        assert kinds[kinds.index(heading) + 1] == "table"


def _pdf(trailer_extra: str = "", content: bytes = b"") -> bytes:
    """A one-page PDF with correct cross-references, ``content`` drawn on its page in
    Helvetica; ``trailer_extra`` goes in the trailer."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\n".encode()
    return out + f"startxref\n{xref}\n%%EOF\n".encode()


# Two lines of text and a ruled table of two rows and two columns.
SAMPLE = _pdf(
    content=b"BT /F1 12 Tf 72 760 Td (Report 2024) Tj 0 -20 Td (- 1 -) Tj ET "
    b"72 700 m 372 700 l 72 680 m 372 680 l 72 660 m 372 660 l "
    b"72 700 m 72 660 l 222 700 m 222 660 l 372 700 m 372 660 l S "
    b"BT /F1 10 Tf 80 686 Td (A) Tj 150 0 Td (1) Tj -150 -20 Td (B) Tj 150 0 Td (2) Tj ET"
)


def test_a_small_pdf_reads_its_text_and_table():
    paragraph, table = read(SAMPLE).blocks
    assert paragraph == SourceParagraph("Report 2024", "第1页")
    assert table == SourceTable((("A", "1"), ("B", "2")), "第1页")


def test_an_empty_page_reads_as_an_empty_document():
    assert read(_pdf(content=b"")).blocks == ()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<html><body>not a pdf</body></html>", "不是 PDF"),
        (b"", "不是 PDF"),
        (PDF.read_bytes()[:3000], "损坏"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 20, "损坏"),
    ],
    ids=["html", "empty", "truncated", "garbage"],
)
def test_files_that_are_not_readable_pdfs_are_refused_in_chinese(data, words):
    with pytest.raises(DocumentError, match=words):
        read(data)


def test_an_encrypted_pdf_is_refused_in_chinese():
    # The standard security handler with a user password: the empty password does not open it.
    encrypt = (
        "/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
        f"/O <{'11' * 32}> /U <{'22' * 32}> >> /ID [<{'33' * 16}> <{'33' * 16}>] "
    )
    with pytest.raises(DocumentError, match="加密"):
        read(_pdf(encrypt))


def test_too_many_pages_are_refused(monkeypatch):
    import govreport_pdf.reader

    monkeypatch.setattr(govreport_pdf.reader, "MAX_PAGES", 5)
    with pytest.raises(DocumentError, match="6 页，超过可读取的 5 页"):
        read(PDF.read_bytes())


def test_hook_govreport_readers():
    """The plugin's hook gives the PDF reader, found through the registry."""
    reader = load_registry().readers["pdf"]
    assert reader.suffixes == (".pdf",) and reader.media_types == ("application/pdf",)
    assert reader.read is read


def test_loading_the_plugin_does_not_load_the_pdf_library_nor_its_own_reading_code():
    """A check of a report file loads the plugin: it must not pay for reading or writing PDFs."""
    modules = ["pdfplumber", "pdfminer", "govreport_pdf.reader", "govreport_pdf.writer"]
    code = f"import sys, govreport_pdf; print(*[m in sys.modules for m in {modules!r}])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"] * len(modules)


@settings(max_examples=40, deadline=None)
@given(
    st.binary(max_size=2000),
    st.integers(min_value=0, max_value=len(SAMPLE) - 1),
)
def test_any_damage_gives_a_document_error_or_a_document(noise, cut):
    """Bytes spliced into a real PDF: read, or refused with DocumentError — nothing else."""
    data = SAMPLE[:cut] + noise + SAMPLE[cut + len(noise) :]
    try:
        document = read(data)
    except DocumentError as error:
        assert re.search(r"[\u4e00-\u9fff]", str(error))
    else:
        assert all(isinstance(block, SourceParagraph | SourceTable) for block in document.blocks)
