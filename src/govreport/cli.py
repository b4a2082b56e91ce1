"""The ``govreport`` command.

Exit status: 0 success (for ``check``: no errors found), 1 ``check`` found errors, 2 the input
cannot be used (the message says where and why; ``--debug`` adds the traceback).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .errors import GovreportError, ReportError, printable

if TYPE_CHECKING:
    from .plugins import Registry

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _comma_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


_PATHS_HELP = "report files, or folders holding report.toml"


def _build_arguments(build: argparse.ArgumentParser) -> None:
    build.add_argument("paths", nargs="+", metavar="PATH", help=_PATHS_HELP)
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
    build.add_argument(
        "--force",
        action="store_true",
        help="build reports whose checks find errors or inconsistencies (not for publishing)",
    )


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help=_PATHS_HELP)
    _format_argument(check)
    check.add_argument(
        "--previous",
        metavar="LAST",
        help="last year's report, to check this year's figures against it (one PATH only)",
    )


def _format_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=["text", "json"], default="text")


def _no_arguments(command: argparse.ArgumentParser) -> None:
    pass


def _new_plugin_arguments(new_plugin: argparse.ArgumentParser) -> None:
    new_plugin.add_argument("name", help="the plugin's name: lower-case letters, digits and _")
    new_plugin.add_argument(
        "--dir", type=Path, default=Path(), help="where to create it (default: here)"
    )


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("dir", type=Path, metavar="DIR", help="the folder to write report.toml in")
    new.add_argument("--edition", help="the edition (default: gb2021, or last year's)")
    new.add_argument("--agency", help="the agency's name (required without --from)")
    new.add_argument("--year", type=int, help="the report year (default: last year's + 1)")
    new.add_argument(
        "--from", dest="last", metavar="LAST", help="last year's report, to start from"
    )


def _compare_arguments(compare: argparse.ArgumentParser) -> None:
    compare.add_argument("last", metavar="LAST", help="last year's report")
    compare.add_argument("this", metavar="THIS", help="this year's report")
    _format_argument(compare)


def _aggregate_arguments(aggregate: argparse.ArgumentParser) -> None:
    aggregate.add_argument("reports", nargs="+", metavar="REPORT", help="the reports to sum")
    aggregate.add_argument(
        "-o", "--output", type=Path, required=True, help="a .toml file, or a folder for report.toml"
    )
    aggregate.add_argument("--agency", default="汇总", help="the agency publishing the sum")
    aggregate.add_argument(
        "--keep-going", action="store_true", help="sum the usable reports when others fail"
    )
    aggregate.add_argument("--force", action="store_true", help="overwrite an existing output")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("path", metavar="PATH", help="a report file, or a folder holding one")
    export.add_argument("--to", choices=["json"], default="json", help="the format (json)")
    export.add_argument("-o", "--output", type=Path, help="the file to write (default: stdout)")


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("-o", "--output", type=Path, help="the file to write (default: stdout)")


_ARGUMENTS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "build": ("render reports to Markdown and other formats", _build_arguments),
    "check": ("check reports' structure and arithmetic", _check_arguments),
    "rules": ("list every check rule with its code and basis", _format_argument),
    "plugins": ("list the loaded plugins and what each provides", _no_arguments),
    "new-plugin": (
        "create a plugin package with a section kind, a rule and a test",
        _new_plugin_arguments,
    ),
    "new": ("start a report: every part and table, still blank", _new_arguments),
    "compare": ("compare a report with last year's", _compare_arguments),
    "aggregate": (
        "sum the tables of many reports of one edition and year into one",
        _aggregate_arguments,
    ),
    "export": ("write a report's data as JSON", _export_arguments),
    "schema": ("print a JSON Schema of the report file", _schema_arguments),
}
"""Each command's one-line help and the function adding its arguments."""


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; given the command named, only that command's part of it.

    argparse looks up translations and the terminal's width for every parser it makes, a few
    milliseconds for all ten commands; a command line that names its command gets a parser for
    that one alone (same help, same errors).
    """
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Build and check 政府信息公开工作年度报告 in the national format.",
        allow_abbrev=False,
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
    parser.add_argument(
        "--allow-local-plugins",
        action="store_true",
        help="run the plugin files a report names for itself (Python code: only for reports "
        "you trust; see docs/security.md)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, add_arguments) in _ARGUMENTS.items():
        if command is None or name == command:
            add_arguments(commands.add_parser(name, help=help_text))
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command an argument list names, when it names one before anything unexpected."""
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--disable-plugins":
            next(arguments, None)  # its value
        elif not argument.startswith("-"):
            return argument if argument in _ARGUMENTS else None
    return None


