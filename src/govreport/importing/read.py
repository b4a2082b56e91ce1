"""Reading a published document into a report file's data: pick the reader, read, map.

The file is read once, bounded (:data:`MAX_DOCUMENT_BYTES`) and hashed here; the reader only
sees its bytes. A reader's :class:`~govreport.readers.DocumentError` becomes a ReportError
naming the file; anything else it raises is a failure of the plugin that gave it, as for any
plugin code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .._files import read_bytes
from ..errors import PluginError, Problem, ReportError
from ..readers import DocumentError, Reader, SourceDocument
from . import Imported

if TYPE_CHECKING:
    from ..plugins import Registry

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Published documents larger than this (64 MiB) are refused before any reader sees them: a
report with its tables runs to a few MiB even as a PDF of scanned pages."""


def document_suffixes(registry: Registry) -> list[str]:
    """Every suffix an installed reader takes, sorted."""
    readers: dict[str, Reader] = registry.readers
    return sorted({suffix for reader in readers.values() for suffix in reader.suffixes})


def reader_for(path: Path, registry: Registry) -> Reader | None:
    """The reader that takes files with ``path``'s suffix, or None."""
    suffix = path.suffix.lower()
    readers: dict[str, Reader] = registry.readers
    return next((reader for reader in readers.values() if suffix in reader.suffixes), None)


def read_document(path: str | Path, registry: Registry) -> Imported:
    """A report file's data made from the published document at ``path``, with notes on it.

    Raises ReportError naming the file when no reader takes its suffix or the reader cannot
    read it, and PluginError when the reader fails.
    """
    file = Path(path)
    reader = reader_for(file, registry)
    if reader is None:
        suffixes = "、".join(document_suffixes(registry)) or "（未安装任何读取器）"
        message = f"没有读取器能读取 {file.suffix or '无后缀'} 文件；可读取的有：{suffixes}"
        raise ReportError(str(file), [Problem("", message)])
    data = read_bytes(file, MAX_DOCUMENT_BYTES)
    if not data:
        raise ReportError(str(file), [Problem("", "文件是空的")])
    document = _read(reader, data, file, registry)
    from . import to_report_data  # the mapping every reader shares

    return to_report_data(
        document,
        registry,
        file_name=file.name,
        sha256=hashlib.sha256(data).hexdigest(),
        reader=reader.name,
    )


def _read(reader: Reader, data: bytes, file: Path, registry: Registry) -> SourceDocument:
    """What the reader finds in the file, its DocumentError turned into a ReportError."""
    action = f"reader {reader.name!r} reading {file.name!r}"
    try:
        with registry.running_item("govreport_readers", reader, action, passes=(DocumentError,)):
            document = reader.read(data)
    except DocumentError as error:
        message = str(error) or f"读取器 {reader.name} 无法读取这个文件"
        raise ReportError(str(file), [Problem("", message)]) from None
    if not isinstance(document, SourceDocument):
        plugin = registry.provider("govreport_readers", reader)
        kind = type(document).__name__
        raise PluginError(plugin, f"{action} returned {kind}, not a SourceDocument")
    return document
