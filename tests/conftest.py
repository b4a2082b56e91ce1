"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from govreport.local_plugins import ALLOW_LOCAL_ENV


@pytest.fixture
def allow_local_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the reports of a test run the plugin files they name, as --allow-local-plugins does.

    Tests that exercise plugins through a report-local plugin file use it; without it such a
    report is refused, which tests/test_security.py covers.
    """
    monkeypatch.setenv(ALLOW_LOCAL_ENV, "1")
