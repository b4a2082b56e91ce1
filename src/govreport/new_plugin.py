"""``govreport new-plugin NAME``: a new plugin package, ready to install and test.

The package holds one section kind (``NAME.handling``: matters received and completed, with the
completion rate computed), one rule (``XXX001``: completed no more than received), an example
report that uses the kind, a passing pytest test and a README. It is an installable distribution
whose entry point in the ``govreport`` group makes ``govreport`` load it.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from ._records import record
from .errors import GovreportError

NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
MAX_NAME = 40


class ScaffoldError(GovreportError):
    """The plugin cannot be created: a bad name or an existing folder."""


@record
class PluginNames:
    """The names one plugin name gives: distribution, package, entry point, kind, rule code."""

    name: str

    @property
    def distribution(self) -> str:
        return "govreport-" + self.name.replace("_", "-")

    @property
    def package(self) -> str:
        return "govreport_" + self.name

    @property
    def kind(self) -> str:
        return f"{self.name}.handling"

    @property
    def code_prefix(self) -> str:
        return re.sub("[^a-z]", "", self.name)[:3].upper()

    @property
    def rule_code(self) -> str:
        return f"{self.code_prefix}001"


def check_name(name: str) -> PluginNames:
    """The names for ``name``; raises ScaffoldError saying what a valid name looks like."""
    if not NAME_PATTERN.fullmatch(name) or len(name) > MAX_NAME:
        hint = f"；可以试试 {name.lower().replace('-', '_')!r}" if "-" in name else ""
        raise ScaffoldError(
            f"插件名称 {name!r} 不可用：请用小写字母、数字和下划线，以字母开头，"
            f"最多 {MAX_NAME} 个字符（如 'tourism'、'water_resources'）{hint}"
        )
    return PluginNames(name)


_PYPROJECT = """\
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "$distribution"
version = "0.1.0"
description = "govreport plugin: $name"
readme = "README.md"
requires-python = ">=3.10"
dependencies = ["govreport>=0.1"]

[project.optional-dependencies]
test = ["pytest>=7"]

# This entry point is how govreport finds the plugin once it is installed.
[project.entry-points.govreport]
$name = "$package"

