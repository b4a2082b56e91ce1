"""The Word renderer (built-in plugin): ``govreport build PATH --to docx``.

The .docx follows GB/T 9704-2012 (党政机关公文格式) through a style profile that a report
(``[output.docx]``) or a plugin (``govreport_docx_profiles``) can change; see
:mod:`.profile`. python-docx is imported on the first render, never when the plugin loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...document import Document
from ...hookspecs import hookimpl
from .. import Renderer
from .profile import GBT9704, DocxOptions, DocxProfile, Style, resolve_style

if TYPE_CHECKING:
    from ...model import Report
    from ...plugins import Registry

__all__ = ["DocxOptions", "DocxProfile", "Style", "render"]


def render(
    document: Document,
    report: Report | None = None,
    options: DocxOptions | None = None,
    registry: Registry | None = None,
) -> bytes:
    """The document as .docx bytes, in the profile ``options`` selects and adjusts.

    Profiles come from ``registry`` (every loaded plugin's); without one, only the built-in.
    """
    from .writer import write

    profiles = registry.docx_profiles if registry is not None else {GBT9704.name: GBT9704}
    return write(document, report, resolve_style(options, profiles))


def check_options(options: DocxOptions, registry: Registry) -> None:
    """Refuse, when the report is loaded, a profile no plugin provides."""
    resolve_style(options, registry.docx_profiles)


@hookimpl
def govreport_renderers() -> list[Renderer]:
    return [
        Renderer(
            "docx",
            "docx",
            render,
            "Word, GB/T 9704-2012 公文格式",
            DocxOptions,
            check_options=check_options,
        )
    ]


@hookimpl
def govreport_docx_profiles() -> list[DocxProfile]:
    return [GBT9704]
