"""Text made safe to echo on one line: in a message, a terminal or a ``#`` comment.

Line breaks, other control characters, invisible format characters and lone surrogates are
shown as escapes (``\\n``, ``\\u001B``), so echoed text can neither start a new line nor drive
the terminal; :func:`shown` also cuts long text short.
"""

from __future__ import annotations

import unicodedata

SHOWN_LENGTH = 80
"""How many characters of a value a message echoes before cutting it short with "…"."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Unicode categories echoed as escapes: controls, format characters, surrogates, line breaks."""


def _escaped(character: str) -> str:
    if character in _NAMED:
        return _NAMED[character]
    if unicodedata.category(character) in _HIDDEN:
        return f"\\u{ord(character):04X}"
    return character


def visible(text: str) -> str:
    """``text`` on one line, with every character that is not plainly visible escaped."""
    if text.isprintable():  # the common case: nothing to escape
        return text
    return "".join(_escaped(character) for character in text)


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """``text`` as a message echoes it: :func:`visible`, and at most ``limit`` characters."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return visible(cut)
