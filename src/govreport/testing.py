"""Helpers and pytest fixtures for testing a govreport plugin.

Installed with govreport as a pytest plugin, so its fixtures are there in every test run; the
functions can also be imported (``from govreport.testing import report_from``). Each report is
loaded into a registry holding the built-in plugins and only the plugins a test names, whatever
else is installed on the machine::

    import my_plugin
    from govreport.testing import assert_problem, report_from

    def test_builds():
        report = report_from(TEXT, my_plugin)
        assert report.check() == []
        assert "受理120件" in report.render("md")

    def test_sold_above_total_is_refused():
        assert_problem(BAD, "sections[0].content[0].sold", "must not exceed", my_plugin)

Importing this module loads no plugin: it is imported by every pytest run where govreport is
installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .checks import Finding
    from .errors import Problem
    from .loader import LoadedReport
    from .plugins import Registry

Plugin = object
"""A plugin: its module (or any object with hook implementations), or a module's import name."""


def plugin_registry(*plugins: Plugin, builtins: bool = True) -> Registry:
    """A registry holding the built-in plugins (unless ``builtins`` is false) and ``plugins``,
    and nothing installed: a plugin's tests do not depend on what else is on the machine.

    A plugin that fails to register, or whose hooks give what govreport cannot use, fails the
    test with the plugin's message.
    """
    from . import __version__ as version
    from ._discovery import DEFAULT_PLUGINS
    from .plugins import Registry

    registry = Registry()
    if builtins:
        for name in DEFAULT_PLUGINS:
            registry.register(importlib.import_module(name), name, "built-in", version)
    for plugin in plugins:
        module = importlib.import_module(plugin) if isinstance(plugin, str) else plugin
        name = getattr(module, "__name__", type(module).__name__)
        registry.register(module, name, "test", "test")
    registry.ask_every_hook()
    failures = registry.failures
    if failures:
        pytest.fail("\n".join(str(failure) for failure in failures), pytrace=False)
    return registry


def report_from(
    text: str,
    *plugins: Plugin,
    registry: Registry | None = None,
    base: str | Path | None = None,
) -> LoadedReport:
    """The report written in ``text`` (TOML), loaded with the built-ins and ``plugins`` (or
    into ``registry``); ``base`` is the folder it is taken to be in, as for
    :func:`govreport.loads`. A report that cannot be loaded raises
    :class:`govreport.ReportError`."""
    from .loader import loads

    if registry is None:
        registry = plugin_registry(*plugins)
    return loads(text, base, registry=registry)


def _loaded(report: str | LoadedReport, plugins: Sequence[Plugin]) -> LoadedReport:
    return report_from(report, *plugins) if isinstance(report, str) else report


def findings_of(report: str | LoadedReport, *plugins: Plugin) -> list[Finding]:
    """What ``govreport check`` finds in a report (its text, or a loaded report)."""
    return _loaded(report, plugins).check()


def rendered(report: str | LoadedReport, to: str, *plugins: Plugin, **options: object) -> str:
    """A report (its text, or a loaded report) rendered to the format ``to``, as a string:
    what ``govreport build --to`` writes, in memory. Use :func:`rendered_bytes` for binary
    formats such as ``docx``."""
    output = _loaded(report, plugins).render(to, **options)
    if not isinstance(output, str):
        raise TypeError(f"the {to} renderer gives bytes: use rendered_bytes")
    return output


def rendered_bytes(
    report: str | LoadedReport, to: str, *plugins: Plugin, **options: object
) -> bytes:
    """A report rendered to the format ``to`` as bytes (text formats as UTF-8)."""
    output = _loaded(report, plugins).render(to, **options)
    return output.encode("utf-8") if isinstance(output, str) else output


def load_problems(text: str, *plugins: Plugin, registry: Registry | None = None) -> list[Problem]:
    """The problems that keep a report (its text) from loading; fails the test if it loads."""
    from .errors import ReportError

    try:
        report_from(text, *plugins, registry=registry)
    except ReportError as error:
        return list(error.problems)
    pytest.fail("the report loaded, but it was expected to fail", pytrace=False)


def assert_problem(
    text: str,
    location: str,
    message: str,
    *plugins: Plugin,
    registry: Registry | None = None,
) -> Problem:
    """Assert that a report (its text) fails to load with a problem at ``location`` (such as
    ``sections[0].content[1].sold_area``) whose message holds ``message``; returns it."""
    problems = load_problems(text, *plugins, registry=registry)
    for problem in problems:
        if problem.location == location and message in problem.message:
            return problem
    listed = "\n".join(f"  - {problem}" for problem in problems)
    pytest.fail(
        f"expected a problem at {location!r} saying {message!r}; the report's problems:\n{listed}",
        pytrace=False,
    )


@pytest.fixture
def govreport_plugins() -> list[Plugin]:
    """The plugins under test (none by default): override this fixture in a ``conftest.py``
    to return your plugin's module, and the other fixtures load reports with it."""
    return []


@pytest.fixture
def govreport_registry(govreport_plugins: list[Plugin]) -> Registry:
    """A registry holding the built-ins and :func:`govreport_plugins` only."""
    return plugin_registry(*govreport_plugins)


@pytest.fixture
def govreport_report(govreport_registry: Registry) -> Callable[..., LoadedReport]:
    """Load a report from its TOML text with the plugins under test:
    ``govreport_report(text)``, or ``govreport_report(text, base=tmp_path)``."""

    def load(text: str, base: str | Path | None = None) -> LoadedReport:
        return report_from(text, registry=govreport_registry, base=base)

    return load
