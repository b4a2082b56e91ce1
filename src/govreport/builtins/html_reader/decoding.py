"""A saved page's bytes as text: by its byte-order mark, its declared charset, or a guess."""

from __future__ import annotations

import codecs
import re

from govreport.readers import DocumentError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB = {"gbk", "gb2312", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "ms936", "csgb2312"}
_LOOKS_LIKE_HTML = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|p|div|table|br|span|h[1-6])\b", re.I
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares near its start (``<meta charset>``, ``http-equiv``, ``<?xml``),
    as a Python codec name; GBK and GB2312 are read as GB18030, their superset."""
    match = _DECLARED.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> str:
    """The page's text; :class:`DocumentError` when it is not text in a charset it could be in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(encoding, errors="replace"))
    if b"\x00" in data[:4096]:
        raise DocumentError("这不是网页文件：内容是二进制数据，不是文字。")
    declared = declared_charset(data)
    tried = [declared] if declared else []
    tried += [name for name in ("utf-8", "gb18030") if name not in tried]
    for encoding in tried:
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    said = f"（网页声明的编码是 {declared}）" if declared else ""
    raise DocumentError(f"无法识别网页的文字编码{said}：既不是 UTF-8，也不是 GBK/GB18030。")


def _checked(text: str) -> str:
    if not _LOOKS_LIKE_HTML.search(text[:65536]):
        raise DocumentError("这不是网页文件：找不到 HTML 标记（如 <html>、<body>、<p>）。")
    return _CONTROL.sub("", text)
