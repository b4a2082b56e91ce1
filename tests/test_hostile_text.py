"""Random Unicode in every text field of a report: it is refused at load with its place, or it
renders to Markdown, HTML and .docx; the HTML never gains an element or attribute the clean
report's page does not have, and the .docx stays well-formed XML.

The text is written into a real report file (with TOML escapes for what TOML cannot hold raw) and
read back through the loader, as a user's file would be. (test_robustness.py mutates the
example's parsed data; this file goes through the file and all three renderers.)
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import html5lib
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from govreport import ReportError, build_document, load
from govreport.builtins.docx import render as render_docx
from govreport.builtins.docx import resolve_options
from govreport.builtins.html import HtmlOptions
from govreport.builtins.html import render as render_html
from govreport.builtins.markdown import render as render_markdown

# Every text field of the model, with the commerce plugin's kinds; {name} is a slot for text.
TEMPLATE = """\
edition = "eight-part"
year = 2021
title = {title}

[output.docx]
body_font = {font}

[agency]
name = {name}
office = {office}
website = {website}
address = {address}
postcode = {postcode}
phones = [{phone}]
local_regulation = {{ name = {regulation}, short = {short} }}

[figures]
count = {{ value = 3, unit = {unit} }}

[[sections]]
part = "overview"
title = {section_title}
listed_as = {listed_as}
content = [
  {paragraph},
  {{ kind = "paragraph", text = {text}, points = [{point}] }},
  {{ kind = "subpart", title = {subpart}, content = [
    {{ kind = "item", lead = {lead}, text = {item_text}, points = [{item_point}], content = [
      {{ kind = "item", lead = {inner_lead}, text = {inner_text} }},
    ] }},
  ] }},
  {{ kind = "enumeration", items = [{{ lead = {enum_lead}, text = {enum_text} }}] }},
  {{ kind = "paragraph", text = "共{{count}}" }},
]

