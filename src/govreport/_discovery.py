"""Finding plugins: the built-in ones, installed distributions' entry points, report-local files.

Three sources, in this order:

1. the built-in plugins (:data:`DEFAULT_PLUGINS`), which are always loaded;
2. installed distributions that declare an entry point in the ``govreport`` group — the
   environment variable ``GOVREPORT_PLUGINS`` (comma-separated entry-point names) restricts which
   of them load;
3. plugin modules a report file names for itself (``plugins = ["local_plugin.py"]``), only when
   the person running govreport allows it and only from inside the report's folder (see
   :mod:`govreport._local_plugins`).

``GOVREPORT_DISABLE_PLUGINS`` (comma-separated names or ``*`` patterns, as ``govreport plugins``
lists them, e.g. ``commerce`` or ``local:*``) turns installed and report-local plugins off; the
CLI's ``--disable-plugins`` sets it.

This module only finds and imports plugin code; :mod:`govreport.plugins` registers it, under the
guard.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from ._local_plugins import is_disabled

ENTRY_POINT_GROUP = "govreport"
ALLOW_ENV = "GOVREPORT_PLUGINS"
DISABLE_ENV = "GOVREPORT_DISABLE_PLUGINS"

DEFAULT_PLUGINS = (
    "govreport.builtins.narrative",
    "govreport.builtins.eight_part",
    "govreport.builtins.national",
    "govreport.builtins.national.rules",
    "govreport.builtins.markdown",
    "govreport.builtins.html",
    "govreport.builtins.docx",
    "govreport.builtins.html_reader",
    "govreport.builtins.docx_reader",
)


def names_in(variable: str) -> set[str] | None:
    """The comma-separated names in an environment variable, or None when it is not set."""
    value = os.environ.get(variable)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def environment() -> tuple[str | None, str | None]:
    """The settings that decide which installed plugins load: a registry loaded under other
    settings holds other plugins."""
    return os.environ.get(ALLOW_ENV), os.environ.get(DISABLE_ENV)


@contextmanager
def settings(values: Mapping[str, str | None]) -> Iterator[None]:
    """Set environment settings (``None`` removes one) while inside, then put them back; worker
    processes started meanwhile see them."""
    before = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            _put(name, value)
        yield
    finally:
        for name, value in before.items():
            _put(name, value)


def _put(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


class EntryPoint:
    """An entry point of an installed distribution: ``name = module:attribute``.

    A plain class: every attrs class costs ``govreport check`` about a millisecond to create.
    """

    __slots__ = ("name", "value", "version")

    def __init__(self, name: str, value: str, version: str) -> None:
        self.name, self.value, self.version = name, value, version

    def load(self) -> Any:
        """Import the module and return the attribute the entry point names."""
        module_name, _, attribute = self.value.split("[")[0].partition(":")
        loaded: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            loaded = getattr(loaded, part)
        return loaded


def installed_plugins() -> tuple[list[EntryPoint], list[tuple[str, str]]]:
    """The installed plugins that ``GOVREPORT_PLUGINS`` and ``GOVREPORT_DISABLE_PLUGINS`` let
    load, and the names of the others, each with the setting that turned it off."""
    allowed = names_in(ALLOW_ENV)
    disabled = names_in(DISABLE_ENV) or set()
    chosen: list[EntryPoint] = []
    turned_off: list[tuple[str, str]] = []
    for point in entry_points(ENTRY_POINT_GROUP):
        if allowed is not None and point.name not in allowed:
            turned_off.append((point.name, f"{ALLOW_ENV}（未列出它）"))
        elif is_disabled(point.name, disabled):
            turned_off.append((point.name, f"--disable-plugins 或 {DISABLE_ENV}"))
        else:
            chosen.append(point)
    return chosen, turned_off


def import_file(path: Path) -> ModuleType:
    """Import a report-local plugin file as a module of its own."""
    module_name = f"govreport_local_{abs(hash(str(path.resolve())))}_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points in ``group`` of the distributions on ``sys.path``.

    What ``importlib.metadata.entry_points(group=…)`` finds (the first distribution of a name on
    the path wins), read straight from each ``*.dist-info``/``*.egg-info`` folder: importing
    ``importlib.metadata`` alone costs about as much as the rest of ``govreport check``.
    """
    found: list[EntryPoint] = []
    seen: set[str] = set()
    header = f"[{group}]"
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.isfile(folder):  # a zip archive: rare, left to importlib.metadata
                found += _zip_entry_points(folder, group, seen)
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for info in names:
            stem, dot, suffix = info.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            distribution = _normalize(stem.split("-")[0])
            if distribution in seen:
                continue
            seen.add(distribution)
            text = _read_text(os.path.join(folder, info, "entry_points.txt"))
            if text is None or header not in text:
                continue
            version = _version(os.path.join(folder, info), suffix)
            found += [EntryPoint(name, value, version) for name, value in _section(text, group)]
    return found


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _read_text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read()
    except OSError:
        return None


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The ``name = value`` lines of one ``[group]`` of an entry_points.txt."""
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def _version(info: str, suffix: str) -> str:
    """The Version header of a distribution's metadata."""
    text = _read_text(os.path.join(info, "METADATA" if suffix == "dist-info" else "PKG-INFO"))
    for line in (text or "").splitlines():
        if not line.strip():
            break
        if line.startswith("Version:"):
            return line.partition(":")[2].strip()
    return "unknown"


def _zip_entry_points(archive: str, group: str, seen: set[str]) -> list[EntryPoint]:
    import importlib.metadata

    found = []
    for dist in importlib.metadata.distributions(path=[archive]):
        name = _normalize(dist.metadata["Name"] or "")
        if name in seen:
            continue
        seen.add(name)
        found += [
            EntryPoint(point.name, point.value, dist.version)
            for point in dist.entry_points
            if point.group == group
        ]
    return found
