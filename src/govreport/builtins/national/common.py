"""What the 2019 and 2021 national formats share: 表三 (all but （六）) and 表四.

Labels are the official ones, character for character (国办公开办函〔2019〕60号, 〔2021〕30号).
"""

from __future__ import annotations

from govreport.tables.spec import (
    Column,
    ColumnHead,
    ColumnTotal,
    Group,
    Row,
    RowTotal,
    TableSpec,
    rows_of,
)

ACTIVE_TITLE = "主动公开政府信息情况"
ACTIVE_LABEL_HEAD = "信息内容"

# 表三 收到和处理政府信息公开申请情况 -------------------------------------------------------------

APPLICANT_PARTS = ("natural", "business", "research", "nonprofit", "legal", "other")
APPLICANTS = (
    Column("natural", "自然人"),
    Column("business", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal", "法律服务机构"),
    Column("other", "其他"),
    Column("total", "总计"),
)
REQUESTS_HEAD = (
    ColumnHead(
        "申请人情况",
        (
            ColumnHead("自然人", key="natural"),
            ColumnHead(
                "法人或其他组织",
                (
                    ColumnHead("商业企业", key="business"),
                    ColumnHead("科研机构", key="research"),
                    ColumnHead("社会公益组织", key="nonprofit"),
                    ColumnHead("法律服务机构", key="legal"),
                    ColumnHead("其他", key="other"),
                ),
            ),
            ColumnHead("总计", key="total"),
        ),
    ),
)
REQUESTS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def request_row(key: str, label: str, short: str | None = None) -> Row:
    return Row(key, label, APPLICANTS, short)


def request_group(number: str, title: str, key: str, items: tuple[tuple[str, str], ...]) -> Group:
    """A group of 表三 such as （三）不予公开 with its numbered rows 1.… 8."""
    rows = tuple(
        request_row(f"{key}.{item}", f"{n}.{label}", f"{number}{n}.{label}")
        for n, (item, label) in enumerate(items, start=1)
    )
    return Group(number + title, rows)


WITHHELD = request_group(
    "（三）",
    "不予公开",
    "withheld",
    (
        ("state_secret", "属于国家秘密"),
        ("prohibited_by_law", "其他法律行政法规禁止公开"),
        ("security_stability", "危及“三安全一稳定”"),
        ("third_party", "保护第三方合法权益"),
        ("internal_affairs", "属于三类内部事务信息"),
        ("process_information", "属于四类过程性信息"),
        ("enforcement_file", "属于行政执法案卷"),
        ("query_matter", "属于行政查询事项"),
    ),
)
UNAVAILABLE = request_group(
    "（四）",
    "无法提供",
    "unavailable",
    (
        ("not_held", "本机关不掌握相关政府信息"),
        ("needs_creation", "没有现成信息需要另行制作"),
        ("still_unclear", "补正后申请内容仍不明确"),
    ),
)
NOT_PROCESSED = request_group(
    "（五）",
    "不予处理",
    "not_processed",
    (
        ("petition_complaint", "信访举报投诉类申请"),
        ("repeated", "重复申请"),
        ("publication", "要求提供公开出版物"),
        ("excessive", "无正当理由大量反复申请"),
        ("confirmation", "要求行政机关确认或重新出具已获取信息"),
    ),
)


def requests_table(other_handling: Row | Group) -> TableSpec:
    """表三, with the format's own （六）其他处理 (one row in 2019, three in 2021)."""
    results = (
        request_row("granted", "（一）予以公开"),
        request_row(
            "partly_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "（二）部分公开",
        ),
        WITHHELD,
        UNAVAILABLE,
        NOT_PROCESSED,
        other_handling,
    )
    spec_rows = (
        request_row("new", "一、本年新收政府信息公开申请数量", "一、本年新收"),
        request_row("brought_forward", "二、上年结转政府信息公开申请数量", "二、上年结转"),
        Group("三、本年度办理结果", (*results, request_row("total", "（七）总计", "（七）总计"))),
        request_row("carried_forward", "四、结转下年度继续办理"),
    )
    return TableSpec(
        key="requests",
        title="收到和处理政府信息公开申请情况",
        layout="matrix",
        children=spec_rows,
        head=REQUESTS_HEAD,
        corner=REQUESTS_CORNER,
        column_totals=(ColumnTotal("total", APPLICANT_PARTS),),
        row_totals=(RowTotal("total", tuple(row.key for row in rows_of(results))),),
    )


# 表四 政府信息公开行政复议、行政诉讼情况 --------------------------------------------------------

OUTCOME_PARTS = ("upheld", "corrected", "other", "pending")
OUTCOMES = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)


def _outcome_heads(row: str) -> tuple[ColumnHead, ...]:
    return tuple(ColumnHead(column.label, key=f"{row}.{column.key}") for column in OUTCOMES)


APPEALS = TableSpec(
    key="appeals",
    title="政府信息公开行政复议、行政诉讼情况",
    layout="single_row",
    children=(
        Row("reconsideration", "行政复议", OUTCOMES),
        Group(
            "行政诉讼",
            (
                Row("lawsuit_direct", "未经复议直接起诉", OUTCOMES, "行政诉讼（未经复议直接起诉）"),
                Row(
                    "lawsuit_after_reconsideration",
                    "复议后起诉",
                    OUTCOMES,
                    "行政诉讼（复议后起诉）",
                ),
            ),
        ),
    ),
    head=(
        ColumnHead("行政复议", _outcome_heads("reconsideration")),
        ColumnHead(
            "行政诉讼",
            (
                ColumnHead("未经复议直接起诉", _outcome_heads("lawsuit_direct")),
                ColumnHead("复议后起诉", _outcome_heads("lawsuit_after_reconsideration")),
            ),
        ),
    ),
    column_totals=(ColumnTotal("total", OUTCOME_PARTS),),
)


def active_block(
    item: str, rows: tuple[tuple[str, str], ...], columns: tuple[Column, ...]
) -> Group:
    """A block of 表二: 第二十条第（…）项, its rows and their columns."""
    return Group(f"第二十条第（{item}）项", tuple(Row(k, label, columns) for k, label in rows))
