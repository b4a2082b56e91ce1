"""Renderers turn a document tree into an output format.

A render function may take any of ``document`` (the tree), ``report`` (the model) and
``options`` (a dict of format options) and is called with just those it names, so renderers
written today keep working when later versions offer more arguments. It returns ``str`` (written
as UTF-8) or ``bytes``.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs


@attrs.frozen
class Renderer:
    """An output format: ``--to <name>`` selects it; the file gets ``extension``."""

    name: str
    extension: str
    render: Callable[..., str | bytes]
    description: str = ""
