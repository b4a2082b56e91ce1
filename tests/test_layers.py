"""The layers of the package, read from its source: core, built-ins, workflow and renderers.

``govreport`` is the core: the contracts plugins meet (rules, editions, section kinds,
renderers, the document tree, the tables), the model, the loader, building and the registry.
``govreport.builtins`` holds the default plugins, and ``govreport.workflow`` the commands around
reports (new, compare, aggregate, export, schema). Three rules keep them apart:

(a) core never imports ``govreport.builtins`` or ``govreport.workflow``: the built-ins are
    plugins like any installed one, so each could ship as its own distribution;
(b) a renderer (``govreport.renderers`` and the built-in Markdown, HTML and .docx renderers)
    never imports the model, the loader or the plugin registry: renderers meet a report only
    as its document tree;
(c) no import cycle between packages, nor between modules;
(d) a built-in imports no other built-in and no private (``_…``) core module: it reaches core
    only through its public modules and the names ``govreport`` exports, as a plugin shipped
    on its own would (the acid test: ``govreport.builtins.national`` could be a distribution).

The front door — ``govreport/__init__.py``, ``__main__.py`` and ``cli.py`` — may import
anything: it is where a user or the CLI reaches core, built-ins and workflow alike.

Every ``import`` counts, at module level or inside a function, for (a) and (b): a type named only
for annotations still ties the layers together. For (c), imports under ``if TYPE_CHECKING:`` are
left out: they never run, so they cannot make a cycle at import time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs

SOURCE = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "govreport"

FRONT_DOOR = {"govreport", "govreport.__main__", "govreport.cli"}
OUTER = ("govreport.builtins", "govreport.workflow")
RENDERERS = (
    "govreport.renderers",
    "govreport.builtins.markdown",
    "govreport.builtins.html",
    "govreport.builtins.docx",
)
NOT_FOR_RENDERERS = ("govreport.model", "govreport.loader", "govreport.plugins")


@attrs.frozen
class Import:
    """One import in the source: who imports what, and whether it runs."""

    importer: str
    imported: str
    line: int
    type_only: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {module_name(path): path for path in sorted((SOURCE / PACKAGE).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(tree: ast.AST, type_only: bool = False) -> Iterator[tuple[ast.stmt, bool]]:
    """Every import statement, and whether it sits under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, type_only
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from _statements(ast.Module([child], []), True)
            for child in node.orelse:
                yield from _statements(ast.Module([child], []), type_only)
        else:
            yield from _statements(node, type_only)


def imports(known: dict[str, Path]) -> Iterator[Import]:
    """The imports of the package's own modules, resolved to the modules they load."""
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node, type_only in _statements(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                # ``from package import module`` loads the module; a name in it, the package
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            for target in targets:
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    yield Import(name, target, node.lineno, type_only)


def within(name: str, prefixes: tuple[str, ...] | str) -> bool:
    prefixes = (prefixes,) if isinstance(prefixes, str) else prefixes
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def unit(name: str) -> str:
    """The package a module belongs to for (c): a top-level module or subpackage of core, or
    one built-in (each could be a distribution of its own)."""
    depth = 3 if within(name, "govreport.builtins") else 2
    return ".".join(name.split(".")[:depth])


def cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        if source != target:
            graph.setdefault(source, set()).add(target)
            graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def shown(found: list[Import]) -> str:
    return "\n".join(f"{i.importer}:{i.line} imports {i.imported}" for i in found)


def breaches() -> dict[str, list[Import]]:
    """Each rule's breaches."""
    all_imports = list(imports(modules()))
    core = [
        i for i in all_imports if not within(i.importer, OUTER) and i.importer not in FRONT_DOOR
    ]
    renderers = [i for i in all_imports if within(i.importer, RENDERERS)]
    builtins = [i for i in all_imports if within(i.importer, "govreport.builtins")]
    result = {
        "core imports a built-in or workflow": [i for i in core if within(i.imported, OUTER)],
        "built-in imports another built-in or a private module": [
            i
            for i in builtins
            if (within(i.imported, "govreport.builtins") and unit(i.imported) != unit(i.importer))
            or any(part.startswith("_") for part in i.imported.split(".")[1:])
        ],
        "renderer imports the model, loader or registry": [
            i for i in renderers if within(i.imported, NOT_FOR_RENDERERS)
        ],
    }
    return result


def runtime_edges() -> set[tuple[str, str]]:
    return {(i.importer, i.imported) for i in imports(modules()) if not i.type_only}


def test_core_never_imports_builtins_or_workflow():
    found = breaches()["core imports a built-in or workflow"]
    assert not found, "core must reach built-ins only through plugins:\n" + shown(found)


def test_builtins_use_only_the_public_core_and_not_each_other():
    found = breaches()["built-in imports another built-in or a private module"]
    assert not found, "a built-in must stand on its own, as a plugin would:\n" + shown(found)


def test_renderers_meet_reports_only_as_document_trees():
    found = breaches()["renderer imports the model, loader or registry"]
    assert not found, "renderers take the document and options only:\n" + shown(found)


def shown_cycles(found: list[list[str]]) -> str:
    return "\n".join(" <-> ".join(members) for members in found)


def test_no_package_import_cycle():
    found = cycles({(unit(a), unit(b)) for a, b in runtime_edges()})
    assert not found, "packages that import each other:\n" + shown_cycles(found)


def test_no_module_import_cycle():
    found = cycles(runtime_edges())
    assert not found, "modules that import each other:\n" + shown_cycles(found)


def test_the_walk_sees_imports():
    """The rules above would pass on a walk that found nothing."""
    edges = runtime_edges()
    assert ("govreport.build", "govreport.document") in edges
    assert cycles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == [["a", "b", "c"]]
