"""Calling plugin callbacks with only the arguments they name.

A renderer or rule written against today's arguments keeps working when later versions offer
more: each callback receives just the keyword arguments its signature asks for.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any


def call_with_supported_arguments(function: Callable[..., Any], **available: Any) -> Any:
    """Call function with those of ``available`` that its signature names.

    Raises TypeError naming the parameter when the function asks for one that is not on offer.
    """
    try:
        takes_any, names, required = _parameters(function)
    except TypeError:  # an unhashable callable object: read its signature every time
        takes_any, names, required = _parameters.__wrapped__(function)
    if takes_any:
        return function(**available)
    arguments = {}
    for name in names:
        if name in available:
            arguments[name] = available[name]
        elif name in required:
            offered = ", ".join(sorted(available))
            raise TypeError(f"{function.__qualname__} asks for {name!r}; offered: {offered}")
    return function(**arguments)


@functools.lru_cache(maxsize=1024)
def _parameters(function: Callable[..., Any]) -> tuple[bool, tuple[str, ...], frozenset[str]]:
    """Whether function takes ``**kwargs``, its parameter names and those without a default."""
    parameters = inspect.signature(function).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    required = {name for name, p in parameters.items() if p.default is inspect.Parameter.empty}
    return takes_any, tuple(parameters), frozenset(required)
