"""The compiled code of the methods attrs and cattrs generate, kept between runs.

For every class, attrs writes the source of its ``__init__``, ``__eq__``, ``__hash__``… and
cattrs the source of the functions that structure it; compiling that source is about a tenth of
a ``govreport check``. :func:`install` (called by the ``govreport`` program only) gives attrs'
and cattrs' code-generating modules a ``compile`` that first looks the source up in a cache file
of the user's cache folder
(``GOVREPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/govreport``, ``~/.cache/govreport``,
``~/Library/Caches/govreport`` or ``%LOCALAPPDATA%\\govreport``); anything it does not expect
goes to Python's own ``compile``.

- An entry is found by the exact source text, its file name and compile flags, never by a
  digest: code is served only for the very source it was compiled from. attrs writes a
  per-process number (its hash salt) into each ``__hash__``: the key holds a placeholder in its
  place, and the served code gets this process's number.
- The file is named after, and starts with, the Python bytecode magic and version, the
  optimisation level, govreport's version and the installed attrs and cattrs (the place, size
  and time of the files that generate code, which installing any other version changes; their
  version strings would cost a read of their metadata): another version uses another file.
- The folder is made readable by its owner only, and is not used at all if it belongs to
  another user or others may write to it; a file that is not the user's own is not read.
- A checksum covers the file: a truncated, corrupt or foreign file is ignored (and replaced).
  New entries are written once, as the process exits, to a temporary file then renamed over
  the old one, so two processes writing at once each leave a whole file.
- ``GOVREPORT_NO_CACHE=1`` turns it off. Every failure means "no cache", never an error.
"""

from __future__ import annotations
import __future__ as future

import atexit
import builtins
import contextlib
import importlib
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER, find_spec
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from . import __version__

DIR_ENV = "GOVREPORT_CACHE_DIR"
OFF_ENV = "GOVREPORT_NO_CACHE"

_GENERATORS = ("attr._make", "cattrs.gen", "cattrs.gen.typeddicts")
"""The modules whose ``compile`` calls are served from the cache."""

_GENERATOR_FILES = (
    ("attr", "_make.py"),
    ("cattrs", "gen/__init__.py"),
    ("cattrs", "gen/typeddicts.py"),
)
"""The files of those modules: the cache file is named after their size and time."""

_MAGIC = b"govreport code cache 1\n"
_MOST_ENTRIES = 4000
"""A file that would hold more keeps only the entries the run writing it used or added."""

_SALT = "\0salt\0"
"""Stands for attrs' hash salt in a key: it cannot occur in source Python compiles."""

_ATTRS_FILE = re.compile(r"<attrs generated (\w+) (.+?)(?:-\d+)?>")

_FUTURE_FLAGS = 0
for _name in future.all_feature_names:
    _FUTURE_FLAGS |= getattr(future, _name).compiler_flag

Key = tuple[str, str, int, str]


class CodeCache:
    """Compiled code by source, loaded from one file and written back with what was added."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.entries: dict[Key, bytes] = _read(file) if file is not None else {}
        self.added: dict[Key, bytes] = {}
        self.used: set[Key] = set()

    def compiled(self, source: str, filename: str, flags: int) -> CodeType:
        """The code of source, from the cache when it holds it, else compiled and kept."""
        key_source, salt = _salted_out(source, filename)
        if key_source is None or self.file is None:
            return builtins.compile(source, filename, "exec", flags, True)
        key = (filename, "exec", flags, key_source)
        blob = self.entries.get(key) or self.added.get(key)
        if blob is not None:
            code = _loaded(blob, salt)
            if code is not None:
                self.used.add(key)
                return code
        code = builtins.compile(source, filename, "exec", flags, True)
        if key not in self.entries:  # else the file has it, but not in a form this run can use
            self.added[key] = marshal.dumps((code, salt))
        return code

    def save(self) -> None:
        """Write the entries added in this process, with those already in the file."""
        if self.file is None or not self.added:
            return
        entries = _read(self.file)
        if len(entries) + len(self.added) > _MOST_ENTRIES:
            entries = {key: blob for key, blob in entries.items() if key in self.used}
        entries.update(self.added)
        payload = marshal.dumps(entries)
        _write(self.file, _header() + zlib.crc32(payload).to_bytes(4, "big") + payload)
        self.entries.update(self.added)
        self.added.clear()


def _salted_out(source: str, filename: str) -> tuple[str | None, int | None]:
    """The source as a key, with the hash salt attrs wrote into it as a placeholder, and that
    salt (None if there is none); no key if the salt is there but not once, on its own line."""
    match = _ATTRS_FILE.fullmatch(filename)
    if match is None:
        return source, None
    salt = hash(f"<attrs generated hash {match[2]}>")
    if str(salt) not in source:
        return source, None
    line = f"        {salt},\n"
    if source.count(str(salt)) != 1 or line not in source or _SALT in source:
        return None, None
    return source.replace(line, f"        {_SALT},\n"), salt


def _loaded(blob: bytes, salt: int | None) -> CodeType | None:
    """The code of an entry, with this process's salt in place of the writer's."""
    try:
        code, written_salt = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(code, CodeType):
        return None
    if written_salt == salt:
        return code
    if salt is None or written_salt is None:
        return None
    code, replaced = _resalted(code, written_salt, salt)
    return code if replaced == 1 else None


def _resalted(code: CodeType, old: int, new: int) -> tuple[CodeType, int]:
    """code with the constant old of its ``__hash__`` functions made new; and how many."""
    replaced = 0
    constants = list(code.co_consts)
    for index, constant in enumerate(constants):
        if isinstance(constant, CodeType):
            constants[index], count = _resalted(constant, old, new)
            replaced += count
        elif code.co_name == "__hash__" and type(constant) is int and constant == old:
            constants[index] = new
            replaced += 1
        elif code.co_name == "__hash__" and type(constant) is tuple and old in constant:
            # ``hash((salt,))`` of a class without fields: Python folds the tuple into one constant
            constants[index] = tuple(new if item == old else item for item in constant)
            replaced += constant.count(old)
    return code.replace(co_consts=tuple(constants)), replaced


_header_bytes: bytes | None = None


def _header() -> bytes:
    """What a cache file starts with: the format, the interpreter, govreport's version and the
    installed attrs and cattrs (the size and time of the files that generate code)."""
    global _header_bytes
    if _header_bytes is None:
        identity = [repr(MAGIC_NUMBER), sys.version, str(sys.flags.optimize), __version__]
        identity.extend(_installed(package, file) for package, file in _GENERATOR_FILES)
        _header_bytes = _MAGIC + "\n".join(identity).encode("utf-8", "replace") + b"\n\n"
    return _header_bytes


def _installed(package: str, file: str) -> str:
    """Where a library's file is, with its size and time (which a new install changes)."""
    try:
        module = sys.modules.get(package)
        spec = module.__spec__ if module is not None else find_spec(package)
        path = os.path.join(os.path.dirname(spec.origin), file)  # type: ignore[union-attr]
        status = os.stat(path)
    except (AttributeError, ImportError, OSError, TypeError, ValueError):
        return f"{package} ?"
    return f"{path} {status.st_size} {status.st_mtime_ns}"


