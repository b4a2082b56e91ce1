"""The built-in check rules (built-in plugin), for the national formats and every edition.

Codes are stable: a code is never renamed, and a retired code is never given to another rule.

=======  ===================================================================================
GR1xx    structure — parts present, in order, not empty, tables filled in (no blank cells),
         required content
GR2xx    表三 收到和处理政府信息公开申请情况 — 勾稽关系, totals by column and by row
GR3xx    表四 政府信息公开行政复议、行政诉讼情况 — group totals
GR4xx    表二 主动公开政府信息情况 — relations between its columns
GR5xx    across years — this year's tables against last year's (``--previous``)
GR6xx    text against tables — key figures, ratios and fixed phrases in the prose
GR7xx    format deviations — what an imported published report printed that does not fit
=======  ===================================================================================

Counts are non-negative whole numbers, and only the 2019 format's 本年增/减 may be negative: the
loader refuses anything else with the cell's place (``tables.requests.new.natural``), so no
report with such a cell reaches the rules.
"""

from __future__ import annotations

from govreport.checks import Rule
from govreport.hookspecs import hookimpl

from . import arithmetic, blanks, crossyear, deviations, figure_rules, narrative, structure

RULES: tuple[Rule, ...] = tuple(
    item
    for module in (structure, blanks, arithmetic, crossyear, narrative, figure_rules, deviations)
    for item in vars(module).values()
    if isinstance(item, Rule)
)


@hookimpl
def govreport_rules() -> list[Rule]:
    return sorted(RULES, key=lambda item: item.code)
