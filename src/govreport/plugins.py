"""Finding, loading and asking plugins.

Three sources, in this order:

1. the built-in plugins (:data:`DEFAULT_PLUGINS`), which are always loaded;
2. installed distributions that declare an entry point in the ``govreport`` group — the
   environment variable ``GOVREPORT_PLUGINS`` (comma-separated entry-point names) restricts which
   of them load;
3. plugin modules a report file names for itself (``plugins = ["local_plugin.py"]``), only when
   the person running govreport allows it and only from inside the report's folder (see
   :mod:`govreport.local_plugins`).

``GOVREPORT_DISABLE_PLUGINS`` (comma-separated names or ``*`` patterns, as ``govreport plugins``
lists them, e.g. ``commerce`` or ``local:*``) turns installed and report-local plugins off; the
CLI's ``--disable-plugins`` sets it.

A plugin that fails to import, or raises inside a hook, is recorded as a failure naming it; the
rest keep working, and anything that needed the broken plugin says which one failed. Plugin code
runs inside :class:`govreport.guard.running` (exceptions, output and time contained).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import re
import string
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError
from .guard import running
from .local_plugins import LocalPlugin, is_disabled
from .records import record

if TYPE_CHECKING:
    from .builtins.docx.profile import DocxProfile
    from .checks import Rule
    from .editions import Edition
    from .renderers import Renderer
    from .sections import SectionKind

ENTRY_POINT_GROUP = "govreport"
ALLOW_ENV = "GOVREPORT_PLUGINS"
DISABLE_ENV = "GOVREPORT_DISABLE_PLUGINS"

DEFAULT_PLUGINS = (
    "govreport.builtins.narrative",
    "govreport.builtins.eight_part",
    "govreport.builtins.national",
    "govreport.builtins.rules",
    "govreport.builtins.markdown",
    "govreport.builtins.html",
    "govreport.builtins.docx",
)


@record
class PluginInfo:
    """One loaded plugin: its name, where it came from and its version."""

    name: str
    source: str
    version: str


@attrs.define
class Contribution:
    """Something a plugin registered, remembered with the plugin's name."""

    plugin: str
    item: Any


def _builtin_version() -> str:
    from . import __version__

    return __version__


def names_in(variable: str) -> set[str] | None:
    """The comma-separated names in an environment variable, or None when it is not set."""
    value = os.environ.get(variable)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def _load_module_from_path(path: Path) -> ModuleType:
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


_REGISTRATION_ERRORS = (ValueError, pluggy.PluginValidationError)
"""What pluggy raises for a plugin it cannot register."""


