"""Nothing a user types may crash govreport: random damage to the example report gives either a
clean error or a successful build.
"""

from __future__ import annotations

import copy
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport import ReportError, build_document, loads
from govreport.builtins.markdown import render
from govreport.checks.run import run_checks
from govreport.errors import printable
from govreport.loader import LoadedReport, read_toml, structure_report
from govreport.plugins import shared_registry
from govreport.workflow.export import export_json
from govreport.workflow.new_report import plan, skeleton_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinyu_commerce_2019" / "report.toml"
RAW = read_toml(EXAMPLE)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def places(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside the parsed TOML."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += places(child, (*path, index))
    return found


PLACES = places(RAW)


def container_of(data: Any, path: tuple) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def build_or_refuse(raw: dict) -> None:
    """Structure, check and render; only a ReportError may stop it."""
    registry = shared_registry()
    try:
        report, _ = structure_report(raw, registry, "mutated.toml")
    except ReportError as error:
        assert error.problems, "a ReportError must list its problems"
        return
    run_checks(report, registry)
    render(build_document(report, registry))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=SCALARS)
def test_a_value_replaced_by_another_type(place, value):
    raw = copy.deepcopy(RAW)
    container_of(raw, place)[place[-1]] = value
    build_or_refuse(raw)


@settings(max_examples=100, deadline=None)
@given(place=st.sampled_from(PLACES))
def test_a_key_or_item_removed(place):
    raw = copy.deepcopy(RAW)
    del container_of(raw, place)[place[-1]]
    build_or_refuse(raw)


@settings(max_examples=100, deadline=None)
@given(
    place=st.sampled_from([p for p in PLACES if isinstance(container_of(RAW, p), dict)]),
    key=st.text(min_size=1, max_size=12),
    value=SCALARS,
)
def test_a_key_added(place, key, value):
    raw = copy.deepcopy(RAW)
    container_of(raw, place)[key] = value
    build_or_refuse(raw)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_bytes_in_the_file(tmp_path, data):
    original = EXAMPLE.read_bytes()
    position = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
    noise = data.draw(st.binary(min_size=1, max_size=8))
    damaged = tmp_path / "report.toml"
    damaged.write_bytes(original[:position] + noise + original[position + len(noise) :])
    try:
        raw = read_toml(damaged)
    except ReportError:
        return
    build_or_refuse(raw)


ANY_CHARACTER = st.characters(exclude_categories=())
"""Every code point, lone surrogates included: a Python string may hold them, a file cannot."""


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_random_unicode_in_the_text_given_to_loads(data):
    """``govreport.loads`` refuses what ``load`` refuses in a file, and never crashes."""
    original = EXAMPLE.read_text(encoding="utf-8")
    position = data.draw(st.integers(min_value=0, max_value=len(original)))
    noise = data.draw(st.text(ANY_CHARACTER, min_size=1, max_size=8))
    try:
        loaded = loads(original[:position] + noise + original[position + len(noise) :])
    except ReportError as error:
        assert error.problems and error.source == "<text>"
        return
    loaded.check()
    assert loaded.render("md")


TEXT_PLACES = [p for p in PLACES if isinstance(container_of(RAW, p)[p[-1]], str)]


@settings(max_examples=100, deadline=None)
@given(place=st.sampled_from(TEXT_PLACES), text=st.text(max_size=40))
def test_random_unicode_in_a_text_field_renders_or_is_refused(place, text):
    raw = copy.deepcopy(RAW)
    container_of(raw, place)[place[-1]] = text
    build_or_refuse(raw)


LIST_PLACES = [p for p in PLACES if isinstance(container_of(RAW, p)[p[-1]], list)]


@settings(max_examples=60, deadline=None)
@given(
    place=st.sampled_from(LIST_PLACES),
    length=st.one_of(st.integers(min_value=0, max_value=130), st.sampled_from([98, 99, 100])),
)
def test_a_list_grown_or_cut_to_any_length_renders_or_is_refused(place, length):
    """Numbered lists included: what loads builds, past the last numeral it is a load problem."""
    raw = copy.deepcopy(RAW)
    items = container_of(raw, place)[place[-1]]
    if items:
        container_of(raw, place)[place[-1]] = [
            copy.deepcopy(items[n % len(items)]) for n in range(length)
        ]
    build_or_refuse(raw)


