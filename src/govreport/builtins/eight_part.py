"""The eight-part edition: the structure many reports kept from the 2007 条例 (第三十二条).

The Xinyu commerce bureau's 2019 report follows it. The preamble — which regulations the report
follows, who compiled it, its parts, where to download it and whom to ask — is generated from the
report's metadata and sections; the author's own ``introduction`` follows it.

The edition has no tables of its own: a report that fills in ``[tables]`` names their format
(``format = "gb2019"``), and they are attached after the last part (附表) — the preamble then
says "，并附相关统计报表".
"""

from __future__ import annotations

from collections.abc import Iterator

from govreport import numbering
from govreport.build import BuildContext, section_list_name
from govreport.document import Block, Paragraph, Run
from govreport.editions import Edition, Part, contact_sentence
from govreport.hookspecs import hookimpl
from govreport.model import Agency, Report

NAME = "eight-part"

PARTS = (
    Part("overview", "概述"),
    Part("active", "主动公开政府信息情况"),
    Part("response", "回应解读情况", listed_as="回应解读"),
    Part("requests", "依申请公开政府信息办理情况", listed_as="依申请公开政府信息情况"),
    Part("fees", "政府信息公开的收费及减免情况"),
    Part(
        "review",
        "复议、诉讼和申诉情况",
        listed_as="因政府信息公开申请行政复议、提起行政诉讼的情况",
    ),
    Part(
        "proposals",
        "人大建议和政协提案办理情况",
        listed_as="人大代表建议和政协委员提案办理情况",
    ),
    Part(
        "problems",
        "存在的主要问题和下一步改进措施",
        listed_as="政府信息公开工作存在的主要问题及改进情况",
    ),
)


def regulations_sentence(agency: Agency) -> str:
    """ "根据《条例》和《规定》要求，由…编制本报告。" """
    cited = "《中华人民共和国政府信息公开条例》（以下简称《条例》）"
    local = agency.local_regulation
    if local is not None:
        cited += f"和《{local.name}》（以下简称《{local.short}》）"
    return f"根据{cited}要求，由{agency.office}编制本报告。"


def contents_sentence(names: list[str], attachments: bool) -> str:
    """ "全文包括…八个部分，并附相关统计报表。" — nothing while the report has no sections."""
    if not names:
        return ""
    count = numbering.chinese_numeral(len(names))
    tail = "，并附相关统计报表" if attachments else ""
    return f"全文包括{'，'.join(names)}{count}个部分{tail}。"


def preamble(report: Report, context: BuildContext) -> Iterator[Block]:
    edition = context.edition
    yield Paragraph((Run(regulations_sentence(report.agency)),))
    names = [context.text(section_list_name(s, edition)) for s in report.sections]
    contents = contents_sentence(names, attachments=report.tables is not None)
    yield Paragraph((Run(contents + contact_sentence(report.agency)),))
    yield from context.build(report.introduction)


EIGHT_PART = Edition(
    name=NAME,
    description="八部分结构（2007年条例第三十二条），如新余市商务局2019年度报告",
    parts=PARTS,
    title_template="{agency}{year}年度政府信息公开工作报告",
    preamble=preamble,
    attaches_tables=True,
)


@hookimpl
def govreport_editions() -> list[Edition]:
    return [EIGHT_PART]
