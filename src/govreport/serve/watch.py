"""Watching the served reports' files: a save (or a burst of saves) asks for one new reading.

The folders holding the files are watched, not the files themselves, so that an editor that
saves by writing a new file and renaming it over the old one is seen too. With reports' own
plugins allowed, a change to a ``.py`` file in a report's folder reads that report again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .site import Preview, Site

QUIET_MS = 50
"""A burst of changes ends after this long without another."""
LONGEST_MS = 300
"""Changes are gathered at most this long before the reports are read again."""


def affected(preview: Preview, changed: set[Path], plugins: bool) -> bool:
    """Whether a change to these files means reading the report again."""
    if preview.watched() & changed:
        return True
    if plugins:
        folder = preview.file.parent
        return any(path.suffix == ".py" and folder in path.parents for path in changed)
    return False


def watch(site: Site, stop: threading.Event, plugins: bool) -> None:
    """Ask for a new reading of each report whose files change, until ``stop`` is set."""
    from watchfiles import watch as changes_in

    folders = sorted({file.parent for preview in site.previews for file in preview.watched()})
    existing = [folder for folder in folders if folder.is_dir()]
    if not existing:
        return
    for changes in changes_in(
        *existing,
        watch_filter=None,
        debounce=LONGEST_MS,
        step=QUIET_MS,
        stop_event=stop,
        recursive=plugins,
        raise_interrupt=False,
    ):
        changed = {Path(path).resolve() for _, path in changes}
        for preview in site.previews:
            if affected(preview, changed, plugins):
                site.request_refresh(preview)
