"""Structuring parsed report data into the attrs model, strictly, every problem with its place.

A count written as ``"12"`` or ``12.5`` is an error, not silently converted; an unknown key is an
error with a "did you mean" when a known key is close; a content entry names its ``kind``, looked
up among the section kinds the plugins provide. :func:`problems_from` turns cattrs' error tree
into :class:`~govreport.errors.Problem`s that name their place (``sections[0].content[2].count``).
"""

from __future__ import annotations

import datetime
import decimal
import enum
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import (
    homogenous_tuple_structure_factory,
    list_structure_factory,
    mapping_structure_factory,
)
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from .errors import Problem
from .plugins import Registry
from .suggest import closest
from .tables.loading import TableProblems
from .validators import FieldValueError


def describe(value: object) -> str:
    """A value as a message shows it: its text and what kind of value it is."""
    names = {
        str: "文字",
        bool: "true/false",
        int: "整数",
        float: "小数",
        list: "列表",
        dict: "表",
        datetime.date: "日期",
        datetime.datetime: "日期和时间",
        type(None): "空值",
    }
    return f"{value!r}（{names.get(type(value), type(value).__name__)}）"


def _strict(expected: tuple[type, ...], label: str) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, bool) and bool not in expected:
            raise TypeError(f"应为{label}，实际为 {describe(value)}")
        if not isinstance(value, expected):
            raise TypeError(f"应为{label}，实际为 {describe(value)}")
        return value

    return structure


def _guarded(
    inner: Callable[[Any, Any], Any], expected: type, label: str
) -> Callable[[Any, Any], Any]:
    """A structure hook that first makes sure the value is a TOML table or list."""

    def structure(value: Any, type_: Any) -> Any:
        if not isinstance(value, expected):
            raise TypeError(f"应为{label}，实际为 {describe(value)}")
        return inner(value, type_)

    return structure


def _is_sequence(type_: Any) -> bool:
    return get_origin(type_) is tuple and len(get_args(type_)) == 2 and get_args(type_)[1] is ...


def _is_list(type_: Any) -> bool:
    return get_origin(type_) is list


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _is_mapping(type_: Any) -> bool:
    return get_origin(type_) is dict


def _is_literal(type_: Any) -> bool:
    return get_origin(type_) is Literal


def _one_of(allowed: tuple[Any, ...], value: Any) -> bool:
    """Whether value is one of the allowed words or numbers, of the same type (``1.0`` is not
    ``1``, ``true`` is not ``1``)."""
    return any(type(value) is type(choice) and value == choice for choice in allowed)


def _not_one_of(allowed: tuple[Any, ...], value: Any) -> ValueError:
    choices = ", ".join(repr(choice) for choice in allowed)
    return ValueError(f"应为 {choices} 之一，实际为 {describe(value)}")


def _literal_factory(type_: Any) -> Callable[[Any, Any], Any]:
    """One of a few fixed words, such as an agency's ``kind``."""
    allowed = get_args(type_)

    def structure(value: Any, _: Any) -> Any:
        if not _one_of(allowed, value):
            raise _not_one_of(allowed, value)
        return value

    return structure


def _enum_factory(type_: type[enum.Enum]) -> Callable[[Any, Any], Any]:
    """A member of an enum, written as its value (``use = "住宅"`` for ``Use.HOUSING``)."""
    members = {member.value: member for member in type_}
    allowed = tuple(members)

    def structure(value: Any, _: Any) -> enum.Enum:
        if not _one_of(allowed, value):
            raise _not_one_of(allowed, value)
        return members[value]

    return structure


def _decimal(value: Any, _: Any) -> decimal.Decimal:
    """An exact decimal (an area in hectares) from a number as written: ``12.50`` is 12.5."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"应为数字，实际为 {describe(value)}")
    number = decimal.Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"应为数字，实际为 {value}")
    return number


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_from_text(value: Any, _: Any) -> datetime.date:
    """A date written as text (JSON has no dates): exactly ``YYYY-MM-DD``."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"{value!r} 不是有效日期（{error}）") from None
    raise TypeError(f'应为日期，如 "2020-01-20"，实际为 {describe(value)}')


