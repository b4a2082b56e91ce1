"""The hook the .docx renderer adds for other plugins: named .docx house styles.

A plugin that offers a hook of its own declares it like this, in a module it names as
``GOVREPORT_HOOKSPECS`` (see :func:`govreport.hookspecs.declare`), as pytest plugins add hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govreport.hookspecs import declare

if TYPE_CHECKING:
    from .profile import DocxProfile


@declare("govreport.builtins.docx.profile:DocxProfile", builds_only=True)
def govreport_docx_profiles() -> list[DocxProfile]:
    """Return the named .docx style profiles (house styles) this plugin defines."""
