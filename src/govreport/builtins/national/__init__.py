"""The national formats (built-in plugin): ``gb2019`` (国办公开办函〔2019〕60号, 试行) and
``gb2021`` (国办公开办函〔2021〕30号, current).

Both have the same six parts; parts 二, 三 and 四 show the format's statistical tables (表二, 表三,
表四) under their headings, filled from the report's ``[tables]`` — the author writes no table and
no table heading. The preamble is the author's ``introduction``; without one, the usual opening is
generated ("本报告由…根据…编制。报告所列统计期限自…至…。" and whom to ask).
"""

from __future__ import annotations

from collections.abc import Iterator

from govreport.build import BuildContext
from govreport.document import Block, Paragraph, Run
from govreport.editions import Edition, Part, contact_sentence
from govreport.hookspecs import hookimpl
from govreport.model import Report

from . import gb2019, gb2021

OVERVIEW_GUIDANCE = (
    "主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障"
    "（各级人民政府含工作考核、社会评议和责任追究结果情况）等方面。"
)

PARTS = (
    Part("overview", "总体情况", guidance=OVERVIEW_GUIDANCE),
    Part(
        "active",
        "主动公开政府信息情况",
        table="active",
        guidance="以统计表（表二）报告主动公开的规章、规范性文件和各类处理决定等数量。",
    ),
    Part(
        "requests",
        "收到和处理政府信息公开申请情况",
        table="requests",
        guidance="以统计表（表三）报告本年新收、上年结转、办理结果和结转下年度的申请数量。",
    ),
    Part(
        "appeals",
        "政府信息公开行政复议、行政诉讼情况",
        table="appeals",
        guidance="以统计表（表四）报告行政复议、行政诉讼的数量和结果；没有案件的填0。",
    ),
    Part(
        "problems",
        "存在的主要问题及改进情况",
        guidance="写明本年度工作存在的主要问题和具体改进措施，不照搬上年（内容雷同是常见问题）。",
    ),
    Part(
        "other",
        "其他需要报告的事项",
        guidance="写明信息处理费的收取情况（未收取的也写明），以及其他需要报告的事项"
        "（如人大代表建议和政协提案办理结果）；确实没有的写“无”。",
    ),
)


def opening_sentence(report: Report) -> str:
    """ "本报告由…根据《条例》规定编制。报告所列统计期限自…年1月1日至…年12月31日。" """
    year = report.year
    return (
        f"本报告由{report.agency.office}根据《中华人民共和国政府信息公开条例》"
        f"（以下简称《条例》）规定编制。报告所列统计期限自{year}年1月1日至{year}年12月31日。"
    )


def preamble(report: Report, context: BuildContext) -> Iterator[Block]:
    if report.introduction:
        yield from context.build(report.introduction)
    else:
        yield Paragraph((Run(opening_sentence(report) + contact_sentence(report.agency)),))


GB2019 = Edition(
    name=gb2019.NAME,
    description="全国统一格式（试行）：国办公开办函〔2019〕60号，六个部分和三张统计表",
    parts=PARTS,
    preamble=preamble,
    tables=gb2019.FORMAT,
)
GB2021 = Edition(
    name=gb2021.NAME,
    description="全国统一格式（修订）：国办公开办函〔2021〕30号，六个部分和三张统计表",
    parts=PARTS,
    preamble=preamble,
    tables=gb2021.FORMAT,
)


@hookimpl
def govreport_editions() -> list[Edition]:
    return [GB2019, GB2021]