def make_converter(registry: Registry, text_dates: bool = False) -> cattrs.Converter:
    """A strict converter that knows the section kinds of ``registry``.

    ``text_dates``: dates are written as text (``"2020-01-20"``), as in a JSON report file.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict((str,), "文字"))
    converter.register_structure_hook(int, _strict((int,), "整数"))
    converter.register_structure_hook(bool, _strict((bool,), " true 或 false"))
    converter.register_structure_hook(float, _strict((int, float), "数字"))
    converter.register_structure_hook(int | float, _strict((int, float), "数字"))
    converter.register_structure_hook(int | float | None, _strict((int, float, type(None)), "数字"))
    converter.register_structure_hook(decimal.Decimal, _decimal)
    converter.register_structure_hook(
        datetime.date,
        _date_from_text if text_dates else _strict((datetime.date,), "日期，如 2020-01-20"),
    )

    def attrs_factory(cl: type) -> Callable[[Any, Any], Any]:
        inner = _placing_validator_errors(
            make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True), cl
        )
        return _guarded(inner, Mapping, "表（{ … }）")

    def sequence_factory(type_: Any) -> Callable[[Any, Any], Any]:
        if type_ == tuple[Any, ...]:
            return content_structure
        inner = homogenous_tuple_structure_factory(type_, converter)
        return _guarded(inner, list, "列表（[ … ]）")

    def list_factory(type_: Any) -> Callable[[Any, Any], Any]:
        return _guarded(list_structure_factory(type_, converter), list, "列表（[ … ]）")

    def mapping_factory(type_: Any) -> Callable[[Any, Any], Any]:
        return _guarded(mapping_structure_factory(type_, converter), Mapping, "表（{ … }）")

    def content_structure(value: Any, _: Any) -> tuple[Any, ...]:
        """Section content: a list of paragraphs (plain strings) and ``kind = …`` tables."""
        if not isinstance(value, list):
            raise TypeError(f"应为内容列表（[ … ]），实际为 {describe(value)}")
        built, errors = [], []
        for index, entry in enumerate(value):
            try:
                built.append(structure_content_entry(entry))
            except Exception as error:
                note = IterableValidationNote(f"content @ index {index}", index, object)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError("invalid content", errors, tuple)
        return tuple(built)

    def structure_content_entry(entry: Any) -> Any:
        if isinstance(entry, str):
            return structure_content_entry({"kind": "paragraph", "text": entry})
        if not isinstance(entry, Mapping):
            raise TypeError(f"应为一段文字或带 kind 的表，实际为 {describe(entry)}")
        if "kind" not in entry:
            raise KindError('缺少 kind（例如 kind = "paragraph"）')
        kind_name = entry["kind"]
        kind = registry.section_kinds.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            raise KindError(_unknown_kind_message(kind_name, registry))
        fields = {key: item for key, item in entry.items() if key != "kind"}
        # The kind's class and validators are the plugin's code: what they raise as a problem
        # with the data (ValueError, TypeError…) is reported at its place, anything else, or
        # a validator that never returns, as the plugin's failure.
        action = f"section kind {kind.name!r} reading its data"
        with registry.running_item("govreport_section_kinds", kind, action, passes=(Exception,)):
            return converter.structure(fields, kind.data_type)

    converter.register_structure_hook_factory(attrs.has, attrs_factory)
    converter.register_structure_hook_factory(_is_sequence, sequence_factory)
    converter.register_structure_hook_factory(_is_list, list_factory)
    converter.register_structure_hook_factory(_is_mapping, mapping_factory)
    converter.register_structure_hook_factory(_is_enum, _enum_factory)
    converter.register_structure_hook_factory(_is_literal, _literal_factory)
    return converter


def _placing_validator_errors(
    inner: Callable[[Any, Any], Any], cl: type
) -> Callable[[Any, Any], Any]:
    """A structure hook that puts what a field's validator raised at that field.

    attrs runs validators inside the class's ``__init__``, which cattrs calls once every field
    is read: what they raise would name the whole table. A validator is called with the field's
    ``attrs.Attribute``; finding it among the calls that led to the error names the field, so
    ``sold_area``'s validator reports at ``….sold_area`` even when it compares with another
    field. A :class:`FieldValueError` names its field itself.
    """
    fields = {field.name: field for field in attrs.fields(cl)}

    def structure(value: Any, type_: Any) -> Any:
        try:
            return inner(value, type_)
        except ClassValidationError as error:
            for exception in error.exceptions:
                if getattr(exception, "__notes__", None) or isinstance(exception, FieldValueError):
                    continue
                name = _validated_field(exception, fields)
                if name is not None:
                    note = AttributeValidationNote(f"validating {name}", name, fields[name].type)
                    exception.__notes__ = [note]
            raise

    return structure


def _validated_field(error: BaseException, fields: Mapping[str, attrs.Attribute]) -> str | None:
    """The field whose validator raised ``error``: the first call given one of ``fields``."""
    trace = error.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        code = frame.f_code
        for argument in code.co_varnames[: code.co_argcount]:
            given = frame.f_locals.get(argument)
            if isinstance(given, attrs.Attribute) and fields.get(given.name) is given:
                return given.name
        trace = trace.tb_next
    return None


class KindError(ValueError):
    """A content entry's ``kind`` is missing or unknown."""


def _unknown_kind_message(kind_name: object, registry: Registry) -> str:
    known = sorted(registry.section_kinds)
    message = f"没有这种内容类型 {kind_name!r}"
    close = closest(kind_name, known)
    if close:
        message += f"；是不是 {close!r}？"
    else:
        message += f"；可用的类型：{', '.join(known)}"
        if not registry.turned_off:
            message += "。提供它的插件装了吗？"
    return message + registry.failure_note()


def _join(path: str, note: object) -> str:
    if isinstance(note, AttributeValidationNote):
        return f"{path}.{note.name}" if path else note.name
    if isinstance(note, IterableValidationNote):
        index = note.index
        if isinstance(index, str):
            return f"{path}.{index}" if path else index
        return f"{path}[{index}]"
    return path


def _did_you_mean(key: str, cl: type) -> str:
    names = [field.name for field in attrs.fields(cl) if field.init]
    close = closest(key, names)
    return f"；是不是 {close!r}？" if close else f"；可用的键：{', '.join(names)}"


def problems_from(error: BaseException, path: str = "") -> Iterator[Problem]:
    """Flatten a cattrs validation error tree into problems with file paths."""
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        for inner in error.exceptions:
            notes = [
                note
                for note in getattr(inner, "__notes__", [])
                if isinstance(note, (AttributeValidationNote, IterableValidationNote))
            ]
            yield from problems_from(inner, _join(path, notes[-1]) if notes else path)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            where = f"{path}.{key}" if path else key
            yield Problem(where, "没有这个键" + _did_you_mean(key, error.cl))
    elif isinstance(error, TableProblems):
        for problem in error.problems:
            where = f"{path}.{problem.location}" if problem.location else path
            yield Problem(where, problem.message)
    elif isinstance(error, KeyError):
        yield Problem(path, "必填，但没有填写")
    elif isinstance(error, FieldValueError):
        yield Problem(f"{path}.{error.field}" if path else error.field, str(error))
    elif isinstance(error, (ValueError, TypeError)):
        yield Problem(path, str(error))
    else:
        raise error
