"""The HTML reader (built-in plugin): ``govreport import report.html`` and ``check report.html``.

Reads a report page as saved from a government portal, chrome and all: decodes it by its
byte-order mark or declared charset (GBK/GB2312 read as GB18030), parses it with lxml's HTML
parser (which runs nothing and fetches nothing), and finds the report's paragraphs and tables
in it (:mod:`.content`). Each ``<table>`` becomes one grid as printed (:mod:`.grid`), except that
a ``<table>`` holding two statistical tables one after the other is cut in two. lxml is imported
on the first read, never when the plugin loads.
"""

from __future__ import annotations

from govreport.hookspecs import hookimpl
from govreport.readers import DocumentError, Reader, SourceDocument


def read(data: bytes) -> SourceDocument:
    """The report's blocks on a saved page; :class:`DocumentError` for a file that is not one."""
    from lxml import etree, html

    from .content import clean, report_blocks
    from .decoding import decode

    text = decode(data)
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = html.document_fromstring(_without_xml_declaration(text), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise DocumentError(f"网页无法解析：{error}") from None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        raise DocumentError("网页的标记嵌套过深（超过 255 层），不像一份年度报告。")
    title = root.xpath("string(//meta[@name='ArticleTitle']/@content)") or root.findtext(".//title")
    body = root.find("body")
    blocks = report_blocks(body if body is not None else root)
    return SourceDocument(tuple(blocks), clean(title or "") or None)


def _without_xml_declaration(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("<?xml"):
        return stripped[stripped.find("?>") + 2 :]
    return text


@hookimpl
def govreport_readers() -> list[Reader]:
    return [
        Reader(
            "html",
            (".html", ".htm"),
            read,
            ("text/html",),
            "网页（门户网站上保存的年度报告页面）a saved portal page",
        )
    ]