[[sections]]
part = "active"
content = [
  {{ kind = "commerce.project_prereview", lead = {review_lead}, text = {review_text}, meetings = 1, reviewed = 2, passed = 1 }},
  {{ kind = "commerce.fund_use", lead = {fund_lead}, threshold = 1, meetings = 1, funds = [{fund}] }},
  {{ kind = "commerce.port_construction", published = 1, text = {port_text}, projects = [
    {{ name = {project}, progress = {progress} }}] }},
]
"""
SLOTS = re.findall(r"(?<!\{)\{(\w+)\}(?!\})", TEMPLATE)
ITEM = "sections[0].content[2].content[0]"
PLACES = {
    "title": "title",
    "font": "output.docx.body_font",
    "name": "agency.name",
    "office": "agency.office",
    "website": "agency.website",
    "address": "agency.address",
    "postcode": "agency.postcode",
    "phone": "agency.phones[0]",
    "regulation": "agency.local_regulation.name",
    "short": "agency.local_regulation.short",
    "unit": "figures.count.unit",
    "section_title": "sections[0].title",
    "listed_as": "sections[0].listed_as",
    "paragraph": "sections[0].content[0].text",
    "text": "sections[0].content[1].text",
    "point": "sections[0].content[1].points[0]",
    "subpart": "sections[0].content[2].title",
    "lead": f"{ITEM}.lead",
    "item_text": f"{ITEM}.text",
    "item_point": f"{ITEM}.points[0]",
    "inner_lead": f"{ITEM}.content[0].lead",
    "inner_text": f"{ITEM}.content[0].text",
    "enum_lead": "sections[0].content[3].items[0].lead",
    "enum_text": "sections[0].content[3].items[0].text",
    "review_lead": "sections[1].content[0].lead",
    "review_text": "sections[1].content[0].text",
    "fund_lead": "sections[1].content[1].lead",
    "fund": "sections[1].content[1].funds[0]",
    "port_text": "sections[1].content[2].text",
    "project": "sections[1].content[2].projects[0].name",
    "progress": "sections[1].content[2].projects[0].progress",
}
"""Where each slot is in the report file, as a problem names it."""
PROSE = {slot for slot, place in PLACES.items() if place.startswith("sections")}
"""Slots whose text is a template: a brace is written ``{{`` there to stand for itself."""

TOKENS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</p></article><svg onload=alert(1)>",
    "<!-- x -->",
    "<![CDATA[ x ]]>",
    "{{ 7*7 }}",
    "{% if %}",
    "| a | b |",
    "**粗**",
    "_斜_",
    "# 标题",
    "`代码`",
    "\\",
    "\\n",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "e\u0301",  # e + combining acute accent
    "\u200b",  # zero-width space
    "&amp;",
    "&lt;",
    "\r\n",
    "\t",
    "]]>",
    "\u3000",  # ideographic space
)
CHARACTERS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")
"""Any character a document can hold (tab and line breaks come in through TOKENS)."""
PIECE = st.one_of(st.sampled_from(TOKENS), st.text(CHARACTERS, max_size=8))
TEXT = st.builds(
    lambda head, rest: head + "".join(rest),
    st.sampled_from(TOKENS[:9]),
    st.lists(PIECE, max_size=5),
)
"""Text that starts visibly (required fields must not be blank), then anything."""
ONE_LINE = {"title", "name", "office", "website", "address", "postcode", "phone", "regulation"}
ONE_LINE |= {"short", "unit", "section_title", "listed_as"}
"""Slots that hold a name or another one-line text: a line break there is refused."""
LINE = TEXT.map(lambda text: re.sub("[\r\n\x85\u2028\u2029]", " ", text))
UNHOLDABLE = st.sampled_from(["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\ufffe", "\uffff"])
SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
DAMAGE = st.sampled_from([False, False, False, True]).flatmap(
    lambda damaged: (
        st.tuples(st.sampled_from(SLOTS), UNHOLDABLE | SURROGATES, st.integers(0, 60))
        if damaged
        else st.none()
    )
)
"""In about one example in four, one character no document can hold, put into one field."""


def toml_string(text: str) -> str:
    """A TOML basic string holding text; what TOML cannot hold raw is written as an escape."""
    out = []
    for character in text:
        code = ord(character)
        if character in '"\\':
            out.append("\\" + character)
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(character)
    return '"' + "".join(out) + '"'


def write(folder: Path, texts: dict[str, str]) -> Path:
    values = {
        slot: toml_string(text.replace("{", "{{").replace("}", "}}") if slot in PROSE else text)
        for slot, text in texts.items()
    }
    path = folder / "report.toml"
    path.write_text(TEMPLATE.format(**values), encoding="utf-8")
    return path


SHOWN = set(SLOTS) - {"font", "website", "listed_as", "short", "regulation"}
"""Slots whose text the page shows as written (the others are settings or are not shown)."""
POINTS = {"point", "item_point"}
POINT_ENDINGS = "。；;，,"
"""A point's closing punctuation gives way to the 一是…；二是…。 punctuation."""


def page_text(markup: str) -> str:
    root = html5lib.parse(markup, treebuilder="etree", namespaceHTMLElements=False)
    body = root.find("body")
    return "".join(body.itertext())


def elements(markup: str) -> tuple[list[str], set[str]]:
    """The element names of a page in document order, and every attribute name in it.

    The spans that keep a telephone number whole (digits joined by hyphens) are left out: text
    may well hold one.
    """
    root = html5lib.parse(markup, treebuilder="etree", namespaceHTMLElements=False)
    found = [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and (e.tag, e.get("class")) != ("span", "gr-nobr")
    ]
    return [e.tag for e in found], {name for e in found for name in e.attrib}


def docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def render_all(path: Path) -> tuple[str, str, str, dict[str, bytes]]:
    loaded = load(path)
    document = build_document(loaded.report, loaded.registry)
    style = resolve_options(loaded.output_options["docx"], loaded.registry)
    docx = render_docx(document, style)
    return (
        render_markdown(document),
        render_html(document),
        render_html(document, HtmlOptions(fragment=True)),
        docx_parts(docx),
    )


def _clean(tmp_path_factory) -> tuple[list[str], set[str], list[str], set[str]]:
    folder = tmp_path_factory.mktemp("clean")
    _, page, fragment, _ = render_all(write(folder, dict.fromkeys(SLOTS, "正文")))
    return (*elements(page), *elements(fragment))


CLEAN: dict[str, tuple] = {}


def test_the_template_has_a_slot_for_every_kind_of_text_field():
    assert len(SLOTS) == len(set(SLOTS)) >= 30
    assert PROSE < set(SLOTS) == set(PLACES)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.fixed_dictionaries({slot: LINE if slot in ONE_LINE else TEXT for slot in SLOTS}),
    damage=DAMAGE,
)
def test_random_text_in_every_field_is_refused_or_renders_safely(tmp_path_factory, texts, damage):
    if not CLEAN:
        CLEAN["tags"] = _clean(tmp_path_factory)
    page_tags, page_attributes, fragment_tags, fragment_attributes = CLEAN["tags"]
    if damage is not None:
        slot, character, position = damage
        texts[slot] = texts[slot][:position] + character + texts[slot][position:]
    path = write(tmp_path_factory.mktemp("hostile"), texts)
    try:
        markdown, page, fragment, docx = render_all(path)
    except ReportError as error:
        event("refused at load")
        assert damage is not None, f"refused clean text: {error}"
        (problem,) = error.problems
        if 0xD800 <= ord(character) <= 0xDFFF:
            assert "（Escaped character is not a Unicode scalar value" in str(problem)
        else:
            assert problem.location == PLACES[slot]
            assert f"含有控制字符 U+{ord(character):04X}" in problem.message
        return
    assert damage is None, f"accepted {character!r} in {PLACES[damage[0]]}"
    event("rendered")

    tags, attributes = elements(page)
    assert tags == page_tags
    assert attributes == page_attributes
    tags, attributes = elements(fragment)
    assert tags == fragment_tags
    assert attributes == fragment_attributes
    for markup in (page, fragment):
        assert "<script" not in markup and "<img" not in markup and "<svg" not in markup
    shown = page_text(page)
    for slot in SHOWN:
        expected = texts[slot].replace("\r\n", "\n").replace("\r", "\n")
        if slot in POINTS:
            expected = expected.rstrip(POINT_ENDINGS)
        assert expected in shown, (slot, expected)

    for line in markdown.splitlines():
        assert not line.startswith(("<", "    ")), line

    for name, part in docx.items():
        if name.endswith(".xml"):
            etree.fromstring(part)
    body = docx["word/document.xml"].decode("utf-8")
    assert "<script>" not in body
