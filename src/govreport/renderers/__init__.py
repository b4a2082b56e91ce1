"""Renderers turn a document tree into an output format.

A render function takes ``document`` (the tree: everything any output shows, sign-off included)
and, if it names it, ``options``; it returns ``str`` (written as UTF-8) or ``bytes``. It is
called with just the arguments it names, so renderers written today keep working when later
versions offer more. ``report`` (the model) and ``registry`` (the loaded plugins) are still
offered to plugins written against earlier versions; the built-in renderers do without them.

A renderer with settings declares ``options_type``: an attrs class whose fields all have
defaults. A report sets them in an ``[output.<name>]`` table; the loader checks them like any
other part of the file (an unknown option is an error), and ``options`` is an instance of it,
or what ``resolve_options`` makes of it.

A renderer that needs something outside Python (an office suite) declares ``available``: it
returns why the format cannot be made on this machine, or None when it can. ``govreport plugins``
shows the reason, and a build asking for the format fails with it before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable

from .._records import record


@record
class Renderer:
    """An output format: ``--to <name>`` selects it; the file gets ``extension``."""

    name: str
    extension: str
    render: Callable[..., str | bytes]
    description: str = ""
    options_type: type | None = None
    check_options: Callable[..., object] | None = None
    """Called when a report is loaded with ``options`` (and ``registry`` if it names it), for
    what a type cannot say (a profile name a plugin must provide); raises ``FieldValueError``."""
    resolve_options: Callable[..., object] | None = None
    """Called before rendering with ``options`` (and ``registry`` if it names it); ``render``
    receives what it returns: the options with what they name from plugins looked up."""
    available: Callable[[], str | None] | None = None
    """Called before rendering and by ``govreport plugins``: why the format cannot be made on
    this machine (what to install), or None when it can."""
    render_many: Callable[..., list[str | bytes]] | None = None
    """For a build of many reports: called once with ``documents`` (a list) and ``options``
    (each document's, same order; and ``registry`` if it names it) instead of ``render`` per
    document; returns one output per document, in their order. For renderers whose every call
    costs a start-up (an office suite)."""
    prepare: Callable[[], object] | None = None
    """Called with no arguments before a build hands its reports to worker processes: imports
    and makes once what ``render`` needs in every call (modules, templates), so that workers
    forked afterwards start with it. ``render`` must work without it."""

    def default_options(self) -> object | None:
        return self.options_type() if self.options_type is not None else None
