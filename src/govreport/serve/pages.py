"""The preview's own pages: a report's page around its rendering, and the index of reports.

The report itself is not in these pages: it is shown in a frame that loads ``report.html``,
the bytes of ``build --to html`` unchanged, with no script allowed to run in it. The page's
script and stylesheet are inline and named in its Content-Security-Policy by their hashes, so
nothing else can run or style it.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from html import escape
from importlib import resources

from .site import Preview
from .snapshot import VERDICT_LABELS


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_policy() -> str:
    """The policy of the preview's pages: their own script and style, requests to the preview
    itself, frames of its own pages only."""
    return (
        f"default-src 'none'; script-src {_hash(_asset('preview.js'))}; "
        f"style-src {_hash(_asset('preview.css'))}; connect-src 'self'; frame-src 'self'; "
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'"
)
"""The policy ``report.html`` is sent with: no scripts, no requests; the page's own policy
(in its markup) narrows the styles further to its own stylesheet."""

_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{css}</style>
</head>
"""


def report_page(preview: Preview, index: bool) -> str:
    """A report's page: header (verdict, downloads), findings panel, the report in a frame."""
    back = '<a href="/">全部报告</a>\n' if index else ""
    return (
        _HEAD.format(title=escape(preview.name) + " · 预览", css=_asset("preview.css"))
        + f'<body data-base="/r/{preview.number}/">\n'
        + '<header class="bar">\n'
        + back
        + '<span id="verdict" class="verdict">正在读入</span>\n'
        + f'<span id="title" class="title">{escape(preview.name)}</span>\n'
        + '<nav id="downloads" aria-label="下载"></nav>\n'
        + '<span id="live" class="live">正在连接……</span>\n'
        + "</header>\n"
        + '<div class="layout">\n'
        + '<aside class="panel" aria-labelledby="panel-title">\n'
        + '<h2 id="panel-title">检查结果<span id="count"></span></h2>\n'
        + '<ol id="findings"></ol>\n'
        + "</aside>\n"
        + '<section class="report" aria-label="报告">\n'
        + '<div id="problems" class="problems" role="alert" hidden></div>\n'
        + '<p id="stale" class="stale-note" hidden>过期（未更新）：下面是上次成功读入时的报告。'
        + "改正上面的问题并保存后，会自动更新。</p>\n"
        + '<iframe id="page" class="page" title="报告" sandbox="allow-same-origin" hidden>'
        + "</iframe>\n"
        + "</section>\n"
        + "</div>\n"
        + f"<script>{_asset('preview.js')}</script>\n"
        + "</body>\n</html>\n"
    )


def index_page(previews: list[Preview]) -> str:
    """The list of served reports, each with its verdict, linking to its page."""
    items = "".join(
        f'<li><a href="/r/{preview.number}/">{escape(preview.name)}</a> '
        f'<span class="verdict {preview.snapshot.verdict}">'
        f"{VERDICT_LABELS[preview.snapshot.verdict]}</span></li>\n"
        for preview in previews
    )
    return (
        _HEAD.format(title="报告预览", css=_asset("preview.css"))
        + "<body>\n"
        + '<main class="index">\n'
        + f"<h1>报告预览（{len(previews)} 份）</h1>\n"
        + f"<ol>\n{items}</ol>\n"
        + "<p>打开一份报告：保存它的文件后，页面会自动更新。刷新本页可看到各报告的最新结论。</p>\n"
        + "</main>\n"
        + "</body>\n</html>\n"
    )
