"""GR1xx — the report's structure: its parts, headings, tables and required content."""

from __future__ import annotations

from collections.abc import Iterator

from govreport import numbering
from govreport.checks import Flag, Severity, rule
from govreport.editions import Edition, Part
from govreport.model import Report, Section

from .reading import edition_of, full_text, prose

NATIONAL = ("gb2019", "gb2021")
ARTICLE_50 = (
    "《中华人民共和国政府信息公开条例》第五十条：年度报告应当包括主动公开、收到和处理申请、"
    "行政复议和行政诉讼、存在的主要问题及改进情况和其他需要报告的事项；"
    "全国政府信息公开工作主管部门公布统一格式。"
)


def _place(edition: Edition, part: Part) -> str:
    """ "第三部分“收到和处理政府信息公开申请情况”" """
    number = numbering.chinese_numeral(edition.parts.index(part) + 1)
    return f"第{number}部分“{part.heading}”"


def _sections(report: Report, edition: Edition) -> Iterator[tuple[int, Section, Part]]:
    for index, section in enumerate(report.sections):
        part = edition.part(section.part) if section.part else None
        if part is not None:
            yield index, section, part


def _has_table(report: Report, key: str) -> bool:
    """Whether the table is filled in, or said not to have been published."""
    tables = report.tables
    return tables is not None and (
        key in tables.unpublished or any(tables.cells.get(key, {}).values())
    )


@rule(
    "GR101",
    Severity.ERROR,
    "国家格式要求的部分不能缺少",
    basis=ARTICLE_50 + "国办公开办函〔2021〕30号要求按统一格式的六个部分撰写，“不能遗漏”。",
    editions=NATIONAL,
    missing_content=True,
)
def required_parts(report: Report) -> Iterator[Flag]:
    """The six parts of the national format are all there.

    Example:
        ```toml
        [[sections]]
        part = "overview"
        # …no [[sections]] with part = "appeals"
        ```

        缺少第四部分“政府信息公开行政复议、行政诉讼情况”。The fourth part is missing.

    Fix:
        添加缺少的部分；确实没有相关情况的，写明“无”。
        Add the part; write 无 when there is nothing to report.
    """
    edition = edition_of(report)
    present = {section.part for section in report.sections}
    for part in edition.parts:
        if part.required and part.key not in present:
            yield Flag(
                "sections",
                f'缺少{_place(edition, part)}。请添加 [[sections]] part = "{part.key}"。',
            )


@rule(
    "GR102",
    Severity.ERROR,
    "各部分不能空着",
    basis=ARTICLE_50 + "确实没有相关情况的，应写明“无”或“未发生”，不能留空。",
    missing_content=True,
)
def parts_not_empty(report: Report) -> Iterator[Flag]:
    """A narrative part has some content.

    Example:
        ```toml
        [[sections]]
        part = "problems"
        content = []
        ```

        第五部分没有内容。The fifth part is empty.

    Fix:
        写明存在的问题和改进措施，或写明“无”。Write the problems and measures, or 无.
    """
    edition = edition_of(report)
    for index, section, part in _sections(report, edition):
        if not section.content and part.table is None:
            yield Flag(
                f"sections[{index}]",
                f"{_place(edition, part)}没有内容。"
                "确实没有相关情况的，请写明“无”或“本年度未发生”。",
            )


@rule(
    "GR103",
    Severity.WARNING,
    "各部分按国家格式的顺序排列",
    basis="国办公开办函〔2019〕60号、〔2021〕30号规定的六个部分及其顺序。",
    editions=NATIONAL,
)
def parts_in_order(report: Report) -> Iterator[Flag]:
    """The parts follow the national format's order.

    Example:
        ```toml
        [[sections]]
        part = "requests"

        [[sections]]
        part = "active"
        ```

        “主动公开政府信息情况”排在了“收到和处理政府信息公开申请情况”之后。
        Part 二 comes after part 三.

    Fix:
        按一至六的顺序排列各部分。Put the parts in the order 一 to 六.
    """
    edition = edition_of(report)
    latest: Part | None = None
    for index, _, part in _sections(report, edition):
        if latest is not None and edition.parts.index(part) < edition.parts.index(latest):
            yield Flag(
                f"sections[{index}].part",
                f"“{part.heading}”应排在“{latest.heading}”之前（国家格式的顺序）。",
            )
        else:
            latest = part