class Registry:
    """The loaded plugins and everything they provide."""

    def __init__(self) -> None:
        self.manager = pluggy.PluginManager("govreport")
        self.manager.add_hookspecs(hookspecs)
        self.plugins: list[PluginInfo] = []
        self._failures: list[PluginError] = []
        self._builtins: set[str] = set()
        self._providers: dict[tuple[str, int], str] = {}
        self._asked: dict[str, dict[str, Contribution]] = {}
        self.memo: dict[object, Any] = {}
        """What others derive from the plugins, kept as long as the registry (the loader's
        converters): reports that share a registry share it."""

    def register(self, module: object, name: str, source: str, version: str) -> None:
        """Register a plugin object; a registration error becomes a recorded failure.

        Plugins are registered before anything is asked of the registry, which then answers
        from what it collected once.
        """
        if self._asked:
            raise RuntimeError("plugins must be registered before the registry is used")
        if source == "built-in":
            self._builtins.add(name)
        try:
            with self.running(name, "registration", passes=_REGISTRATION_ERRORS):
                self.manager.register(module, name=name)
        except _REGISTRATION_ERRORS as error:
            self.record_failure(name, f"cannot be registered: {error}")
            return
        except PluginError as error:
            self._failures.append(error)
            return
        self.plugins.append(PluginInfo(name, source, version))

    def running(self, plugin: str, action: str, **options: Any) -> running:
        """A guard for running the plugin's code (see :mod:`govreport.guard`).

        The built-in plugins are trusted: only their ``Exception`` is turned into a failure.
        """
        return running(plugin, action, trusted=plugin in self._builtins, **options)

    def running_item(self, hook_name: str, item: object, action: str, **options: Any) -> running:
        """A guard for running code of ``item``, which a plugin gave through ``hook_name``."""
        return self.running(self.provider(hook_name, item), action, **options)

    def record_failure(self, plugin: str, message: str) -> None:
        """Remember that a plugin failed; the rest keep working."""
        self._failures.append(PluginError(plugin, message))

    def record(self, failure: PluginError) -> None:
        """Remember a plugin's failure as the guard reported it."""
        self._failures.append(failure)

    @property
    def failures(self) -> list[PluginError]:
        """Every plugin that failed to load, or misbehaved in a hook.

        Hooks are asked when something first needs what they provide. This asks all of them
        but those only builds use (renderers and .docx profiles, whose code ``check`` does
        without); :meth:`ask_every_hook` asks those too.
        """
        for hook_name, hook in _HOOKS.items():
            if not hook.builds_only:
                self._named(hook_name)
        return list(self._failures)

    def ask_every_hook(self) -> None:
        """Ask the hooks not asked yet, so that :attr:`failures` covers builds too."""
        for hook_name in _HOOKS:
            self._named(hook_name)

    def _named(self, hook_name: str) -> dict[str, Contribution]:
        """What the plugins contribute through one hook, by name, asked once.

        A hook that raises or returns the wrong type, and a name registered twice, are
        failures naming the plugin; the first plugin to register a name keeps it.
        """
        named = self._asked.get(hook_name)
        if named is None:
            named = {}
            for name, contribution in self._contributions(hook_name):
                if name in named:
                    self.record_failure(
                        contribution.plugin,
                        f"registers {name!r}, which plugin {named[name].plugin!r} already provides",
                    )
                    continue
                named[name] = contribution
                self._providers[hook_name, id(contribution.item)] = contribution.plugin
            self._asked[hook_name] = named
        return named

    def _contributions(self, hook_name: str) -> Iterator[tuple[str, Contribution]]:
        """Each plugin's named items from one hook, checked, recording what misbehaves."""
        hook = _HOOKS[hook_name]
        expected = hook.item_type()
        for impl in getattr(self.manager.hook, hook_name).get_hookimpls():
            plugin = impl.plugin_name
            try:
                with self.running(
                    plugin, f"{hook_name}()", failed=f"{hook_name}() raised", passes=_MALFORMED
                ) as call:
                    returned = impl.function()
                    if returned is not None and not isinstance(returned, Iterable):
                        raise PluginError(
                            plugin,
                            f"{hook_name}() must return a list of {expected.__name__} objects, "
                            f"got {type(returned).__name__}",
                        )
                    items = call.collect(returned or ())
                    named = [(_item_name(hook_name, item, expected), item) for item in items]
            except PluginError as error:
                self.record(error)
                continue
            except _Malformed as error:
                self.record_failure(plugin, f"{hook_name}() {error}")
                continue
            yield from ((name, Contribution(plugin, item)) for name, item in named)

    def _items(self, hook_name: str) -> dict[str, Any]:
        return {name: c.item for name, c in self._named(hook_name).items()}

    @cached_property
    def editions(self) -> dict[str, Edition]:
        return self._items("govreport_editions")

    @cached_property
    def section_kinds(self) -> dict[str, SectionKind]:
        return self._items("govreport_section_kinds")

    @cached_property
    def renderers(self) -> dict[str, Renderer]:
        return self._items("govreport_renderers")

    @cached_property
    def docx_profiles(self) -> dict[str, DocxProfile]:
        return self._items("govreport_docx_profiles")

    @cached_property
    def rules(self) -> list[Rule]:
        return list(self._items("govreport_rules").values())

    @cached_property
    def _kinds_by_type(self) -> dict[type, SectionKind]:
        return {kind.data_type: kind for kind in self.section_kinds.values()}

    def kind_of(self, data: object) -> SectionKind:
        """The section kind whose data class ``data`` is an instance of."""
        return self._kinds_by_type[type(data)]

    def provider(self, hook_name: str, item: object) -> str:
        """The name of the plugin that contributed item through hook_name."""
        self._named(hook_name)
        return self._providers.get((hook_name, id(item)), "unknown")

    def provided_by(self, plugin: str) -> dict[str, list[str]]:
        """What one plugin provides, by hook: names of editions, kinds, rules and renderers."""
        provided: dict[str, list[str]] = {}
        for hook_name, hook in _HOOKS.items():
            names = [name for name, c in self._named(hook_name).items() if c.plugin == plugin]
            if names:
                provided[hook.label] = names
        return provided

    def failure_note(self) -> str:
        """A sentence naming the plugins that failed, for messages about missing names."""
        if not self.failures:
            return ""
        return " (plugins that failed: " + "; ".join(str(f) for f in self.failures) + ")"


