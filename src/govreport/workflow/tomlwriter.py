"""Plain data written as TOML values, in the style of the example report files.

Strings are basic strings, short lists stay on one line, and lists of tables (section content)
are set out one entry per line, nesting inside inline tables as the fixtures do.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

LINE_WIDTH = 100
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def key(name: str) -> str:
    """A key, quoted only when it must be."""
    return name if _BARE_KEY.fullmatch(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


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


def value(data: Any, indent: int = 0) -> str:
    """``data`` as a TOML value; lists that do not fit on a line are set out one item a line."""
    if isinstance(data, dict):
        if not data:
            return "{}"
        simple = [name for name, item in data.items() if _is_flat(item)]
        nested = [name for name in data if name not in simple]
        pairs = [f"{key(name)} = {value(data[name], indent)}" for name in [*simple, *nested]]
        return "{ " + ", ".join(pairs) + " }"
    if isinstance(data, list):
        one_line = "[" + ", ".join(value(item) for item in data) + "]"
        if _is_flat(data) and len(one_line) + indent <= LINE_WIDTH:
            return one_line
        inner = " " * (indent + 2)
        items = "".join(f"{inner}{value(item, indent + 2)},\n" for item in data)
        return "[\n" + items + " " * indent + "]"
    return _scalar(data)


def assignment(name: str, data: Any) -> str:
    """``name = value`` on a line (or more, for a long list)."""
    return f"{key(name)} = {value(data)}"