@rule(
    "GR104",
    Severity.WARNING,
    "部分标题使用国家格式的统一标题",
    basis="国办公开办函〔2019〕60号、〔2021〕30号规定的统一标题；改写标题不便于汇总和比较。",
    editions=NATIONAL,
)
def headings_as_format(report: Report) -> Iterator[Flag]:
    """A part keeps the format's heading.

    Example:
        ```toml
        [[sections]]
        part = "problems"
        title = "政府信息公开工作存在的主要问题及改进情况"
        ```

        标题改写了国家格式的“存在的主要问题及改进情况”。The heading rewords the official one.

    Fix:
        删去 `title`，使用统一标题。Remove `title` to use the official heading.
    """
    edition = edition_of(report)
    for index, section, part in _sections(report, edition):
        if section.title is not None and section.title != part.heading:
            yield Flag(
                f"sections[{index}].title",
                f"标题“{section.title}”与国家格式的“{part.heading}”不一致，建议使用统一标题。",
            )


@rule(
    "GR105",
    Severity.ERROR,
    "以表格报告的部分要填写统计表",
    basis="国家格式规定第二、三、四部分以统一的统计表报告（国办公开办函〔2019〕60号、〔2021〕30号）。",
    missing_content=True,
)
def tables_filled_in(report: Report) -> Iterator[Flag]:
    """Parts 二, 三 and 四 have their tables filled in.

    Example:
        ```toml
        [[sections]]
        part = "appeals"
        # …and no [tables.appeals]
        ```

        第四部分以统计表报告，但没有填写表四。Part 四 is a table, but the table is missing.

    Fix:
        在 `[tables.appeals]` 中填写各组数字；没有案件的填0。
        Fill in `[tables.appeals]`; write 0 where there were no cases.
    """
    edition = edition_of(report)
    for _, _, part in _sections(report, edition):
        if part.table is not None and not _has_table(report, part.table):
            yield Flag(
                f"tables.{part.table}",
                f"{_place(edition, part)}以统计表报告，但没有填写这张表（[tables.{part.table}]）。",
            )


GOVERNMENT_WORDS = ("考核", "评议", "责任追究", "问责", "监督保障")
"""Wordings of 工作考核、社会评议和责任追究 (绩效考核, 群众评议, 问责…) or the 监督保障 sub-part."""


@rule(
    "GR106",
    Severity.WARNING,
    "各级人民政府的年度报告要报告工作考核、社会评议和责任追究结果情况",
    basis="《中华人民共和国政府信息公开条例》第五十条第（四）项：各级人民政府的政府信息公开工作年度报告"
    "还应当包括工作考核、社会评议和责任追究结果情况；2021年格式将其列入总体情况的“监督保障”。"
    "本检查只查找这些字样（或“监督保障”一节），不判断内容。",
)
def government_extra(report: Report) -> Iterator[Flag]:
    """A government's report states its 工作考核、社会评议和责任追究 results.

    Example:
        ```toml
        [agency]
        name = "某县人民政府"
        office = "某县人民政府办公室"
        kind = "government"
        # …and no mention of 工作考核、社会评议、责任追究 or 监督保障
        ```

        人民政府的年度报告没有报告工作考核、社会评议和责任追究结果。
        A government report leaves them out.

    Fix:
        在总体情况的“监督保障”部分写明这三方面的结果。Report them under 监督保障 in part 一.
    """
    if report.agency.kind != "government":
        return
    text = full_text(report)
    if not any(word in text for word in GOVERNMENT_WORDS):
        yield Flag(
            "sections",
            "本报告是人民政府的年度报告，但没有报告工作考核、社会评议和责任追究结果情况"
            "（可写在总体情况的“监督保障”部分）。",
        )


@rule(
    "GR107",
    Severity.WARNING,
    "写明统计期限",
    basis="年度报告的统计期限为报告年度1月1日至12月31日；国家格式下的年度报告均在开头写明。",
    editions=NATIONAL,
)
def statistics_period(report: Report) -> Iterator[Flag]:
    """The report states its statistics period.

    Example:
        ```toml
        introduction = ["本报告由某局办公室编制。"]
        ```

        开头没有写明统计期限。The opening does not state the period.

    Fix:
        写明“报告所列统计期限自X年1月1日至X年12月31日”，或删去 `introduction` 使用自动生成的开头。
        State the period, or drop `introduction` to use the generated opening.
    """
    if not report.introduction:
        return  # the opening the edition generates states the period
    text = full_text(report)
    if f"{report.year}年1月1日" not in text or "12月31日" not in text:
        yield Flag(
            "introduction",
            f"没有写明统计期限，请在开头写明“报告所列统计期限自{report.year}年1月1日至"
            f"{report.year}年12月31日”。",
        )


