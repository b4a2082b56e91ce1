"""The 2021 revised format's tables (国办公开办函〔2021〕30号), current today.

Differences from 2019: 表二 counts 本年制发/本年废止/现行有效件数 of 规章 and
行政规范性文件, one 本年处理决定数量 per item, 行政事业性收费 as 本年收费金额 in 万元, no
第（九）项; 表三's （六）其他处理 has three rows of its own.
"""

from __future__ import annotations

from govreport.tables.cells import CellKind
from govreport.tables.spec import Column, TableFormat, TableSpec

from .common import (
    ACTIVE_LABEL_HEAD,
    ACTIVE_TITLE,
    APPEALS,
    active_block,
    request_group,
    requests_table,
)

NAME = "gb2021"

DOCUMENTS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
DECISIONS = (Column("decisions", "本年处理决定数量"),)
FEES = (Column("amount", "本年收费金额（单位：万元）", CellKind.AMOUNT, unit="万元"),)

ACTIVE = TableSpec(
    key="active",
    title=ACTIVE_TITLE,
    layout="blocks",
    corner=ACTIVE_LABEL_HEAD,
    children=(
        active_block(
            "一", (("rules", "规章"), ("normative_documents", "行政规范性文件")), DOCUMENTS
        ),
        active_block("五", (("licensing", "行政许可"),), DECISIONS),
        active_block("六", (("penalties", "行政处罚"), ("coercion", "行政强制")), DECISIONS),
        active_block("八", (("fees", "行政事业性收费"),), FEES),
    ),
)

OTHER_HANDLING = request_group(
    "（六）",
    "其他处理",
    "other_handling",
    (
        ("no_supplement", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "其他"),
    ),
)

FORMAT = TableFormat(
    name=NAME,
    description="2021年修订格式（国办公开办函〔2021〕30号）",
    tables=(ACTIVE, requests_table(OTHER_HANDLING), APPEALS),
    first_year=2021,
)
