"""The hooks a govreport plugin can implement.

Each hook takes no arguments and returns a list of what the plugin adds. The built-in editions,
section kinds, rules and renderers are registered through these same hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .builtins.docx.profile import DocxProfile
    from .checks import Rule
    from .editions import Edition
    from .renderers import Renderer
    from .sections import SectionKind

hookspec = pluggy.HookspecMarker("govreport")
hookimpl = pluggy.HookimplMarker("govreport")


@hookspec
def govreport_editions() -> list[Edition]:
    """Return the report editions (formats) this plugin defines."""


@hookspec
def govreport_section_kinds() -> list[SectionKind]:
    """Return the section kinds (content types a report file may use) this plugin defines."""


@hookspec
def govreport_rules() -> list[Rule]:
    """Return the check rules this plugin adds."""


@hookspec
def govreport_renderers() -> list[Renderer]:
    """Return the output formats this plugin can render a document to."""


@hookspec
def govreport_docx_profiles() -> list[DocxProfile]:
    """Return the named .docx style profiles (house styles) this plugin defines."""
