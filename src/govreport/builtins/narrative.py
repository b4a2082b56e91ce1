"""The built-in narrative section kinds: paragraphs, sub-parts, numbered items, enumerations.

========================  =====================================================================
kind                      renders as
========================  =====================================================================
``paragraph``             a paragraph; ``points`` add "一是…；二是…。" to its end
``subpart``               a heading （一）… and the content under it
``item``                  "1.**lead**text" (（1） inside another item), then its own content
``enumeration``           one paragraph per point: "一是**lead**text"
========================  =====================================================================
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govreport import numbering, record
from govreport.build import BuildContext
from govreport.document import Block, Paragraph, Run
from govreport.hookspecs import hookimpl
from govreport.model import Content
from govreport.sections import SectionKind
from govreport.validators import at_least_one, not_blank

_POINT_ENDINGS = "。；;，,"


def join_points(points: tuple[str, ...], separator: str) -> str:
    """ "一是A；二是B。": points numbered with 一是, joined by separator, closed with 。"""
    if not points:
        return ""
    parts = [numbering.enumerator(n) + p.rstrip(_POINT_ENDINGS) for n, p in enumerate(points, 1)]
    return separator.join(parts) + "。"


def prose_field() -> str:
    """The ``text`` field of prose-bearing kinds."""
    return attrs.field(
        default="",
        metadata={
            "doc": "正文，可含 `{year}` 等占位符。"
            "The prose; may hold placeholders such as `{year}`.",
            "example": "{year}年，全局主动公开政府信息{published}。",
        },
    )


def points_field() -> tuple[str, ...]:
    """The ``points`` field: inline points 一是…；二是…。"""
    return attrs.field(
        default=(),
        metadata={
            "doc": "接在正文后的要点，生成“一是…；二是…。”。Points appended as 一是…；二是…。",
            "example": ["明确人员", "加大监督指导"],
        },
    )


def separator_field() -> str:
    """The ``separator`` field: the punctuation between inline points."""
    return attrs.field(
        default="；",
        metadata={"doc": "要点之间的标点（“；”或“。”）。The punctuation between points."},
    )


@record
class ParagraphData:
    """Plain prose; optional inline points follow the text."""

    text: str = prose_field()
    points: tuple[str, ...] = points_field()
    separator: str = separator_field()


@record
class SubpartData:
    """A headed sub-part （一）… holding further content."""

    title: str = attrs.field(
        validator=not_blank,
        metadata={
            "doc": "小标题，编号（一）自动生成。The heading; its number （一） is generated.",
            "example": "强化组织领导，保障工作运行",
        },
    )
    content: Content = attrs.field(
        default=(), metadata={"doc": "小标题下的内容。The content under it."}
    )


@record
class ItemData:
    """A numbered item: a bold lead sentence, its text, inline points and nested content."""

    lead: str = attrs.field(
        validator=not_blank,
        metadata={
            "doc": "加粗的首句，编号 1. 自动生成。"
            "The bold lead sentence; its number 1. is generated.",
            "example": "加强人员管理。",
        },
    )
    text: str = prose_field()
    points: tuple[str, ...] = points_field()
    separator: str = separator_field()
    content: Content = attrs.field(
        default=(),
        metadata={
            "doc": "条目下的内容，其中的条目编号为（1）。"
            "Content under the item; items inside are numbered （1）."
        },
    )


@record
class Point:
    """One point of an enumeration: an optional bold lead and its text."""

    text: str = attrs.field(
        default="",
        metadata={"doc": "要点的正文。The point's text.", "example": "进一步规范信息发布流程。"},
    )
    lead: str = attrs.field(
        default="",
        metadata={"doc": "加粗的首句。A bold lead sentence.", "example": "加强制度管理。"},
    )


@record
class EnumerationData:
    """Points set out one paragraph each: "一是加强制度管理。进一步…"."""

    items: tuple[Point, ...] = attrs.field(
        validator=at_least_one,
        metadata={"doc": "要点，每个一段，至少一个。The points, one paragraph each; at least one."},
    )


def build_paragraph(data: ParagraphData, context: BuildContext) -> Iterator[Block]:
    text = context.text(data.text) + context.text(join_points(data.points, data.separator))
    yield Paragraph((Run(text),))


def build_subpart(data: SubpartData, context: BuildContext) -> Iterator[Block]:
    yield context.subpart_heading(data.title)
    yield from context.build(data.content)


def build_item(data: ItemData, context: BuildContext) -> Iterator[Block]:
    text = data.text + join_points(data.points, data.separator)
    yield context.numbered_item(data.lead, text)
    with context.inside_item():
        yield from context.build(data.content)


def build_enumeration(data: EnumerationData, context: BuildContext) -> Iterator[Block]:
    for number, point in enumerate(data.items, start=1):
        opener = numbering.enumerator(number)
        if point.lead:
            runs = (
                Run(opener + context.text(point.lead), bold=True),
                Run(context.text(point.text)),
            )
        else:
            runs = (Run(opener + context.text(point.text)),)
        yield Paragraph(runs)


@hookimpl
def govreport_section_kinds() -> list[SectionKind]:
    return [
        SectionKind("paragraph", ParagraphData, build_paragraph, "a paragraph of prose"),
        SectionKind("subpart", SubpartData, build_subpart, "a headed sub-part （一）…"),
        SectionKind("item", ItemData, build_item, "a numbered item with a bold lead sentence"),
        SectionKind("enumeration", EnumerationData, build_enumeration, "points 一是… 二是…"),
    ]
