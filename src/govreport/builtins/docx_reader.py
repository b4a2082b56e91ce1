"""The Word reader (built-in plugin): ``govreport import report.docx`` and ``check report.docx``.

It reads the body of a .docx in order — paragraphs and tables interleaved — and nothing else:
page headers and footers, footnotes, comments, text boxes and pictures are left out, and so are
deleted (tracked) and hidden text. A paragraph's runs are joined and its whitespace collapsed; the
line breaks inside a paragraph or a cell are joined without a space next to a Chinese character.
The word joiners (U+2060) govreport's own Word output puts around the hyphens of a telephone
number, and other zero-width characters, are removed.

A paragraph is marked as a heading only by its style: Word's ``Title`` (标题) is level 1, the
report's title; ``Heading 1``/``标题 1`` is level 2 (一、), ``Heading 2`` level 3 (（一）), and
so on, through the styles a custom style is based on. Most offices type headings as plain
paragraphs; the mapping recognises those by their numbering.

Tables become grids from their XML: a cell spanning columns (``gridSpan``) or continued from the
row above (``vMerge``) keeps its text in the top-left position and ``""`` in the others, even
though Word repeats a merged cell in every position it covers. A table of one cell is a frame
around its content (pasted web pages often wrap the whole report in one): its paragraphs and
tables are read as if they stood in the body. A table inside a cell of a larger table adds its
text to that cell, row after row, so nothing printed is lost.

Before python-docx opens the file, its bytes are checked: a zip (an OLE file is an encrypted
.docx or an old .doc), at most :data:`MAX_MEMBERS` members, :data:`MAX_UNCOMPRESSED` bytes
unpacked in all and no member packed more tightly than :data:`MAX_RATIO` to one (a zip bomb),
with a ``word/document.xml``. python-docx and zipfile are imported only then, never when the
plugin loads (a ``check`` of a report file reads no Word file).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from govreport.hookspecs import hookimpl
from govreport.readers import DocumentError, Reader, SourceDocument, SourceParagraph, SourceTable

if TYPE_CHECKING:
    from lxml import etree

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
"""A member over :data:`RATIO_FLOOR` may unpack to at most this many times its packed size."""
RATIO_FLOOR = 1024 * 1024
MAX_SPAN = 64
"""Word's tables have at most 63 columns; a larger ``gridSpan`` is damage, not layout."""
MAX_CELLS = 200_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\u200c\u200d\ufeff\u00ad"))
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A line break beside a Chinese character, a heading style, the title style: compiled when
    a Word file is read (compiling them costs a ``check`` of a report file a millisecond)."""
    return (
        re.compile(rf"(?<=[{_CJK}])\s*\n\s*|\s*\n\s*(?=[{_CJK}])"),
        re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE),
        re.compile(r"title|标题", re.IGNORECASE),
    )


_CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"}
_TEXT_CONTAINERS = _CONTAINERS | {
    f"{W}hyperlink",
    f"{W}ins",
    f"{W}moveTo",
    f"{W}fldSimple",
    f"{W}dir",
    f"{W}bdo",
}
_RUN_TEXT = {f"{W}t": None, f"{W}tab": " ", f"{W}ptab": " ", f"{W}br": "\n", f"{W}cr": "\n"}
_RUN_TEXT |= {f"{W}noBreakHyphen": "-"}
_OFF = {"0", "false", "off"}


def read(data: bytes) -> SourceDocument:
    """The paragraphs and tables of a .docx, in reading order."""
    _check_package(data)
    try:
        import docx

        word = docx.Document(io.BytesIO(data))
        blocks = tuple(_Walk(_heading_levels(word.styles.element)).blocks(word.element.body))
        title = _text(word.core_properties.title or "") or None
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(
            "这个 Word 文件已损坏或不完整，无法读取；请在 Word 中打开后另存为 .docx 再试"
            f"（the .docx cannot be opened: {type(error).__name__}）"
        ) from None
    return SourceDocument(blocks, title)


def _check_package(data: bytes) -> None:
    """Refuse, before anything unpacks it, a file that is not a .docx or would unpack too far."""
    import zipfile

    if data.startswith(OLE_MAGIC):
        raise DocumentError(
            "这是加密的 Word 文件或旧版 .doc 文件，无法读取：请在 Word 中取消密码，"
            "或另存为 .docx 后再试（encrypted .docx or old .doc）"
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentError(
            "不是 Word 文件：.docx 文件是一个 zip 压缩包，这个文件不是（not a .docx: not a zip）"
        ) from None
    if len(members) > MAX_MEMBERS:
        raise DocumentError(
            f"Word 文件内含 {len(members)} 个部件，超过上限 {MAX_MEMBERS}，拒绝读取"
            "（too many parts: a zip bomb?）"
        )
    unpacked = sum(member.file_size for member in members)
    tight = [
        member.filename
        for member in members
        if member.file_size > RATIO_FLOOR
        and member.file_size > MAX_RATIO * max(member.compress_size, 1)
    ]
    if unpacked > MAX_UNCOMPRESSED or tight:
        raise DocumentError(
            f"Word 文件解压后过大（{unpacked // (1024 * 1024)} MB，上限 "
            f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB；或压缩比超过 {MAX_RATIO} 倍），"
            "疑似压缩炸弹，拒绝读取（a zip bomb）"
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise DocumentError("Word 文件中的部件已加密，无法读取（encrypted parts）")
    if "word/document.xml" not in {member.filename for member in members}:
        raise DocumentError(
            "不是 Word 文件：压缩包中没有 word/document.xml 正文（not a .docx: no document body）"
        )


def _heading_levels(styles: etree._Element) -> dict[str, int]:
    """The heading level of every paragraph style that is, or is based on, a title or heading."""
    names: dict[str, str] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId") or ""
        name = style.find(f"{W}name")
        parent = style.find(f"{W}basedOn")
        names[style_id] = (name.get(f"{W}val") or "") if name is not None else ""
        if parent is not None:
            based_on[style_id] = parent.get(f"{W}val") or ""
    levels: dict[str, int] = {}
    for style_id in names:
        current, seen = style_id, set()
        while current in names and current not in seen:
            seen.add(current)
            level = _level_of(names[current].strip())
            if level is not None:
                levels[style_id] = level
                break
            current = based_on.get(current, "")
    return levels


def _level_of(name: str) -> int | None:
    _, heading_style, title_style = _patterns()
    if heading := heading_style.fullmatch(name):
        return int(heading.group(1)) + 1
    return 1 if title_style.fullmatch(name) else None


class _Walk:
    """One pass over a body, numbering the paragraphs and tables it hands out."""

    def __init__(self, heading_levels: dict[str, int]) -> None:
        self.heading_levels = heading_levels
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0

    def blocks(self, parent: etree._Element) -> Iterator[SourceParagraph | SourceTable]:
        for element in _children(parent):
            if element.tag == f"{W}p":
                text = _text(_paragraph_text(element))
                if text:
                    self.paragraphs += 1
                    yield SourceParagraph(text, f"第{self.paragraphs}段", self._level(element))
            elif element.tag == f"{W}tbl":
                rows = _rows(element)
                cells = [cell for row in rows for cell in _children(row, f"{W}tc")]
                if len(rows) == 1 and len(cells) == 1:
                    yield from self.blocks(cells[0])
                else:
                    yield from self._table(rows)

    def _level(self, paragraph: etree._Element) -> int | None:
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        return None if style is None else self.heading_levels.get(style.get(f"{W}val") or "")

    def _table(self, rows: list[etree._Element]) -> Iterator[SourceTable]:
        grid: list[list[str]] = []
        for row in rows:
            cells = [""] * _number(row.find(f"{W}trPr/{W}gridBefore"), absent=0)
            for cell in _children(row, f"{W}tc"):
                properties = cell.find(f"{W}tcPr")
                span = _number(None if properties is None else properties.find(f"{W}gridSpan"))
                text = "" if _continues(properties) else _text(_cell_text(cell))
                cells += [text] + [""] * (span - 1)
            self.cells += len(cells)
            if self.cells > MAX_CELLS:
                raise DocumentError(
                    f"Word 文件中的表格超过 {MAX_CELLS} 个单元格，拒绝读取（too many table cells）"
                )
            grid.append(cells)
        if not grid:
            return
        width = max(len(row) for row in grid)
        self.tables += 1
        yield SourceTable(
            tuple(tuple(row + [""] * (width - len(row))) for row in grid), f"第{self.tables}个表格"
        )


def _children(parent: etree._Element, tag: str | None = None) -> Iterator[etree._Element]:
    """The children of ``parent``, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag in _CONTAINERS:
            yield from _children(child, tag)
        elif tag is None or child.tag == tag:
            yield child


