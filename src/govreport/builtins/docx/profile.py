"""Style profiles for the .docx renderer: the GB/T 9704-2012 defaults and named house styles.

A :class:`Style` holds every number and font the renderer uses; its defaults follow GB/T
9704-2012 (党政机关公文格式). A plugin names house styles with :class:`DocxProfile` through the
``govreport_docx_profiles`` hook. A report picks one in ``[output.docx]`` (``profile = "name"``)
and may override any field on top of it (``line_spacing_pt = 29``); :class:`DocxOptions` is that
table, checked by the loader like the rest of the report file.

It does not import python-docx, since loading a report that sets ``[output.docx]`` imports this
module.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs

from govreport import record
from govreport.numbering import number_text
from govreport.suggest import closest
from govreport.validators import FieldValueError

DEFAULT_PROFILE = "gbt9704"
MM_PER_PT = 25.4 / 72

PAGE_NUMBERS = ("outside", "center", "none")
"""Where page numbers go: odd pages right and even pages left, all centred, or none."""


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _too_narrow(margins: str, left: float, way: str, paper: float) -> str:
    return (
        f"{margins}页边距只给 {number_text(paper)} mm {way}的纸留下 "
        f"{number_text(round(left, 1))} mm；至少要留 {MIN_TYPE_AREA_MM} mm"
    )


def _between(low: float, high: float, above: bool) -> Any:
    """A validator: a finite number above ``low`` (or from it, unless ``above``) up to ``high``.

    The upper bounds are far beyond any printed page: they catch typing mistakes, which would
    otherwise give a blank page or a value the .docx format cannot hold.
    """
    low_text, high_text = number_text(low), number_text(high)
    words = (
        f"大于 {low_text} 且不超过 {high_text}" if above else f"在 {low_text} 到 {high_text} 之间"
    )

    def check(instance: Any, attribute: attrs.Attribute, value: float) -> None:
        if not _is_number(value) or value < low or (above and value == low) or value > high:
            raise FieldValueError(attribute.name, f"应{words}，实际为 {value!r}")

    return check


MAX_PAPER_MM = 1200
"""The largest paper side: A0 is 841 × 1189 mm."""
MAX_MARGIN_MM = 500
MAX_SIZE_PT = 100
"""The largest type size or line spacing, in points (二号 is 22 pt)."""
MAX_LINES = 100
"""The most lines per page, characters per line (GB/T 9704: 22 lines of 28) and table columns."""
MAX_CHARS = 20
"""The largest indent or space measured in characters."""

_paper = _between(0, MAX_PAPER_MM, above=True)
_margin = _between(0, MAX_MARGIN_MM, above=False)
_size = _between(0, MAX_SIZE_PT, above=True)
_count = _between(0, MAX_LINES, above=True)
_chars = _between(0, MAX_CHARS, above=False)


def _font(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldValueError(attribute.name, "应为字体名称")


def _page_numbers(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    if value not in PAGE_NUMBERS:
        raise FieldValueError(
            attribute.name, f"应为 {', '.join(PAGE_NUMBERS)} 之一，实际为 {value!r}"
        )


MIN_TYPE_AREA_MM = 50
"""Margins that leave less type area than this, either way, are refused as mistakes."""


def _setting(default: Any, validator: Any, doc: str, example: Any) -> Any:
    """A Style field: its default, its check, and the description and example the report file
    reference shows (Chinese, then English)."""
    return attrs.field(
        default=default, validator=validator, metadata={"doc": doc, "example": example}
    )


@record
class Style:
    """Every setting of the .docx layout; the defaults are GB/T 9704-2012.

    Sizes of type are in points (二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5), lengths on the
    page in millimetres. Fonts are only named: the machine that opens the file supplies them.
    """

    paper_width_mm: float = _setting(
        210.0, _paper, "纸张宽度，毫米（A4 为 210）。Paper width in millimetres (A4: 210).", 210
    )
    paper_height_mm: float = _setting(
        297.0, _paper, "纸张高度，毫米（A4 为 297）。Paper height in millimetres (A4: 297).", 297
    )
    margin_top_mm: float = _setting(
        37.0, _margin, "上白边（天头），毫米。Top margin in millimetres.", 37
    )
    margin_bottom_mm: float = _setting(
        35.0, _margin, "下白边，毫米。Bottom margin in millimetres.", 35
    )
    margin_left_mm: float = _setting(
        28.0, _margin, "左白边（订口），毫米。Left margin, the binding side, in millimetres.", 28
    )
    margin_right_mm: float = _setting(
        26.0, _margin, "右白边，毫米。Right margin in millimetres.", 26
    )
    lines_per_page: int = _setting(
        22, _count, "每页行数（版心按此排版）。Lines per page: the page grid of the text.", 22
    )
    chars_per_line: int = _setting(
        28, _count, "每行字数。Characters per line of the page grid.", 28
    )
    line_spacing_pt: float | None = _setting(
        None,
        attrs.validators.optional(_size),
        "固定行距，磅；不设则按每页行数排版。"
        "Fixed line spacing in points; unset, lines follow the page grid (lines_per_page).",
        29,
    )
    title_font: str = _setting(
        "方正小标宋简体", _font, "标题字体。Font of the title.", "方正小标宋简体"
    )
    title_size_pt: float = _setting(
        22.0, _size, "标题字号，磅（二号为 22）。Size of the title in points (二号: 22).", 22
    )
    body_font: str = _setting(
        "仿宋_GB2312", _font, "正文字体。Font of the body text.", "仿宋_GB2312"
    )
    body_size_pt: float = _setting(
        16.0, _size, "正文字号，磅（三号为 16）。Size of the body text in points (三号: 16).", 16
    )
    latin_font: str = _setting(
        "Times New Roman",
        _font,
        "正文和表格中字母、数字的字体。Font of letters and digits in body text and tables.",
        "Times New Roman",
    )
    first_line_indent_chars: float = _setting(
        2.0, _chars, "段落首行缩进，字。First-line indent of paragraphs, in characters.", 2
    )
    heading1_font: str = _setting(
        "黑体", _font, "一级标题（一、）字体。Font of first-level headings (一、).", "黑体"
    )
    heading2_font: str = _setting(
        "楷体_GB2312",
        _font,
        "二级标题（（一））字体。Font of second-level headings (（一）).",
        "楷体_GB2312",
    )
    heading3_font: str = _setting(
        "仿宋_GB2312",
        _font,
        "三级标题（1.）字体。Font of third-level headings (1.).",
        "仿宋_GB2312",
    )
    table_font: str = _setting(
        "仿宋_GB2312", _font, "表格正文字体。Font of table cells.", "仿宋_GB2312"
    )
    table_header_font: str = _setting("黑体", _font, "表头字体。Font of table header rows.", "黑体")
    table_size_pt: float = _setting(
        10.5, _size, "表格字号，磅（五号为 10.5）。Size of table text in points (五号: 10.5).", 10.5
    )
    landscape_table_columns: int | None = _setting(
        None,
        attrs.validators.optional(_count),
        "列数达到此数的表格排在横向页上；不设则都排在纵向页上。"
        "Tables with at least this many columns go on a landscape page; unset, none do.",
        10,
    )
    page_numbers: str = _setting(
        "outside",
        _page_numbers,
        "页码位置：outside 单页居右、双页居左，center 居中，none 不要页码。"
        "Where page numbers go: outside (odd pages right, even pages left), center or none.",
        "center",
    )
    page_number_font: str = _setting("宋体", _font, "页码字体。Font of page numbers.", "宋体")
    page_number_size_pt: float = _setting(
        14.0, _size, "页码字号，磅（四号为 14）。Size of page numbers in points (四号: 14).", 14
    )
    footer_distance_mm: float = _setting(
        25.0,
        _margin,
        "纸张下边缘到页码行的距离，毫米（约在版心下 7 毫米）。"
        "From the bottom edge of the paper to the page number line, in millimetres "
        "(about 7 mm below the text).",
        25,
    )
    signoff: bool = _setting(
        True,
        None,
        "是否在 .docx 中印出落款；false 只在 .docx 中省去落款。"
        "Show the document's sign-off (落款); false leaves it out of the .docx only.",
        False,
    )
    signoff_right_chars: float = _setting(
        2.0,
        _chars,
        "落款右空字数（GB/T 9704：右空二字，日期在其下）。"
        "Space right of the sign-off, in characters (GB/T 9704: two, the date under the name).",
        4,
    )

    def __attrs_post_init__(self) -> None:
        """The margins must leave a type area at least MIN_TYPE_AREA_MM each way."""
        if self.text_width_mm < MIN_TYPE_AREA_MM:
            raise FieldValueError(
                "margin_left_mm",
                _too_narrow("左右", self.text_width_mm, "宽", self.paper_width_mm),
            )
        if self.text_height_mm < MIN_TYPE_AREA_MM:
            raise FieldValueError(
                "margin_top_mm",
                _too_narrow("上下", self.text_height_mm, "高", self.paper_height_mm),
            )

    @property
    def text_width_mm(self) -> float:
        return self.paper_width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def text_height_mm(self) -> float:
        return self.paper_height_mm - self.margin_top_mm - self.margin_bottom_mm

    @property
    def line_pitch_pt(self) -> float:
        """The distance between lines: fixed, or the type area's height over lines_per_page."""
        if self.line_spacing_pt is not None:
            return self.line_spacing_pt
        return self.text_height_mm / MM_PER_PT / self.lines_per_page

    @property
    def char_pitch_pt(self) -> float:
        """The width of one character on the grid: the type area's width over chars_per_line."""
        return self.text_width_mm / MM_PER_PT / self.chars_per_line


