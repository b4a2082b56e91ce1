"""The ``govreport`` command.

Exit status: 0 success (for ``check``: no errors found), 1 ``check`` found errors, 2 the input
cannot be used (the message says where and why; ``--debug`` adds the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .errors import GovreportError, ReportError

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _comma_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Build and check 政府信息公开工作年度报告 in the national format.",
    )
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument(
        "--disable-plugins",
        type=_comma_list,
        default=[],
        metavar="NAMES",
        help="plugins to turn off, comma-separated, as 'govreport plugins' names them",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="render reports to Markdown and other formats")
    build.add_argument(
        "paths", nargs="+", metavar="PATH", help="report files, or folders holding report.toml"
    )
    build.add_argument(
        "--to",
        type=_comma_list,
        default=["md"],
        help="output formats, comma-separated (default: md)",
    )
    build.add_argument(
        "-o", "--output", type=Path, help="output folder (default: build/ beside each report)"
    )
    build.add_argument(
        "-j", "--jobs", type=_positive, default=1, help="worker processes for many reports"
    )
    build.add_argument(
        "--html-fragment",
        action="store_true",
        help="write the HTML as a fragment to paste into a portal page (no <html>/<head>)",
    )

    check = commands.add_parser("check", help="check a report's structure and arithmetic")
    check.add_argument("path", help="a report file, or a folder holding report.toml")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument(
        "--previous",
        metavar="LAST",
        help="last year's report, to check this year's figures against it",
    )

    rules = commands.add_parser("rules", help="list every check rule with its code and basis")
    rules.add_argument("--format", choices=["text", "json"], default="text")

    commands.add_parser("plugins", help="list the loaded plugins and what each provides")

    new_plugin = commands.add_parser(
        "new-plugin", help="create a plugin package with a section kind, a rule and a test"
    )
    new_plugin.add_argument("name", help="the plugin's name: lower-case letters, digits and _")
    new_plugin.add_argument(
        "--dir", type=Path, default=Path(), help="where to create it (default: here)"
    )
    return parser


def _warn_plugin_failures(registry: object) -> None:
    for failure in getattr(registry, "failures", []):
        print(f"warning: {failure}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from .batch import Progress, build_many, plan

    overrides = {"html": {"fragment": True}} if args.html_fragment else None
    jobs, failures = plan(args.paths, args.output)
    for failure in failures:
        print(f"error: {failure.error}", file=sys.stderr)
    progress = Progress(len(jobs))
    warned: set[str] = set()
    for result in build_many(jobs, args.to, overrides, args.jobs):
        progress.clear()
        for warning in set(result.warnings) - warned:
            print(f"warning: {warning}", file=sys.stderr)
        warned.update(result.warnings)
        if result.error:
            failures.append(result)
            print(f"error: {result.error}", file=sys.stderr)
        for output in result.outputs:
            print(output)
        progress.step()
    progress.clear()
    if failures and len(args.paths) > 1:
        print(f"error: {len(failures)} of {len(args.paths)} reports failed", file=sys.stderr)
    return EXIT_UNUSABLE if failures else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .checking import run_checks
    from .checks import Severity
    from .checks.grouping import group_by_section, verdict
    from .loader import load

    loaded = load(args.path)
    _warn_plugin_failures(loaded.registry)
    previous = load(args.previous).report if args.previous else None
    findings = run_checks(loaded.report, loaded.registry, previous=previous)
    errors = [f for f in findings if f.severity is not Severity.WARNING]
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        print(loaded.path)
        for group, members in group_by_section(findings, loaded.report, loaded.registry):
            print(group)
            for finding in members:
                print(
                    f"  {finding.code} [{finding.severity.label}] {finding.path}：{finding.message}"
                )
        print(verdict(findings))
    return EXIT_FINDINGS if errors else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from .plugins import load_registry

    registry = load_registry()
    listed = sorted(registry.rules, key=lambda item: item.code)
    if args.format == "json":
        entries = [
            {
                "code": item.code,
                "severity": item.severity.value,
                "editions": list(item.editions) if item.editions is not None else None,
                "title": item.title,
                "basis": item.basis,
                "plugin": registry.provider("govreport_rules", item),
            }
            for item in listed
        ]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for item in listed:
            editions = "、".join(item.editions) if item.editions is not None else "所有版本"
            print(f"{item.code} [{item.severity.label}] {item.title}（{editions}）")
            print(f"    依据：{item.basis or '（未注明）'}")
    _warn_plugin_failures(registry)
    return EXIT_OK


def _plugins(args: argparse.Namespace) -> int:
    from .plugins import load_registry

    registry = load_registry()
    for plugin in registry.plugins:
        print(f"{plugin.name} {plugin.version} ({plugin.source})")
        for label, names in registry.provided_by(plugin.name).items():
            print(f"    {label}: {', '.join(names)}")
    _warn_plugin_failures(registry)
    return EXIT_OK


def _new_plugin(args: argparse.Namespace) -> int:
    from .scaffold import create

    folder = create(args.name, args.dir)
    print(folder)
    return EXIT_OK


COMMANDS = {
    "build": _build,
    "check": _check,
    "rules": _rules,
    "plugins": _plugins,
    "new-plugin": _new_plugin,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with _plugins_disabled(args.disable_plugins):
        try:
            return COMMANDS[args.command](args)
        except (GovreportError, ReportError) as error:
            if args.debug:
                traceback.print_exc()
            print(f"error: {error}", file=sys.stderr)
            return EXIT_UNUSABLE


@contextmanager
def _plugins_disabled(names: list[str]) -> Iterator[None]:
    """Add names to GOVREPORT_DISABLE_PLUGINS while a command runs (worker processes see it)."""
    from .plugins import DISABLE_ENV

    before = os.environ.get(DISABLE_ENV)
    if names:
        os.environ[DISABLE_ENV] = ",".join(filter(None, [before, *names]))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DISABLE_ENV, None)
        else:
            os.environ[DISABLE_ENV] = before


if __name__ == "__main__":
    sys.exit(main())
