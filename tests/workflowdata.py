"""Reports for the workflow tests: a previous year of a real fixture, small department reports,
and hypothesis strategies that generate whole reports (as the data of a report file)."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from govreport.loader import structure_report
from govreport.model import Report
from govreport.plugins import shared_registry
from govreport.tables.reports import table_formats
from govreport.tables.spec import TableFormat

ROOT = Path(__file__).resolve().parents[1]
HUAIAN_2024 = ROOT / "tests" / "fixtures" / "huaian_2024" / "report.toml"
SHANGHAI_2019 = ROOT / "tests" / "fixtures" / "shanghai_2019" / "report.toml"
EXAMPLE = ROOT / "examples" / "xinyu_commerce_2019" / "report.toml"
REGISTRY = shared_registry()
FORMATS = table_formats(REGISTRY)

# 淮安 2023, made from the 2024 fixture: its carried-forward row is 2024's brought-forward (34),
# a few figures differ (its brought-forward keeps 表三 balanced), and one sentence of the prose
# is new.
CHANGES_2023 = {
    "year = 2024": "year = 2023",
    "统计期限自2024年1月1日至2024年12月31日": "统计期限自2023年1月1日至2023年12月31日",
    "licensing = { decisions = 447228 }": "licensing = { decisions = 50000 }",
    "fees = { amount = 96171.6 }": "fees = { amount = 90000 }",
    "new = { natural = 3001,": "new = { natural = 2800,",
    "total = 3119 }": "total = 2918 }",
    (
        "brought_forward = { natural = 34, business = 0, research = 0, nonprofit = 0, legal = 0, "
        "other = 0, total = 34 }"
    ): (
        "brought_forward = { natural = 166, business = 0, research = 0, nonprofit = 0, legal = 0, "
        "other = 0, total = 166 }"
    ),
    "全年收取政府信息公开信息处理费3940元。": "全年未收取信息处理费，各项工作有序推进。",
    (
        "carried_forward = { natural = 103, business = 0, research = 0, nonprofit = 0, legal = 0, "
        "other = 0, total = 103 }"
    ): (
        "carried_forward = { natural = 34, business = 0, research = 0, nonprofit = 0, legal = 0, "
        "other = 0, total = 34 }"
    ),
}


def huaian_2023(folder: Path) -> Path:
    """Write the 2023 report of 淮安 (made from 2024's) and return its path."""
    text = HUAIAN_2024.read_text(encoding="utf-8")
    for old, new in CHANGES_2023.items():
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "huaian_2023" / "report.toml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


ACTIVE = {
    "gb2021": """[tables.active]
        rules = {{ issued = 0, repealed = 0, in_force = "/" }}
        normative_documents = {{ issued = {n}, repealed = 1, in_force = {m} }}
        licensing = {{ decisions = {d} }}
        fees = {{ amount = {n}.25 }}""",
    "gb2019": """[tables.active]
        rules = {{ made = 0, published = 0, total_published = "/" }}
        licensing = {{ previous = {n}, change = -1, decisions = {d} }}
        procurement = {{ projects = {n}, amount = {{ value = {d}, unit = "元" }} }}""",
}


def department(folder: Path, name: str, n: int, year: int = 2024, edition: str = "gb2021") -> Path:
    """A small, consistent department report whose figures grow with ``n``."""
    active = ACTIVE[edition].format(n=n, m=10 + n, d=100 * n)
    text = f"""\
        edition = "{edition}"
        year = {year}

        [agency]
        name = "{name}"
        office = "{name}办公室"

        [[sections]]
        part = "overview"
        content = ["本年度，本局在主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面依法开展工作。"]

        [[sections]]
        part = "active"

        [[sections]]
        part = "requests"

        [[sections]]
        part = "appeals"

        [[sections]]
        part = "problems"
        content = ["工作人员业务能力有待提高，下一步将加强培训。"]

        [[sections]]
        part = "other"
        content = ["本年度未收取信息处理费。"]

        {active}

        [tables.requests]
        new = {{ natural = {3 * n}, business = {n} }}
        brought_forward = {{ natural = 1 }}
        granted = {{ natural = {2 * n}, business = {n} }}
        unavailable.not_held = {{ natural = {n} }}
        carried_forward = {{ natural = 1 }}

        [tables.appeals]
        reconsideration = {{ upheld = {n}, pending = 1 }}
        lawsuit_direct = {{ upheld = 0, corrected = 0, other = 0, pending = 0 }}
        lawsuit_after_reconsideration = {{ upheld = 0, corrected = 0, other = 0, pending = 0 }}
        """
    path = folder / name / "report.toml"
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# Strategies ------------------------------------------------------------------------------------

TEXT = st.text(
    alphabet="政府信息公开工作年度报告本局依法abcXYZ 0123456789，。；“”\"'\\/\n\t（）—",
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip())
NAME = TEXT.filter(lambda text: "\n" not in text)
"""One line of text: names, titles, telephone numbers."""


def _cell(column: Any) -> st.SearchStrategy:
    from govreport.tables.cells import CellKind

    not_applicable = st.sampled_from(["/", "／"])
    if column.kind is CellKind.AMOUNT:
        cents = st.integers(min_value=0, max_value=100_000_000).map(lambda c: c / 100)
        whole = st.integers(min_value=0, max_value=1_000_000)
        values = st.one_of(cents, whole)
        units = st.sampled_from([column.unit] if column.unit else ["元", "万元", "亿元"])
        amount = st.builds(lambda v, u: {"value": v, "unit": u}, values, units)
        plain = [values] if column.unit else []
        return st.one_of(*plain, amount, not_applicable)
    low = -1000 if column.kind is CellKind.SIGNED else 0
    return st.one_of(st.integers(min_value=low, max_value=100_000), not_applicable)


def table_cells(table_format: TableFormat) -> st.SearchStrategy:
    """Raw ``[tables]`` data of a format: every cell blank, a number or "/" at random."""
    tables = {}
    for spec in table_format.tables:
        rows = {}
        for row in spec.rows():
            columns = {column.key: _cell(column) for column in row.columns}
            rows[row.key] = st.fixed_dictionaries({}, optional=columns)
        tables[spec.key] = st.fixed_dictionaries({}, optional=rows)
    return st.fixed_dictionaries({"format": st.just(table_format.name)}, optional=tables)


def _content(depth: int) -> st.SearchStrategy:
    paragraph = st.one_of(
        TEXT,
        st.fixed_dictionaries(
            {"kind": st.just("paragraph"), "text": TEXT},
            optional={"points": st.lists(TEXT, max_size=2), "separator": st.sampled_from("；。")},
        ),
    )
    if depth == 0:
        return st.lists(paragraph, max_size=3)
    inner = _content(depth - 1)
    subpart = st.fixed_dictionaries(
        {"kind": st.just("subpart"), "title": TEXT}, optional={"content": inner}
    )
    item = st.fixed_dictionaries(
        {"kind": st.just("item"), "lead": TEXT}, optional={"text": TEXT, "content": inner}
    )
    return st.lists(st.one_of(paragraph, subpart, item), max_size=3)


@st.composite
def report_data(draw: st.DrawFn, edition: str | None = None) -> dict[str, Any]:
    """The data of a valid report file of a national edition."""
    edition = edition or draw(st.sampled_from(["gb2019", "gb2021"]))
    table_format = FORMATS[edition]
    year = draw(st.integers(min_value=table_format.first_year, max_value=2030))
    parts = [part.key for part in REGISTRY.editions[edition].parts]
    sections = [
        {"part": part, **draw(st.fixed_dictionaries({}, optional={"content": _content(2)}))}
        for part in draw(st.lists(st.sampled_from(parts), unique=True))
    ]
    agency = draw(
        st.fixed_dictionaries(
            {"name": NAME, "office": NAME},
            optional={
                "kind": st.sampled_from(["government", "department"]),
                "phones": st.lists(NAME, max_size=2),
                "website": NAME,
            },
        )
    )
    figure = st.fixed_dictionaries(
        {"value": st.one_of(st.integers(0, 10**6), st.integers(0, 10**6).map(lambda v: v / 10))},
        optional={"unit": st.sampled_from(["件", "条", "万元"]), "over": st.booleans()},
    )
    optional = {
        "title": NAME,
        "date": st.dates(datetime.date(2009, 1, 1), datetime.date(2031, 12, 31)),
        "figures": st.dictionaries(st.sampled_from(["published", "posts", "fees"]), figure),
        "introduction": st.lists(TEXT, max_size=2),
        "tables": table_cells(table_format),
    }
    data = {"edition": edition, "year": year, "agency": agency, "sections": sections}
    return {**data, **draw(st.fixed_dictionaries({}, optional=optional))}


def structured(data: dict[str, Any]) -> Report:
    report, _ = structure_report(data, REGISTRY, "generated.toml")
    return report
