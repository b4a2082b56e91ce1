"""What the code says about itself, for the generated pages: field docs, types, examples.

- :func:`field_doc` — a field's description: its ``metadata["doc"]`` or the docstring under it;
- :func:`field_example` — the example value a field shows: ``metadata["example"]``, else one
  made up from its type;
- :func:`rule_doc` — a rule's docstring split into description, example and fix;
- :func:`undocumented_options` — renderer options that lack a bilingual description or an
  example a report file accepts;
- :func:`toml_value` — a value as it is written in a report file.

The page writers (:mod:`govreport.docgen.pages`) turn these into Markdown.
"""

from __future__ import annotations

import ast
import datetime
import decimal
import enum
import inspect
import itertools
import re
import sys
import textwrap
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from .._records import record
from .._toml_writer import inline
from ..checks import Rule
from ..plugins import Registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def markdown(text: str) -> str:
    """Docstring text as Markdown: reStructuredText ``code`` becomes `code`."""
    text = re.sub(r":\w+:`~?\.*([^`]+)`", r"`\1`", text)
    return re.sub(r"(?<!`)``(?!`)", "`", text)


def one_line(text: str) -> str:
    """Docstring text as one line of Markdown, for a table cell."""
    return " ".join(markdown(inspect.cleandoc(text)).split())


def toml_value(value: Any) -> str:
    """A value written as TOML: ``"text"``, ``12``, ``true``, ``[…]``, ``{ key = … }``."""
    return inline(_plain(value))


def _plain(value: Any) -> Any:
    """A field's default or example as the plain data a report file holds: an enum as its value,
    a tuple as a list, an attrs instance as a table of its fields, anything else as its text."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, (bool, int, float, str, datetime.date)):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(name): _plain(item) for name, item in value.items()}
    if attrs.has(type(value)):
        return _plain(attrs.asdict(value, recurse=False))
    return str(value)


def attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings written under a class's attributes (``x: int = 0`` then ``\"\"\"…\"\"\"``)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    docs: dict[str, str] = {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for node, following in itertools.pairwise(body):
        if (
            isinstance(node, (ast.AnnAssign, ast.Assign))
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0]
            if isinstance(target, ast.Name):
                docs[target.id] = following.value.value
    return docs


def field_doc(cls: type, field: attrs.Attribute) -> str:
    """A field's description: ``metadata["doc"]``, else the docstring under it."""
    doc = field.metadata.get("doc") or attribute_docs(cls).get(field.name, "")
    return one_line(doc)


def type_hints(cls: type) -> dict[str, Any]:
    """A class's field types, resolved where they can be (else as written)."""
    try:
        return typing.get_type_hints(cls)
    except Exception:
        return {field.name: field.type for field in attrs.fields(cls)}


def not_applicable_type() -> type | None:
    """The type of the "/" (not applicable) cell value, when the tables are installed."""
    try:
        from ..tables.cells import NotApplicable
    except ImportError:
        return None
    return NotApplicable


def is_content(hint: Any) -> bool:
    """Whether a field holds content: plain paragraphs and items of the section kinds."""
    return hint == tuple[Any, ...]


