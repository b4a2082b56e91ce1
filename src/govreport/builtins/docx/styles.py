"""The document's Word styles, built from a Style profile.

Built-in style names (Normal, Title, heading 1–3, caption, footer) are the ones Word shows
translated — 正文, 标题, 标题 1–3, 题注, 页脚 — so an office can restyle the report and the
navigation pane lists its headings. Every font is set in the East Asian slot as well as the
Latin ones, and the document language is zh-CN.
"""

from __future__ import annotations

import math

from docx.oxml.ns import qn
from lxml import etree

from .ooxml import el, fonts, size, twips
from .profile import Style

NORMAL, TITLE, CAPTION, FOOTER = "Normal", "Title", "Caption", "Footer"
TABLE_TEXT, TABLE_HEADING, SIGNOFF = "TableText", "TableHeading", "Signoff"
HEADINGS = {1: "Heading1", 2: "Heading2", 3: "Heading3"}

_KEPT = {"DefaultParagraphFont", "TableNormal", "NoList"}
"""Template styles kept besides ours: Word's own defaults for runs, tables and lists."""


def line_twips(style: Style) -> int:
    """The line pitch in twips, rounded down so that ``lines_per_page`` lines always fit."""
    return math.floor(style.line_pitch_pt * 20)


def char_scale(style: Style) -> int:
    """The width of body characters in percent, so that ``chars_per_line`` fill a line.

    三号 on the 156 mm line holds 27.6 characters; GB/T 9704 asks 28. Word's character grid
    squeezes them in Word only (LibreOffice lays that grid out otherwise), and LibreOffice drops
    a line-end 、 under negative letter spacing, so the characters are drawn 98% wide instead.
    """
    return min(max(math.floor(style.char_pitch_pt / style.body_size_pt * 100), 1), 100)


def _exact_spacing(style: Style, before_lines: float = 0, after_lines: float = 0) -> etree._Element:
    """Exact line spacing at the profile's pitch, with whole lines before or after."""
    line = line_twips(style)
    return el(
        "w:spacing",
        before=round(before_lines * line),
        after=round(after_lines * line),
        line=line,
        lineRule="exact",
    )


def first_line_indent(chars: float, points: float) -> etree._Element:
    """An indent of ``chars`` characters of ``points`` size (Word keeps both forms)."""
    return el("w:ind", firstLineChars=round(chars * 100), firstLine=twips(chars * points))


def _single_spacing() -> etree._Element:
    """Single line spacing, for text off the page's line pitch (tables, page numbers)."""
    return el("w:spacing", before=0, after=0, line=240, lineRule="auto")


def _no_indent() -> etree._Element:
    return el("w:ind", firstLineChars=0, firstLine=0)


def _style(
    style_id: str,
    name: str,
    ppr: list[etree._Element],
    rpr: list[etree._Element],
    based_on: str | None = NORMAL,
    custom: bool = False,
) -> etree._Element:
    children = [el("w:name", val=name)]
    if based_on:
        children.append(el("w:basedOn", val=based_on))
    children.append(el("w:next", val=NORMAL))
    children.append(el("w:qFormat"))
    children += [el("w:pPr", *ppr), el("w:rPr", *rpr)]
    attributes = {"customStyle": "1"} if custom else {}
    if style_id == NORMAL:
        attributes["default"] = "1"
    return el("w:style", *children, type="paragraph", styleId=style_id, **attributes)


def _definitions(style: Style) -> list[etree._Element]:
    body = style.body_size_pt
    headings = [
        _style(
            HEADINGS[level],
            f"heading {level}",
            [el("w:keepNext"), el("w:keepLines"), el("w:outlineLvl", val=level - 1)],
            [fonts(font), el("w:b", val=0), el("w:bCs", val=0), *size(body)],
        )
        for level, font in (
            (1, style.heading1_font),
            (2, style.heading2_font),
            (3, style.heading3_font),
        )
    ]
    return [
        _style(
            NORMAL,
            "Normal",
            [
                el("w:widowControl", val=0),
                _exact_spacing(style),
                first_line_indent(style.first_line_indent_chars, body),
                el("w:jc", val="both"),
            ],
            [
                fonts(style.body_font, style.latin_font),
                el("w:w", val=char_scale(style)),
                *size(body),
            ],
            based_on=None,
        ),
        _style(
            TITLE,
            "Title",
            [
                el("w:snapToGrid", val=0),
                _exact_spacing(style, after_lines=1),
                _no_indent(),
                el("w:jc", val="center"),
            ],
            [fonts(style.title_font), el("w:w", val=100), *size(style.title_size_pt)],
        ),
        *headings,
        _style(
            CAPTION,
            "caption",
            [el("w:keepNext"), _no_indent(), el("w:jc", val="center")],
            [fonts(style.table_header_font), *size(body)],
        ),
        _style(
            TABLE_TEXT,
            "表格文字",
            [el("w:snapToGrid", val=0), _single_spacing(), _no_indent(), el("w:jc", val="left")],
            [
                fonts(style.table_font, style.latin_font),
                el("w:w", val=100),
                *size(style.table_size_pt),
            ],
            custom=True,
        ),
        _style(
            TABLE_HEADING,
            "表格标题行",
            [el("w:jc", val="center")],
            [fonts(style.table_header_font)],
            based_on=TABLE_TEXT,
            custom=True,
        ),
        _style(SIGNOFF, "落款", [_no_indent(), el("w:jc", val="right")], [], custom=True),
        _style(
            FOOTER,
            "footer",
            [el("w:snapToGrid", val=0), _single_spacing(), _no_indent()],
            [
                fonts(style.page_number_font),
                el("w:w", val=100),
                *size(style.page_number_size_pt),
            ],
        ),
    ]


def prune_styles(styles_element: etree._Element) -> None:
    """Drop the template's styles but Word's defaults; ours are added per document."""
    for child in styles_element.findall(qn("w:style")):
        if child.get(qn("w:styleId")) not in _KEPT:
            styles_element.remove(child)


def apply_styles(styles_element: etree._Element, style: Style, lang: str) -> None:
    """Set the document defaults (fonts, size, language) and add the profile's styles."""
    defaults = styles_element.find(qn("w:docDefaults"))
    for child in list(defaults):
        defaults.remove(child)
    lang_element = el("w:lang", val="en-US", eastAsia=lang, bidi="ar-SA")
    rpr = el("w:rPr", fonts(style.body_font, style.latin_font), *size(style.body_size_pt))
    rpr.append(lang_element)
    defaults.append(el("w:rPrDefault", rpr))
    defaults.append(el("w:pPrDefault", el("w:pPr", el("w:spacing", before=0, after=0))))
    styles_element.extend(_definitions(style))
