"""Headless Chromium for tests: Playwright driving Debian's ``chromium`` (no browser download).

``missing()`` says why the browser tests cannot run here (they skip with that reason);
``open_page()`` loads a file and records what a page should never do: open dialogs, log
errors (a Content-Security-Policy violation is one) or request anything but the file itself.
"""

from __future__ import annotations

import importlib.util
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
OUTPUT = Path(__file__).resolve().parent / "output"
"""Screenshots and pages for a person to look at (gitignored)."""


def missing() -> str | None:
    """Why the browser cannot be used here, or None when it can."""
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install playwright)"
    if not CHROMIUM.is_file():
        return f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)"
    return None


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium for the duration of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(LAUNCH_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@attrs.define
class Visit:
    """An open page and what it did while loading."""

    page: Page
    dialogs: list[str] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)
    requests: list[str] = attrs.field(factory=list)


@contextmanager
def open_page(browser: Browser, path: Path, width: int, height: int = 900) -> Iterator[Visit]:
    """Load ``path`` from a file:// URL in a fresh context ``width`` CSS pixels wide."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    visit = Visit(page)

    def on_dialog(dialog) -> None:
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("request", lambda request: visit.requests.append(request.url))
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        yield visit
    finally:
        context.close()


def print_to_pdf(path: Path, pdf: Path) -> Path:
    """Print a page as Chromium's own print-to-PDF does, with print styles and A4 from @page."""
    command = [
        str(CHROMIUM),
        "--headless",
        *LAUNCH_ARGS,
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        path.resolve().as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert pdf.is_file(), f"Chromium did not print {path.name}"
    return pdf


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot in ``tests/output/``."""
    OUTPUT.mkdir(exist_ok=True)
    target = OUTPUT / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target
