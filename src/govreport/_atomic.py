"""Writing outputs whole or not at all, one file or a set of files together.

Each file is first written to a temporary file beside it, named after the file and the writing
process (``.NAME.govreport-PID-XXXXXXXX.tmp``); when every file of the set is staged, they are
renamed into place. A process killed while writing leaves its temporary files behind; the next
write into that folder removes those whose process no longer runs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from ._processes import running
from .errors import GovreportError

_TEMPORARY = re.compile(r"\..*\.govreport-([1-9][0-9]{0,9})-[0-9a-f]{8}\.tmp", re.DOTALL)
_NAME_BYTES_KEPT = 96
"""How much of the target's name a temporary file's name repeats, so it stays a legal name."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path whole, or leave the previous file as it was (see :func:`write_all`)."""
    write_all([(path, data)])


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, whole: staged beside it, then linked into place —
    which raises FileExistsError if a file of that name has appeared meanwhile, so an existing
    file is never replaced."""
    _make_folder(path.parent, path)
    temporary = _stage(path, data)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError as error:
        raise cannot_write(path, error) from error
    finally:
        temporary.unlink(missing_ok=True)


def write_all(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file, or none: on failure each previous file is as it was.

    All files are staged as temporary files first; only then is each renamed over its target,
    the previous one kept as a backup until every rename has succeeded, and put back if one
    fails or the write is interrupted. No temporary file is left behind. Files get the
    permissions a plainly created file would (the previous file's, or those the umask allows),
    not the owner-only ones of a temporary file, so a web server can publish them.
    """
    folders: set[Path] = set()
    for path, _ in files:
        if path.parent not in folders:
            folders.add(path.parent)
            _make_folder(path.parent, path)
            remove_stale_temporaries(path.parent)
    temporaries: list[Path] = []
    backups: list[Path | None] = []
    """Second names of the previous files (None where there was none), kept until the end."""
    replaced: list[tuple[Path, Path | None]] = []
    current = files[0][0] if files else None
    try:
        for path, data in files:
            current = path
            temporaries.append(_stage(path, data))
            backups.append(_backup(path))
        for (path, _), temporary, backup in zip(files, temporaries, backups, strict=True):
            current = path
            os.replace(temporary, path)
            replaced.append((path, backup))
    except BaseException as error:
        _restore(replaced)
        _remove(temporaries)
        _remove([backup for backup in backups if backup])
        if isinstance(error, OSError) and current is not None:
            raise cannot_write(current, error) from error
        raise
    _remove([backup for backup in backups if backup])


def cannot_write(path: Path, error: OSError) -> GovreportError:
    """The message for a file that cannot be written."""
    reason = error.strerror or str(error)
    if error.errno == errno.ENAMETOOLONG:
        reason += "（大多数系统中，文件或文件夹名最多 255 字节）"
    return GovreportError(f"无法写入 {path}：{reason}")


def refuse_over_report(path: Path, source: Path | None = None) -> None:
    """Refuse to write JSON over the report it is made from, or over any existing .toml file."""
    if not os.path.lexists(path):
        return
    try:
        same = source is not None and os.path.samefile(path, source)
    except OSError:
        same = False
    if same:
        raise GovreportError(f"不会把 {path} 写在生成它的报告上；请另选一个文件")
    if path.suffix.lower() == ".toml":
        raise GovreportError(f"不会把 JSON 写在 {path} 上：.toml 文件是报告；请选一个 .json 文件")


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files govreport left in folder whose writing process has ended.

    A file of another process that is still running is never touched.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match and not running(int(match[1])):
            with contextlib.suppress(OSError):
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.path)


def _make_folder(folder: Path, target: Path) -> None:
    """Create the folder a file goes in; a file standing in its way is named."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as error:
        for place in (folder, *folder.parents):
            if os.path.lexists(place) and not place.is_dir():
                raise GovreportError(f"无法写入 {target}：{place} 是文件，不是文件夹") from error
        raise cannot_write(target, error) from error
    except OSError as error:
        raise cannot_write(target, error) from error


def _temporary_name(path: Path) -> Path:
    kept = os.fsdecode(os.fsencode(path.name)[:_NAME_BYTES_KEPT])
    return path.with_name(f".{kept}.govreport-{os.getpid()}-{os.urandom(4).hex()}.tmp")


def _stage(path: Path, data: bytes) -> Path:
    """Write data to a new temporary file beside path, with path's permissions."""
    temporary = _temporary_name(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_BINARY", 0)
    handle = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _mode_for(path))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _backup(path: Path) -> Path | None:
    """A second name for the previous file at path (a hard link, or a copy), if there is one."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    backup = _temporary_name(path)
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        import shutil  # here: only where files cannot be hard-linked

        shutil.copy2(path, backup, follow_symlinks=False)
    return backup


def _restore(replaced: list[tuple[Path, Path | None]]) -> None:
    """Put the previous files back (newest first), removing files that did not exist before."""
    for path, backup in reversed(replaced):
        with contextlib.suppress(OSError):
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backup, path)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    """The previous file's permission bits, or what the umask leaves of rw-rw-rw-."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
