"""The settings of the HTML output."""

from __future__ import annotations

from govreport import record


@record
class HtmlOptions:
    """Settings of the HTML output, set in a report's ``[output.html]`` table."""

    fragment: bool = False
    """Write a fragment for a portal's CMS instead of a standalone page."""
