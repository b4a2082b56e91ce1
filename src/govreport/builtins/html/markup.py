"""Writing the page and the fragment as text: every piece of report text goes through
:func:`escape`, so it is shown as text and never read as markup."""

from __future__ import annotations

from collections.abc import Sequence

from govreport.document import Block, Document, Heading, Paragraph, whole_numbers

from .tables import CellView, TableView

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def escape(text: object) -> str:
    """Text safe in an element's content and in a quoted attribute."""
    return str(text).translate(_ESCAPES)


def _attribute(name: str, value: object) -> str:
    return f' {name}="{escape(value)}"'


def keep_whole(text: str) -> str:
    """Escaped text with each telephone number in a span that never breaks across lines.

    The hyphen stays an ordinary hyphen, so a copied number is the number as written.
    """
    return "".join(
        f'<span class="gr-nobr">{escape(piece)}</span>' if whole else escape(piece)
        for piece, whole in whole_numbers(text)
    )


def page(document: Document, fragment_html: str, css: str, csp: str) -> str:
    """A standalone page around the report's fragment."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(document.meta.lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(document.title)}</title>\n"
        f"<style>{css}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{fragment_html}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def report(
    document: Document,
    blocks: Sequence[tuple[Block | TableView, str | None]],
    css: str | None,
    draft_mark: str,
    draft_notice: str,
) -> str:
    """The report in one ``<div class="govreport">``; its own ``<style>`` when ``css`` is given.

    ``blocks`` pairs each block with the id its heading takes when it names the table below.
    """
    lang = escape(document.meta.lang)
    if draft_mark:
        out = [f'<div class="govreport gr-draft" lang="{lang}" data-mark="{escape(draft_mark)}">\n']
    else:
        out = [f'<div class="govreport" lang="{lang}">\n']
    if css is not None:
        out.append(f"<style>{css}</style>\n")
    out.append("<article>\n")
    if draft_mark:
        out.append(f'<p class="gr-draft-notice" role="note">{escape(draft_notice)}</p>\n')
    out.append(f"<h1>{escape(document.title)}</h1>\n")
    for block, anchor in blocks:
        if isinstance(block, Heading):
            tag = f"h{min(block.level + 1, 6)}"
            id_ = _attribute("id", anchor) if anchor else ""
            out.append(f"<{tag}{id_}>{escape(block.full_text)}</{tag}>\n")
        elif isinstance(block, TableView):
            out.append(table(block))
        else:
            out.append(_paragraph(block))
    out.append("</article>\n</div>\n")
    return "".join(out)


def _paragraph(block: Paragraph) -> str:
    role = ' class="gr-signoff"' if block.role == "signoff" else ""
    runs = "".join(
        f"<strong>{keep_whole(run.text)}</strong>" if run.bold else keep_whole(run.text)
        for run in block.runs
    )
    return f"<p{role}>{runs}</p>\n"


def table(view: TableView) -> str:
    """A table in a region that scrolls sideways on a narrow screen."""
    title_id = escape(view.title_id)
    out = [f'<div class="gr-table" role="region" aria-labelledby="{title_id}" tabindex="0">\n']
    labels = f' class="gr-k{escape(view.labels)}"' if view.labels else ""
    named_by = f' aria-labelledby="{title_id}"' if view.caption is None else ""
    out.append(f'<table id="{escape(view.id)}"{labels}{named_by}>\n')
    if view.caption is not None:
        out.append(f'<caption id="{title_id}">{escape(view.caption)}</caption>\n')
    if view.labels:
        columns = "".join(
            f'<col class="{f"gr-lc{column}" if column < view.labels else "gr-dc"}">'
            for column in range(view.width)
        )
        out.append(f"<colgroup>{columns}</colgroup>\n")
    if view.head:
        out.append("<thead>\n")
        out.extend(_row(row) for row in view.head)
        out.append("</thead>\n")
    out.append("<tbody>\n")
    out.extend(_row(row) for row in view.body)
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)


def _row(cells: Sequence[CellView]) -> str:
    return f"<tr>{''.join(map(_cell, cells))}</tr>\n"


def _cell(cell: CellView) -> str:
    attributes = [
        _attribute("id", cell.id) if cell.id else "",
        _attribute("scope", cell.scope) if cell.scope else "",
        _attribute("rowspan", cell.rowspan) if cell.rowspan > 1 else "",
        _attribute("colspan", cell.colspan) if cell.colspan > 1 else "",
        _attribute("headers", cell.headers) if cell.headers else "",
        _attribute("class", cell.classes) if cell.classes else "",
        _attribute("data-cell", cell.cell) if cell.cell else "",
    ]
    return f"<{cell.tag}{''.join(attributes)}>{escape(cell.text)}</{cell.tag}>"