class _Hook(NamedTuple):
    """What a hook returns: items of one type, each named by an attribute."""

    type_path: str
    """``module:Class`` of the items, imported when the hook is first asked (the .docx
    profile classes are costly to create, and only builds need them)."""
    key: str
    """The attribute that names an item (``name``, a rule's ``code``)."""
    label: str
    """What ``govreport plugins`` calls the items."""
    builds_only: bool = False
    """Only builds use the items, so :attr:`Registry.failures` leaves the hook unasked."""

    def item_type(self) -> type:
        module, _, name = self.type_path.partition(":")
        item_type: type = getattr(importlib.import_module(module), name)
        return item_type


class _Malformed(Exception):
    """An item a hook returned that govreport cannot use; the message says why."""


def _item_name(hook_name: str, item: object, expected: type) -> str:
    """The name of an item a hook returned, after checking what govreport relies on."""
    if not isinstance(item, expected):
        raise _Malformed(f"must return {expected.__name__} objects, got {type(item).__name__}")
    name = getattr(item, _HOOKS[hook_name].key)
    if type(name) is not str or not name:
        raise _Malformed(f"gave a {expected.__name__} whose name is {type(name).__name__}")
    if hook_name == "govreport_editions":
        _check_edition(item)
    elif hook_name == "govreport_rules":
        _check_rule(item)
    return name


def _check_rule(rule: Any) -> None:
    """Refuse a rule whose severity, editions or function govreport could not use."""
    from .checks import Severity

    editions = rule.editions
    if type(rule.severity) is not Severity:
        problem = f"severity is {type(rule.severity).__name__}, not Severity"
    elif editions is not None and (
        type(editions) is not tuple or any(type(name) is not str for name in editions)
    ):
        problem = "editions must be None or a tuple of edition names"
    elif not callable(rule.function):
        problem = f"function is {type(rule.function).__name__}, not a function"
    else:
        return
    raise _Malformed(f"rule {rule.code!r}: {problem}")


_MALFORMED = (_Malformed,)
_TITLE_FIELDS = frozenset({"agency", "year"})


def _check_edition(edition: Any) -> None:
    """Refuse an edition whose title template or preamble govreport could not use."""
    template = edition.title_template
    problem = "" if type(template) is str else f"is {type(template).__name__}, not text"
    if not problem:
        try:
            fields = [
                "{"
                + field
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
                for _, field, spec, conversion in string.Formatter().parse(template)
                if field is not None and (field not in _TITLE_FIELDS or spec or conversion)
            ]
        except ValueError as error:
            problem = f"is not a valid template: {error}"
        else:
            if fields:
                problem = f"may hold only {{agency}} and {{year}}, not {fields[0]}"
    if problem:
        raise _Malformed(f"edition {edition.name!r}: title_template {problem}")
    if edition.preamble is not None and not callable(edition.preamble):
        kind = type(edition.preamble).__name__
        raise _Malformed(f"edition {edition.name!r}: preamble is {kind}, not a function")