def _read(file: Path) -> dict[Key, bytes]:
    """The entries of a cache file; none if it or its folder is missing, not the user's own,
    or damaged."""
    try:
        if not _private(os.stat(file.parent)):
            return {}
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return {}
    try:
        with os.fdopen(descriptor, "rb") as stream:
            if not _private(os.fstat(stream.fileno())):
                return {}
            data = stream.read()
    except OSError:
        return {}
    header = _header()
    if not data.startswith(header):
        return {}
    checksum, payload = data[len(header) : len(header) + 4], data[len(header) + 4 :]
    if zlib.crc32(payload).to_bytes(4, "big") != checksum:
        return {}
    try:
        entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _write(file: Path, data: bytes) -> None:
    """Write the file whole through a temporary file beside it, in a folder only the user may
    use (made if missing); on any failure, write nothing."""
    temporary = file.with_name(f".{file.name}.{os.getpid()}.{id(data):x}.tmp")
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(file.parent)):
            return
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _private(status: os.stat_result) -> bool:
    """Whether a file or folder is the current user's and nobody else may write to it."""
    if not hasattr(os, "getuid"):
        return True  # Windows: %LOCALAPPDATA% is the user's own
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def cache_folder() -> Path | None:
    """The folder the cache lives in (perhaps not made yet); None when the cache is off."""
    if os.environ.get(OFF_ENV, "").strip() not in ("", "0"):
        return None
    chosen = os.environ.get(DIR_ENV)
    try:
        if chosen:
            return Path(chosen)
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
            return Path(local) / "govreport"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "govreport"
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govreport"
    except RuntimeError:  # no home folder to be found
        return None


def _cache_file() -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"code-{zlib.crc32(_header()):08x}.bin"


_cache: CodeCache | None = None


def current() -> CodeCache:
    """This process's cache, opened on first use and written as the process exits."""
    global _cache
    if _cache is None:
        _cache = CodeCache(_cache_file())
        atexit.register(save)
    return _cache


def save() -> None:
    """Write what this process added to the cache (done as it exits)."""
    if _cache is not None:
        _cache.save()


def reopen() -> None:
    """Look up the cache's folder again (the settings have changed): what this process added
    is written there, and nothing to the folder used so far."""
    global _cache
    if _cache is not None:
        added = _cache.added
        _cache = CodeCache(_cache_file())
        _cache.added.update(added)


def install() -> None:
    """Give attrs' and cattrs' code-generating modules the cached compile.

    Only the ``govreport`` program calls it, before any class is made: a program that imports
    govreport as a library keeps its attrs and cattrs as they are.
    """
    for name in _GENERATORS:
        module = sys.modules.get(name)
        if module is None and name != "cattrs.gen.typeddicts":  # govreport makes no TypedDicts
            module = importlib.import_module(name)
        if module is not None and "compile" not in vars(module):
            module.compile = _compiler(module)  # type: ignore[attr-defined]


def _compiler(module: ModuleType) -> Callable[..., Any]:
    """A ``compile`` for module: what builtins' would do there, served from the cache."""
    inherited = 0
    for name in future.all_feature_names:
        feature = getattr(future, name)
        if vars(module).get(name) is feature:  # ``from __future__ import name`` in module
            inherited |= feature.compiler_flag

    def compile(  # stands in for the builtin in module
        source: Any,
        filename: Any,
        mode: Any,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **options: Any,
    ) -> Any:
        if not dont_inherit:
            flags |= inherited
        if (
            type(source) is not str
            or type(filename) is not str
            or mode != "exec"
            or flags & ~_FUTURE_FLAGS
            or optimize != -1
            or options
        ):
            return builtins.compile(source, filename, mode, flags, True, optimize, **options)
        try:
            return current().compiled(source, filename, flags)
        except Exception:
            return builtins.compile(source, filename, mode, flags, True)

    return compile
