"""The 落款 at a report's end: the agency's name and the date, "2025年2月25日" or
"二〇二五年二月二十五日"."""

from __future__ import annotations

import datetime
import re

from .headings import numeral_value

MAX_SIGNER_CHARS = 30
"""A longer last paragraph is prose, not the name of who signs."""

_NUMBER = r"[\d一二三四五六七八九十]{1,3}"
_DATE = re.compile(
    rf"(?P<y>[\d〇○零一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_NUMBER})\s*月\s*(?P<d>{_NUMBER})\s*日$"
)
_YEAR_DIGITS = {"〇": 0, "○": 0, "零": 0, **{c: n for n, c in enumerate("一二三四五六七八九", 1)}}
_SIGNERS = ("政府", "局", "委员会", "委", "办公室", "厅", "署", "院", "中心", "办", "部")
_SENTENCE = re.compile(r"[。，；：,;:]")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else numeral_value(text)


def parse_date(text: str) -> tuple[str, datetime.date | None] | None:
    """``(what precedes the date, the date)`` when ``text`` ends with a date; the date is None
    when it names no day of the calendar (2月30日)."""
    match = _DATE.search(text.strip())
    if match is None:
        return None
    year = match.group("y")
    digits = "".join(str(_YEAR_DIGITS.get(c, c)) for c in year)
    try:
        date = datetime.date(int(digits), _number(match.group("m")), _number(match.group("d")))
    except ValueError:
        date = None
    return text.strip()[: match.start()].strip(), date


def is_signer(text: str, agency: str | None) -> bool:
    """Whether a short last line names who signs: the agency, or a name such offices end with."""
    text = text.strip()
    if not text or len(text) > MAX_SIGNER_CHARS or _SENTENCE.search(text):
        return False
    return bool(agency and agency in text) or text.endswith(_SIGNERS)
