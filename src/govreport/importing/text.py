"""The report's text: its title, edition, parts, preamble, 落款 and the figures it states.

The paragraphs the tables mapping did not use are read in order: the title (maybe over two
paragraphs) gives the agency and the year; the headings 一、 open the edition's parts and
（一） their sub-parts; what precedes 一、 is the introduction, unless the edition generates it;
the agency's name and the date at the end are the 落款. Prose is kept as printed; a number the
text states about the tables is written ``{name}`` and kept, with its cell, under ``figures``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .._records import record
from ..build import BuildContext
from ..editions import Edition
from ..model import Agency, Report, resolve
from ..plugins import Registry
from ..readers import SourceDocument, SourceParagraph
from .headings import assign_parts, exact, numbered
from .results import Note
from .signoff import is_signer, parse_date
from .statements import bind_figures

TITLE_SEARCH = 10
"""How many paragraphs from the start the title is looked for in."""

MAX_TITLE_CHARS = 60
"""A longer paragraph naming the 年度报告 is a sentence citing it, not the title."""

_TITLE = re.compile(r"信息公开.{0,8}报告")
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]| - ).*$")
"""What a page's ``<title>`` adds after the report's: "…年度报告_政府信息公开年报_某市政府"."""
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_PERIOD = re.compile(r"统计期限自\s*((?:19|20)\d{2})\s*年")
_DETAILS = {
    "office": re.compile(
        r"由(?P<v>[^，。、；（）()\s]{2,30}?)(?:根据|依据|按照|负责|编制)"
        r"|请与(?P<w>[^，。、；（）()\s]{2,30}?)(?:取得)?联系"
    ),
    "website": re.compile(r"网站[（(](?P<v>https?://[^）)\s]+)[）)]"),
    "address": re.compile(r"地址[:：]\s*(?P<v>[^，,；;）)\s]+)"),
    "postcode": re.compile(r"邮编[:：]\s*(?P<v>\d{6})"),
    "phones": re.compile(r"电话[:：]\s*(?P<v>[\d\-－]+(?:[、,，]\s*[\d\-－]+)*)"),
}
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\\s*[\r\n\x0b\x0c\x85\u2028\u2029]+\\s*")
_LOCAL_REGULATION = re.compile(
    r"《条例》）和《(?P<name>[^》]{2,40})》（以下简称《(?P<short>[^》]{1,10})》）"
)
_APPENDIX = re.compile(r"\s*附(?:件|表|录)?\s*[:：\d一二三四五六七八九]")
_GOVERNMENT = re.compile(r"政府$")


@record
class TextMapping:
    """What the text gave: the report file's data but its tables, and what did not fit."""

    data: dict[str, Any]
    deviations: tuple[dict[str, str], ...] = ()
    notes: tuple[Note, ...] = ()


@record
class _Section:
    """A heading 一、… as printed and the paragraphs under it."""

    title: str
    origin: str
    paragraphs: tuple[SourceParagraph, ...]


def storable(text: str) -> str:
    """A paragraph as a report file holds it: without control characters no document can
    carry, its line breaks joined (a reader joins a paragraph's lines; what is left is stray)."""
    return _LINE_BREAKS.sub("", _UNSTORABLE.sub("", text))


def prose(text: str) -> str:
    """Printed text as report prose: its braces doubled, so none reads as a placeholder."""
    return text.strip().replace("{", "{{").replace("}", "}}")


def find_title(paragraphs: list[SourceParagraph], fallback: str | None) -> tuple[str | None, int]:
    """The report's title (joined when split over two paragraphs) and how many paragraphs it
    and what precedes it take; the container's title, taking none, when the text has none."""
    for start in range(min(len(paragraphs), TITLE_SEARCH)):
        text = paragraphs[start].text.strip()
        if _is_title(text):
            return text, start + 1
        if start + 1 < len(paragraphs) and _is_title(joined := text + paragraphs[start + 1].text):
            return joined.strip(), start + 2
    fallback = _SITE_SUFFIX.sub("", storable(fallback or "")).strip()
    return (fallback, 0) if _TITLE.search(fallback) else (None, 0)


def _is_title(text: str) -> bool:
    return bool(_TITLE.search(text)) and len(text) <= MAX_TITLE_CHARS and "。" not in text


def agency_and_year(title: str) -> tuple[str | None, int | None]:
    """ "淮安市人民政府2024年政府信息公开工作年度报告" → ("淮安市人民政府", 2024); also with the
    year first ("2019年度新余市商务局政府信息公开工作报告")."""
    match = _YEAR.search(title)
    if match is None:
        return None, None
    before, after = title[: match.start()].strip(), title[match.end() :]
    cut = after.find("政府信息公开")
    cut = cut if cut >= 0 else after.find("信息公开")
    agency = before.removesuffix("关于") or (after[:cut] if cut > 0 else "")
    return agency.strip(" \u3000《》“”") or None, int(match.group(1))


