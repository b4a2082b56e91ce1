"""Record classes: ``attrs.frozen`` classes sharing one ``__repr__``.

attrs writes and compiles a ``__repr__`` for every class it makes, which takes about a third of
the time spent creating the class. ``govreport check`` creates some forty classes before it
reads a report, so the project's own classes share one ``__repr__`` instead; it prints what
the generated one would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import attrs

_Class = TypeVar("_Class", bound=type)


def _repr(self: Any) -> str:
    cls = type(self)
    fields = ", ".join(
        f"{field.name}={_shown(field, getattr(self, field.name))}"
        for field in attrs.fields(cls)
        if field.repr
    )
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"


def _shown(field: attrs.Attribute, value: object) -> str:
    """A field's value as attrs shows it: ``repr``, or the field's own ``repr=`` function."""
    return field.repr(value) if callable(field.repr) else repr(value)


if TYPE_CHECKING:
    record = attrs.frozen  # to type checkers, exactly attrs.frozen
else:

    def record(cls: _Class) -> _Class:
        """``attrs.frozen``, with the shared ``__repr__``."""
        made = attrs.frozen(cls, repr=False)
        made.__repr__ = _repr
        return made
