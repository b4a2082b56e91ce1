"""The plugin registry: the loaded plugins, what each provides, and what failed.

:mod:`govreport._discovery` finds the plugins (built-in, installed, report-local); this module
registers them and asks their hooks (declared once, in :data:`govreport.hookspecs.HOOKS`).

A plugin that fails to import, or raises inside a hook, is recorded as a failure naming it; the
rest keep working, and anything that needed the broken plugin says which one failed. Plugin code
runs inside :class:`govreport._guard.running` (exceptions, output and time contained).
"""

from __future__ import annotations

import functools
import importlib
import string
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from . import hookspecs
from ._discovery import DEFAULT_PLUGINS, environment, import_file, installed_plugins
from ._guard import running
from ._local_plugins import LocalPlugin
from ._records import record
from .errors import PluginError
from .hookspecs import HOOKS
from .suggest import closest

if TYPE_CHECKING:
    from .sections import SectionKind


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


_REGISTRATION_ERRORS = (ValueError, pluggy.PluginValidationError)
"""What pluggy raises for a plugin it cannot register."""


class Registry:
    """The loaded plugins and everything they provide."""

    def __init__(self) -> None:
        self.manager = pluggy.PluginManager("govreport")
        self.manager.add_hookspecs(hookspecs)
        self.plugins: list[PluginInfo] = []
        self._failures: list[PluginError] = []
        self.turned_off: list[tuple[str, str]] = []
        """Installed plugins left unloaded, each with the setting that turned it off."""
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
                specs = getattr(module, "GOVREPORT_HOOKSPECS", None)
                if specs is not None:  # hooks the plugin adds for other plugins
                    self.manager.add_hookspecs(specs)
                self.manager.register(module, name=name)
        except _REGISTRATION_ERRORS as error:
            self.record_failure(name, f"cannot be registered: {error}")
            return
        except PluginError as error:
            self._failures.append(error)
            return
        self.plugins.append(PluginInfo(name, source, version))

    def running(self, plugin: str, action: str, **options: Any) -> running:
        """A guard for running the plugin's code (see :mod:`govreport._guard`).

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
        for hook_name, hook in HOOKS.items():
            if not hook.builds_only:
                self._named(hook_name)
        return list(self._failures)

    def ask_every_hook(self) -> None:
        """Ask the hooks not asked yet, so that :attr:`failures` covers builds too."""
        for hook_name in HOOKS:
            self._named(hook_name)

    def _named(self, hook_name: str) -> dict[str, Contribution]:
        """What the plugins contribute through one hook, by name, asked once.

        A hook that raises or returns the wrong type, and a name registered twice, are
        failures naming the plugin; the first plugin to register a name keeps it.
        """
        named = self._asked.get(hook_name)
        if named is None:
            if not self._asked:  # registration is over: every plugin's hooks are declared
                self._check_hook_names()
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

    def _check_hook_names(self) -> None:
        """Record a failure for each ``govreport_…`` function of a plugin that govreport would
        never call: its name matches no hook, or it lacks the ``@hookimpl`` mark."""
        hooks = [name for name in HOOKS if hasattr(self.manager.hook, name)]
        for plugin_name, plugin in self.manager.list_name_plugin():
            if plugin is None:
                continue
            for attribute in sorted(dir(plugin)):
                function = getattr(plugin, attribute, None)
                if not attribute.startswith("govreport_") or not callable(function):
                    continue
                problem = _hook_name_problem(attribute, function, hooks)
                if problem:
                    self.record_failure(plugin_name, problem)

    def _contributions(self, hook_name: str) -> Iterator[tuple[str, Contribution]]:
        """Each plugin's named items from one hook, checked, recording what misbehaves."""
        hook = HOOKS[hook_name]
        caller = getattr(self.manager.hook, hook_name, None)
        if caller is None:  # a hook of a plugin that this registry did not load
            return
        expected = hook.item_type()
        for impl in caller.get_hookimpls():
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
                    named = [
                        (_item_name(hook_name, index, len(items), item, expected), item)
                        for index, item in enumerate(items, 1)
                    ]
            except PluginError as error:
                self.record(error)
                continue
            except _Malformed as error:
                self.record_failure(plugin, f"{hook_name}() {error}; none of its items are used")
                continue
            yield from ((name, Contribution(plugin, item)) for name, item in named)

    def _items(self, hook_name: str) -> dict[str, Any]:
        return {name: c.item for name, c in self._named(hook_name).items()}

    def __getattr__(self, attribute: str) -> Any:
        """What the plugins provide through one hook, asked once: ``registry.editions`` (by
        name) for ``govreport_editions``, ``registry.rules`` (a list) for ``govreport_rules``, and
        so on for every hook in :data:`~govreport.hookspecs.HOOKS`."""
        hook = HOOKS.get(f"govreport_{attribute}")
        if hook is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {attribute!r}")
        items = self._items(hook.name)
        provided = list(items.values()) if hook.ordered else items
        self.__dict__[attribute] = provided
        return provided

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
        for hook_name, hook in HOOKS.items():
            names = [name for name, c in self._named(hook_name).items() if c.plugin == plugin]
            if names:
                provided[hook.label] = names
        return provided

    def failure_note(self) -> str:
        """A sentence naming the plugins that failed or were turned off, for messages about
        missing names (a turned-off plugin is not imported, so what it provides is unknown)."""
        note = ""
        if self.failures:
            note += "（出错的插件：" + "；".join(str(f) for f in self.failures) + "）"
        if self.turned_off:
            off = "；".join(
                f"插件 {name!r} 已安装，但被 {switch} 关闭" for name, switch in self.turned_off
            )
            note += f"。{off}；可能是它提供的"
        return note