def _rows(table: etree._Element) -> list[etree._Element]:
    return list(_children(table, f"{W}tr"))


def _number(element: etree._Element | None, absent: int = 1) -> int:
    """A ``w:val`` count (a span, columns skipped), ``absent`` without one, within Word's limits."""
    value = "" if element is None else element.get(f"{W}val") or ""
    return min(int(value), MAX_SPAN) if value.isascii() and value.isdigit() else absent


def _continues(properties: etree._Element | None) -> bool:
    """Whether a cell continues a merge from the row above (``vMerge``) or the left (``hMerge``)."""
    if properties is None:
        return False
    for tag in ("vMerge", "hMerge"):
        merge = properties.find(f"{W}{tag}")
        if merge is not None and merge.get(f"{W}val", "continue") == "continue":
            return True
    return False


def _cell_text(cell: etree._Element) -> str:
    """A cell's paragraphs, one per line, and the text of any table nested in it."""
    lines = []
    for element in _children(cell):
        if element.tag == f"{W}p":
            lines.append(_paragraph_text(element))
        elif element.tag == f"{W}tbl":
            for row in _rows(element):
                lines.append(" ".join(_cell_text(inner) for inner in _children(row, f"{W}tc")))
    return "\n".join(lines)


def _paragraph_text(paragraph: etree._Element) -> str:
    """The text a paragraph prints: its runs, hyperlinks and insertions, not deleted or hidden."""
    parts: list[str] = []
    for element in paragraph:
        if element.tag == f"{W}r":
            if not _hidden(element):
                parts.extend(_run_text(element))
        elif element.tag in _TEXT_CONTAINERS:
            parts.append(_paragraph_text(element))
    return "".join(parts)


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(f"{W}val", "true") not in _OFF


def _run_text(run: etree._Element) -> Iterator[str]:
    for element in run:
        if element.tag in _RUN_TEXT:
            yield _RUN_TEXT[element.tag] or (element.text or "")


def _text(raw: str) -> str:
    """Whitespace collapsed, lines joined (without a space beside a Chinese character)."""
    text = raw.translate(_INVISIBLE)
    text = _patterns()[0].sub("", text)
    return " ".join(text.split())


@hookimpl
def govreport_readers() -> list[Reader]:
    return [Reader("docx", (".docx",), read, (MEDIA_TYPE,), "Word 文档（.docx）")]