def example_for(hint: Any) -> Any:
    """A placeholder example for a type, when the field gives none."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in args if arg is not type(None)]
        return example_for(members[0]) if members else None
    if origin is typing.Literal:
        return args[0]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint)).value
    if is_content(hint):
        return ["……"]
    if isinstance(hint, type) and attrs.has(hint):
        return class_example(hint)
    if origin is dict and len(args) == 2:
        item = example_for(args[1])
        return {"name": item} if item is not None else None
    if origin in (tuple, list) and args:
        item = example_for(args[0])
        return [item] if item is not None else None
    examples = {
        str: "……",
        bool: True,
        int: 12,
        float: 1.5,
        decimal.Decimal: 1.5,
        datetime.date: datetime.date(2020, 1, 20),
    }
    return examples.get(hint)


def field_example(field: attrs.Attribute, hint: Any) -> Any:
    return field.metadata["example"] if "example" in field.metadata else example_for(hint)


def class_example(cls: type) -> dict[str, Any] | None:
    """An inline table of a class's required keys (else its first key that has an example)."""
    hints = type_hints(cls)
    fields = [f for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    fields = fields or [f for f in attrs.fields(cls) if "example" in f.metadata][:1]
    example = {}
    for field in fields:
        value = field_example(field, hints.get(field.name, field.type))
        if value is None:
            return None
        example[field.name] = value
    return example or None


def class_summary(cls: type) -> str:
    """A class's docstring as Markdown, or nothing when it has none of its own."""
    doc = inspect.getdoc(cls) or ""
    if doc.startswith(f"{cls.__name__}("):  # attrs' generated signature, not a description
        return ""
    return markdown(doc)


# Rules ------------------------------------------------------------------------------------------

_SECTION_LINE = re.compile(r"^\s*(例|Example|改正|Fix)\s*[:：]\s*$")
_SECTION_NAMES = {"例": "example", "Example": "example", "改正": "fix", "Fix": "fix"}


@record
class RuleDoc:
    """A rule function's docstring split into its description, example and fix."""

    description: str
    example: str
    fix: str


def rule_doc(rule: Rule) -> RuleDoc:
    """Split a rule function's docstring.

    The convention: a description, then a line ``Example:`` (or ``例：``) followed by an indented
    failing report excerpt (Markdown: a fenced ``toml`` block and a sentence on what is wrong),
    then a line ``Fix:`` (or ``改正：``) followed by indented text saying how to correct it.
    """
    doc = inspect.getdoc(rule.function) or ""
    sections: dict[str, list[str]] = {"description": [], "example": [], "fix": []}
    current = "description"
    for line in doc.splitlines():
        match = _SECTION_LINE.match(line)
        if match:
            current = _SECTION_NAMES[match.group(1)]
            continue
        sections[current].append(line)
    text = {
        key: markdown(textwrap.dedent("\n".join(lines)).strip()) for key, lines in sections.items()
    }
    return RuleDoc(text["description"], text["example"], text["fix"])


def undocumented_rules(registry: Registry) -> list[str]:
    """``CODE: missing …`` for every rule whose docstring lacks an example or a fix."""
    missing = []
    for rule in registry.rules:
        doc = rule_doc(rule)
        absent = [name for name, text in (("Example:", doc.example), ("Fix:", doc.fix)) if not text]
        if absent:
            missing.append(f"{rule.code}: docstring has no {' or '.join(absent)} section")
    return missing


# Renderer options -------------------------------------------------------------------------------

_BILINGUAL = re.compile(r"[\u4e00-\u9fff][^。]*。.*[A-Za-z]{3,}")
"""A Chinese sentence ending in 。, then English words: a description, Chinese first."""

_OPTIONS_REPORT = """\
edition = "eight-part"
year = 2019

[agency]
name = "某市商务局"
office = "某市商务局办公室"
"""
"""The smallest report an example option is tried in."""


def undocumented_options(registry: Registry) -> list[str]:
    """``output.NAME.KEY: …`` for every renderer option whose description is not Chinese then
    English, or whose ``metadata["example"]`` is absent or refused in a report's
    ``[output.NAME]`` table (as a report author would write it, checked by the loader)."""
    from ..errors import GovreportError, ReportError
    from ..loader import loads

    missing = []
    for name, renderer in registry.renderers.items():
        options = renderer.options_type
        if options is None:
            continue
        for field in attrs.fields(options):
            if field.name.startswith("_") or not field.init:
                continue
            place = f"output.{name}.{field.name}"
            doc = field_doc(options, field)
            if not _BILINGUAL.match(doc):
                missing.append(f"{place}: needs a description in Chinese, then English")
            if "example" not in field.metadata:
                missing.append(f"{place}: needs an example value (metadata['example'])")
                continue
            example = toml_value(field.metadata["example"])
            text = f"{_OPTIONS_REPORT}\n[output.{name}]\n{field.name} = {example}\n"
            try:
                loads(text, registry=registry)
            except ReportError as error:
                reasons = "; ".join(problem.message for problem in error.problems)
                missing.append(f"{place}: the example {example} is refused: {reasons}")
            except GovreportError as error:
                missing.append(f"{place}: the example {example} is refused: {error}")
    return missing


def entry_point_names(folder: Path) -> Iterator[str]:
    """The ``govreport`` entry points a plugin's source folder declares in its pyproject."""
    project = folder / "pyproject.toml"
    if project.is_file():
        data = tomllib.loads(project.read_text(encoding="utf-8"))
        yield from data.get("project", {}).get("entry-points", {}).get("govreport", {})
