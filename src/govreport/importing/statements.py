"""The figures the text states about the tables: "共受理政府信息公开申请95件", "行政复议2件".

Each phrase below names a table quantity, under the figure name the national rules know it by
(``applications_received`` …), so the text-versus-table checks run on what was printed. A stated
number becomes a figure with its ``value`` and ``unit`` (and ``cell`` where one cell holds it);
the sentence keeps its wording, the number written as ``{name}``, which prints it back as it was.
A number the tables do not hold, or a name already used for another number, stays as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .._records import record

_COUNT = r"(?P<n>\d+)(?P<over>余)?(?P<unit>件)"
_OUTCOMES = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
}
_LAWSUITS = "appeals.lawsuit_direct"
"""The first of the two rows 行政诉讼 sums: whether the tables hold it."""


@record
class Phrase:
    """A way the text states a table quantity: the figure's name and the cell it states."""

    name: str
    pattern: re.Pattern[str]
    cell: str
    """``table.row.column`` (for 行政诉讼, the first of the two rows it sums)."""
    summed: bool = False
    """The quantity sums rows no single cell path names: the figure's name binds it."""


def _phrase(name: str, pattern: str, cell: str, summed: bool = False) -> Phrase:
    return Phrase(name, re.compile(pattern), cell, summed)


PHRASES: tuple[Phrase, ...] = (
    _phrase(
        "applications_received",
        r"(?:受理|收到|新收)(?:各类)?(?:政府信息公开|依申请公开)?申请(?:共计|合计|共)?" + _COUNT,
        "requests.new.total",
    ),
    _phrase(
        "applications_brought_forward",
        r"上年度?结转(?:的)?(?:申请)?" + _COUNT,
        "requests.brought_forward.total",
    ),
    _phrase(
        "applications_carried_forward",
        _COUNT + r"(?:申请)?(?:顺延到|顺延至|结转到|结转至|结转)下一?年度?",
        "requests.carried_forward.total",
    ),
    _phrase(
        "applications_completed",
        r"(?:答复|办结)(?:申请)?(?:共计|共)?" + _COUNT,
        "requests.total.total",
    ),
    _phrase("applications_granted", r"(?<!不)予以公开" + _COUNT, "requests.granted.total"),
    _phrase("applications_partly_granted", r"部分公开" + _COUNT, "requests.partly_granted.total"),
    _phrase("applications_withheld", r"不予公开" + _COUNT, "requests.withheld.total"),
    _phrase(
        "reconsiderations", r"行政复议(?:案件)?(?:共)?" + _COUNT, "appeals.reconsideration.total"
    ),
    _phrase("lawsuits", r"行政诉讼(?:案件)?(?:共)?" + _COUNT, f"{_LAWSUITS}.total", True),
)
"""Phrases stating one quantity wherever they stand."""

_OUTCOME = re.compile("(?P<label>" + "|".join(_OUTCOMES.values()) + ")" + _COUNT)
_CASES = re.compile("行政复议|行政诉讼")


def _outcome(text: str, match: re.Match[str]) -> Phrase | None:
    """行政复议…其中结果维持72件: the outcome's figure name and cell, by the cases last named."""
    cases = [found.group() for found in _CASES.finditer(text, 0, match.start())]
    if not cases:
        return None
    key = next(k for k, label in _OUTCOMES.items() if label == match.group("label"))
    if cases[-1] == "行政复议":
        return Phrase(f"reconsiderations_{key}", _OUTCOME, f"appeals.reconsideration.{key}")
    return Phrase(f"lawsuits_{key}", _OUTCOME, f"{_LAWSUITS}.{key}", summed=True)


def _found(text: str) -> list[tuple[re.Match[str], Phrase]]:
    """Every stated figure in ``text``: its match and phrase, not overlapping, in order."""
    found = [(m, p) for p in PHRASES for m in p.pattern.finditer(text)]
    for match in _OUTCOME.finditer(text):
        phrase = _outcome(text, match)
        if phrase is not None:
            found.append((match, phrase))
    found.sort(key=lambda entry: (entry[0].start("n"), -len(entry[0].group())))
    kept: list[tuple[re.Match[str], Phrase]] = []
    for entry in found:
        if not kept or entry[0].start("n") >= kept[-1][0].end("unit"):
            kept.append(entry)
    return kept


def bind_figures(
    text: str, figures: dict[str, dict[str, Any]], holds: Callable[[str], bool]
) -> str:
    """``text`` (braces already doubled) with each stated number the tables hold written as
    ``{name}``, and its figure added to ``figures``; ``holds(cell)`` says whether they do."""
    pieces: list[str] = []
    last = 0
    for match, phrase in _found(text):
        if not holds(phrase.cell):
            continue
        figure = _figure(phrase, match)
        if figures.setdefault(phrase.name, figure) != figure:
            continue
        pieces += [text[last : match.start("n")], "{" + phrase.name + "}"]
        last = match.end("unit")
    return "".join(pieces) + text[last:]


def _figure(phrase: Phrase, match: re.Match[str]) -> dict[str, Any]:
    """The ``[figures]`` entry of a stated number: value and unit, 余, and its cell."""
    figure: dict[str, Any] = {"value": int(match.group("n")), "unit": match.group("unit")}
    if match.group("over"):
        figure["over"] = True
    if not phrase.summed:
        figure["cell"] = phrase.cell
    return figure