def choose_edition(
    registry: Registry, titles: list[str], table_format: str | None, year: int | None
) -> Edition:
    """The edition whose parts the headings are; among equals, the one the tables' format
    (else the year) belongs to."""
    editions = list(registry.editions.values())
    scores = {e.name: sum(score for _, score in assign_parts(titles, e)) for e in editions}
    best = max(scores.values(), default=0.0)
    candidates = [e for e in editions if best > 0 and scores[e.name] == best]
    candidates = candidates or [e for e in editions if e.tables is not None] or editions
    if table_format is not None:
        same = [e for e in candidates if e.tables is not None and e.tables.name == table_format]
        candidates = same or [e for e in candidates if e.tables is None] or candidates
    elif year is not None:
        covering = [e for e in candidates if e.tables is not None and e.tables.covers(year)]
        candidates = covering or candidates
    return candidates[0]


def generated_paragraphs(edition: Edition, registry: Registry) -> int:
    """How many paragraphs the edition's preamble makes before the author's introduction."""
    if edition.preamble is None:
        return 0
    agency = Agency(name="机关", office="办公室")
    introduction = (registry.section_kinds["paragraph"].data_type(text="导语"),)
    probe = Report(edition=edition.name, year=2020, agency=agency, introduction=introduction)
    resolve(probe, edition, edition.tables)
    action = f"edition {edition.name!r} preamble"
    with registry.running_item("govreport_editions", edition, action) as call:
        blocks = call.collect(edition.preamble(probe, BuildContext(probe, registry)), "blocks")
    return max(0, len(blocks) - 1)


def agency_details(texts: list[str]) -> dict[str, Any]:
    """The office, website, address, postcode, phones and local regulation the preamble states."""
    joined = "".join(texts)
    details: dict[str, Any] = {}
    for field, pattern in _DETAILS.items():
        match = pattern.search(joined)
        if match is None:
            continue
        value = next(v for v in match.groups() if v)
        details[field] = re.split(r"[、,，]\s*", value) if field == "phones" else value
    if local := _LOCAL_REGULATION.search(joined):
        details["local_regulation"] = {"name": local.group("name"), "short": local.group("short")}
    return details


def _split(body: list[SourceParagraph]) -> tuple[list[SourceParagraph], list[_Section]]:
    """The paragraphs before 一、, and each heading 一、 二、 … with those under it."""
    preamble: list[SourceParagraph] = []
    sections: list[tuple[str, str, list[SourceParagraph]]] = []
    for paragraph in body:
        head = numbered(paragraph)
        if head is not None and head[0] == 2 and head[1] in (len(sections) + 1, 0):
            sections.append((head[2], paragraph.origin, []))
        elif sections:
            sections[-1][2].append(paragraph)
        else:
            preamble.append(paragraph)
    return preamble, [_Section(t, o, tuple(ps)) for t, o, ps in sections]


def _appendix(
    body: list[SourceParagraph],
) -> tuple[list[SourceParagraph], list[SourceParagraph]]:
    """The paragraphs before the 附 that follows the last part, and those from it on (the
    attached tables' titles, which an edition attaching tables prints itself)."""
    heads = [
        i for i, p in enumerate(body) if (head := numbered(p)) is not None and head[:1] == (2,)
    ]
    heads = [i for i in heads if not _APPENDIX.match(body[i].text)]
    start = heads[-1] + 1 if heads else len(body)
    end = next((i for i in range(start, len(body)) if _APPENDIX.match(body[i].text)), len(body))
    return body[:end], body[end:]


def _content(paragraphs: tuple[SourceParagraph, ...], subparts: bool) -> list[Any]:
    """A part's content: paragraphs as strings, each （一） a sub-part holding what follows."""
    content: list[Any] = []
    target = content
    for paragraph in paragraphs:
        head = numbered(paragraph)
        expected = sum(isinstance(entry, dict) for entry in content) + 1
        title, _, rest = head[2].partition("。") if head is not None else ("", "", "")
        if subparts and head and head[0] == 3 and head[1] in (expected, 0) and title.strip():
            target = [prose(rest)] if rest.strip() else []
            content.append({"kind": "subpart", "title": prose(title), "content": target})
        else:
            target.append(prose(paragraph.text))
    for entry in content:
        if isinstance(entry, dict) and not entry["content"]:
            del entry["content"]
    return content


def _signoff(body: list[SourceParagraph], agency: str | None) -> tuple[int, str | None, Any]:
    """How many paragraphs at the end are the 落款, who signs it and its date (or None)."""
    taken, signer, date = 0, None, None
    if body and (dated := parse_date(body[-1].text)) is not None:
        signer, date = dated
        if signer and not is_signer(signer, agency):
            return 0, None, None
        taken = 1
    if not signer and len(body) > taken and is_signer(body[-1 - taken].text, agency):
        signer = body[-1 - taken].text.strip()
        taken += 1
    return taken, signer or None, date