OVERVIEW_TOPICS: dict[str, tuple[str, ...]] = {
    "主动公开": ("主动公开",),
    "依申请公开": ("依申请", "公开申请", "申请公开"),
    "政府信息管理": ("信息管理", "公开属性", "保密审查", "公开目录", "文件清理"),
    "平台建设": ("平台", "网站", "新媒体", "公开专栏", "政务公开专区"),
    "监督保障": ("监督", "考核", "评议", "责任追究", "问责", "培训"),
}
"""The five topics of 总体情况 and the usual wordings of each, following the 2021 format's
guidance (监督保障 includes 工作考核、社会评议和责任追究 and, in practice, training)."""


@rule(
    "GR108",
    Severity.WARNING,
    "总体情况涵盖五个方面",
    basis="国办公开办函〔2021〕30号：总体情况主要包括主动公开、依申请公开、政府信息管理、"
    "政府信息公开平台建设、监督保障等方面。本检查查找各方面的常见说法（如监督保障：监督、考核、"
    "评议、责任追究、培训），包括各小标题，不判断内容。",
    editions=("gb2021",),
)
def overview_topics(report: Report) -> Iterator[Flag]:
    """Part 一 covers the five topics the 2021 format names.

    Example:
        ```toml
        [[sections]]
        part = "overview"
        content = ["2022年，本局认真贯彻落实《条例》。"]
        ```

        总体情况没有提到主动公开、依申请公开等五个方面。Part 一 names none of the five topics.

    Fix:
        按主动公开、依申请公开、政府信息管理、平台建设、监督保障分述。
        Cover the five topics, e.g. as sub-parts.
    """
    edition = edition_of(report)
    for index, section, part in _sections(report, edition):
        if part.key == "overview":
            text = full_text(report, (section,))  # sub-part titles included
            missing = [
                topic
                for topic, words in OVERVIEW_TOPICS.items()
                if not any(word in text for word in words)
            ]
            if missing:
                yield Flag(
                    f"sections[{index}]",
                    f"总体情况没有提到：{'、'.join(missing)}。国家格式要求总体情况涵盖这五个方面。",
                )


FEE_WORDS = ("信息处理费", "收取费用", "收费")


@rule(
    "GR109",
    Severity.WARNING,
    "其他需要报告的事项写明信息处理费收取情况",
    basis="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；按惯例在第六部分写明收取"
    "信息处理费的情况（未收取的也写明）。",
    editions=("gb2021",),
)
def fees_stated(report: Report) -> Iterator[Flag]:
    """Part 六 states the information-processing fee position.

    Example:
        ```toml
        [[sections]]
        part = "other"
        content = ["无。"]
        ```

        第六部分没有写信息处理费的收取情况。Part 六 says nothing about fees.

    Fix:
        写明收取的信息处理费金额，或写明“未收取信息处理费”。
        State the fees charged, or that none were.
    """
    edition = edition_of(report)
    for index, section, part in _sections(report, edition):
        if part.key == "other" and not any(
            word in text for _, text in prose(report, (section,)) for word in FEE_WORDS
        ):
            yield Flag(
                f"sections[{index}]",
                "没有写明信息处理费的收取情况；未收取的，也请写明“未收取信息处理费”。",
            )


@rule(
    "GR110",
    Severity.ERROR,
    "统计表格式与报告年度相符",
    basis="2019、2020年度报告使用国办公开办函〔2019〕60号的格式；2021年度起使用国办公开办函"
    "〔2021〕30号修订后的格式。",
)
def format_matches_year(report: Report) -> Iterator[Flag]:
    """The table format is the one for the report year.

    Example:
        ```toml
        edition = "gb2021"
        year = 2020
        ```

        2020年度报告使用了2021年格式的统计表。A 2020 report uses the 2021 tables.

    Fix:
        2019、2020年度用 gb2019，2021年度起用 gb2021。Use gb2019 for 2019–2020 and gb2021 from 2021.
    """
    table_format = report.table_format
    if table_format is None or table_format.covers(report.year):
        return
    own = edition_of(report).tables is not None
    first, last = table_format.first_year, table_format.last_year
    years = f"{first}至{last}年度" if last else f"{first}年度起"
    yield Flag(
        "edition" if own else "tables.format",
        f"{report.year}年度报告不应使用{table_format.description}的统计表（该格式适用于{years}）。",
    )
