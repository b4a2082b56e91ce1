"""GR6xx — what the text says against what the tables show.

Two ways the text is read:

- **Key figures bound to table cells** (GR601): a figure with ``cell = "…"`` or one of the
  well-known names of :mod:`.bindings` states a table quantity; it must equal the table's.
- **Fixed phrases**: "未受理/未收到…申请" (no applications), "未发生…行政复议、行政诉讼" (none),
  "均获维持/全部维持/零败诉" (all upheld). The rules look only for these; prose is not interpreted.

Scoped figures, ratios and unbound counts are checked in :mod:`.figure_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.builtins.national.common import APPLICANT_PARTS
from govreport.checks import Flag, Severity, rule
from govreport.model import Report

from .bindings import disagreeing
from .reading import cell_key, prose, shown, table_name, values


@rule(
    "GR601",
    Severity.INCONSISTENCY,
    "正文引用的关键数字与统计表一致",
    basis="《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号要求年度报告内容准确。"
    "正文与统计表矛盾是已发布报告的常见错误。",
)
def figures_match_tables(report: Report) -> Iterator[Flag]:
    """A key figure bound to a table cell (``cell = "…"`` or a well-known name) equals it.

    Well-known names (表三 总计 column; 表四 总计 unless named): ``applications_received``
    (一、本年新收), ``applications_brought_forward``, ``applications_completed`` (（七）总计),
    ``applications_carried_forward``, ``applications_granted``, ``applications_partly_granted``,
    ``applications_granted_or_partly``, ``applications_withheld``, ``applications_unavailable``,
    ``applications_not_processed``, ``applications_other_handling`` (each group's rows summed),
    ``reconsiderations``, ``lawsuits`` (both kinds), and ``reconsiderations_…``/``lawsuits_…``
    with ``upheld``, ``corrected``, ``other``, ``pending``. A figure with 余 (``over``) only
    has to be no more than the table's number.

    Example:
        ```toml
        [figures]
        applications_unavailable = { value = 265, unit = "件" }
        # 表三 无法提供 adds up to 337
        ```

        正文说无法提供265件，表中合计337件。The text and the table disagree.

    Fix:
        改正正文数字或表格；或不写 value，让数字直接取自表格；统计口径不同的，写明 scope。
        Correct one of them, or leave out ``value`` so the text takes the table's number; a
        figure of another scope says so with ``scope``.
    """
    for name, figure, bound, number in disagreeing(report, scoped=False):
        yield Flag(
            f"figures.{name}",
            f"正文中的{{{name}}}为{figure}，但{table_name(bound.table.spec)}{bound.description}"
            f"为{shown(number)}，两者不一致。",
            tuple(cell_key(bound.table.spec, row, column) for row, column in bound.places),
        )


NO_APPLICATIONS = re.compile(r"(未|没有)(受理|收到|接到)[^。；，]{0,12}申请")


@rule(
    "GR602",
    Severity.INCONSISTENCY,
    "正文说未收到申请时，表三“一、本年新收”应为0",
    basis="正文与表三应一致（《中华人民共和国政府信息公开条例》第五十条第（二）项）。",
)
def no_applications(report: Report) -> Iterator[Flag]:
    """Text that says no applications were received matches 表三.

    Example:
        ```toml
        content = ["本年度未受理政府信息公开申请。"]

        [tables.requests]
        new = { natural = 3 }
        ```

        正文说未受理申请，表三新收3件。The text denies what the table shows.

    Fix:
        改正正文或表三。Correct the text or the table.
    """
    table = values(report, "requests")
    if table is None:
        return
    received = [c for c in APPLICANT_PARTS if (table.number("new", c) or 0) > 0]
    if not received:
        return
    total = shown(table.number("new", "total"))
    for path, text in prose(report):
        match = NO_APPLICATIONS.search(text)
        if match:
            yield Flag(
                path,
                f"正文说“{match.group(0)}”，但{table_name(table.spec)}一、本年新收为{total}。",
                tuple(cell_key(table.spec, "new", column) for column in received),
            )


NO_APPEALS = re.compile(
    r"(未发生|没有发生|未出现|没有出现)[^。；]{0,40}(行政复议|行政诉讼)"
    r"|(未|没有)被?(申请|提起)(行政复议|行政诉讼)"
)


@rule(
    "GR603",
    Severity.INCONSISTENCY,
    "正文说未发生行政复议、行政诉讼时，表四应为0",
    basis="正文与表四应一致（《中华人民共和国政府信息公开条例》第五十条第（三）项）。",
)
def no_appeals(report: Report) -> Iterator[Flag]:
    """Text that says there were no cases matches 表四.

    Example:
        ```toml
        content = ["本年度未发生行政复议、行政诉讼的情况。"]

        [tables.appeals]
        reconsideration = { upheld = 1 }
        ```

        正文说未发生，表四有行政复议1件。The text denies what the table shows.

    Fix:
        改正正文或表四。Correct the text or the table.
    """
    table = values(report, "appeals")
    if table is None:
        return
    cases = [row for row in table.spec.rows() if (table.number(row.key, "total") or 0) > 0]
    if not cases:
        return
    counts = "，".join(f"{row.name}{shown(table.number(row.key, 'total'))}件" for row in cases)
    for path, text in prose(report):
        match = NO_APPEALS.search(text)
        if match:
            yield Flag(
                path,
                f"正文说“{match.group(0)}”，但{table_name(table.spec)}有{counts}。",
                tuple(cell_key(table.spec, row.key, "total") for row in cases),
            )


ALL_UPHELD = re.compile(r"均获维持|均被维持|均予维持|全部维持|均维持|全部胜诉|零败诉|无败诉")


@rule(
    "GR604",
    Severity.WARNING,
    "正文说“均获维持”时，表四不应有结果纠正或尚未审结",
    basis="正文与表四应一致；“均获维持”等说法只在没有被纠正、也没有尚未审结的案件时成立。",
)
def all_upheld(report: Report) -> Iterator[Flag]:
    """Text that says all cases were upheld matches 表四.

    Example:
        ```toml
        content = ["行政复议7件，均获维持。"]

        [tables.appeals]
        reconsideration = { upheld = 5, pending = 2 }
        ```

        正文说均获维持，但有2件尚未审结。Two cases are still pending.

    Fix:
        如实写明结果，例如“5件维持，2件尚未审结”。State the outcomes as they are.
    """
    table = values(report, "appeals")
    if table is None:
        return
    open_cells = [
        (row, column)
        for row in table.spec.rows()
        for column in ("corrected", "pending")
        if (table.number(row.key, column) or 0) > 0
    ]
    if not open_cells:
        return
    labels = {"corrected": "结果纠正", "pending": "尚未审结"}
    details = "，".join(
        f"{row.name}{labels[column]}{shown(table.number(row.key, column))}件"
        for row, column in open_cells
    )
    for path, text in prose(report):
        match = ALL_UPHELD.search(text)
        if match:
            yield Flag(
                path,
                f"正文说“{match.group(0)}”，但{table_name(table.spec)}显示{details}。",
                tuple(cell_key(table.spec, row.key, column) for row, column in open_cells),
            )
