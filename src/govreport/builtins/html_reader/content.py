"""Find the report in a saved portal page: its paragraphs and tables, without the site's chrome.

The page is walked once in reading order into candidate blocks, each remembering the element it
came from. The report's body is the smallest element holding all of its part headings
(``一、总体情况`` … ``六、其他需要报告的事项``); the title is the nearest ``…政府信息公开…报告``
line before it, and a statistical table is kept wherever it sits, since portals sometimes place
one outside the article's wrapper. Scripts, styles, forms, navigation, the 索引号/发布机构 table,
share and print buttons never become blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import html

from govreport.readers import Block, DocumentError, SourceParagraph, SourceTable

from . import grid as grids

MAX_ELEMENTS = 200_000
MAX_CELLS = 100_000

SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "canvas",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "nav",
        "footer",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "audio",
        "video",
    }
)
BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "header",
        "aside",
        "blockquote",
        "pre",
        "address",
        "center",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "body",
        "hr",
    }
)
_LINES = frozenset(("br", "p", "div", "li"))
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
_CHROME_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "share",
        "bdshare",
        "footer",
        "toolbar",
        "sidebar",
        "position",
        "location",
        "dqwz",
        "print",
        "qrcode",
        "attachment",
    }
)
_CHROME_LINE = re.compile(
    r"^(当前位置|您当前的位置|您现在的位置|分享到|打印本页|关闭窗口|【?字体|【?字号|扫一扫|"
    r"索引号|发布机构|发文机关|来源[:：]|时间[:：]|发布日期[:：]|浏览次数|附件下载|相关链接)"
)
_PART_HEADING = re.compile(
    r"^[一二三四五六七八九十]{1,2}、(?=.*(?:情况|事项|问题|概述|公开|复议|诉讼|收费)).{2,40}$"
)
_TITLE = re.compile(r"政府信息公开.{0,12}(年度报告|年报|工作报告)")
_METADATA = ("发布机构", "发文机关", "成文日期", "发布日期", "公开日期", "主题分类", "文号")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SEGMENT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v\xa0\u3000]*\n\s*(?=[{_CJK}])")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")


def clean(text: str) -> str:
    """A text as printed: a line break between two Chinese characters removed (as a browser
    shows it), every other run of spaces (``&nbsp;``, full-width ones too) made one space."""
    text = _SEGMENT_BREAK.sub("", _ZERO_WIDTH.sub("", text))
    return " ".join(text.split())


def cell_text(cell: html.HtmlElement) -> str:
    """A table cell's text: its lines (``<br>``, ``<p>``) joined, scripts and styles left out."""
    return clean("".join(_texts(cell)))


def _texts(top: html.HtmlElement) -> Iterator[str]:
    """The texts inside an element in reading order, a line break where a line ends."""
    stack: list[tuple[html.HtmlElement, bool]] = [(top, False)]
    while stack:
        element, closing = stack.pop()
        if closing or _skipped(element):
            if element is not top and element.tail:
                yield element.tail
            continue
        if element.tag in _LINES:
            yield "\n"
        if element.text:
            yield element.text
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))


def _skipped(element: html.HtmlElement) -> bool:
    return not isinstance(element.tag, str) or element.tag in SKIPPED


@dataclass(slots=True)
class _Candidate:
    """A block found on the page, with the element it came from."""

    element: html.HtmlElement
    text: str = ""
    level: int | None = None
    grid: grids.Grid | None = None


def _is_layout(table: html.HtmlElement) -> bool:
    return any(True for _ in table.iterdescendants("table"))


