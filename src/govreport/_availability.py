"""Whether a renderer can make its format on this machine (``Renderer.available``); kept apart
from rendering so that ``govreport plugins`` asks it without importing the renderers' code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import PluginError

if TYPE_CHECKING:
    from .plugins import Registry
    from .renderers import Renderer


def unavailable_because(registry: Registry, renderer: Renderer) -> str | None:
    """Why ``renderer`` cannot make its format on this machine, or None (see ``available``);
    a failure of the check, or a reason that is not text, is a PluginError naming the plugin."""
    if renderer.available is None:
        return None
    action = f"renderer {renderer.name!r} available"
    with registry.running_item("govreport_renderers", renderer, action):
        reason = renderer.available()
    if reason is not None and not isinstance(reason, str):
        plugin = registry.provider("govreport_renderers", renderer)
        message = f"renderer {renderer.name!r} available() returned {type(reason).__name__}"
        raise PluginError(plugin, message)
    return reason
