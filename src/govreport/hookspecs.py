"""The hooks a govreport plugin can implement, each declared once.

Each hook takes no arguments and returns a list of what the plugin adds. The built-in editions,
section kinds, rules and renderers are registered through these same hooks.

:data:`HOOKS` is the one table of them: the plugin registry, its accessors
(``registry.editions`` for ``govreport_editions``), ``govreport plugins``, the generated
reference pages and the tests of the hook reference all read it. A hook is added by writing its
spec function below with :func:`declare`; a plugin may add a hook of its own the same way, in a
module it names as ``GOVREPORT_HOOKSPECS`` (the .docx renderer adds ``govreport_docx_profiles``
so).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import pluggy

if TYPE_CHECKING:
    from .checks import Rule
    from .editions import Edition
    from .readers import Reader
    from .renderers import Renderer
    from .sections import SectionKind

hookspec = pluggy.HookspecMarker("govreport")
hookimpl = pluggy.HookimplMarker("govreport")


class Hook(NamedTuple):
    """One hook: the type of the items it returns and how govreport names and uses them."""

    name: str
    """The hook function's name, ``govreport_…``."""
    type_path: str
    """``module:Class`` of the items, imported when the hook is first asked (the .docx
    profile classes are costly to create, and only builds need them)."""
    key: str
    """The attribute that names an item (``name``, a rule's ``code``)."""
    builds_only: bool
    """Only builds use the items, so checking a report leaves the hook unasked."""
    ordered: bool
    """The registry gives the items as a list in registration order (rules), not by name."""
    doc: str
    """What a plugin returns from the hook (the spec function's docstring)."""
    spec: Callable[..., object] | None = None
    """The spec function itself."""

    @property
    def attribute(self) -> str:
        """The registry attribute holding the items: ``govreport_section_kinds`` →
        ``section_kinds``."""
        return self.name.removeprefix("govreport_")

    @property
    def label(self) -> str:
        """What ``govreport plugins`` calls the items: ``section kinds``."""
        return self.attribute.replace("_", " ")

    def item_type(self) -> type:
        """The class every item must be an instance of."""
        module, _, name = self.type_path.partition(":")
        item_type: type = getattr(importlib.import_module(module), name)
        return item_type


HOOKS: dict[str, Hook] = {}
"""Every hook by name, in the order declared: below, then by plugins as they load (a plugin's own
hooks are known once it is imported)."""

_Spec = TypeVar("_Spec", bound=Callable[..., object])


def declare(
    type_path: str, *, key: str = "name", builds_only: bool = False, ordered: bool = False
) -> Callable[[_Spec], _Spec]:
    """Enter a spec function in :data:`HOOKS` and mark it as a pluggy hook spec."""

    def declare(spec: _Spec) -> _Spec:
        name = spec.__name__
        doc = (spec.__doc__ or "").strip()
        HOOKS[name] = Hook(name, type_path, key, builds_only, ordered, doc, spec)
        return hookspec(spec)

    return declare


@declare("govreport.editions:Edition")
def govreport_editions() -> list[Edition]:
    """Return the report editions (formats) this plugin defines."""


@declare("govreport.sections:SectionKind")
def govreport_section_kinds() -> list[SectionKind]:
    """Return the section kinds (content types a report file may use) this plugin defines."""


@declare("govreport.checks:Rule", key="code", ordered=True)
def govreport_rules() -> list[Rule]:
    """Return the check rules this plugin adds."""


@declare("govreport.renderers:Renderer", builds_only=True)
def govreport_renderers() -> list[Renderer]:
    """Return the output formats this plugin can render a document to."""


@declare("govreport.readers:Reader")
def govreport_readers() -> list[Reader]:
    """Return the readers this plugin adds: kinds of published file (a portal page, a Word file,
    a PDF) that govreport can import and check."""