attrs.resolve_types(Style)


@record
class DocxProfile:
    """A named house style a plugin offers; ``[output.docx] profile = "name"`` selects it."""

    name: str
    style: Style = Style()
    description: str = ""


GBT9704 = DocxProfile(DEFAULT_PROFILE, Style(), "GB/T 9704-2012 党政机关公文格式")


def _override_field(field: attrs.Attribute) -> Any:
    validator = attrs.validators.optional(field.validator) if field.validator else None
    metadata = {**field.metadata, "default": field.default}  # the reference shows gbt9704's
    return attrs.field(default=None, type=field.type | None, validator=validator, metadata=metadata)


DocxOptions = attrs.make_class(
    "DocxOptions",
    {
        "profile": attrs.field(
            default=DEFAULT_PROFILE,
            type=str,
            metadata={
                "doc": "样式名称：gbt9704（GB/T 9704-2012 公文格式）或插件提供的样式；"
                "下面各键在其上逐项修改。"
                "The style profile: gbt9704 or one a plugin offers; the keys below change it.",
                "example": DEFAULT_PROFILE,
            },
        ),
        **{field.name: _override_field(field) for field in attrs.fields(Style)},
    },
    frozen=True,
)
DocxOptions.__module__ = __name__
DocxOptions.__doc__ = """The ``[output.docx]`` table: a profile name and any Style field over it.

A field left unset keeps the profile's value (the defaults shown are gbt9704's).
"""


def resolve_style(options: Any, profiles: Mapping[str, DocxProfile]) -> Style:
    """The profile ``options`` names, with the fields ``options`` sets laid over it.

    Raises FieldValueError naming ``profile`` when no plugin offers that profile.
    """
    if options is None:
        return profiles[DEFAULT_PROFILE].style
    profile = profiles.get(options.profile)
    if profile is None:
        known = sorted(profiles)
        close = closest(options.profile, known)
        hint = f"是不是 {close!r}？" if close else f"可用的版式：{', '.join(known)}"
        raise FieldValueError("profile", f"没有这种 docx 版式 {options.profile!r}；{hint}")
    changes = {
        field.name: getattr(options, field.name)
        for field in attrs.fields(Style)
        if getattr(options, field.name) is not None
    }
    return attrs.evolve(profile.style, **changes)
