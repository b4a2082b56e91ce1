"""Reading a file the user named, safely: regular files only, bounded, every failure a
ReportError naming the file in words for the person who typed it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import Problem, ReportError


def reason(error: OSError) -> str:
    """Why a path cannot be used, in words for the person who typed it."""
    reasons = {
        errno.ENOENT: "没有这个文件或文件夹",
        errno.ENOTDIR: "没有这个文件或文件夹（路径中有一段是文件，不是文件夹）",
        errno.ENAMETOOLONG: "名称太长，文件系统无法容纳",
        errno.EACCES: "无法打开：没有权限",
        errno.EPERM: "无法打开：没有权限",
        errno.ELOOP: "无法打开：符号链接层数太多",
    }
    return reasons.get(error.errno, f"无法读取（{error.strerror or error}）")


NOT_A_FILE = "不是普通文件；请给出报告文件的路径"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most one more than ``max_bytes``.

    The file is opened once without waiting (a FIFO would block an ordinary open), checked on
    the open descriptor to be a regular file, and read only that far: a device, a FIFO or a
    file growing under us cannot make the read hang or run on.
    """
    source = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise ReportError(source, [Problem("", reason(error))]) from None
    chunks: list[bytes] = []
    size = 0
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ReportError(source, [Problem("", NOT_A_FILE)])
        while size <= max_bytes:
            chunk = os.read(descriptor, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise ReportError(source, [Problem("", reason(error))]) from None
    finally:
        os.close(descriptor)
    if size > max_bytes:
        limit = max_bytes // 1024 // 1024
        raise ReportError(source, [Problem("", f"文件大于 {limit} MiB")])
    return b"".join(chunks)
