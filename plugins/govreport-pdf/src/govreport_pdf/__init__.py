"""govreport plugin for PDF: it reads published reports and writes the report as PDF.

Reader ``pdf`` (``.pdf``, ``application/pdf``): the report's paragraphs — wrapped lines joined,
page headers, footers and page numbers removed — and its tables as cell grids, a table that
continues on the next page joined into one. It is a distribution of its own so that govreport
itself does not depend on a PDF library; pdfplumber is imported only when a PDF is read.

Renderer ``pdf`` (``--to pdf``): the .docx the built-in renderer writes, converted by
LibreOffice running headless (see :mod:`.soffice`); ``[output.pdf] pdfa = true`` writes PDF/A.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govreport import Renderer, hookimpl
from govreport.readers import Reader

if TYPE_CHECKING:
    from govreport.readers import SourceDocument

__version__ = "0.1.0"

__all__ = ["govreport_readers", "govreport_renderers", "read"]


def read(data: bytes) -> SourceDocument:
    """A PDF's paragraphs and tables (:func:`.reader.read`); the reading code is imported only
    when a PDF is read, so that checking a report file does not pay for it."""
    from .reader import read as read_pdf

    return read_pdf(data)


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


def unavailable() -> str | None:
    """Why PDF cannot be made on this machine (:func:`.soffice.unavailable`); the code that runs
    LibreOffice is imported only when PDF is asked for, so that other formats do not pay for it."""
    from .soffice import unavailable as soffice_unavailable

    return soffice_unavailable()


@hookimpl
def govreport_renderers() -> list[Renderer]:
    """The PDF renderer (asked only by builds and ``govreport plugins``)."""
    from .writer import PdfOptions, render, render_many

    return [
        Renderer(
            "pdf",
            "pdf",
            render,
            "PDF 文件（与 .docx 逐页相同，由 LibreOffice 转换）PDF, page for page the .docx",
            options_type=PdfOptions,
            available=unavailable,
            render_many=render_many,
        )
    ]
