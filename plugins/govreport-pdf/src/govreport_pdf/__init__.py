"""govreport plugin that reads published reports in PDF.

Reader ``pdf`` (``.pdf``, ``application/pdf``): the report's paragraphs — wrapped lines joined,
page headers, footers and page numbers removed — and its tables as cell grids, a table that
continues on the next page joined into one. It is a distribution of its own so that govreport
itself does not depend on a PDF library; pdfplumber is imported only when a PDF is read.
"""

from __future__ import annotations

from govreport import hookimpl
from govreport.readers import Reader

from .reader import MAX_PAGES, read

__version__ = "0.1.0"

__all__ = ["MAX_PAGES", "govreport_readers", "read"]


@hookimpl
def govreport_readers() -> list[Reader]:
    """The PDF reader."""
    return [
        Reader(
            "pdf",
            (".pdf",),
            read,
            ("application/pdf",),
            "PDF 格式的年度报告（PDF report as published）",
        )
    ]
