"""Read a PDF into a source document: paragraphs and tables in reading order."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from govreport.readers import Block, DocumentError, SourceDocument, SourceParagraph

from .lines import Char, lines_of
from .paragraphs import Layout, PageLine, furniture, paragraphs
from .tables import PageTable, continue_table, page_table

MAX_PAGES = 200
"""A longer PDF is refused: annual reports run to a few dozen pages."""

MAX_CHARS_PER_PAGE = 50_000
"""A page with more characters than this is not a report page (a page of text holds ~1,500)."""

MAX_CELLS = 5_000
"""A table with more cells than this is refused (the largest statistical table has ~200)."""


def _inside(char: Char, boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _page_items(page: Any, number: int) -> list[PageLine | PageTable]:
    """One page's lines and tables, top to bottom."""
    chars = [c for c in page.chars if c.get("upright", True)]
    if len(chars) > MAX_CHARS_PER_PAGE:
        raise DocumentError(
            f"第{number}页的文字多得不像年度报告（超过 {MAX_CHARS_PER_PAGE} 个字符）"
        )
    tables = []
    for found in page.find_tables():
        if sum(len(row.cells) for row in found.rows) > MAX_CELLS:
            raise DocumentError(f"第{number}页的表格过大（超过 {MAX_CELLS} 个单元格）")
        table = page_table(found, chars, number)
        if table is not None:
            tables.append((found.bbox, table))
    boxes = [bbox for bbox, _ in tables]
    lines = lines_of(c for c in chars if not _inside(c, boxes))
    items: list[PageLine | PageTable] = [PageLine(line, number, page.height) for line in lines]
    items += [table for _, table in tables]
    return sorted(items, key=lambda item: item.line.top if isinstance(item, PageLine) else item.top)


def _open(data: bytes) -> Any:
    import pdfplumber  # a PDF library is loaded only when a PDF is read
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if b"%PDF-" not in data[:1024]:
        raise DocumentError("不是 PDF 文件（文件开头没有 PDF 标记）")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as error:
        cause = error.__cause__ or error.__context__ or error
        causes = (error, *error.args, cause)
        if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
            raise DocumentError("PDF 文件已加密，需要密码才能打开；请提供未加密的文件") from None
        raise DocumentError("PDF 文件已损坏，无法读取") from None
    if len(pages) > MAX_PAGES:
        raise DocumentError(f"PDF 文件有 {len(pages)} 页，超过可读取的 {MAX_PAGES} 页")
    if not pages:
        raise DocumentError("PDF 文件没有页面")
    return pdf


def read(data: bytes) -> SourceDocument:
    """The paragraphs and tables of a PDF, in reading order (see the module's description)."""
    pdf = _open(data)
    try:
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            try:
                pages.append(_page_items(page, number))
            except DocumentError:
                raise
            except Exception:
                raise DocumentError(f"PDF 文件第{number}页已损坏，无法读取") from None
            finally:
                page.close()
    finally:
        pdf.close()
    return SourceDocument(tuple(_blocks(pages)), _title(pdf))


def _title(pdf: Any) -> str | None:
    """The title the file's properties give, when it reads as text."""
    info = pdf.doc.info[0] if pdf.doc.info else {}
    value = info.get("Title") if isinstance(info, dict) else None
    if not isinstance(value, bytes):
        return None
    # a byte-order mark: big-endian as the format says, or little-endian as some writers put
    encoding = "utf-16" if value[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    try:
        title = value.decode(encoding).strip()
    except UnicodeDecodeError:
        return None
    return title if title and title.isprintable() else None


def _blocks(pages: list[list[PageLine | PageTable]]) -> list[Block]:
    """Join the pages' items: tables continued across a page break, lines into paragraphs."""
    lines = [item for page in pages for item in page if isinstance(item, PageLine)]
    dropped = furniture(lines, len(pages))
    kept = {id(line) for i, line in enumerate(lines) if i not in dropped}
    layout = Layout.of([line.line for line in lines if id(line) in kept])
    blocks: list[SourceParagraph | PageTable] = []
    run: list[PageLine] = []
    last_table: PageTable | None = None
    for page in pages:
        items = [item for item in page if not isinstance(item, PageLine) or id(item) in kept]
        for position, item in enumerate(items):
            if isinstance(item, PageLine):
                run.append(item)
                last_table = None
                continue
            if position == 0 and not run and last_table and continue_table(last_table, item):
                continue
            blocks += paragraphs(run, layout)
            run = []
            blocks.append(item)
            last_table = item
    blocks += paragraphs(run, layout)
    return [block.source() if isinstance(block, PageTable) else block for block in blocks]
