"""The one writer of TOML text: plain data as TOML values, and comments, in the style of the
example report files.

Every text written into a generated report file (``govreport new``, ``aggregate``) and every
TOML value shown in the generated reference pages goes through this module, so none can break
out of its place: a string is a basic string with every control character escaped; a comment is
one line, its line breaks and control characters shown as escapes (:func:`comment`). Short lists
stay on one line, and lists of tables (section content) are set out one entry per line, nesting
inside inline tables as the fixtures do; :func:`inline` keeps any value on one line.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from .errors import GovreportError, printable, shown

LINE_WIDTH = 100
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")

Name = str | tuple[str, ...]
"""A key, or a dotted key as its parts (``("withheld", "state_secret")``)."""


def key(name: Name) -> str:
    """A key (or dotted key), each part quoted only when it must be."""
    if isinstance(name, tuple):
        return ".".join(key(part) for part in name)
    return name if _BARE_KEY.fullmatch(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too).

    A lone surrogate (from a file name that is not UTF-8) is no character TOML can hold.
    """
    if _SURROGATE.search(text):
        raise GovreportError(f"{shown(text)} 不能写入报告文件：它不是文字")
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def comment(text: str) -> str:
    """``# text`` on one line: line breaks and control characters are shown as escapes."""
    return f"# {printable(text)}".rstrip()


def header(*names: str, array: bool = False) -> str:
    """A table header, ``[tables.requests]``, or with ``array`` ``[[sections]]``."""
    inner = key(names)
    return f"[[{inner}]]" if array else f"[{inner}]"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_flat(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_is_flat(item) and not isinstance(item, (dict, list)) for item in value.values())
    if isinstance(value, list):
        return all(not isinstance(item, (dict, list)) for item in value)
    return True


def value(data: Any, indent: int = 0, width: int | None = LINE_WIDTH) -> str:
    """``data`` as a TOML value; lists that do not fit in ``width`` are set out one item a line
    (``width=None``: never)."""
    if isinstance(data, dict):
        if not data:
            return "{}"
        simple = [name for name, item in data.items() if _is_flat(item)]
        nested = [name for name in data if name not in simple]
        pairs = [f"{key(name)} = {value(data[name], indent, width)}" for name in [*simple, *nested]]
        return "{ " + ", ".join(pairs) + " }"
    if isinstance(data, list):
        one_line = "[" + ", ".join(value(item, width=width) for item in data) + "]"
        if width is None or (_is_flat(data) and len(one_line) + indent <= width):
            return one_line
        inner = " " * (indent + 2)
        items = "".join(f"{inner}{value(item, indent + 2)},\n" for item in data)
        return "[\n" + items + " " * indent + "]"
    return _scalar(data)


def inline(data: Any) -> str:
    """``data`` as a TOML value on one line, however long (for a table cell of a page)."""
    return value(data, width=None)


def assignment(name: Name, data: Any, note: str = "") -> str:
    """``name = value`` on a line (or more, for a long list), with ``note`` as a comment after."""
    line = f"{key(name)} = {value(data)}"
    return f"{line}  {comment(note)}" if note else line
