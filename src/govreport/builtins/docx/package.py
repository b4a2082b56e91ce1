"""The .docx package: a lean starting template and byte-identical output.

python-docx's default template carries parts a report never uses (a thumbnail, a second copy of
the styles, custom XML, numbering) and 160 styles; the template is pruned once per process and
kept as bytes. The body's content, written as XML text, goes into ``word/document.xml`` as the
file is zipped again, with fixed entry dates, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter

from .styles import prune_styles

_UNUSED_PARTS = {
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
    RT.NUMBERING,
    RT.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}
BODY_MARK = "govreport body"
"""A comment in the document body where :func:`save` puts the content."""
_DOCUMENT_PART = "word/document.xml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can carry; every entry gets it."""


@cache
def _template() -> bytes:
    word = docx.Document()
    for rels in (word.part.package.rels, word.part.rels):
        for rel_id in [rel_id for rel_id, rel in rels.items() if rel.reltype in _UNUSED_PARTS]:
            del rels[rel_id]
    prune_styles(word.styles.element)
    stream = io.BytesIO()
    word.save(stream)
    return stream.getvalue()


def new_document() -> WordDocument:
    """A fresh document from the pruned template."""
    return docx.Document(io.BytesIO(_template()))


def save(word: WordDocument, body_xml: str) -> bytes:
    """The document's bytes, with ``body_xml`` in place of its body mark.

    The content is spliced in as text, never parsed: the quickest way with large tables. The
    parts are taken from python-docx as it would zip them, in its order, and compressed once,
    with fixed dates and attributes.
    """
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in _parts(word):
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            if name == _DOCUMENT_PART:
                data = _splice(data, body_xml)
            target.writestr(entry, data)
    return output.getvalue()


class _Parts:
    """Takes what python-docx's package writer would zip: (member name, bytes), in order."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, bytes]] = []

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.parts.append((pack_uri.membername, blob))


def _parts(word: WordDocument) -> list[tuple[str, bytes]]:
    """The package's parts as ``word.save`` writes them, without zipping them first.

    This reads python-docx's package writer from inside; a python-docx whose writer is made
    differently gets the parts from a saved copy instead (the same parts, one zip more).
    """
    package = word.part.package
    parts = _Parts()
    try:
        write_content_types = PackageWriter._write_content_types_stream
        write_package_rels = PackageWriter._write_pkg_rels
        write_parts = PackageWriter._write_parts
    except AttributeError:
        return _saved_parts(word)
    for part in package.parts:
        part.before_marshal()
    write_content_types(parts, package.parts)
    write_package_rels(parts, package.rels)
    write_parts(parts, package.parts)
    return parts.parts


def _saved_parts(word: WordDocument) -> list[tuple[str, bytes]]:
    saved = io.BytesIO()
    word.save(saved)
    with zipfile.ZipFile(saved) as source:
        return [(info.filename, source.read(info)) for info in source.infolist()]


def _splice(document_xml: bytes, body_xml: str) -> bytes:
    mark = f"<!--{BODY_MARK}-->".encode()
    if document_xml.count(mark) != 1:
        raise RuntimeError("the document body mark is missing")
    return document_xml.replace(mark, body_xml.encode("utf-8"))