def _walk(root: html.HtmlElement) -> Iterator[_Candidate]:
    """Every paragraph and data table of the page, in reading order."""
    buffer: list[str] = []
    opened: list[html.HtmlElement] = []
    cells = 0

    def flush() -> Iterator[_Candidate]:
        text = clean("".join(buffer))
        buffer.clear()
        if text:
            container = opened[-1] if opened else root
            level = next((_HEADINGS[e.tag] for e in reversed(opened) if e.tag in _HEADINGS), None)
            yield _Candidate(container, text, level)

    stack: list[tuple[html.HtmlElement, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            if element.tag in BLOCKS:
                yield from flush()
                opened.pop()
            if element.tail:
                buffer.append(element.tail)
            continue
        if _skipped(element):
            if element.tail:
                buffer.append(element.tail)
            continue
        if element.tag == "br":
            yield from flush()
            if element.tail:
                buffer.append(element.tail)
            continue
        if element.tag == "table" and not _is_layout(element):
            yield from flush()
            caption = element.find("caption")
            if caption is not None and cell_text(caption):
                yield _Candidate(caption, cell_text(caption))
            grid = grids.grid_of(element, cell_text, MAX_CELLS - cells)
            cells += sum(len(row) for row in grid)
            if grid:
                yield _Candidate(element, grid=grid)
            if element.tail:
                buffer.append(element.tail)
            continue
        if element.tag in BLOCKS:
            yield from flush()
            opened.append(element)
        if element.text:
            buffer.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    yield from flush()


def _common_ancestor(elements: list[html.HtmlElement]) -> html.HtmlElement:
    chains = [[element, *element.iterancestors()][::-1] for element in elements]
    common = chains[0][0]
    for level in zip(*chains, strict=False):
        if any(e is not level[0] for e in level):
            break
        common = level[0]
    return common


def _within(element: html.HtmlElement, ancestor: html.HtmlElement) -> bool:
    return element is ancestor or any(e is ancestor for e in element.iterancestors())


def _chrome(element: html.HtmlElement, body: html.HtmlElement) -> bool:
    """Whether the element sits in something the page names as navigation, sharing, printing…"""
    for e in (element, *element.iterancestors()):
        if e is body:
            return False
        words = re.split(r"[^a-z]+", f"{e.get('class', '')} {e.get('id', '')}".lower())
        if _CHROME_WORDS.intersection(words):
            return True
    return False


def _is_metadata(grid: grids.Grid) -> bool:
    text = "".join("".join(row) for row in grid)
    return "索引号" in text and any(word in text for word in _METADATA)


def report_blocks(root: html.HtmlElement) -> list[Block]:
    """The report's blocks on the parsed page; :class:`DocumentError` when there are none."""
    if sum(1 for _ in root.iter()) > MAX_ELEMENTS:
        raise DocumentError(f"网页过于庞大（超过 {MAX_ELEMENTS} 个元素），不像一份年度报告。")
    candidates = [c for c in _walk(root) if not (c.grid and _is_metadata(c.grid))]
    headings = [c.element for c in candidates if c.grid is None and _PART_HEADING.match(c.text)]
    body = _common_ancestor(headings) if len(headings) >= 2 else root
    kept = [
        c
        for c in candidates
        if (_within(c.element, body) and not _chrome(c.element, body))
        or (c.grid is not None and grids.looks_statistical(c.grid))
    ]
    kept = [c for c in kept if c.grid is not None or not _CHROME_LINE.match(c.text)]
    if not any(_is_title(c) for c in kept[:3]):
        title = _title_before(candidates, kept[0] if kept else None)
        if title is not None:
            kept.insert(0, title)
    if not kept:
        raise DocumentError("网页中没有找到任何文字或表格。")
    return list(_numbered(kept))


def _title_before(candidates: list[_Candidate], first: _Candidate | None) -> _Candidate | None:
    """The nearest line before the body that reads as a report's title."""
    end = candidates.index(first) if first is not None else len(candidates)
    for candidate in reversed(candidates[:end]):
        if _is_title(candidate):
            return candidate
    return None


def _is_title(candidate: _Candidate) -> bool:
    text = candidate.text
    return candidate.grid is None and len(text) <= 60 and bool(_TITLE.search(text))


def _numbered(kept: list[_Candidate]) -> Iterator[Block]:
    paragraphs = tables = 0
    for candidate in kept:
        if candidate.grid is None:
            paragraphs += 1
            yield SourceParagraph(candidate.text, f"第{paragraphs}段", candidate.level)
            continue
        tables += 1
        parts = grids.split(candidate.grid)
        for first_row, last_row, part in parts:
            origin = f"<table>第{tables}个"
            if len(parts) > 1:
                origin += f"（第{first_row}–{last_row}行）"
            yield SourceTable(tuple(tuple(row) for row in part), origin)
