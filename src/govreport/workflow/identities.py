"""A report's tables against their own arithmetic: the inconsistencies its check finds there.

Figures that do not add up (a total that is not the sum of its parts, 表三's 勾稽关系) make the
tables unusable to sum (``aggregate``) or to compare with another year (``compare``). Findings
about the prose, blank cells and warnings do not.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..checks import Finding, Severity


def table_problems(findings: Iterable[Finding]) -> list[Finding]:
    """Inconsistencies found in the tables themselves: figures that do not add up."""
    return [
        f
        for f in findings
        if f.severity is Severity.INCONSISTENCY
        and (f.path == "tables" or f.path.startswith("tables."))
    ]


def cells_of(problems: Iterable[Finding]) -> frozenset[str]:
    """The cells (``appeals.reconsideration.total``) the problems involve."""
    return frozenset(cell for problem in problems for cell in problem.cells)
