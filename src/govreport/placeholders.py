"""Placeholders in report prose: ``{year}``, ``{next_year}``, ``{agency}`` and key figures.

Authors write ``{year}年，全局主动公开政府信息{published}。`` and the figures come from the report's
``[figures]`` table, so a number is typed once and can be checked. ``{tables.requests.new.total}``
writes a table cell's number (see :mod:`govreport.figures`). ``{{`` and ``}}`` stand for literal
braces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from . import figures

if TYPE_CHECKING:
    from .model import Report

BUILT_IN_PLACEHOLDERS: dict[str, Callable[[Report], object]] = {
    "year": lambda report: report.year,
    "next_year": lambda report: report.year + 1,
    "agency": lambda report: report.agency.name,
}
"""The placeholders every report has, and what each stands for; ``[figures]`` adds its names."""

CELL_PREFIX = "tables."
"""A placeholder that starts so names a table cell: ``{tables.requests.new.total}``."""

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class PlaceholderError(ValueError):
    """A template names an unknown placeholder or has an unmatched brace."""


def placeholders(template: str) -> list[str]:
    """The placeholder names a template uses, in order; raises on a lone brace."""
    names = []
    for match in _TOKEN.finditer(template):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1) is None:
            raise PlaceholderError(f"{token!r} 没有配对；要写字面的括号请写 {token * 2!r}")
        names.append(match.group(1).strip())
    return names


def placeholder_values(report: Report) -> Mapping[str, object]:
    """What each placeholder of the report's prose stands for: the loader checks the names,
    the build and the rules fill them in. Figures and cells are worked out when first used."""
    return _Values(report)


class _Values(Mapping[str, object]):
    """The built-in placeholders, the figures and ``tables.…`` cells of one report."""

    def __init__(self, report: Report) -> None:
        self._report = report
        self._names = [*BUILT_IN_PLACEHOLDERS, *report.figures]

    def __getitem__(self, name: str) -> object:
        if name in self._report.figures:
            return figures.figure_text(self._report, name)
        if name in BUILT_IN_PLACEHOLDERS:
            return BUILT_IN_PLACEHOLDERS[name](self._report)
        if name.startswith(CELL_PREFIX):
            try:
                return figures.cell_text(self._report, name.removeprefix(CELL_PREFIX))
            except figures.CellPathError:
                pass
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        if name in self._report.figures or name in BUILT_IN_PLACEHOLDERS:
            return True
        if not isinstance(name, str) or not name.startswith(CELL_PREFIX):
            return False
        try:
            figures.cell_places(self._report, name.removeprefix(CELL_PREFIX))
        except figures.CellPathError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def fill(template: str, values: Mapping[str, object]) -> str:
    """Replace every ``{name}`` in template by ``str(values[name])``."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        if name is None:
            raise PlaceholderError(f"{token!r} 没有配对")
        name = name.strip()
        if name not in values:
            known = "、".join(sorted(values)) or "none"
            raise PlaceholderError(f"没有这个占位符 {{{name}}}；可用的有：{known}")
        return str(values[name])

    return _TOKEN.sub(replace, template)