_HOOKS: dict[str, _Hook] = {
    "govreport_editions": _Hook("govreport.editions:Edition", "name", "editions"),
    "govreport_section_kinds": _Hook("govreport.sections:SectionKind", "name", "section kinds"),
    "govreport_rules": _Hook("govreport.checks:Rule", "code", "rules"),
    "govreport_renderers": _Hook("govreport.renderers:Renderer", "name", "renderers", True),
    "govreport_docx_profiles": _Hook(
        "govreport.builtins.docx.profile:DocxProfile", "name", "docx profiles", True
    ),
}


def _load_builtins(registry: Registry) -> None:
    version = _builtin_version()
    for module_name in DEFAULT_PLUGINS:
        registry.register(importlib.import_module(module_name), module_name, "built-in", version)


class _EntryPoint:
    """An entry point of an installed distribution: ``name = module:attribute``.

    A plain class: every attrs class costs ``govreport check`` about a millisecond to create.
    """

    __slots__ = ("name", "value", "version")

    def __init__(self, name: str, value: str, version: str) -> None:
        self.name, self.value, self.version = name, value, version

    def load(self) -> Any:
        module_name, _, attribute = self.value.split("[")[0].partition(":")
        loaded: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            loaded = getattr(loaded, part)
        return loaded


def _entry_points(group: str) -> list[_EntryPoint]:
    """The entry points in ``group`` of the distributions on ``sys.path``.

    What ``importlib.metadata.entry_points(group=…)`` finds (the first distribution of a name on
    the path wins), read straight from each ``*.dist-info``/``*.egg-info`` folder: importing
    ``importlib.metadata`` alone costs about as much as the rest of ``govreport check``.
    """
    found: list[_EntryPoint] = []
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
            found += [_EntryPoint(name, value, version) for name, value in _section(text, group)]
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


def _zip_entry_points(archive: str, group: str, seen: set[str]) -> list[_EntryPoint]:
    import importlib.metadata

    found = []
    for dist in importlib.metadata.distributions(path=[archive]):
        name = _normalize(dist.metadata["Name"] or "")
        if name in seen:
            continue
        seen.add(name)
        found += [
            _EntryPoint(point.name, point.value, dist.version)
            for point in dist.entry_points
            if point.group == group
        ]
    return found


def _load_entry_points(registry: Registry) -> None:
    allowed = names_in(ALLOW_ENV)
    disabled = names_in(DISABLE_ENV) or set()
    for entry_point in _entry_points(ENTRY_POINT_GROUP):
        if (allowed is not None and entry_point.name not in allowed) or is_disabled(
            entry_point.name, disabled
        ):
            continue
        try:
            with registry.running(
                entry_point.name, "import", failed="failed to import:", passes=()
            ):
                plugin = entry_point.load()
        except PluginError as error:
            registry.record(error)
            continue
        registry.register(plugin, entry_point.name, "installed", entry_point.version)


def load_local_plugins(registry: Registry, plugins: Iterable[LocalPlugin]) -> None:
    """Load plugin files a report names, already checked by :func:`local_plugins.resolve`."""
    for plugin in plugins:
        try:
            with registry.running(plugin.name, "import", failed="failed to import:", passes=()):
                module = _load_module_from_path(plugin.path)
        except PluginError as error:
            registry.record(error)
            continue
        registry.register(module, plugin.name, f"report-local ({plugin.path})", "local")


@functools.cache
def _shared_registry(allow_list: str | None, disable_list: str | None) -> Registry:
    return load_registry()


def shared_registry() -> Registry:
    """The registry of built-in and installed plugins, loaded once per process.

    Reports that name no plugins of their own share it; it is loaded again when
    ``GOVREPORT_PLUGINS`` or ``GOVREPORT_DISABLE_PLUGINS`` changes.
    """
    return _shared_registry(os.environ.get(ALLOW_ENV), os.environ.get(DISABLE_ENV))


def load_registry(local_plugins: Sequence[LocalPlugin] = ()) -> Registry:
    """A registry with the built-in, installed and (optionally) report-local plugins.

    ``local_plugins`` come from :func:`govreport.local_plugins.resolve`, which decides whether a
    report's own plugin files may run at all.
    """
    registry = Registry()
    _load_builtins(registry)
    _load_entry_points(registry)
    load_local_plugins(registry, local_plugins)
    return registry
