"""The settings of the HTML output."""

from __future__ import annotations

import attrs

from govreport import record


@record
class HtmlOptions:
    """Settings of the HTML output, set in a report's ``[output.html]`` table."""

    fragment: bool = attrs.field(
        default=False,
        metadata={
            "doc": "只写出可粘贴到门户网站页面的片段（没有 `<html>`、`<head>`）。"
            "Write a fragment for a portal's CMS instead of a standalone page.",
            "example": True,
        },
    )
