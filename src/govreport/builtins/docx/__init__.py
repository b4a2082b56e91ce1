"""The Word renderer (built-in plugin): ``govreport build PATH --to docx``.

The .docx follows GB/T 9704-2012 (党政机关公文格式) through a style profile that a report
(``[output.docx]``) or a plugin (``govreport_docx_profiles``) can change; see
:mod:`.profile`. python-docx is imported on the first render, and the profile classes when a
report sets ``[output.docx]`` or a build asks for the profiles: never when the plugin loads, so
``check`` does without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govreport.hookspecs import hookimpl
from govreport.renderers import Renderer

if TYPE_CHECKING:
    from govreport.document import Document
    from govreport.model import Report
    from govreport.plugins import Registry

    from .profile import DocxOptions, DocxProfile, Style

__all__ = ["DocxOptions", "DocxProfile", "Style", "render"]


def __getattr__(name: str) -> Any:
    """The profile classes, imported from :mod:`.profile` when first named."""
    if name in ("DocxOptions", "DocxProfile", "Style"):
        from . import profile

        return getattr(profile, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(
    document: Document,
    report: Report | None = None,
    options: DocxOptions | None = None,
    registry: Registry | None = None,
) -> bytes:
    """The document as .docx bytes, in the profile ``options`` selects and adjusts.

    Profiles come from ``registry`` (every loaded plugin's); without one, only the built-in.
    """
    from .profile import GBT9704, resolve_style
    from .writer import write

    profiles = registry.docx_profiles if registry is not None else {GBT9704.name: GBT9704}
    return write(document, report, resolve_style(options, profiles))


def check_options(options: DocxOptions, registry: Registry) -> None:
    """Refuse, when the report is loaded, a profile no plugin provides."""
    from .profile import resolve_style

    resolve_style(options, registry.docx_profiles)


@hookimpl
def govreport_renderers() -> list[Renderer]:
    from .profile import DocxOptions

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
    from .profile import GBT9704

    return [GBT9704]
