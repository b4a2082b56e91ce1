"""Builders for WordprocessingML, and the units Word measures in.

Document content (paragraphs, runs, tables) is written as XML text and parsed once per block:
several times faster than making lxml elements one by one, which matters for large tables and
batch builds. Every piece of report text goes through :func:`escape`. The few fixed parts
(styles, page setup) are built as elements with :func:`el`.

Imported only while rendering: it imports python-docx.
"""

from __future__ import annotations

import re
import unicodedata

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml
from lxml import etree

from govreport.document import whole_numbers

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BODY_OPEN = f"<w:body {nsdecls('w')}>"


def el(tag: str, *children: etree._Element, **attributes: str | int) -> etree._Element:
    """A ``w:`` element: ``el("w:sz", val=32)`` is ``<w:sz w:val="32"/>``."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), str(value))
    element.extend(children)
    return element


def escape(text: str) -> str:
    """Text safe inside an XML element or attribute; characters XML cannot hold are dropped."""
    text = _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;")
    return text.replace(">", "&gt;").replace('"', "&quot;")


def tag(name: str, content: str = "", **attributes: str | int | float) -> str:
    """A ``w:`` element as text: ``tag("sz", val=32)`` is ``<w:sz w:val="32"/>``.

    ``content`` is XML already; attribute values are escaped here.
    """
    pairs = "".join(
        f' w:{key}="{escape(value) if isinstance(value, str) else value}"'
        for key, value in attributes.items()
    )
    if not content:
        return f"<w:{name}{pairs}/>"
    return f"<w:{name}{pairs}>{content}</w:{name}>"


def parse(xml: str) -> list[etree._Element]:
    """Elements from XML text written with :func:`tag` (the ``w:`` prefix declared here)."""
    return list(parse_xml(f"{_BODY_OPEN}{xml}</w:body>"))


def twips(points: float) -> int:
    """Twentieths of a point, Word's unit of length."""
    return round(points * 20)


def mm_twips(millimetres: float) -> int:
    return round(millimetres / 25.4 * 1440)


def half_points(points: float) -> int:
    """Font sizes are stored in half-points (三号 16 pt is 32)."""
    return round(points * 2)


def text_width(text: str, narrow: float = 0.5) -> float:
    """The width of text in ems: Chinese characters and full-width marks 1, the rest ``narrow``.

    Half-width is ½ in Chinese typesetting; a stand-in Latin font may be wider (0.6).
    """
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else narrow for ch in text)


def fonts(east_asian: str, latin: str | None = None) -> etree._Element:
    """``w:rFonts`` with the Chinese font in the East Asian slot (python-docx leaves it unset)."""
    latin = latin or east_asian
    return el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin, hint="eastAsia")


def size(points: float) -> list[etree._Element]:
    return [el("w:sz", val=half_points(points)), el("w:szCs", val=half_points(points))]


_JOINED_HYPHEN = "\u2060-\u2060"
"""A hyphen between word joiners: no line break on either side of it. Word's own
``w:noBreakHyphen`` is read by LibreOffice as a character after which a number may break."""


def run(text: str, bold: bool = False) -> str:
    """A run of text; bold sets both the Latin and the complex-script weight.

    A telephone number's hyphens are joined to its digits, so the number stays on one line.
    """
    properties = tag("rPr", tag("b") + tag("bCs")) if bold else ""
    text = "".join(
        piece.replace("-", _JOINED_HYPHEN) if whole else piece
        for piece, whole in whole_numbers(text)
    )
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def line_break() -> str:
    return "<w:r><w:br/></w:r>"


def paragraph(style_id: str, runs: str, properties: str = "") -> str:
    """A paragraph in a style; ``properties`` follow ``w:pStyle`` in schema order."""
    return tag("p", tag("pPr", tag("pStyle", val=style_id) + properties) + runs)


def page_field(fallback: str = "1") -> str:
    """The runs of a PAGE field, showing ``fallback`` until the field is updated."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(fallback)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
