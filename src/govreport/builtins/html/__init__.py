"""The HTML renderer (built-in plugin): ``govreport build PATH --to html``.

A standalone page (embedded stylesheet, a Content-Security-Policy that allows nothing but that
stylesheet, no scripts, no external requests) or, with ``fragment = true`` in ``[output.html]``
or ``--html-fragment``, a fragment to paste into a portal page: one ``<div class="govreport">``
holding its own ``<style>`` whose selectors all start with ``.govreport``.

The stylesheets are files in this package; :mod:`.markup` writes the page, escaping every piece
of report text, so it is written as text. It is imported on the first render, never when the
plugin loads.

A draft (``document.meta.draft``) opens with a banner saying so and carries a 草稿 watermark
that stays on screen and prints on every page, in the page and in the fragment alike.
"""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.document import (
    DRAFT_MARK,
    DRAFT_NOTICE,
    Block,
    Document,
    Heading,
    Table,
)
from govreport.hookspecs import hookimpl
from govreport.renderers import Renderer

if TYPE_CHECKING:
    from .options import HtmlOptions
    from .tables import TableView


def __getattr__(name: str) -> Any:
    """:class:`~.options.HtmlOptions`, imported when first named (``check`` does without it)."""
    if name == "HtmlOptions":
        from .options import HtmlOptions

        return HtmlOptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _read(name: str) -> str:
    """A stylesheet of this package (read as a file: importlib.resources costs more to import
    than the rest of the renderer)."""
    return Path(__file__).with_name(name).read_text(encoding="utf-8")


@cache
def stylesheet(fragment: bool, draft: bool = False) -> str:
    """The embedded CSS: the scoped report styles, plus page rules for a standalone page and
    the draft's banner and watermark for a draft."""
    scoped = _read("report.css") + (_read("draft.css") if draft else "")
    return scoped if fragment else _read("page.css") + scoped


def content_security_policy(css: str) -> str:
    """A policy that lets the page load nothing and apply only its own stylesheet."""
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def render(document: Document, options: HtmlOptions | None = None) -> str:
    """The document as an HTML page, or as a fragment when ``options.fragment``."""
    import attrs

    from . import markup
    from .tables import table_view

    fragment = options.fragment if options is not None else False
    numbers = itertools.count(1)
    blocks: list[tuple[Block | TableView, str | None]] = []
    for block in (*document.blocks, *document.signoff_paragraphs, *document.appendix):
        if not isinstance(block, Table):
            blocks.append((block, None))
            continue
        view = table_view(block, next(numbers))
        above = blocks[-1][0] if blocks else None
        if isinstance(above, Heading) and block.caption in (above.text, above.full_text):
            blocks[-1] = (above, view.title_id)  # the heading names the table: no caption
            view = attrs.evolve(view, caption=None)
        blocks.append((view, None))
    draft = document.meta.draft
    css = stylesheet(fragment, draft)
    draft_mark = DRAFT_MARK if draft else ""
    if fragment:
        return markup.report(document, blocks, css, draft_mark, DRAFT_NOTICE)
    report = markup.report(document, blocks, None, draft_mark, DRAFT_NOTICE)
    return markup.page(document, report, css, content_security_policy(css))


@hookimpl
def govreport_renderers() -> list[Renderer]:
    from .options import HtmlOptions

    return [
        Renderer(
            "html",
            "html",
            render,
            "HTML page (or a fragment for a portal's CMS)",
            options_type=HtmlOptions,
        )
    ]
