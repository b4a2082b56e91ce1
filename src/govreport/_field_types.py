"""Which field types a section kind's data class may use: those a report file can fill.

The loader (:mod:`govreport._converter`) reads these strictly; a plugin whose class uses any
other type is refused when its section kinds are collected, naming the class and the field,
rather than failing when a report is loaded.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import types
from typing import Any, Literal, Union, get_args, get_origin

import attrs

SUPPORTED = (
    "int, float, Decimal, str, bool, date, Literal[…], an Enum of texts or whole numbers, "
    "X | None, list[X], tuple[X, ...], dict[str, X] or an attrs class of these"
)
"""The field types a section kind's data class may use, as messages and the docs list them."""

_SCALARS = (int, float, decimal.Decimal, str, bool, datetime.date)
_NUMBER = int | float
_CONTENT = tuple[Any, ...]
"""Nested content (paragraphs and items of the section kinds), as the built-in kinds use it."""


def unloadable_field(data_type: object) -> str | None:
    """Why a report file could not fill ``data_type``, naming the class and the field; or None."""
    if not (isinstance(data_type, type) and attrs.has(data_type)):
        return f"its data type must be an attrs class (@attrs.frozen), got {data_type!r}"
    return _class_problem(data_type, set())


def _class_problem(cl: type, seen: set[type]) -> str | None:
    if cl in seen:
        return None
    seen.add(cl)
    try:
        attrs.resolve_types(cl)
    except Exception as error:  # a name in an annotation that the plugin's module lacks
        return f"the field types of class {cl.__qualname__} cannot be read: {error}"
    for field in attrs.fields(cl):
        if not field.init:
            continue
        if field.type is None:
            return f"field {field.name!r} of class {cl.__qualname__} has no type; use {SUPPORTED}"
        problem = _type_problem(field.type, seen)
        if problem is None:
            continue
        if isinstance(problem, str):
            return problem
        return (
            f"field {field.name!r} of class {cl.__qualname__} has type {_shown(problem)}, "
            f"which a report file cannot hold; use {SUPPORTED}"
        )
    return None


def _type_problem(type_: Any, seen: set[type]) -> object:
    """None if a report file can fill ``type_``; else the part it cannot (a type), or the
    message about a nested class's field (a str)."""
    if type_ in (*_SCALARS, _NUMBER, _CONTENT):
        return None
    origin, args = get_origin(type_), get_args(type_)
    if origin is Literal:
        return None if all(type(arg) in (str, int, bool) for arg in args) else type_
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        loadable = all(type(member.value) in (str, int) for member in type_)
        return None if loadable and len(type_) else type_
    if origin in (Union, types.UnionType):
        members = [arg for arg in args if arg is not type(None)]
        if len(members) == 1:
            return _type_problem(members[0], seen)
        return type_
    if origin is list and len(args) == 1:
        return _type_problem(args[0], seen)
    if origin is tuple and len(args) == 2 and args[1] is ...:
        return _type_problem(args[0], seen)
    if origin is dict and len(args) == 2 and args[0] is str:
        return _type_problem(args[1], seen)
    if isinstance(type_, type) and attrs.has(type_):
        return _class_problem(type_, seen)
    return type_


def _shown(type_: object) -> str:
    if isinstance(type_, type) and not get_args(type_):
        return type_.__qualname__
    return repr(type_).replace("typing.", "")
