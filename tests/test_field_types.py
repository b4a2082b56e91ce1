"""Section kinds' field types: what loads (strictly, every problem at its place), what is refused
when the plugin registers, and validators' errors at the field they check."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from reportfiles import MINIMAL, write_report

from govreport import load

pytestmark = pytest.mark.usefixtures("allow_local_plugins")

LAND_PLUGIN = """\
from __future__ import annotations

import datetime
import enum
from decimal import Decimal
from typing import Literal

import attrs
from govreport import FieldValueError, Paragraph, Run, SectionKind, hookimpl
from govreport.numbering import number_text
from govreport.validators import non_negative_number


class Use(enum.Enum):
    INDUSTRIAL = "工业"
    HOUSING = "住宅"


@attrs.frozen
class Parcel:
    name: str
    area: Decimal = attrs.field(validator=non_negative_number)


def not_above_total(instance, attribute, value):
    if value > instance.total_area:
        raise ValueError(f"出让面积{value}公顷大于供地总面积{instance.total_area}公顷")


@attrs.frozen
class Supply:
    total_area: Decimal = attrs.field(validator=non_negative_number)
    sold_area: Decimal = attrs.field(validator=[non_negative_number, not_above_total])
    use: Use = Use.INDUSTRIAL
    mode: Literal["出让", "划拨"] = "出让"
    approved: datetime.date | None = None
    parcels: list[Parcel] = attrs.Factory(list)
    notes: tuple[str, ...] = ()
    share: float = 0.0
    public: bool = True

    def __attrs_post_init__(self):
        if self.mode == "划拨" and self.sold_area:
            raise FieldValueError("mode", "划拨供地没有出让面积")


def build(data, context):
    areas = "、".join(f"{p.name}{number_text(p.area)}公顷" for p in data.parcels)
    text = (
        f"供应国有建设用地{number_text(data.total_area)}公顷，"
        f"其中出让{number_text(data.sold_area)}公顷（{data.use.value}）。{areas}"
    )
    yield Paragraph((Run(text),))


@hookimpl
def govreport_section_kinds():
    return [SectionKind("land.supply", Supply, build)]