def _warn_plugin_failures(registry: Registry) -> None:
    """Warn of every plugin that failed, asking each hook (commands that list or write)."""
    registry.ask_every_hook()
    for failure in registry.failures:
        print(f"warning: {failure}", file=sys.stderr)


def _show_plugin_failures(failures: Sequence[str], shown: set[str]) -> None:
    """Print each plugin failure as an error, once for all the reports of a command."""
    for failure in failures:
        if failure not in shown:
            shown.add(failure)
            print(f"error: {failure}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    """Check and build each report: stdout lists the files written; stderr has each report's
    checks, as ``check`` prints them. Exit 2 if any report cannot be used, else 1 if any was
    refused for its findings, else 0."""
    from ._batch import Progress, build_many, plan

    overrides = {"html": {"fragment": True}} if args.html_fragment else None
    jobs, failures = plan(args.paths, args.output, args.force)
    for failure in failures:
        print(f"error: {failure.error}", file=sys.stderr)
    progress = Progress(len(jobs))
    shown: set[str] = set()
    refused: list[str] = []
    for result in build_many(jobs, args.to, overrides, args.jobs):
        progress.clear()
        _show_plugin_failures(result.plugin_failures, shown)
        if result.summary:
            print("\n".join(result.summary), file=sys.stderr)
        if result.error:
            failures.append(result)
            if args.debug and result.traceback:
                print(result.traceback, file=sys.stderr, end="")
            print(f"error: {result.error}", file=sys.stderr)
        if result.refused:
            refused.append(result.summary[0])
            print(_REFUSED.format(printable(result.summary[0])), file=sys.stderr)
        if result.forced:
            print(_FORCED.format(printable(result.summary[0])), file=sys.stderr)
        for output in result.outputs:
            print(printable(output))
        progress.step()
    progress.clear()
    if failures and len(args.paths) > 1:
        print(f"error: {len(failures)} of {len(args.paths)} reports failed", file=sys.stderr)
    if refused and len(args.paths) > 1:
        names = "、".join(printable(name) for name in refused)
        print(f"error: {len(refused)} 份报告检查不通过，没有生成：{names}", file=sys.stderr)
    if failures:
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if refused else EXIT_OK


_REFUSED = (
    "error: {}: 检查不通过，没有生成任何文件。请按上面列出的问题修改后再生成；"
    "确需先生成的，加 --force（生成的文件不得作为正式报告发布）。"
)
_FORCED = (
    "warning: {}: 检查不通过，因 --force 仍已生成。"
    "这份报告有错误或不一致，改正之前不得作为正式报告发布。"
)


def _check(args: argparse.Namespace) -> int:
    """Check each report; exit 2 if any cannot be used, else 1 if any has errors, else 0."""
    from ._check_command import FAIL, UNUSABLE, check_report, tally

    if args.previous and len(args.paths) > 1:
        print(
            "error: --previous compares one report with last year's; give one PATH", file=sys.stderr
        )
        return EXIT_UNUSABLE
    outcomes = []
    shown: set[str] = set()
    for path in args.paths:
        # JSON on stdout is read by programs: whatever else is printed meanwhile goes to stderr.
        with redirect_stdout(sys.stderr) if args.format == "json" else nullcontext():
            outcome = check_report(path, args.previous)
        outcomes.append(outcome)
        _show_plugin_failures(outcome.plugin_failures, shown)
        if outcome.error is not None:
            if args.debug and outcome.traceback:
                print(outcome.traceback, file=sys.stderr, end="")
            print(f"error: {outcome.error}", file=sys.stderr)
        elif args.format == "text":
            print("\n".join(outcome.lines))
    verdicts = [outcome.verdict for outcome in outcomes]
    if args.format == "json":
        import json

        entries = [outcome.as_json() for outcome in outcomes]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    elif len(outcomes) > 1:
        print(tally(verdicts))
    unusable = verdicts.count(UNUSABLE)
    if unusable and len(args.paths) > 1:
        print(
            f"error: {unusable} of {len(args.paths)} reports could not be checked", file=sys.stderr
        )
    if unusable:
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if FAIL in verdicts else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from .plugins import load_registry

    registry = load_registry()
    listed = sorted(registry.rules, key=lambda item: item.code)
    if args.format == "json":
        import json

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
    from .new_plugin import create

    folder = create(args.name, args.dir)
    print(folder)
    return EXIT_OK


def _write_or_print(text: str, output: Path | None, source: Path | None = None) -> None:
    """Print text, or write it to output (never over a report file, nor over source)."""
    from ._atomic import refuse_over_report, write_atomic

    if output is None:
        sys.stdout.write(text)
    else:
        refuse_over_report(output, source)
        write_atomic(output, text.encode("utf-8"))
        print(printable(str(output)))


def _new(args: argparse.Namespace) -> int:
    from .loader import load
    from .plugins import shared_registry
    from .workflow.new_report import create

    last = load(args.last) if args.last else None
    registry = last.registry if last is not None else shared_registry()
    print(printable(str(create(args.dir, registry, args.edition, args.year, args.agency, last))))
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    import json

    from .loader import load
    from .workflow.compare import as_dict, as_text, compare

    comparison = compare(load(args.last), load(args.this))
    if args.format == "json":
        print(json.dumps(as_dict(comparison), ensure_ascii=False, indent=2))
    else:
        print(printable(as_text(comparison), keep_lines=True), end="")
    return EXIT_OK


def _aggregate(args: argparse.Namespace) -> int:
    from .workflow.aggregate import aggregate

    rollup = aggregate(args.reports, args.output, args.agency, args.keep_going, args.force)
    for failure in rollup.failures:
        reason = printable(failure.reason, keep_lines=True)
        print(f"error: {printable(str(failure.path))}: {reason}", file=sys.stderr)
    if not rollup.written:
        print(
            f"error: {len(rollup.failures)} of {len(args.reports)} reports cannot be summed; "
            "nothing written (--keep-going sums the others)",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    print(printable(str(rollup.target)))
    for finding in rollup.problems:
        print(
            f"{finding.code} [{finding.severity.label}] {finding.path}：{finding.message}",
            file=sys.stderr,
        )
    return EXIT_FINDINGS if rollup.problems else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from .loader import load
    from .workflow.export import export_json

    loaded = load(args.path)
    _write_or_print(export_json(loaded), args.output, loaded.path)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    import json

    from .plugins import load_registry
    from .workflow.schema import report_schema

    registry = load_registry()
    _warn_plugin_failures(registry)
    text = json.dumps(report_schema(registry), ensure_ascii=False, indent=2) + "\n"
    _write_or_print(text, args.output)
    return EXIT_OK


COMMANDS = {
    "build": _build,
    "check": _check,
    "rules": _rules,
    "plugins": _plugins,
    "new-plugin": _new_plugin,
    "new": _new,
    "compare": _compare,
    "aggregate": _aggregate,
    "export": _export,
    "schema": _schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _parser(_command_named(arguments)).parse_args(arguments)
    with _plugin_switches(args.disable_plugins, args.allow_local_plugins):
        try:
            return COMMANDS[args.command](args)
        except (GovreportError, ReportError) as error:
            if args.debug:
                import traceback

                traceback.print_exc()
            print(f"error: {error}", file=sys.stderr)
            return EXIT_UNUSABLE
        except BrokenPipeError:
            # The reader went away (``govreport rules | head``): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_FINDINGS


def _plugin_switches(disabled: list[str], allow_local: bool) -> AbstractContextManager[None]:
    """The command line's plugin switches as environment settings while a command runs.

    ``--disable-plugins`` adds to GOVREPORT_DISABLE_PLUGINS and ``--allow-local-plugins`` sets
    GOVREPORT_ALLOW_LOCAL_PLUGINS, so that worker processes see them too.
    """
    from ._discovery import DISABLE_ENV, settings
    from ._local_plugins import ALLOW_LOCAL_ENV

    values: dict[str, str | None] = {}
    if disabled:
        values[DISABLE_ENV] = ",".join(filter(None, [os.environ.get(DISABLE_ENV), *disabled]))
    if allow_local:
        values[ALLOW_LOCAL_ENV] = "1"
    return settings(values)


def run() -> NoReturn:
    """The ``govreport`` program: :func:`main` in a process of its own.

    A command creates most of its objects as it starts (modules, classes, plugin data) and keeps
    them until it exits. Python's default of collecting garbage every 700 new objects made a
    ``check`` run some fifty collections that found next to nothing, about 15 ms of its start;
    every 10,000 keeps memory bounded all the same (a 200-report build peaks a few MB higher).
    """
    gc.set_threshold(10_000, 10, 10)
    sys.exit(main())


if __name__ == "__main__":
    run()
