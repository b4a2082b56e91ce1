"""Section kinds: the content types a report file may use, built-in or from plugins.

A kind pairs an attrs class (what the author writes, structured by the loader) with a build
function that turns an instance into document blocks. A kind can stand anywhere content can:
in a top-level section or inside a sub-part or a numbered item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .._records import record

if TYPE_CHECKING:
    from ..build import BuildContext
    from ..document import Block


@record
class SectionKind:
    """A named content type: ``kind = "<name>"`` in a report file selects it."""

    name: str
    data_type: type
    build: Callable[[Any, BuildContext], Iterable[Block]]
    description: str = ""
