"""``govreport schema``: a JSON Schema (draft-07) of the report file, made from the code.

Generated from the attrs model (field types, required keys, docs and examples), the section
kinds and editions of the loaded plugins, each renderer's options, and the rows and columns of
every table format — so it cannot drift from what the loader accepts. Editors with TOML schema
support (Taplo, Even Better TOML) use it to complete and validate report files as they are typed.

The schema describes the data as TOML reads it (dotted row keys such as
``withheld.state_secret`` are nested tables) and as ``govreport export`` writes it; dates are
strings with ``format: date``, as Taplo presents TOML dates to a schema. It checks types and
keys; the loader still checks what a schema cannot say (placeholders, parts named twice, …).
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from typing import Any

import attrs

from ..docgen import field_doc
from ..model import Report, Tables
from ..plugins import Registry
from ..tables.cells import AMOUNT_UNITS, NOT_APPLICABLE_MARKS, CellKind
from ..tables.reports import table_formats
from ..tables.spec import Column, TableFormat, TableSpec
from ..validators import MAX_COUNT

DRAFT = "http://json-schema.org/draft-07/schema#"
NOT_APPLICABLE = {"enum": list(NOT_APPLICABLE_MARKS), "description": "不适用 not applicable"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/definitions/{name}"}


def _json_value(value: Any) -> Any:
    """A default or example as JSON: dates as text, enums by value, attrs as tables."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if attrs.has(type(value)):
        return _json_value(attrs.asdict(value, recurse=False))
    return value


class _Builder:
    """Collects the definitions while turning types into schemas."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.definitions: dict[str, Any] = {}

    def type_schema(self, hint: Any) -> dict[str, Any]:
        simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
        if hint in simple:
            return {"type": simple[hint]}
        if hint in (datetime.date, datetime.datetime):
            return {"type": "string", "format": "date"}
        if hint == tuple[Any, ...]:
            return _ref("content")
        if hint is Any:
            return {}
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin in (typing.Union, types.UnionType):
            members = [arg for arg in args if arg is not type(None)]
            if set(members) == {int, float}:
                return {"type": "number"}
            if len(members) == 1:
                return self.type_schema(members[0])
            return {"anyOf": [self.type_schema(member) for member in members]}
        if origin in (tuple, list) and args:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is dict and len(args) == 2:
            return {"type": "object", "additionalProperties": self.type_schema(args[1])}
        if isinstance(hint, type) and attrs.has(hint):
            return self.class_ref(hint)
        return {}

    def class_ref(self, cls: type, name: str | None = None, kind: str | None = None) -> dict:
        """A reference to the definition of an attrs class (``kind`` adds ``kind = "…"``)."""
        name = name or f"{cls.__module__}.{cls.__qualname__}"
        if name not in self.definitions:
            self.definitions[name] = {}  # placeholder: classes may refer to themselves
            self.definitions[name] = self.object_schema(cls, kind)
        return _ref(name)

    def object_schema(self, cls: type, kind: str | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if kind is not None:
            properties["kind"] = {"const": kind}
            required.append("kind")
        for field in attrs.fields(cls):
            if not field.init:
                continue
            schema = dict(self.field_schema(cls, field, hints[field.name]))
            doc = field_doc(cls, field)
            if doc:
                schema["description"] = doc
            if "example" in field.metadata:
                schema["examples"] = [_json_value(field.metadata["example"])]
            if field.default is attrs.NOTHING:
                required.append(field.name)
            properties[field.name] = schema
        result: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if cls.__doc__:
            result["description"] = " ".join(cls.__doc__.split())
        if required:
            result["required"] = required
        return result

    def field_schema(self, cls: type, field: attrs.Attribute, hint: Any) -> dict[str, Any]:
        if cls is Report and field.name == "tables":
            return {"type": "object"}  # its shape depends on the edition: see _tables_rules
        if cls is Report and field.name == "edition":
            return {"enum": sorted(self.registry.editions)}
        if cls is Report and field.name == "output":
            return self.output_schema()
        if field.name == "part" and hint == str | None:
            keys = {p.key for e in self.registry.editions.values() for p in e.parts}
            return {"enum": sorted(keys)}
        return self.type_schema(hint)

    def output_schema(self) -> dict[str, Any]:
        properties = {
            name: self.class_ref(renderer.options_type)
            for name, renderer in sorted(self.registry.renderers.items())
            if renderer.options_type is not None
        }
        return {"type": "object", "properties": properties, "additionalProperties": False}

    def content(self) -> dict[str, Any]:
        kinds = [
            self.class_ref(kind.data_type, f"kind:{name}", kind=name)
            for name, kind in sorted(self.registry.section_kinds.items())
        ]
        entry = {"anyOf": [{"type": "string", "description": "一个段落 a paragraph"}, *kinds]}
        return {"type": "array", "items": entry}


# Tables ----------------------------------------------------------------------------------------


def cell_schema(column: Column) -> dict[str, Any]:
    """What a cell of ``column`` may hold (a blank cell is a key left out)."""
    if column.kind is CellKind.AMOUNT:
        units = [column.unit] if column.unit else list(AMOUNT_UNITS)
        amount = {
            "type": "object",
            "properties": {"value": {"type": "number", "minimum": 0}, "unit": {"enum": units}},
            "required": ["value", *([] if column.unit else ["unit"])],
            "additionalProperties": False,
        }
        plain = [{"type": "number", "minimum": 0}] if column.unit else []
        choices = [*plain, amount, NOT_APPLICABLE]
    else:
        low = -MAX_COUNT if column.kind is CellKind.SIGNED else 0
        choices = [{"type": "integer", "minimum": low, "maximum": MAX_COUNT}, NOT_APPLICABLE]
    return {"anyOf": choices, "description": column.label}


def _rows_schema(spec: TableSpec) -> dict[str, Any]:
    """A table's rows, nested by group as TOML reads dotted keys."""
    tree: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}
    for row in spec.rows():
        node = tree
        *groups, last = row.key.split(".")
        for group in groups:
            node = node["properties"].setdefault(
                group, {"type": "object", "properties": {}, "additionalProperties": False}
            )
        node["properties"][last] = {
            "type": "object",
            "description": row.label,
            "properties": {column.key: cell_schema(column) for column in row.columns},
            "additionalProperties": False,
        }
    return {**tree, "description": spec.title}


