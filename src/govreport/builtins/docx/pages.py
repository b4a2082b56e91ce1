"""Page setup: paper, margins, line pitch, landscape pages, page numbers and a draft's header.

GB/T 9704-2012 page numbers read "— 1 —" in 四号 宋体, one character in from the outer edge:
right on odd pages, left on even pages (``page_numbers = "outside"``), or centred.

Lines are spaced exactly at the profile's pitch rather than snapped to Word's document grid:
LibreOffice lays that grid out differently (a 二号 title or table text would take two grid
lines), while exact spacing gives 22 lines a page everywhere. ``w:docGrid`` records the pitch.

A draft carries 草稿 in the header of every page (odd, even, portrait and landscape alike).
"""

from __future__ import annotations

import copy

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from .ooxml import el, escape, mm_twips, page_field, paragraph, parse, run, tag, twips
from .profile import Style
from .styles import FOOTER, line_twips

_LAYOUT_TAGS = ("w:type", "w:pgSz", "w:pgMar", "w:cols", "w:docGrid")


def set_layout(sect_pr: etree._Element, style: Style, landscape: bool = False) -> None:
    """Give a section the profile's paper, margins and line pitch, upright or turned sideways.

    A landscape page turns the portrait one a quarter clockwise: the binding margin is at the top.
    """
    for name in _LAYOUT_TAGS:
        for child in sect_pr.findall(qn(name)):
            sect_pr.remove(child)
    width, height = mm_twips(style.paper_width_mm), mm_twips(style.paper_height_mm)
    top, right = style.margin_top_mm, style.margin_right_mm
    bottom, left = style.margin_bottom_mm, style.margin_left_mm
    if landscape:
        width, height = height, width
        top, right, bottom, left = left, top, right, bottom
        size = el("w:pgSz", w=width, h=height, orient="landscape")
    else:
        size = el("w:pgSz", w=width, h=height)
    margins = el(
        "w:pgMar",
        top=mm_twips(top),
        right=mm_twips(right),
        bottom=mm_twips(bottom),
        left=mm_twips(left),
        header=mm_twips(15),
        footer=mm_twips(style.footer_distance_mm),
        gutter=0,
    )
    grid = el("w:docGrid", linePitch=line_twips(style))
    sect_pr.extend([size, margins, el("w:cols", space=425), grid])


def section_break(sect_pr: etree._Element, style: Style, landscape: bool) -> etree._Element:
    """A copy of the document's section properties (page numbers included), to end a section."""
    copied = copy.deepcopy(sect_pr)
    set_layout(copied, style, landscape)
    return copied


def _number_paragraph(style: Style, align: str) -> etree._Element:
    one_char = twips(style.page_number_size_pt)
    indent = {"right": tag("ind", right=one_char), "left": tag("ind", left=one_char)}
    runs = run("— ") + page_field() + run(" —")
    (element,) = parse(paragraph(FOOTER, runs, indent.get(align, "") + tag("jc", val=align)))
    return element


def _fill_part(part_element: etree._Element, content: etree._Element) -> None:
    for child in list(part_element):
        part_element.remove(child)
    part_element.append(content)


def add_draft_header(word: WordDocument, notice: str) -> None:
    """Headers saying the document is a draft, on every page; call before sections are copied."""
    properties = tag("rPr", tag("b") + tag("bCs") + tag("color", val="B42318"))
    runs = f'<w:r>{properties}<w:t xml:space="preserve">{escape(notice)}</w:t></w:r>'
    section = word.sections[0]
    headers = [section.header]
    if word.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    for header in headers:
        (element,) = parse(paragraph(FOOTER, runs, tag("jc", val="center")))
        _fill_part(header._element, element)


def add_page_numbers(word: WordDocument, style: Style) -> None:
    """Footers with the page number as the profile places it."""
    if style.page_numbers == "none":
        return
    section = word.sections[0]
    if style.page_numbers == "center":
        _fill_part(section.footer._element, _number_paragraph(style, "center"))
        return
    word.settings.odd_and_even_pages_header_footer = True
    _fill_part(section.footer._element, _number_paragraph(style, "right"))
    _fill_part(section.even_page_footer._element, _number_paragraph(style, "left"))
