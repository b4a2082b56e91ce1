"""Plugins a report names for itself: whether they may run, and from where.

A report file can name Python modules of its own (``plugins = ["house_plugin.py"]``). Running
them runs code written by whoever wrote the file, with the permissions of whoever runs govreport.
So govreport runs them only when that person allows it — for one run (``--allow-local-plugins``)
or for a machine (``GOVREPORT_ALLOW_LOCAL_PLUGINS=1``) — and even then only files inside the
report's own folder: no absolute path, no ``..``, no symbolic link that leads out of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from ._records import record
from .errors import Problem

ALLOW_LOCAL_ENV = "GOVREPORT_ALLOW_LOCAL_PLUGINS"
"""Set to ``1`` to let reports run the plugin files they name (``--allow-local-plugins`` sets it
for one run)."""

_YES = {"1", "true", "yes", "on"}


@record
class LocalPlugin:
    """A plugin file a report names, checked to lie inside the report's folder."""

    name: str
    """``local:`` and the path as ``govreport plugins`` lists it (``local:house_plugin.py``)."""
    path: Path


def allowed_by_environment() -> bool:
    """Whether ``GOVREPORT_ALLOW_LOCAL_PLUGINS`` allows reports' own plugins to run."""
    return os.environ.get(ALLOW_LOCAL_ENV, "").strip().lower() in _YES


def plugin_name(written: str) -> str:
    """The name of a report-local plugin: ``local:`` and its path with ``./`` and ``//`` removed."""
    parts = [part for part in written.split("/") if part not in ("", ".")]
    return "local:" + "/".join(parts)


def is_disabled(name: str, patterns: Iterable[str]) -> bool:
    """Whether a plugin name matches one of the names or ``*`` patterns turned off.

    A ``local:`` pattern matches however the path is spelt (``local:./x.py`` is ``local:x.py``).
    """
    return any(fnmatchcase(name, _normalized(pattern)) for pattern in patterns)


def _normalized(pattern: str) -> str:
    prefix, colon, path = pattern.partition(":")
    return plugin_name(path) if colon and prefix == "local" else pattern


def _refusal(written: str, folder: Path) -> str | None:
    """Why a plugin path written in a report may not be run, or None when it may."""
    pure = PurePosixPath(written)
    if not written.strip() or pure.is_absolute() or "\\" in written or ":" in written:
        return '必须是报告所在文件夹内的路径，如 "house_plugin.py"'
    if ".." in pure.parts:
        return "不能离开报告所在的文件夹（'..'）"
    if pure.suffix != ".py":
        return "必须是以 .py 结尾的 Python 文件"
    resolved = (folder / pure).resolve()
    if not resolved.is_relative_to(folder):
        return "是指向报告所在文件夹之外的符号链接"
    if not resolved.is_file():
        return f"报告所在的文件夹（{folder}）中没有这个文件"
    return None


def _not_allowed(written: str) -> str:
    return (
        f"指定了插件文件 {written!r}，未经允许 govreport 不会运行它："
        "它是 Python 代码，会以您的权限运行。如果信任这份报告，请在命令中加上 "
        f"--allow-local-plugins（或设置 {ALLOW_LOCAL_ENV}=1）；不用它读取报告，"
        "请加上 --disable-plugins 'local:*'"
    )


def resolve(
    written: Sequence[str], report_folder: Path, allowed: bool, disabled: Iterable[str]
) -> tuple[list[LocalPlugin], list[Problem]]:
    """The plugin files a report names that are to run, and the problems that stop the report.

    Plugins turned off by name are skipped. Every other one is a problem at ``plugins[i]``
    unless running them is ``allowed`` and its file lies inside ``report_folder``.
    """
    disabled = list(disabled)
    folder = report_folder.resolve()
    plugins: list[LocalPlugin] = []
    problems: list[Problem] = []
    for index, path in enumerate(written):
        name = plugin_name(path)
        if is_disabled(name, disabled):
            continue
        reason = _refusal(path, folder) if allowed else _not_allowed(path)
        if reason is not None:
            problems.append(Problem(f"plugins[{index}]", reason))
        else:
            plugins.append(LocalPlugin(name, (folder / path).resolve()))
    return plugins, problems
