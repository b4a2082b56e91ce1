"""The 2019 trial format's tables (国办公开办函〔2019〕60号).

Differences from 2021: 表二 counts 本年新制作/本年新公开/对外公开总数量, carries
上一年项目数量 and a signed 本年增/减, and has a 第二十条第（九）项 block whose 采购总金额 has
no unit in the header (the author gives it); 表三's （六）其他处理 is a single row.
"""

from __future__ import annotations

from govreport.tables.cells import CellKind
from govreport.tables.spec import Column, TableFormat, TableSpec

from .common import (
    ACTIVE_LABEL_HEAD,
    ACTIVE_TITLE,
    APPEALS,
    active_block,
    request_row,
    requests_table,
)

NAME = "gb2019"

DOCUMENTS = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
ITEMS = (
    Column("previous", "上一年项目数量"),
    Column("change", "本年增/减", CellKind.SIGNED),
    Column("decisions", "处理决定数量"),
)
FEE_ITEMS = ITEMS[:2]
PROCUREMENT = (
    Column("projects", "采购项目数量"),
    Column("amount", "采购总金额", CellKind.AMOUNT),
)

ACTIVE = TableSpec(
    key="active",
    title=ACTIVE_TITLE,
    layout="blocks",
    corner=ACTIVE_LABEL_HEAD,
    children=(
        active_block("一", (("rules", "规章"), ("normative_documents", "规范性文件")), DOCUMENTS),
        active_block(
            "五", (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")), ITEMS
        ),
        active_block("六", (("penalties", "行政处罚"), ("coercion", "行政强制")), ITEMS),
        active_block("八", (("fees", "行政事业性收费"),), FEE_ITEMS),
        active_block("九", (("procurement", "政府集中采购"),), PROCUREMENT),
    ),
)

FORMAT = TableFormat(
    name=NAME,
    description="2019年试行格式（国办公开办函〔2019〕60号）",
    tables=(ACTIVE, requests_table(request_row("other_handling", "（六）其他处理")), APPEALS),
    first_year=2019,
    last_year=2020,
)
