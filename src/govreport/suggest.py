"""The "did you mean" of error messages."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: object, names: Iterable[str]) -> str | None:
    """The name most like ``word``, when one is close enough to be what the author meant.

    difflib is imported here, once a name is wrong: loading a correct report never needs it.
    """
    import difflib

    close = difflib.get_close_matches(str(word), list(names), n=1)
    return close[0] if close else None
