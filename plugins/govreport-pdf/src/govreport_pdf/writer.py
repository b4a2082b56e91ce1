"""The PDF renderer: the document as the built-in .docx renderer writes it, printed to PDF by
LibreOffice, so that the PDF is page for page what the .docx prints."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from govreport import record

if TYPE_CHECKING:
    from govreport import Document


@record
class PdfOptions:
    """Settings of the PDF output, set in a report's ``[output.pdf]`` table."""

    pdfa: bool = attrs.field(
        default=False,
        metadata={
            "doc": "写出 PDF/A-2b（长期保存用的 PDF）。Write PDF/A-2b, the archival form of PDF.",
            "example": True,
        },
    )


def render(document: Document, options: PdfOptions | None = None) -> bytes:
    """The document as PDF bytes: the .docx in GB/T 9704-2012, converted by LibreOffice."""
    from govreport.builtins.docx import render as render_docx

    from .soffice import convert

    pdfa = options.pdfa if options is not None else False
    return convert([render_docx(document)], pdfa, signed_epoch(document))[0]


def render_many(documents: Sequence[Document], options: Sequence[PdfOptions | None]) -> list[bytes]:
    """Each document as PDF bytes, like :func:`render`, with one LibreOffice run for all the
    documents that share their settings and date (the date LibreOffice stamps is set per run)."""
    from govreport.builtins.docx import render as render_docx

    from .soffice import convert

    groups: dict[tuple[bool, int], list[int]] = defaultdict(list)
    for index, (document, settings) in enumerate(zip(documents, options, strict=True)):
        pdfa = settings.pdfa if settings is not None else False
        groups[pdfa, signed_epoch(document)].append(index)
    pdfs: list[bytes] = [b""] * len(documents)
    for (pdfa, epoch), indexes in groups.items():
        converted = convert([render_docx(documents[index]) for index in indexes], pdfa, epoch)
        for index, pdf in zip(indexes, converted, strict=True):
            pdfs[index] = pdf
    return pdfs


def signed_epoch(document: Document) -> int:
    """The report's date (成文日期, else 1 January after its year) in seconds since 1970, as the
    .docx's own dates: what a LibreOffice that honours SOURCE_DATE_EPOCH stamps on the PDF."""
    meta = document.meta
    date = meta.date or datetime.date(meta.year + 1, 1, 1)
    return (date - datetime.date(1970, 1, 1)).days * 86_400  # midnight UTC, as calendar.timegm
