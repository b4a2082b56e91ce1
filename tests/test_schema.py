"""``govreport schema``: a JSON Schema of the report file, generated from the model and plugins."""

from __future__ import annotations

import copy
import datetime
import json
import sys
from pathlib import Path

import jsonschema
import pytest
from reportfiles import run_cli
from workflowdata import EXAMPLE, HUAIAN_2024, REGISTRY, SHANGHAI_2019

from govreport import load
from govreport.workflow.export import export_data
from govreport.workflow.schema import report_schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCHEMA = report_schema(REGISTRY)
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def as_json(value):
    """Parsed TOML as an editor hands it to a schema: dates as text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def parsed(path: Path) -> dict:
    return as_json(tomllib.loads(path.read_text(encoding="utf-8")))


def errors(data) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(data)]


def test_the_schema_is_a_valid_draft_07_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", [EXAMPLE, HUAIAN_2024, SHANGHAI_2019], ids=lambda p: p.parent.name)
def test_the_example_and_the_fixtures_are_valid(path):
    assert errors(parsed(path)) == []


def test_new_reports_and_exports_are_valid(capsys, tmp_path):
    run_cli(capsys, "new", tmp_path / "blank", "--agency", "某局")
    run_cli(capsys, "new", tmp_path / "carried", "--from", EXAMPLE)
    for folder in ("blank", "carried"):
        assert errors(parsed(tmp_path / folder / "report.toml")) == []
    exported = json.loads(json.dumps(export_data(load(HUAIAN_2024)), default=str))
    exported.pop("computed")
    assert errors(exported) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(year="2024"), "is not of type 'integer'"),
        (lambda d: d["agency"].update(nmae="x"), "Additional properties"),
        (lambda d: d["tables"]["requests"]["new"].update(natural="12"), "is not valid"),
        (lambda d: d["tables"]["requests"]["new"].update(natural=-1), "is not valid"),
        (lambda d: d["tables"]["requests"].update(other_handling={"natural": 1}), "Additional"),
        (lambda d: d["sections"][0]["content"].append({"kind": "nope"}), "is not valid"),
        (lambda d: d.update(edition="gb2030"), "is not one of"),
    ],
)
def test_a_file_with_a_wrong_value_is_rejected(change, message):
    data = copy.deepcopy(parsed(HUAIAN_2024))
    change(data)
    found = errors(data)
    assert found and any(message in error for error in found), found


def test_a_2019_table_in_a_2021_report_is_rejected():
    data = parsed(HUAIAN_2024)
    data["tables"]["active"]["rules"] = {"made": 1}
    assert errors(data)


def test_the_schema_knows_plugin_kinds_renderer_options_and_every_table_row():
    definitions = SCHEMA["definitions"]
    assert "kind:commerce.project_prereview" in definitions
    assert "docx" in SCHEMA["properties"]["output"]["properties"]
    for name, table_format in (("gb2019", "tables:gb2019"), ("gb2021", "tables:gb2021")):
        tables = definitions[table_format]["properties"]
        spec = REGISTRY.editions[name].tables
        for table in spec.tables:
            for row in table.rows():
                node = tables[table.key]
                for part in row.key.split("."):
                    node = node["properties"][part]
                assert set(node["properties"]) == {column.key for column in row.columns}


def test_cli_prints_or_writes_the_schema(capsys, tmp_path):
    code, out, _ = run_cli(capsys, "schema")
    assert code == 0 and json.loads(out) == json.loads(json.dumps(SCHEMA))
    code, out, _ = run_cli(capsys, "schema", "-o", tmp_path / "govreport.schema.json")
    assert code == 0 and json.loads((tmp_path / "govreport.schema.json").read_text()) == json.loads(
        json.dumps(SCHEMA)
    )