_BIDI_CONTROLS = {
    "LRE",
    "RLE",
    "PDF",
    "LRO",
    "RLO",
    "LRI",
    "RLI",
    "FSI",
    "PDI",
    "LRM",
    "RLM",
    "ALM",
}


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_printable_text_holds_nothing_a_terminal_would_act_on(text):
    shown = printable(text)
    assert printable(shown) == shown
    for character in shown:
        assert unicodedata.category(character) not in {"Cc", "Cs", "Zl", "Zp"} or character == "\t"
        assert unicodedata.bidirectional(character) not in _BIDI_CONTROLS


@settings(max_examples=100, deadline=None)
@given(key=st.text(min_size=1, max_size=20))
def test_any_unknown_key_is_echoed_printable(key):
    raw = copy.deepcopy(RAW)
    raw["agency"][key + "\x1b"] = 1
    try:
        structure_report(raw, shared_registry(), "mutated\x07.toml")
    except ReportError as error:
        message = str(error)
        assert printable(message, keep_lines=True) == message
        assert message.count("\n") == len(error.problems)
    else:
        raise AssertionError("an unknown key must be refused")


def written_back(raw: dict) -> None:
    """A report that loads is written by ``new --from`` and ``export`` to files that load again,
    with its agency name kept and no setting it did not have."""
    registry = shared_registry()
    try:
        report, _ = structure_report(raw, registry, "mutated.toml")
    except ReportError:
        return
    loaded = LoadedReport(report, registry, EXAMPLE)
    exported = json.loads(export_json(loaded))
    again, _ = structure_report(
        {k: v for k, v in exported.items() if k != "computed"}, registry, "x.json", text_dates=True
    )
    assert again == report
    text = skeleton_text(plan(registry, last=loaded), registry, EXAMPLE.parent)
    data = tomllib.loads(text)
    assert set(data) <= set(raw) | {"draft", "tables"}
    assert structure_report(data, registry, "new.toml")[0].agency.name == report.agency.name


@settings(max_examples=60, deadline=None)
@given(place=st.sampled_from(TEXT_PLACES), text=st.text(max_size=40))
def test_random_unicode_in_a_text_field_is_written_back_or_refused(place, text):
    raw = copy.deepcopy(RAW)
    container_of(raw, place)[place[-1]] = text
    written_back(raw)


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=20))
def test_random_unicode_in_a_figure_name_is_written_back_or_refused(name):
    raw = copy.deepcopy(RAW)
    raw.setdefault("figures", {})[name] = {"value": 1}
    written_back(raw)


CELL_PATHS = st.sampled_from(
    [
        "requests.new.total",
        "requests.withheld.total",
        "requests.total.natural",
        "appeals.reconsideration.total",
        "requests.nope.total",
        "requests.new",
        "",
    ]
)
FIGURE_VALUES = {
    "value": st.one_of(st.integers(min_value=0, max_value=10**6), st.floats(0, 1000)),
    "unit": st.sampled_from(["件", "%", "条", ""]),
    "over": st.booleans(),
    "cell": CELL_PATHS,
    "scope": st.sampled_from(["本级", "区政府办代表区政府"]),
    "ratio": st.lists(st.one_of(CELL_PATHS, st.sampled_from(["published", "f"])), max_size=3),
    "digits": st.integers(min_value=-1, max_value=8),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    figure=st.fixed_dictionaries({}, optional=FIGURE_VALUES),
    new=st.one_of(st.none(), st.integers(min_value=0, max_value=50)),
)
def test_a_figure_bound_to_cells_or_a_ratio_renders_or_is_refused(figure, new):
    """Any mix of value, cell, scope, ratio and digits, over a blank, zero or filled cell."""
    raw = copy.deepcopy(RAW)
    raw["figures"]["f"] = figure
    raw["introduction"] = [*raw.get("introduction", []), "本年{f}。"]
    if new is not None:
        raw["tables"]["requests"]["new"] = {"natural": new}
    build_or_refuse(raw)


@settings(max_examples=300, deadline=None)
@given(
    part=st.integers(min_value=0, max_value=10**7),
    whole=st.integers(min_value=1, max_value=10**7),
    digits=st.integers(min_value=0, max_value=6),
)
def test_a_percentage_is_rounded_half_up_as_whole_number_arithmetic_does(part, whole, digits):
    from decimal import Decimal

    from govreport.figures import rounded

    scale = 10**digits
    units = (part * 100 * scale * 2 + whole) // (2 * whole)  # half up, in whole numbers
    assert rounded(Decimal(part) * 100 / Decimal(whole), digits) == Decimal(units) / scale


def _printed_texts() -> list[str]:
    from govreport.tables.reports import table_formats

    texts: set[str] = set()
    for table_format in table_formats(shared_registry()).values():
        for spec in table_format.tables:
            texts |= {spec.corner, spec.title}
            for row in spec.rows():
                texts |= {row.label, *(column.label for column in row.columns)}
    return sorted(texts - {""})


