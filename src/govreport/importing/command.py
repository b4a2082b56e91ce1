"""``govreport import FILE -o DIR``: read a published document and write ``DIR/report.toml``.

The file is written whole or not at all, and never over an existing report file; it says at the
top where it was read from and that it must be checked by hand, and carries a comment above every
spot the mapping was unsure of.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .._atomic import write_new
from ..errors import GovreportError
from ..model import REPORT_FILE
from . import Imported
from .read import read_document
from .write import report_text

if TYPE_CHECKING:
    from ..plugins import Registry


def _header(imported: Imported, document: Path) -> list[str]:
    """Where the report was read from, and what to do with it."""
    source = imported.data.get("source")
    source = source if isinstance(source, dict) else {}
    file = source.get("file", document.name)
    reader, digest = source.get("reader", "?"), source.get("sha256", "?")
    return [
        f"本文件由 govreport import 从已发布的 {file} 读出（读取器 {reader}，SHA-256 {digest}）。",
        "读出的内容须逐项与原文核对，标有“请核对”的地方尤其要看；"
        "原文与格式不符之处记在 [[source.deviations]] 中。改好后运行 govreport check。",
    ]


def import_document(document: str | Path, folder: str | Path, registry: Registry) -> Imported:
    """Read ``document`` and write the report file made from it into ``folder``.

    Raises GovreportError when ``folder`` already holds a report file (nothing is written).
    """
    target = Path(folder) / REPORT_FILE
    exists = GovreportError(f"{target} 已存在，不会覆盖；请另选一个文件夹，或先移走它")
    if os.path.lexists(target):
        raise exists
    imported = read_document(document, registry)
    text = report_text(imported, _header(imported, Path(document)))
    try:
        write_new(target, text.encode("utf-8"))
    except FileExistsError:
        raise exists from None
    return imported


def summary(imported: Imported, target: Path) -> str:
    """What ``import`` prints after writing: how many spots to check and deviations found."""
    source = imported.data.get("source")
    deviations = source.get("deviations", []) if isinstance(source, dict) else []
    return (
        f"{len(imported.notes)} 处请核对，{len(deviations)} 处与格式不符；"
        f"核对后运行：govreport check {target.parent}"
    )
