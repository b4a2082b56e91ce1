"""Calling plugin callbacks with only the arguments they name.

A renderer or rule written against today's arguments keeps working when later versions offer
more: each callback receives just the keyword arguments its signature asks for.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any


def call_with_supported_arguments(function: Callable[..., Any], **available: Any) -> Any:
    """Call function with those of ``available`` that its signature names.

    Raises TypeError naming the parameter when the function asks for one that is not on offer.
    """
    parameters = inspect.signature(function).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return function(**available)
    arguments = {}
    for name, parameter in parameters.items():
        if name in available:
            arguments[name] = available[name]
        elif parameter.default is inspect.Parameter.empty:
            offered = ", ".join(sorted(available))
            raise TypeError(f"{function.__qualname__} asks for {name!r}; offered: {offered}")
    return function(**arguments)
