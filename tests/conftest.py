"""Fixtures and settings shared by the test modules."""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from govreport import _codecache
from govreport._discovery import ALLOW_ENV, DISABLE_ENV
from govreport._guard import TIMEOUT_ENV
from govreport._local_plugins import ALLOW_LOCAL_ENV
from govreport.docgen.introspect import entry_point_names
from govreport.docgen.pages import plugin_folders

REPO = Path(__file__).resolve().parent.parent

REPOSITORY_PLUGINS = [name for folder in plugin_folders(REPO) for name in entry_point_names(folder)]
"""The installed plugins the tests load: the repository's own (``plugins/*``)."""

if not any(point.value == "govreport.testing" for point in entry_points(group="pytest11")):
    # govreport was installed before its test kit became a pytest plugin: load the kit here.
    pytest_plugins = ["govreport.testing"]

_SETTINGS = (ALLOW_ENV, DISABLE_ENV, ALLOW_LOCAL_ENV, TIMEOUT_ENV)
_before: dict[str, str | None] = {}


_CODE_CACHE = tempfile.mkdtemp(prefix="govreport-code-cache-")
"""The compiled-code cache of the test session and of the commands it starts: never the cache
in the home folder of the person running the tests."""
os.environ[_codecache.DIR_ENV] = _CODE_CACHE
_codecache.reopen()  # govreport was imported (as a pytest plugin) before this file set it


def pytest_configure(config: pytest.Config) -> None:
    """Run the tests, and the commands they start, with only the built-in plugins and the
    repository's own, whatever else is installed on the machine and whatever the person running
    them has set: a test that needs another plugin or setting says so itself."""
    _before.update({name: os.environ.get(name) for name in _SETTINGS})
    for name in _SETTINGS:
        os.environ.pop(name, None)
    os.environ[ALLOW_ENV] = ",".join(REPOSITORY_PLUGINS)


def pytest_unconfigure(config: pytest.Config) -> None:
    _codecache.save()
    os.environ[_codecache.OFF_ENV] = "1"  # nothing more is written to the folder removed here
    _codecache.reopen()
    shutil.rmtree(_CODE_CACHE, ignore_errors=True)
    for name, value in _before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def allow_local_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the reports of a test run the plugin files they name, as --allow-local-plugins does.

    Tests that exercise plugins through a report-local plugin file use it; without it such a
    report is refused, which tests/test_security.py covers.
    """
    monkeypatch.setenv(ALLOW_LOCAL_ENV, "1")


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for a test module's pages (skipped where it is missing)."""
    from browser import chromium, missing

    reason = missing()
    if reason:
        pytest.skip(reason)
    with chromium() as launched:
        yield launched
