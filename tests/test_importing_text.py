"""From a document's paragraphs to a report file's data: title, edition, parts, 落款, figures."""

from __future__ import annotations

import datetime
import sys
import types
from pathlib import Path
from typing import Any

import attrs
import lxml.html
import pytest
import tomllib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.importing import Imported, to_report_data
from govreport.importing.text import agency_and_year
from govreport.loader import structure_report
from govreport.plugins import shared_registry
from govreport.readers import SourceDocument, SourceParagraph, SourceTable

ROOT = Path(__file__).parent.parent
HUAIAN = ROOT / "tests" / "fixtures" / "huaian_2024"
EXAMPLE = ROOT / "examples" / "xinyu_commerce_2019"
HUAIAN_TABLES = tomllib.loads((HUAIAN / "report.toml").read_text("utf-8"))["tables"]


@attrs.frozen
class FoundTables:
    """What the tables mapping gives, as these tests need it (its own tests are elsewhere)."""

    format: str | None
    tables: dict[str, Any]
    origins: dict[str, str]
    deviations: tuple[dict[str, str], ...]
    notes: tuple[Any, ...]
    used: tuple[int, ...]


@pytest.fixture
def tables_found(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Stand in for ``importing.tables``: every SourceTable is used; the tables given are found."""
    given: dict[str, Any] = {"tables": {}, "deviations": ()}

    def read_tables(document: SourceDocument, registry: object, year: object) -> FoundTables:
        tables = given["tables"]
        used = tuple(i for i, b in enumerate(document.blocks) if isinstance(b, SourceTable))
        origins = {key: "第3页" for key in tables if isinstance(tables[key], dict)}
        table_format = tables.get("format", "gb2021" if tables else None)
        return FoundTables(table_format, tables, origins, given["deviations"], (), used)

    module = types.ModuleType("govreport.importing.tables")
    module.read_tables = read_tables  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "govreport.importing.tables", module)
    return given


def document(*texts: str | SourceTable) -> SourceDocument:
    blocks = [
        SourceParagraph(text, f"第{n}段") if isinstance(text, str) else text
        for n, text in enumerate(texts, start=1)
    ]
    return SourceDocument(tuple(blocks))


def imported(doc: SourceDocument) -> Imported:
    return to_report_data(doc, shared_registry(), file_name="r.pdf", sha256="ab" * 32, reader="pdf")


def loaded(data: dict[str, Any]) -> govreport.LoadedReport:
    """The data through the loader ([source] is the report file's, not the model's, yet)."""
    raw = {key: value for key, value in data.items() if key != "source"}
    report, _ = structure_report(raw, shared_registry(), "<imported>")
    return govreport.LoadedReport(report, shared_registry(), None, {})


TABLE = SourceTable((("（一）予以公开", "3"),), "第3页")
NATIONAL = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府", 2024),
        ("新余市商务局2019年度政府信息公开工作报告", "新余市商务局", 2019),
        ("2019年度新余市商务局政府信息公开工作报告", "新余市商务局", 2019),
        ("2022年平潭综合实验区管委会政府信息公开工作年度报告", "平潭综合实验区管委会", 2022),
        ("政府信息公开工作年度报告", None, None),
    ],
)
def test_the_title_gives_the_agency_and_the_year(
    title: str, agency: str | None, year: int | None
) -> None:
    assert agency_and_year(title) == (agency, year)


def test_a_title_split_over_two_paragraphs_is_joined(tables_found: dict[str, Any]) -> None:
    data = imported(document("淮安市人民政府", "2024年政府信息公开工作年度报告", *NATIONAL)).data
    assert data["agency"]["name"] == "淮安市人民政府"
    assert data["agency"]["kind"] == "government"
    assert data["year"] == 2024
    assert data["edition"] == "gb2021"
    assert "title" not in data  # the edition's own title: nothing to record


def test_the_page_title_serves_when_the_text_has_none(tables_found: dict[str, Any]) -> None:
    page = (
        "平潭综合实验区2021年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会"
    )
    blocks = document("根据《条例》和有关通知编制本报告。", *NATIONAL).blocks
    data = imported(SourceDocument(blocks, title=page)).data
    assert data["agency"]["name"] == "平潭综合实验区"
    assert data["year"] == 2021
    assert data["title"] == "平潭综合实验区2021年度政府信息公开工作年度报告"  # not the edition's
    assert data["introduction"] == ["根据《条例》和有关通知编制本报告。"]


def test_national_headings_open_their_parts_and_a_reworded_one_keeps_its_wording(
    tables_found: dict[str, Any],
) -> None:
    headings = list(NATIONAL)
    headings[4] = "五、政府信息公开工作存在的主要问题及改进情况"  # the 2019 wording
    result = imported(document("某区2019年政府信息公开工作年度报告", *headings))
    sections = result.data["sections"]
    assert [s["part"] for s in sections] == [
        "overview", "active", "requests", "appeals", "problems", "other"
    ]  # fmt: skip
    assert [s.get("title") for s in sections] == [None] * 4 + [headings[4][2:], None]
    assert result.data["edition"] == "gb2019"  # by the year: no table format was found
    assert result.data["source"]["deviations"] == [
        {
            "place": "sections[4].title",
            "printed": "政府信息公开工作存在的主要问题及改进情况",
            "expected": "存在的主要问题及改进情况",
            "origin": "第6段",
        }
    ]


def test_a_heading_no_part_matches_is_kept_as_a_section_of_its_own(
    tables_found: dict[str, Any],
) -> None:
    result = imported(
        document("某局2023年政府信息公开工作年度报告", *NATIONAL, "七、机构改革情况", "正文。")
    )
    last = result.data["sections"][-1]
    assert last == {"title": "机构改革情况", "content": ["正文。"]}
    assert result.data["source"]["deviations"][-1]["place"] == "sections[6]"
    assert result.data["source"]["deviations"][-1]["expected"] == ""
    assert any(note.path == "sections[6]" for note in result.notes)


def test_the_eight_part_headings_give_the_eight_part_edition(
    tables_found: dict[str, Any],
) -> None:
    tables_found["tables"] = {"format": "gb2019", "compute_totals": False}
    doc = document(
        "新余市商务局2019年度政府信息公开工作报告",
        "一、概述",
        "二、主动公开政府信息情况",
        "三、回应解读情况",
        "四、依申请公开政府信息办理情况",
        "五、政府信息公开的收费及减免情况",
        "六、复议、诉讼和申诉情况",
        "七、人大建议和政协提案办理情况",
        "八、存在的主要问题和下一步改进措施",
    )
    data = imported(doc).data
    assert data["edition"] == "eight-part"
    assert [s["part"] for s in data["sections"]][-1] == "problems"
    assert data["agency"]["kind"] == "department"


def test_the_table_format_found_decides_between_the_national_editions(
    tables_found: dict[str, Any],
) -> None:
    tables_found["tables"] = {"format": "gb2019", "compute_totals": False}
    data = imported(document("某局2022年政府信息公开工作年度报告", *NATIONAL)).data
    assert data["edition"] == "gb2019"


def test_sub_parts_and_paragraphs_go_under_their_part(tables_found: dict[str, Any]) -> None:
    doc = document(
        "某局2023年政府信息公开工作年度报告",
        "本报告由某局办公室根据《条例》编制。",
        "一、总体情况",
        "（一）主动公开情况",
        "全年公开信息10条。",
        "（二）依申请公开情况。全年未收到申请，网站留言均在规定期限内答复，未发生行政复议和诉讼。",
        *NATIONAL[1:],
    )
    data = imported(doc).data
    assert data["introduction"] == ["本报告由某局办公室根据《条例》编制。"]
    assert data["agency"]["office"] == "某局办公室"
    assert data["sections"][0]["content"] == [
        {"kind": "subpart", "title": "主动公开情况", "content": ["全年公开信息10条。"]},
        {
            "kind": "subpart",
            "title": "依申请公开情况",
            "content": ["全年未收到申请，网站留言均在规定期限内答复，未发生行政复议和诉讼。"],
        },
    ]


@pytest.mark.parametrize(
    ("lines", "date"),
    [
        (("某局", "2025年2月25日"), datetime.date(2025, 2, 25)),
        (("某局", "二〇二五年二月二十五日"), datetime.date(2025, 2, 25)),
        (("某局　2024年12月31日",), datetime.date(2024, 12, 31)),
        (("某局",), None),
    ],
)
def test_the_signoff_gives_the_date_and_is_not_kept_as_prose(
    tables_found: dict[str, Any], lines: tuple[str, ...], date: datetime.date | None
) -> None:
    doc = document("某局2024年政府信息公开工作年度报告", *NATIONAL, "全年收费0元。", *lines)
    data = imported(doc).data
    assert data.get("date") == date
    assert data["sections"][-1]["content"] == ["全年收费0元。"]


def test_stated_figures_are_bound_to_the_cells_they_state(tables_found: dict[str, Any]) -> None:
    tables_found["tables"] = HUAIAN_TABLES
    sentence = (
        "全市共受理政府信息公开申请3119件，答复3050件。政府信息公开行政复议351件，"
        "其中结果维持72件。政府信息公开行政诉讼46件，其中结果维持25件。另有公开信息5500余条。"
    )
    doc = document("淮安市人民政府2024年政府信息公开工作年度报告", "一、总体情况", sentence, TABLE)
    data = imported(doc).data
    figures = data["figures"]
    assert figures["applications_received"] == {
        "value": 3119, "unit": "件", "cell": "requests.new.total"
    }  # fmt: skip
    assert figures["applications_completed"]["cell"] == "requests.total.total"
    assert figures["reconsiderations_upheld"]["cell"] == "appeals.reconsideration.upheld"
    assert figures["lawsuits_upheld"] == {"value": 25, "unit": "件"}  # its name binds two rows
    text = data["sections"][0]["content"][0]
    assert text.startswith("全市共受理政府信息公开申请{applications_received}，")
    assert "5500余条" in text  # not a table quantity: as printed
    report = loaded(data)
    assert report.build().blocks  # the bound prose prints back as printed:
    assert sentence in "".join(
        run.text for block in report.build().blocks for run in getattr(block, "runs", ())
    )


def test_figures_are_not_bound_without_the_tables_that_hold_them(
    tables_found: dict[str, Any],
) -> None:
    doc = document("某局2024年政府信息公开工作年度报告", "一、总体情况", "行政复议2件。")
    data = imported(doc).data
    assert "figures" not in data
    assert data["sections"][0]["content"] == ["行政复议2件。"]


def test_printed_braces_stay_text(tables_found: dict[str, Any]) -> None:
    doc = document("某局2024年政府信息公开工作年度报告", *NATIONAL, "见附件{1}。")
    data = imported(doc).data
    assert data["sections"][-1]["content"] == ["见附件{{1}}。"]
    assert loaded(data).report.sections[-1].content


def test_source_records_the_file_the_tables_origins_and_every_deviation(
    tables_found: dict[str, Any],
) -> None:
    tables_found["tables"] = HUAIAN_TABLES
    tables_found["deviations"] = (
        {
            "place": "tables.requests.withheld.prohibited_by_law",
            "printed": "其他法律行政止公开",
            "expected": "其他法律行政法规禁止公开",
            "origin": "第3页",
        },
    )
    doc = document("淮安市人民政府2024年政府信息公开工作年度报告", "一、总体情况概述", TABLE)
    source = imported(doc).data["source"]
    assert source["file"] == "r.pdf"
    assert source["sha256"] == "ab" * 32
    assert source["reader"] == "pdf"
    assert source["tables"] == {"active": "第3页", "requests": "第3页", "appeals": "第3页"}
    places = [deviation["place"] for deviation in source["deviations"]]
    assert places == ["tables.requests.withheld.prohibited_by_law", "sections[0].title"]


def _html_document(html: str) -> SourceDocument:
    """Our rendered HTML split into paragraphs and (placeholder) tables, as a reader would."""
    blocks: list[SourceParagraph | SourceTable] = []
    for number, element in enumerate(
        lxml.html.fromstring(html).iter("h1", "h2", "h3", "p", "table")
    ):
        if element.tag == "table":
            blocks.append(SourceTable((("",),), f"<table>第{number}个"))
        else:
            level = {"h1": 1, "h2": 2, "h3": 3}.get(element.tag)
            text = " ".join(element.text_content().split())
            blocks.append(SourceParagraph(text, f"<{element.tag}>第{number}个", level))
    return SourceDocument(tuple(blocks))


def _prose(document: SourceDocument) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, SourceParagraph)]


@pytest.mark.parametrize("folder", [HUAIAN, EXAMPLE], ids=["huaian_2024", "example"])
def test_rendered_reports_come_back_sentence_for_sentence(
    tables_found: dict[str, Any], folder: Path
) -> None:
    original = govreport.load(folder)
    tables_found["tables"] = tomllib.loads((folder / "report.toml").read_text("utf-8")).get(
        "tables", {}
    )
    printed = _html_document(str(original.render("html", fragment=True)))
    result = imported(printed)
    data = result.data
    report = loaded(data)
    assert data["edition"] == original.report.edition
    assert data["agency"]["name"] == original.report.agency.name
    assert data["year"] == original.report.year
    assert [s.get("part") for s in data["sections"]] == [s.part for s in original.report.sections]
    again = _html_document(str(report.render("html", fragment=True)))
    assert _prose(again) == _prose(printed)


_PIECES = st.sampled_from(
    [
        "一、", "二、", "三、", "（一）", "（二）", "1.", "总体情况", "存在的主要问题", "其他需要报告的事项",
        "政府信息公开工作年度报告", "2024年", "二〇二五年二月三十日", "某局", "人民政府", "办公室",
        "受理政府信息公开申请", "行政复议", "行政诉讼", "结果维持", "3件", "0件", "余", "。", "，",
        "{", "}", "附：", "本报告由", "编制", "电话：", "《条例》）和《", "》（以下简称《", " ",
    ]
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(_PIECES | st.text(max_size=3), max_size=8).map("".join), max_size=14))
def test_any_paragraphs_map_to_data_the_loader_takes_or_explains(
    tables_found: dict[str, Any], texts: list[str]
) -> None:
    """Whatever is printed, the mapping gives data the loader takes once it names the agency
    and the year (which the notes then ask the clerk for)."""
    result = imported(document(*texts))
    data = result.data
    assert data["source"]["reader"] == "pdf"
    if "agency" in data and "year" in data:
        loaded(data)
    else:
        assert {"agency.name", "year"} & {note.path for note in result.notes}
