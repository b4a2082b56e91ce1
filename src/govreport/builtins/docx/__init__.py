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

from . import hookspec

GOVREPORT_HOOKSPECS = hookspec
"""The hook this plugin adds for other plugins: ``govreport_docx_profiles``."""

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Protocol

    from govreport.document import Document

    from .profile import DocxOptions, DocxProfile, Style

    class Plugins(Protocol):
        """What resolving the options needs of the loaded plugins (the registry)."""

        @property
        def docx_profiles(self) -> Mapping[str, DocxProfile]: ...


__all__ = ["DocxOptions", "DocxProfile", "Style", "prepare", "render", "resolve_options"]


def __getattr__(name: str) -> Any:
    """The profile classes, imported from :mod:`.profile` when first named."""
    if name in ("DocxOptions", "DocxProfile", "Style"):
        from . import profile

        return getattr(profile, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(document: Document, options: Style | None = None) -> bytes:
    """The document as .docx bytes in the ``Style`` that ``resolve_options`` made of the report's
    ``[output.docx]``; without one, in GB/T 9704-2012."""
    from .profile import GBT9704
    from .writer import write

    return write(document, options if options is not None else GBT9704.style)


def prepare() -> None:
    """Import python-docx and make the document template, once per process."""
    from .package import new_document

    new_document()


def resolve_options(options: DocxOptions, registry: Plugins) -> Style:
    """The profile ``options`` names, from any loaded plugin, with the fields it sets laid over.

    Called when the report is loaded too, to refuse a profile no plugin provides.
    """
    from .profile import resolve_style

    return resolve_style(options, registry.docx_profiles)


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
            check_options=resolve_options,
            resolve_options=resolve_options,
            prepare=prepare,
        )
    ]


@hookimpl
def govreport_docx_profiles() -> list[DocxProfile]:
    from .profile import GBT9704

    return [GBT9704]