"""


def land_report(folder: Path, *entries: str, plugin: str = LAND_PLUGIN) -> Path:
    (folder / "land_plugin.py").write_text(plugin, encoding="utf-8")
    content = ", ".join(f'{{ kind = "land.supply", {entry} }}' for entry in entries)
    text = 'plugins = ["land_plugin.py"]\n' + MINIMAL
    return write_report(folder, text + f'\n[[sections]]\npart = "active"\ncontent = [{content}]\n')


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "govreport.cli", "--allow-local-plugins", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


GOOD = (
    'total_area = 12.50, sold_area = 3.25, use = "住宅", approved = 2019-03-01, '
    'parcels = [{ name = "A地块", area = 1.10 }], notes = ["一"], share = 1, public = false'
)


def test_decimal_areas_load_exactly_and_every_type_is_structured(tmp_path):
    report = load(land_report(tmp_path, GOOD, "total_area = 5, sold_area = 0"))
    first, second = (entry for entry in report.report.sections[1].content)
    assert first.total_area == Decimal("12.5") and type(first.total_area) is Decimal
    assert first.parcels[0].area == Decimal("1.1")
    assert first.use.value == "住宅" and first.approved.isoformat() == "2019-03-01"
    assert first.notes == ("一",) and first.public is False
    assert second.total_area == Decimal(5) and second.parcels == []


def test_acceptance_plugin_builds_md_html_docx_and_refuses_sold_above_total(tmp_path):
    good = land_report(tmp_path, GOOD)
    built = cli("build", good, "--to", "md,html,docx")
    assert built.returncode == 0, built.stderr
    outputs = {path.suffix: path for path in (tmp_path / "build").iterdir()}
    assert set(outputs) == {".md", ".html", ".docx"}
    sentence = "供应国有建设用地12.5公顷，其中出让3.25公顷（住宅）。A地块1.1公顷"
    assert sentence in outputs[".md"].read_text("utf-8")
    assert sentence in outputs[".html"].read_text("utf-8")

    bad = land_report(tmp_path, GOOD, "total_area = 2, sold_area = 2.5")
    for command in ("check", "build"):
        result = cli(command, bad)
        assert result.returncode == 2, result.stderr
        assert (
            "sections[1].content[1].sold_area: 出让面积2.5公顷大于供地总面积2公顷" in result.stderr
        )
        assert "Traceback" not in result.stderr


def test_wrong_values_are_all_reported_at_their_place(tmp_path):
    path = land_report(
        tmp_path,
        'total_area = "12", sold_area = true, use = "商业", mode = "租赁", parcels = "A", '
        'notes = "ab", approved = 3, share = "r", public = 1',
        "total_area = nan, sold_area = 1, parcels = [{ name = 1, area = inf }, 3]",
        "total_area = 1, sold_area = 1, parcels = [{ name = 'B', area = -1 }]",
        "total_area = 1, sold_area = 1.5",
    )
    result = cli("check", path)
    assert result.returncode == 2
    at = "sections[1].content"
    for expected in (
        f"{at}[0].total_area: 应为数字，实际为 '12'（文字）",
        f"{at}[0].sold_area: 应为数字，实际为 True（true/false）",
        f"{at}[0].use: 应为 '工业', '住宅' 之一，实际为 '商业'（文字）",
        f"{at}[0].mode: 应为 '出让', '划拨' 之一，实际为 '租赁'（文字）",
        f"{at}[0].parcels: 应为列表（[ … ]），实际为 'A'（文字）",
        f"{at}[0].notes: 应为列表（[ … ]），实际为 'ab'（文字）",
        f"{at}[0].approved: 应为日期",
        f"{at}[0].share: 应为数字，实际为 'r'（文字）",
        f"{at}[0].public: 应为 true 或 false，实际为 1（整数）",
        f"{at}[1].total_area: 应为数字，实际为 nan",
        f"{at}[1].parcels[0].name: 应为文字，实际为 1（整数）",
        f"{at}[1].parcels[0].area: 应为数字，实际为 inf",
        f"{at}[1].parcels[1]: 应为表（{{ … }}），实际为 3（整数）",
        f"{at}[2].parcels[0].area: 应为 0 或更大的数，实际为 -1",
        f"{at}[3].sold_area: 出让面积1.5公顷大于供地总面积1公顷",
    ):
        assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_field_value_error_in_post_init_names_its_field(tmp_path):
    result = cli("check", land_report(tmp_path, 'total_area = 3, sold_area = 1, mode = "划拨"'))
    assert result.returncode == 2
    assert "sections[1].content[0].mode: 划拨供地没有出让面积" in result.stderr


def test_enum_and_literal_take_only_values_of_their_own_type(tmp_path):
    plugin = LAND_PLUGIN.replace('INDUSTRIAL = "工业"', "INDUSTRIAL = 1").replace(
        '"出让", "划拨"', '"出让", "划拨", 2'
    )
    path = land_report(
        tmp_path,
        "total_area = 1, sold_area = 1, use = 1.0",
        "total_area = 1, sold_area = 1, mode = true",
        "total_area = 1, sold_area = 1, use = 1, mode = 2",
        plugin=plugin.replace("use.value}", "use}"),
    )
    result = cli("check", path)
    assert result.returncode == 2
    assert "content[0].use: 应为 1, '住宅' 之一，实际为 1.0（小数）" in result.stderr
    assert "content[1].mode: 应为 '出让', '划拨', 2 之一，实际为 True" in result.stderr
    assert "content[2]" not in result.stderr


UNLOADABLE = [
    ("pathlib.Path", "field 'extra' of class Supply has type Path"),
    ("int | str", "field 'extra' of class Supply has type int | str"),
    ("dict[int, str]", "field 'extra' of class Supply has type dict[int, str]"),
    ("tuple[int, str]", "field 'extra' of class Supply has type tuple[int, str]"),
    ("list[Extra]", "field 'where' of class Extra has type Path"),
    ("Unknown", "the field types of class Supply cannot be read"),
]


@pytest.mark.parametrize(("annotation", "message"), UNLOADABLE)
def test_a_type_a_report_cannot_hold_is_refused_when_the_plugin_registers(
    tmp_path, annotation, message
):
    plugin = LAND_PLUGIN.replace(
        "    public: bool = True\n", f"    public: bool = True\n    extra: {annotation} = None\n"
    ).replace(
        "@attrs.frozen\nclass Parcel",
        "import pathlib\n\n@attrs.frozen\nclass Extra:\n    where: pathlib.Path\n\n\n"
        "@attrs.frozen\nclass Parcel",
    )
    # the kind is not used: the plugin is refused as soon as its kinds are collected
    (tmp_path / "land_plugin.py").write_text(plugin, encoding="utf-8")
    path = write_report(tmp_path, 'plugins = ["land_plugin.py"]\n' + MINIMAL)
    result = cli("check", path)
    assert "Traceback" not in result.stderr
    assert "插件 'local:land_plugin.py'" in result.stderr
    assert f"section kind 'land.supply': {message}" in result.stderr
    assert "use int, float, Decimal" in result.stderr or "cannot be read" in message


def test_data_type_must_be_an_attrs_class(tmp_path):
    plugin = LAND_PLUGIN.replace(
        'SectionKind("land.supply", Supply, build)', 'SectionKind("land.supply", dict, build)'
    )
    (tmp_path / "land_plugin.py").write_text(plugin, encoding="utf-8")
    result = cli("check", write_report(tmp_path, 'plugins = ["land_plugin.py"]\n' + MINIMAL))
    assert "section kind 'land.supply': its data type must be an attrs class" in result.stderr
