"""Writing a document tree as a .docx in a Style profile's layout."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from govreport.document import DRAFT_NOTICE, Block, Document, Heading, Paragraph, Run, Table

from .ooxml import line_break, paragraph, run, tag, text_width, twips
from .package import BODY_MARK, new_document, save
from .pages import add_draft_header, add_page_numbers, section_break, set_layout
from .profile import MM_PER_PT, Style
from .styles import CAPTION, HEADINGS, NORMAL, SIGNOFF, TITLE, apply_styles, line_twips
from .tables import table_xml

_EMPTY_PARAGRAPH = "<w:p/>"
_END_MARK = paragraph(
    NORMAL,
    "",
    tag("spacing", before=0, after=0, line=20, lineRule="exact")
    + tag("rPr", tag("vanish") + tag("sz", val=2) + tag("szCs", val=2)),
)
"""The paragraph Word needs after a table that ends the body: one point high and hidden, so
that it never spills onto a page of its own after a table that fills the last page."""


class _Body:
    """The body as XML text, in sections: a new one starts where the orientation changes."""

    def __init__(self, sect_pr: etree._Element, style: Style) -> None:
        self.sect_pr = sect_pr
        self.style = style
        self.landscape = False
        self.parts: list[str] = []
        self.after_table = False

    def add(self, xml: str, table: str = "", landscape: bool = False) -> None:
        """Add paragraphs written as XML text, then a table if there is one."""
        if landscape != self.landscape:
            self.parts.append(self._section_end())
            self.landscape = landscape
        elif self.after_table and table and not xml:
            self.parts.append(_EMPTY_PARAGRAPH)  # two tables in a row would join into one
        self.parts.append(xml + table)
        self.after_table = bool(table)

    def finish(self) -> str:
        """The body's XML; the document's own section properties now describe the last section."""
        if self.after_table:
            self.parts.append(_END_MARK)
        set_layout(self.sect_pr, self.style, self.landscape)
        return "".join(self.parts)

    def _section_end(self) -> str:
        """A paragraph mark one point high carrying the properties of the section it ends."""
        properties = section_break(self.sect_pr, self.style, self.landscape)
        return paragraph(
            NORMAL,
            "",
            tag("spacing", line=20, lineRule="exact")
            + etree.tostring(properties, encoding="unicode"),
        )


def title_lines(title: str, agency: str, ems_per_line: float) -> list[str]:
    """The title in lines: one if it fits, else two broken between whole words.

    GB/T 9704-2012 asks a title that wraps to keep words whole and its lines balanced, so the
    break goes after the agency's name or after 年度/年, wherever the two lines come out most
    even. A character of room is kept, as fonts differ.
    """
    room = ems_per_line - 1
    if text_width(title) <= room:
        return [title]
    candidates = {len(agency)} if title.startswith(agency) else set()
    for word in ("年度", "年"):
        found = title.find(word)
        if found > 0:
            candidates.add(found + len(word))
    splits = [
        (title[:at], title[at:])
        for at in sorted(candidates)
        if 0 < at < len(title) and max(text_width(title[:at]), text_width(title[at:])) <= room
    ]
    if not splits:
        return [title]
    first, second = min(splits, key=lambda s: abs(text_width(s[0]) - text_width(s[1])))
    return [first, second]


def _title(document: Document, style: Style) -> str:
    ems = style.text_width_mm / MM_PER_PT / style.title_size_pt
    lines = title_lines(document.title, document.meta.agency, ems)
    return paragraph(TITLE, line_break().join(run(line) for line in lines))


PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
"""Attachments start on a page of their own (GB/T 9704-2012, 附件另面编排)."""


def signoff_indents(lines: Sequence[str], right: float) -> list[float]:
    """Right indents, in characters, of the 落款 lines.

    GB/T 9704-2012 (no seal): the agency's name ``right`` characters from the right, the date on
    the next line starting two characters further right; a date longer than that moves the
    name left instead. Other numbers of lines all sit ``right`` characters in.
    """
    if len(lines) != 2:
        return [right] * len(lines)
    name, date = (text_width(line) for line in lines)
    name_indent = max(right, right + 2 + date - name)
    return [name_indent, name_indent + name - 2 - date]


def _runs(runs: Sequence[Run]) -> str:
    return "".join(run(r.text, r.bold) for r in runs)


def _signoff(groups: Sequence[Sequence[Run]], style: Style) -> str:
    texts = ["".join(r.text for r in runs) for runs in groups]
    indents = signoff_indents(texts, style.signoff_right_chars)
    line = line_twips(style)
    parts = []
    for index, (runs, indent) in enumerate(zip(groups, indents, strict=True)):
        spacing = tag("spacing", before=line if index == 0 else 0, line=line, lineRule="exact")
        right = tag("ind", rightChars=round(indent * 100), right=twips(indent * style.body_size_pt))
        parts.append(paragraph(SIGNOFF, _runs(runs), spacing + right))
    return "".join(parts)


def _table(body: _Body, block: Table, style: Style, heading: str | None) -> None:
    """Add the caption (unless the heading just above says the same) and the table."""
    caption = ""
    if block.caption and block.caption != heading:
        caption = paragraph(CAPTION, run(block.caption))
    limit = style.landscape_table_columns
    landscape = limit is not None and block.column_count >= limit
    across = style.text_height_mm if landscape else style.text_width_mm
    table = table_xml(block, across / MM_PER_PT, style.table_size_pt)
    body.add(caption, table, landscape)


def _blocks(body: _Body, blocks: Sequence[Block], style: Style) -> None:
    signoff: list[tuple[Run, ...]] = []
    previous: Block | None = None
    for block in [*blocks, None]:
        if isinstance(block, Paragraph) and block.role == "signoff":
            signoff.append(block.runs)
            continue
        if signoff:
            body.add(_signoff(signoff, style))
        signoff = []
        if isinstance(block, Heading):
            body.add(paragraph(HEADINGS[min(block.level, 3)], run(block.full_text)))
        elif isinstance(block, Paragraph):
            body.add(paragraph(NORMAL, _runs(block.runs)))
        elif isinstance(block, Table):
            heading = previous.text if isinstance(previous, Heading) else None
            _table(body, block, style, heading)
        previous = block


def _set_properties(word: WordDocument, document: Document) -> None:
    meta = document.meta
    date = meta.date or datetime.date(meta.year + 1, 1, 1)
    stamp = datetime.datetime.combine(date, datetime.time())
    properties = word.core_properties
    properties.title = document.title
    properties.author = properties.last_modified_by = meta.agency
    properties.comments = ""
    properties.language = meta.lang
    properties.revision = 1
    properties.created = properties.modified = stamp


def write(document: Document, style: Style) -> bytes:
    """The document as .docx bytes; identical input gives identical bytes.

    ``style.signoff`` false leaves out ``document.meta.signoff``, not a sign-off of the blocks.
    """
    lang = document.meta.lang
    word = new_document()
    apply_styles(word.styles.element, style, lang)
    theme_lang = word.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), lang)
    sect_pr = word.element.body.sectPr
    set_layout(sect_pr, style)
    add_page_numbers(word, style)
    if document.meta.draft:
        add_draft_header(word, DRAFT_NOTICE)
    body = _Body(sect_pr, style)
    body.add(_title(document, style))
    signoff = document.signoff_paragraphs if style.signoff else ()
    _blocks(body, (*document.blocks, *signoff), style)
    if document.appendix:
        body.add(PAGE_BREAK)
        _blocks(body, document.appendix, style)
    sect_pr.addprevious(etree.Comment(BODY_MARK))
    body_xml = body.finish()
    _set_properties(word, document)
    return save(word, body_xml)