[tool.setuptools.packages.find]
where = ["src"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

_INIT = '''\
"""govreport plugin "$name": the section kind ``$kind`` and the rule $code."""

from __future__ import annotations

from .plugin import govreport_rules, govreport_section_kinds

__version__ = "0.1.0"

__all__ = ["govreport_rules", "govreport_section_kinds"]
'''

_PLUGIN = '''\
"""The hook implementations: one section kind and one rule."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

import attrs

from govreport import (
    Block,
    BuildContext,
    Flag,
    Report,
    Rule,
    SectionKind,
    Severity,
    find,
    hookimpl,
    non_negative,
    not_blank,
    rule,
)

KIND = "$kind"


@attrs.frozen
class Handling:
    """事项办理：受理件数和办结件数；办结率自动计算。"""

    lead: str = attrs.field(
        validator=not_blank,
        metadata={"doc": "加粗的首句。The bold lead sentence.", "example": "依法办理群众诉求。"},
    )
    received: int = attrs.field(
        validator=non_negative,
        metadata={"doc": "受理件数。Matters received.", "example": 120},
    )
    completed: int = attrs.field(
        validator=non_negative,
        metadata={"doc": "办结件数。Matters completed.", "example": 118},
    )
    text: str = attrs.field(default="", metadata={"doc": "首句后的正文。Text after the lead."})


def completion_rate(completed: int, received: int) -> str:
    """Completed as a percentage of received, one decimal, rounded half up: 118/120 → 98.3%."""
    rate = Decimal(completed) * 100 / Decimal(received)
    return f"{rate.quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def build_handling(data: Handling, context: BuildContext) -> Iterator[Block]:
    """A numbered item whose closing sentence states the year's figures."""
    figures = f"{context.report.year}年，受理{data.received}件，办结{data.completed}件"
    if data.received:
        figures += f"，办结率{completion_rate(data.completed, data.received)}"
    yield context.numbered_item(data.lead, context.text(data.text) + figures + "。")


@rule(
    "$code",
    Severity.ERROR,
    "事项办理：办结件数不能超过受理件数",
    basis="办结的事项是受理的事项的一部分；办结件数大于受理件数说明数字填写有误。",
)
def completed_within_received(report: Report) -> Iterator[Flag]:
    """Completed matters are among the matters received.

    Example:
        ```toml
        [[sections.content]]
        kind = "$kind"
        lead = "依法办理群众诉求。"
        received = 10
        completed = 12
        ```

        办结12件，但只受理了10件。Twelve completed, but only ten received.

    Fix:
        核对 `received`（受理件数）和 `completed`（办结件数），使办结件数不超过受理件数。
        Check `received` and `completed`; completed cannot exceed received.
    """
    for path, data in find(report, Handling):
        if data.completed > data.received:
            yield Flag(
                f"{path}.completed",
                f"办结件数（completed = {data.completed}）"
                f"大于受理件数（received = {data.received}），请核对。",
            )


@hookimpl
def govreport_section_kinds() -> list[SectionKind]:
    return [SectionKind(KIND, Handling, build_handling, "事项办理：受理和办结件数，办结率自动计算")]


@hookimpl
def govreport_rules() -> list[Rule]:
    return [completed_within_received]
'''

_TEST = '''\
"""The plugin is installed, its section kind builds and its rule finds what it should.

The helpers of govreport.testing load each report with the built-in plugins and this one only,
whatever else is installed.
"""

from __future__ import annotations

from pathlib import Path

import $package
from govreport import Paragraph, load_registry
from govreport.testing import findings_of, rendered, report_from

EXAMPLE = (Path(__file__).parent.parent / "example" / "report.toml").read_text(encoding="utf-8")


def test_the_plugin_is_installed():
    registry = load_registry()
    assert "$kind" in registry.section_kinds
    assert "$code" in [rule.code for rule in registry.rules]


def test_the_example_states_the_completion_rate():
    report = report_from(EXAMPLE, $package)
    paragraphs = [block.text for block in report.build().blocks if isinstance(block, Paragraph)]
    assert "1.依法办理群众诉求。2023年，受理120件，办结118件，办结率98.3%。" in paragraphs
    assert "办结率98.3%" in rendered(report, "md")
    assert [f for f in findings_of(report) if f.code == "$code"] == []


def test_completed_above_received_is_an_error():
    text = EXAMPLE.replace("completed = 118", "completed = 121")
    findings = [f for f in findings_of(text, $package) if f.code == "$code"]
    assert [f.path for f in findings] == ["sections[0].content[1].completed"]
'''

_EXAMPLE = """\
# An example report that uses the section kind "$kind". Build it with:
#   govreport build example --to md,html

edition = "gb2021"
year = 2023
draft = true  # 草稿：表格未填，只为展示内容种类 (its tables are blank: built as a draft)

[agency]
name = "某市某局"
office = "某市某局办公室"

[[sections]]
part = "overview"

[[sections.content]]
kind = "paragraph"
text = "{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》。"

[[sections.content]]
kind = "$kind"
lead = "依法办理群众诉求。"
received = 120
completed = 118

[[sections]]
part = "active"
content = ["……"]

[[sections]]
part = "requests"
content = ["……"]

[[sections]]
part = "appeals"
content = ["……"]

[[sections]]
part = "problems"
content = ["……"]

[[sections]]
part = "other"
content = ["无。"]
"""

_README = """\
# $distribution

A govreport plugin. It adds:

- the section kind `$kind` (事项办理): a numbered item stating the matters received and completed,
  with the completion rate computed (118 of 120 → 98.3%);
- the rule `$code` (error): completed matters cannot outnumber those received.

## Install and use

```sh
python -m pip install -e '.[test]'
govreport plugins                          # lists "$name" with its section kind and rule
govreport build example --to md,html       # example/build/example.md and .html
```

In a report file:

```toml
[[sections.content]]
kind = "$kind"
lead = "依法办理群众诉求。"
received = 120
completed = 118
```

## Test

```sh
python -m pytest
```

## Layout

```
pyproject.toml                       the distribution and its entry point (group "govreport")
src/$package/plugin.py          the section kind, the rule and the hook implementations
tests/test_$name.py                  tests
example/report.toml                  a report that uses the section kind
```
"""


def files(names: PluginNames) -> dict[str, str]:
    """The plugin package's files, by path relative to its folder."""
    values = {
        "name": names.name,
        "distribution": names.distribution,
        "package": names.package,
        "kind": names.kind,
        "code": names.rule_code,
    }
    templates = {
        "pyproject.toml": _PYPROJECT,
        "README.md": _README,
        f"src/{names.package}/__init__.py": _INIT,
        f"src/{names.package}/plugin.py": _PLUGIN,
        f"tests/test_{names.name}.py": _TEST,
        "example/report.toml": _EXAMPLE,
    }
    return {path: Template(text).substitute(values) for path, text in templates.items()}


def create(name: str, parent: Path = Path()) -> Path:
    """Write a new plugin package ``govreport-NAME`` into ``parent``; returns its folder.

    Refuses to write into a folder that already exists.
    """
    names = check_name(name)
    folder = parent / names.distribution
    if folder.exists():
        raise ScaffoldError(f"{folder} 已经存在；请换一个名称或文件夹")
    if not parent.is_dir():
        raise ScaffoldError(f"{parent} 不是文件夹")
    for relative, text in files(names).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