def read_text(
    document: SourceDocument,
    registry: Registry,
    *,
    used: frozenset[int],
    table_format: str | None,
    holds: Callable[[str], bool],
) -> TextMapping:
    """Map the paragraphs the tables mapping did not use; ``holds(cell)`` says whether the
    tables found hold a cell, so that a figure stated about it can be bound to it."""
    paragraphs = [
        SourceParagraph(text, block.origin, block.heading_level)
        for index, block in enumerate(document.blocks)
        if isinstance(block, SourceParagraph)
        and index not in used
        and (text := storable(block.text).strip())
    ]
    notes: list[Note] = []
    deviations: list[dict[str, str]] = []
    title, start = find_title(paragraphs, document.title)
    agency, year = agency_and_year(title) if title else (None, None)
    body = paragraphs[start:]
    if year is None:
        period = next(filter(None, (_PERIOD.search(p.text) for p in body)), None)
        year = int(period.group(1)) if period else None
    body, attached = _appendix(body)
    taken, signer, date = _signoff(body, agency)
    agency = agency or signer
    body = body[: len(body) - taken]
    preamble, printed = _split(body)
    titles = [section.title for section in printed]
    edition = choose_edition(registry, titles, table_format, year)
    if attached and not edition.attaches_tables:
        preamble, printed = _split(body + attached)
    generated = min(len(preamble), generated_paragraphs(edition, registry))
    details = agency_details([p.text for p in preamble])
    data: dict[str, Any] = {"edition": edition.name}
    if year is not None:
        data["year"] = year
    else:
        notes.append(Note("year", "未能从标题或正文中识别报告年度，请填写"))
    if agency is not None:
        office = details.pop("office", None)
        if office is None:
            office = f"{agency}办公室"
            notes.append(Note("agency.office", f"正文没有写明编制机构，暂填“{office}”，请核对"))
        kind = "government" if _GOVERNMENT.search(agency) else "department"
        data["agency"] = {"name": agency, "office": office, "kind": kind, **details}
    else:
        notes.append(Note("agency.name", "未能从标题中识别发布机关，请填写 [agency]"))
    if title is None:
        notes.append(Note("title", "没有找到报告标题（“…政府信息公开工作年度报告”）"))
    elif (
        agency is None
        or year is None
        or title.replace(" ", "") != _default_title(edition, agency, year)
    ):
        data["title"] = title
    if date is not None:
        data["date"] = date
    figures: dict[str, dict[str, Any]] = {}

    def written(text: str) -> str:
        return bind_figures(text, figures, holds)

    if generated:
        notes.append(
            Note(
                "introduction",
                f"开头{generated}段由“{edition.name}”版本按机关信息生成，未作导语保留；"
                "请核对 [agency] 中的办公室、网站、地址和电话",
            )
        )
    introduction = [written(prose(p.text)) for p in preamble[generated:]]
    if introduction:
        data["introduction"] = introduction
    subparts = "subpart" in registry.section_kinds
    sections: list[dict[str, Any]] = []
    for index, (section, (part, score)) in enumerate(
        zip(printed, assign_parts(titles, edition), strict=True)
    ):
        entry: dict[str, Any] = {}
        if part is None:
            entry["title"] = prose(section.title)
            deviations.append(_deviation(f"sections[{index}]", section.title, "", section.origin))
            notes.append(
                Note(
                    f"sections[{index}]",
                    f"“{section.title}”不是“{edition.name}”版本的部分，已作自拟部分保留，请核对",
                )
            )
        else:
            entry["part"] = part.key
            if not exact(section.title, part):
                entry["title"] = prose(section.title)
                place = f"sections[{index}].title"
                deviations.append(_deviation(place, section.title, part.heading, section.origin))
            if score < 0.9:
                notes.append(
                    Note(
                        f"sections[{index}].part",
                        f"“{section.title}”按“{part.heading}”处理，请核对",
                    )
                )
        content = _content(section.paragraphs, subparts)
        if content:
            entry["content"] = _bound(content, written)
        sections.append(entry)
    if sections:
        data["sections"] = sections
    if figures:
        data["figures"] = figures
    return TextMapping(data, tuple(deviations), tuple(notes))


def _bound(content: list[Any], written: Callable[[str], str]) -> list[Any]:
    """Content with the figures of every string bound, in reading order."""
    for index, entry in enumerate(content):
        if isinstance(entry, str):
            content[index] = written(entry)
        else:
            _bound(entry.get("content", []), written)
    return content


def _default_title(edition: Edition, agency: str, year: int) -> str:
    return edition.title_template.format(agency=agency, year=year)


def _deviation(place: str, printed: str, expected: str, origin: str) -> dict[str, str]:
    return {"place": place, "printed": printed, "expected": expected, "origin": origin}
