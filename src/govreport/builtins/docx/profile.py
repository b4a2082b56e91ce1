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


@record
class Style:
    """Every setting of the .docx layout; the defaults are GB/T 9704-2012.

    Sizes of type are in points (二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5), lengths on the
    page in millimetres. Fonts are only named: the machine that opens the file supplies them.
    """

    paper_width_mm: float = attrs.field(default=210.0, validator=_paper)
    paper_height_mm: float = attrs.field(default=297.0, validator=_paper)
    margin_top_mm: float = attrs.field(default=37.0, validator=_margin)
    margin_bottom_mm: float = attrs.field(default=35.0, validator=_margin)
    margin_left_mm: float = attrs.field(default=28.0, validator=_margin)
    """The binding side."""
    margin_right_mm: float = attrs.field(default=26.0, validator=_margin)
    lines_per_page: int = attrs.field(default=22, validator=_count)
    chars_per_line: int = attrs.field(default=28, validator=_count)
    line_spacing_pt: float | None = attrs.field(
        default=None, validator=attrs.validators.optional(_size)
    )
    """Fixed line spacing; unset, lines follow the page grid (``lines_per_page``)."""
    title_font: str = attrs.field(default="方正小标宋简体", validator=_font)
    title_size_pt: float = attrs.field(default=22.0, validator=_size)
    body_font: str = attrs.field(default="仿宋_GB2312", validator=_font)
    body_size_pt: float = attrs.field(default=16.0, validator=_size)
    latin_font: str = attrs.field(default="Times New Roman", validator=_font)
    """Letters and digits in body text and tables."""
    first_line_indent_chars: float = attrs.field(default=2.0, validator=_chars)
    heading1_font: str = attrs.field(default="黑体", validator=_font)
    heading2_font: str = attrs.field(default="楷体_GB2312", validator=_font)
    heading3_font: str = attrs.field(default="仿宋_GB2312", validator=_font)
    table_font: str = attrs.field(default="仿宋_GB2312", validator=_font)
    table_header_font: str = attrs.field(default="黑体", validator=_font)
    table_size_pt: float = attrs.field(default=10.5, validator=_size)
    landscape_table_columns: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(_count)
    )
    """Tables with at least this many columns go on a landscape page; unset, none do."""
    page_numbers: str = attrs.field(default="outside", validator=_page_numbers)
    """``outside`` (odd pages right, even pages left), ``center`` or ``none``."""
    page_number_font: str = attrs.field(default="宋体", validator=_font)
    page_number_size_pt: float = attrs.field(default=14.0, validator=_size)
    footer_distance_mm: float = attrs.field(default=25.0, validator=_margin)
    """From the bottom edge of the paper to the page number line (about 7 mm below the text)."""
    signoff: bool = True
    """Show the document's sign-off (落款); false leaves it out of the .docx only."""
    signoff_right_chars: float = attrs.field(default=2.0, validator=_chars)
    """Space right of the 落款: GB/T 9704 puts the name two characters in, the date under it."""

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
    return attrs.field(default=None, type=field.type | None, validator=validator)


DocxOptions = attrs.make_class(
    "DocxOptions",
    {
        "profile": attrs.field(default=DEFAULT_PROFILE, type=str),
        **{field.name: _override_field(field) for field in attrs.fields(Style)},
    },
    frozen=True,
)
DocxOptions.__module__ = __name__
DocxOptions.__doc__ = """The ``[output.docx]`` table: a profile name and any Style field over it.

A field left unset (None) keeps the profile's value.
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
