"""The PDF renderer: the document as the built-in .docx renderer writes it, printed to PDF by
LibreOffice, so that the PDF is page for page what the .docx prints."""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING

import attrs

from govreport import record

from .soffice import convert

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

    pdfa = options.pdfa if options is not None else False
    return convert([render_docx(document)], pdfa, signed_epoch(document))[0]


def signed_epoch(document: Document) -> int:
    """The report's date (成文日期, else 1 January after its year) in seconds since 1970, as the
    .docx's own dates: what a LibreOffice that honours SOURCE_DATE_EPOCH stamps on the PDF."""
    meta = document.meta
    date = meta.date or datetime.date(meta.year + 1, 1, 1)
    return calendar.timegm(date.timetuple())