def tables_schema(table_format: TableFormat) -> dict[str, Any]:
    """``[tables]`` in one format."""
    properties: dict[str, Any] = {
        "format": {"const": table_format.name, "description": table_format.description},
        "compute_totals": {
            "type": "boolean",
            "description": " ".join((Tables.__doc__ or "").split()),
            "default": True,
        },
        "unpublished": {
            "type": "array",
            "items": {"enum": [spec.key for spec in table_format.tables]},
            "description": "未随报告公布数据的统计表。Tables whose figures the report did not "
            "publish.",
        },
    }
    properties.update({spec.key: _rows_schema(spec) for spec in table_format.tables})
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _tables_rules(registry: Registry, formats: dict[str, TableFormat]) -> list[dict[str, Any]]:
    """For each edition: the tables its reports fill in (its own, or the format they name)."""
    named = {
        "required": ["format"],
        "anyOf": [_ref(f"tables:{name}") for name in sorted(formats)],
    }
    rules = []
    for name, edition in sorted(registry.editions.items()):
        tables = _ref(f"tables:{edition.tables.name}") if edition.tables else named
        rules.append(
            {
                "if": {"properties": {"edition": {"const": name}}, "required": ["edition"]},
                "then": {"properties": {"tables": tables}},
            }
        )
    return rules


def report_schema(registry: Registry) -> dict[str, Any]:
    """The JSON Schema of a report file for the plugins in ``registry``."""
    builder = _Builder(registry)
    formats = table_formats(registry)
    root = builder.object_schema(Report)
    builder.definitions["content"] = builder.content()
    for name, table_format in formats.items():
        builder.definitions[f"tables:{name}"] = tables_schema(table_format)
    return {
        "$schema": DRAFT,
        "title": "govreport report file (report.toml)",
        **root,
        "allOf": _tables_rules(registry, formats),
        "definitions": dict(sorted(builder.definitions.items())),
    }