GRID_CELLS = st.one_of(
    st.sampled_from(_printed_texts()),
    st.sampled_from(["", "", "0", "/", "／", "-3", "12.5万元", "251000元", "1,234", "约3", "—"]),
    st.integers(min_value=0, max_value=10**10).map(str),
    st.text(max_size=12),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    grids=st.lists(
        st.lists(st.lists(GRID_CELLS, min_size=1, max_size=10), min_size=1, max_size=12),
        min_size=1,
        max_size=3,
    )
)
def test_any_printed_grid_reads_into_tables_that_load(grids):
    """Whatever a reader hands over, the tables read from it load without a problem: what
    does not fit is a deviation, never a cell the loader refuses."""
    from govreport.importing.tables import read_tables
    from govreport.readers import SourceDocument, SourceTable

    registry = shared_registry()
    blocks = []
    for number, grid in enumerate(grids):
        width = max(map(len, grid))
        rows = tuple(tuple(row + [""] * (width - len(row))) for row in grid)
        blocks.append(SourceTable(rows, f"第{number + 1}页"))
    found = read_tables(SourceDocument(tuple(blocks)), registry)
    assert found.used <= set(range(len(blocks)))
    if found.format is None:
        return
    editions = registry.editions.values()
    edition = next(e for e in editions if e.tables and e.tables.name == found.format)
    raw = {
        "edition": edition.name,
        "year": edition.tables.first_year,
        "agency": {"name": "某某局", "office": "某某局办公室"},
        "tables": found.tables,
    }
    structure_report(raw, registry, "report.toml")


PRINTED = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
"""Any text a published document may print (a lone surrogate is no text at all)."""
CELLS = st.dictionaries(PRINTED, st.one_of(st.integers(0, 10**6), PRINTED), max_size=3)


@given(
    data=st.fixed_dictionaries(
        {
            "edition": PRINTED,
            "agency": st.dictionaries(PRINTED, PRINTED, max_size=3),
            "sections": st.lists(
                st.fixed_dictionaries({"title": PRINTED, "content": st.lists(PRINTED)}),
                max_size=3,
            ),
            "tables": st.dictionaries(
                PRINTED, st.dictionaries(PRINTED, st.one_of(CELLS, st.dictionaries(PRINTED, CELLS)))
            ),
            "source": st.fixed_dictionaries(
                {"deviations": st.lists(st.dictionaries(PRINTED, PRINTED, min_size=1), max_size=2)}
            ),
        }
    ),
    notes=st.lists(st.tuples(PRINTED, PRINTED), max_size=5),
    header=st.lists(PRINTED, max_size=2),
)
def test_an_imported_report_file_holds_exactly_what_was_read(data, notes, header):
    """Whatever a document printed and whatever the notes say, the file ``import`` writes
    parses back to the data read: no printed text or note can break out of its place."""
    from govreport.importing import Imported, Note
    from govreport.importing.write import report_text

    imported = Imported(data, tuple(Note(path, message) for path, message in notes))
    assert tomllib.loads(report_text(imported, header)) == data


def _dotted(place: tuple) -> str:
    """A place as findings name it: ``sections[1].content[0].text``."""
    text = ""
    for step in place:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


@pytest.mark.parametrize(
    "path", [EXAMPLE, *sorted(EXAMPLE.parents[2].glob("tests/fixtures/*/report.toml"))]
)
def test_every_place_in_a_report_file_has_its_line(path: Path):
    """The preview finds every place of a report file: a key on a line that names it (its key
    line, or the header of the table it opens), or the line where the list item holding it
    starts."""
    from govreport.serve.toml_lines import key_lines, line_of

    text = path.read_text(encoding="utf-8")
    lines, found = text.splitlines(), key_lines(text)
    for place in places(read_toml(path)):
        number = line_of(_dotted(place), found)
        assert number is not None, place
        items = [place[:end] for end in range(1, len(place) + 1) if isinstance(place[end - 1], int)]
        if any(line_of(_dotted(item), found) == number for item in items):
            continue  # in an item of a list, on the line the item starts (approximate)
        assert place[-1] in lines[number - 1], (place, lines[number - 1])


@given(text=st.text(max_size=400), place=st.text(max_size=40))
def test_any_text_gives_lines_within_it(text, place):
    from govreport.serve.toml_lines import key_lines, line_of

    found = key_lines(text)
    count = len(text.splitlines())
    assert all(1 <= number <= count for number in found.values())
    number = line_of(place, found)
    assert number is None or 1 <= number <= count