def unusable_because(failures: Sequence[PluginError], verb: str) -> str:
    """Why a report is not ``verb`` (checked, built) while plugins failed, and the way out."""
    names = ",".join(dict.fromkeys(failure.plugin for failure in failures))
    return f"有插件出错（见上文），{verb}；请修好插件，或用 --disable-plugins {names} 不用它"


class _Malformed(Exception):
    """An item a hook returned that govreport cannot use; the message says why."""


def _hook_name_problem(attribute: str, function: object, hooks: Sequence[str]) -> str:
    """Why govreport would never call a plugin's ``govreport_…`` function, or ``""``."""
    marked = hookspecs.hookimpl.project_name + "_impl"
    if attribute in hooks:
        if hasattr(function, marked):
            return ""
        return f"{attribute}() is not marked @hookimpl, so govreport never calls it"
    if hasattr(function, hookspecs.hookspec.project_name + "_spec"):
        return ""  # a hook the plugin declares for others
    close = closest(attribute, hooks)
    hint = f"; did you mean {close}?" if close else f"; the hooks are {', '.join(hooks)}"
    return f"{attribute}() is not a govreport hook{hint}"


def _item_name(hook_name: str, index: int, count: int, item: object, expected: type) -> str:
    """The name of item ``index`` (from 1) of the ``count`` a hook returned, after checking what
    govreport relies on."""
    try:
        if not isinstance(item, expected):
            raise _Malformed(f"is {type(item).__name__}, not {expected.__name__}")
        name = getattr(item, HOOKS[hook_name].key)
        if type(name) is not str or not name:
            raise _Malformed(f"is a {expected.__name__} whose name is {type(name).__name__}")
        check = _ITEM_CHECKS.get(hook_name)
        if check is not None:
            check(item)
    except _Malformed as error:
        raise _Malformed(f"item {index} of {count} {error}") from None
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
    raise _Malformed(f"(rule {rule.code!r}): {problem}")


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
        raise _Malformed(f"(edition {edition.name!r}): title_template {problem}")
    if edition.preamble is not None and not callable(edition.preamble):
        kind = type(edition.preamble).__name__
        raise _Malformed(f"(edition {edition.name!r}): preamble is {kind}, not a function")


def _check_section_kind(kind: Any) -> None:
    """Refuse a section kind whose data class has a field a report file cannot fill."""
    from ._field_types import unloadable_field

    if problem := unloadable_field(kind.data_type):
        raise _Malformed(f"section kind {kind.name!r}: {problem}")


_ITEM_CHECKS = {
    "govreport_editions": _check_edition,
    "govreport_rules": _check_rule,
    "govreport_section_kinds": _check_section_kind,
}
"""What govreport relies on in an item beyond its type and name, by hook."""


def _load_builtins(registry: Registry) -> None:
    version = _builtin_version()
    for module_name in DEFAULT_PLUGINS:
        registry.register(importlib.import_module(module_name), module_name, "built-in", version)


def _load_entry_points(registry: Registry) -> None:
    chosen, registry.turned_off = installed_plugins()
    for entry_point in chosen:
        try:
            with registry.running(entry_point.name, "import", failed="导入失败：", passes=()):
                plugin = entry_point.load()
        except PluginError as error:
            registry.record(error)
            continue
        registry.register(plugin, entry_point.name, "installed", entry_point.version)


def load_local_plugins(registry: Registry, plugins: Iterable[LocalPlugin]) -> None:
    """Load plugin files a report names, already checked by :func:`local_plugins.resolve`."""
    for plugin in plugins:
        try:
            with registry.running(plugin.name, "import", failed="导入失败：", passes=()):
                module = import_file(plugin.path)
        except PluginError as error:
            registry.record(error)
            continue
        registry.register(module, plugin.name, f"report-local ({plugin.path})", "local")


@functools.cache
def _shared_registry(settings: tuple[str | None, str | None]) -> Registry:
    return load_registry()


def shared_registry() -> Registry:
    """The registry of built-in and installed plugins, loaded once per process.

    Reports that name no plugins of their own share it; it is loaded again when
    ``GOVREPORT_PLUGINS`` or ``GOVREPORT_DISABLE_PLUGINS`` changes.
    """
    return _shared_registry(environment())


def load_registry(local_plugins: Sequence[LocalPlugin] = ()) -> Registry:
    """A registry with the built-in, installed and (optionally) report-local plugins.

    ``local_plugins`` come from :func:`govreport._local_plugins.resolve`, which decides whether a
    report's own plugin files may run at all.
    """
    registry = Registry()
    _load_builtins(registry)
    _load_entry_points(registry)
    load_local_plugins(registry, local_plugins)
    return registry
