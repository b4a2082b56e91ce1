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

from . import __version__, _codecache
from ._cli_help import Parser, untranslated
from .errors import GovreportError, ReportError, printable

if TYPE_CHECKING:
    from .plugins import Registry

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("应为 1 或更大的整数")
    return number


def _comma_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


_PATHS_HELP = "报告文件，或存有 report.toml 的文件夹"


def _build_arguments(build: argparse.ArgumentParser) -> None:
    build.add_argument("paths", nargs="+", metavar="PATH", help=_PATHS_HELP)
    build.add_argument(
        "--to",
        type=_comma_list,
        default=["md"],
        help="输出格式，用逗号分隔（默认 md；可用：{renderers}）",
    )
    build.add_argument("-o", "--output", type=Path, help="输出文件夹（默认为各报告旁的 build/）")
    build.add_argument("-j", "--jobs", type=_positive, default=1, help="报告多时同时工作的进程数")
    build.add_argument(
        "--html-fragment",
        action="store_true",
        help="把 HTML 写成片段，以便粘贴到门户网站页面（不含 <html>/<head>）",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="检查发现错误或不一致时仍然生成（生成的文件不得作为正式报告发布）",
    )


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=f"{_PATHS_HELP}，或已发布的报告（.html、.docx、.pdf 等，读入后检查，不写文件）",
    )
    _format_argument(check)
    check.add_argument(
        "--previous",
        metavar="LAST",
        help="上年的报告，用来核对本年的数字（只能给一个 PATH）",
    )
    check.add_argument("-j", "--jobs", type=_positive, default=1, help="报告多时同时工作的进程数")


def _format_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="输出方式：%(choices)s 之一（默认 %(default)s；json 供程序读取）",
    )


def _no_arguments(command: argparse.ArgumentParser) -> None:
    pass


def _new_plugin_arguments(new_plugin: argparse.ArgumentParser) -> None:
    new_plugin.add_argument("name", help="插件名称：小写字母、数字和 _")
    new_plugin.add_argument(
        "--dir", type=Path, default=Path(), help="在哪里创建（默认为当前文件夹）"
    )


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("dir", type=Path, metavar="DIR", help="写入 report.toml 的文件夹")
    new.add_argument("--edition", help="版本（默认 gb2021，或与上年相同；可用：{editions}）")
    new.add_argument("--agency", help="机关名称（不用 --from 时必填）")
    new.add_argument("--year", type=int, help="报告年度（默认为上年报告的年度加 1）")
    new.add_argument("--from", dest="last", metavar="LAST", help="以上年的报告为起点")


def _compare_arguments(compare: argparse.ArgumentParser) -> None:
    compare.add_argument("last", metavar="LAST", help="上年的报告")
    compare.add_argument("this", metavar="THIS", help="本年的报告")
    _format_argument(compare)


def _aggregate_arguments(aggregate: argparse.ArgumentParser) -> None:
    aggregate.add_argument("reports", nargs="+", metavar="REPORT", help="要汇总的报告")
    aggregate.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="一个 .toml 文件，或存放 report.toml 的文件夹",
    )
    aggregate.add_argument("--agency", default="汇总", help="发布汇总的机关（默认 %(default)s）")
    aggregate.add_argument(
        "--keep-going", action="store_true", help="有报告不能用时，仍汇总其余可用的报告"
    )
    aggregate.add_argument("--force", action="store_true", help="覆盖已有的输出")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("path", metavar="PATH", help="报告文件，或存有它的文件夹")
    export.add_argument(
        "--to", choices=["json"], default="json", help="导出格式：%(choices)s（默认 %(default)s）"
    )
    export.add_argument("-o", "--output", type=Path, help="要写入的文件（默认输出到屏幕）")


def _import_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", metavar="FILE", help="已发布的报告：.html、.docx、.pdf 等")
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR",
        help="写入 DIR/report.toml 的文件夹（已有 report.toml 时不会覆盖）",
    )


def _port(value: str) -> int:
    number = int(value)
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError("应为 0 到 65535 之间的整数")
    return number


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "paths", nargs="+", metavar="PATH", help=f"{_PATHS_HELP}，或存有多个报告文件夹的文件夹"
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="端口（默认 %(default)s；0 表示任选一个空闲端口）"
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="监听的地址（默认 %(default)s，只有本机能打开；0.0.0.0 让同一网络中的人都能打开）",
    )
    serve.add_argument(
        "--previous", metavar="LAST", help="上年的报告，用来核对本年的数字（只能给一个 PATH）"
    )
    serve.add_argument("--open", action="store_true", help="启动后在浏览器中打开预览")


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("-o", "--output", type=Path, help="要写入的文件（默认输出到屏幕）")


_ARGUMENTS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "build": ("生成报告的 Markdown、HTML、Word 等文件", _build_arguments),
    "check": ("检查报告的结构和数字", _check_arguments),
    "rules": ("列出所有检查规则及其代码和依据", _format_argument),
    "plugins": ("列出已加载的插件及各自提供的内容", _no_arguments),
    "new-plugin": ("创建插件包（含一种内容类型、一条规则和一个测试）", _new_plugin_arguments),
    "new": ("新建报告：各部分和各表齐全，内容留空待填", _new_arguments),
    "compare": ("与上年的报告比较", _compare_arguments),
    "aggregate": ("把同一版本、同一年度的多份报告的表汇总成一份", _aggregate_arguments),
    "export": ("把报告的数据导出为 JSON", _export_arguments),
    "import": ("读入已发布的报告（HTML、Word、PDF），写成报告文件", _import_arguments),
    "schema": ("输出报告文件的 JSON Schema", _schema_arguments),
    "serve": ("在浏览器中预览报告及其检查结果，保存文件后自动更新", _serve_arguments),
}
"""Each command's one-line help and the function adding its arguments."""


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; given the command named, only that command's part of it.

    argparse looks up translations and the terminal's width for every parser it makes, a few
    milliseconds for all ten commands; a command line that names its command gets a parser for
    that one alone (same help, same errors).
    """
    parser = Parser(
        prog="govreport",
        description="按国家格式生成和检查政府信息公开工作年度报告。",
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version", action="version", version=f"govreport {__version__}", help="显示版本号并退出"
    )
    parser.add_argument("--debug", action="store_true", help="出错时显示调用栈（供开发者排查）")
    parser.add_argument(
        "--disable-plugins",
        type=_comma_list,
        default=[],
        metavar="NAMES",
        help="要关闭的插件，用逗号分隔，名称见 govreport plugins",
    )
    parser.add_argument(
        "--allow-local-plugins",
        action="store_true",
        help="运行报告自己指定的插件文件（它们是 Python 代码：只用于信任的报告；"
        "见 docs/security.md）",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", help="要执行的命令"
    )
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
        print(f"警告：{failure}", file=sys.stderr)


def _show_plugin_failures(failures: Sequence[str], shown: set[str]) -> None:
    """Print each plugin failure as an error, once for all the reports of a command."""
    for failure in failures:
        if failure not in shown:
            shown.add(failure)
            print(f"错误：{failure}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    """Check and build each report: stdout lists the files written; stderr has each report's
    checks, as ``check`` prints them. Exit 2 if any report cannot be used, else 1 if any was
    refused for its findings, else 0."""
    from ._batch import Progress, build_many, plan

    overrides = {"html": {"fragment": True}} if args.html_fragment else None
    jobs, failures = plan(args.paths, args.output, args.force)
    for failure in failures:
        print(f"错误：{failure.error}", file=sys.stderr)
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
            print(f"错误：{result.error}", file=sys.stderr)
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
        print(f"错误：{len(args.paths)} 份报告中有 {len(failures)} 份失败", file=sys.stderr)
    if refused and len(args.paths) > 1:
        names = "、".join(printable(name) for name in refused)
        print(f"错误：{len(refused)} 份报告检查不通过，没有生成：{names}", file=sys.stderr)
    if failures:
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if refused else EXIT_OK


_REFUSED = (
    "错误：{}：检查不通过，没有生成任何文件。请按上面列出的问题修改后再生成；"
    "确需先生成的，加 --force（生成的文件不得作为正式报告发布）。"
)
_FORCED = (
    "警告：{}：检查不通过，因 --force 仍已生成。"
    "这份报告有错误或不一致，改正之前不得作为正式报告发布。"
)


_PROGRESS_FROM = 10
"""``check`` of this many files or more shows a progress line on a terminal, as ``build`` does."""


def _check(args: argparse.Namespace) -> int:
    """Check each report; exit 2 if any cannot be used, else 1 if any has errors, else 0."""
    from ._check_command import FAIL, UNUSABLE, check_many, tally

    if args.previous and len(args.paths) > 1:
        print("错误：--previous 是把一份报告与上年的比较；只能给一个 PATH", file=sys.stderr)
        return EXIT_UNUSABLE
    outcomes = []
    shown: set[str] = set()
    progress = None
    if len(args.paths) >= _PROGRESS_FROM:  # the batch module costs a lone check a fifth of its time
        from ._batch import Progress

        progress = Progress(len(args.paths), minimum=_PROGRESS_FROM)
    checked = check_many(args.paths, args.previous, args.jobs)
    while True:
        # JSON on stdout is read by programs: whatever else is printed meanwhile goes to stderr.
        with redirect_stdout(sys.stderr) if args.format == "json" else nullcontext():
            outcome = next(checked, None)
        if progress:
            progress.clear()
        if outcome is None:
            break
        outcomes.append(outcome)
        _show_plugin_failures(outcome.plugin_failures, shown)
        if outcome.error is not None:
            if args.debug and outcome.traceback:
                print(outcome.traceback, file=sys.stderr, end="")
            print(f"错误：{outcome.error}", file=sys.stderr)
        elif args.format == "text":
            print("\n".join(outcome.lines))
        if progress:
            progress.step()
    verdicts = [outcome.verdict for outcome in outcomes]
    if args.format == "json":
        import json

        entries = [outcome.as_json() for outcome in outcomes]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    elif len(outcomes) > 1:
        print(tally(verdicts))
    unusable = verdicts.count(UNUSABLE)
    if unusable and len(args.paths) > 1:
        print(f"错误：{len(args.paths)} 份报告中有 {unusable} 份无法检查", file=sys.stderr)
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
    from ._availability import unavailable_because
    from .errors import PluginError
    from .plugins import load_registry

    registry = load_registry()
    for plugin in registry.plugins:
        print(f"{plugin.name} {plugin.version} ({plugin.source})")
        for label, names in registry.provided_by(plugin.name).items():
            print(f"    {label}: {', '.join(names)}")
        for name, renderer in registry.renderers.items():
            if registry.provider("govreport_renderers", renderer) != plugin.name:
                continue
            try:
                reason = unavailable_because(registry, renderer)
            except PluginError as error:
                registry.record(error)
                continue
            if reason is not None:
                print(f"    不可用 unavailable: {name}：{printable(reason)}")
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
        print(f"错误：{printable(str(failure.path))}：{reason}", file=sys.stderr)
    if not rollup.written:
        print(
            f"错误：{len(args.reports)} 份报告中有 {len(rollup.failures)} 份无法汇总；"
            "没有写入任何文件（加 --keep-going 可汇总其余报告）",
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


def _import(args: argparse.Namespace) -> int:
    from .importing.command import import_document, summary
    from .model import REPORT_FILE
    from .plugins import shared_registry

    registry = shared_registry()
    imported = import_document(args.file, args.output, registry)
    _warn_plugin_failures(registry)
    target = args.output / REPORT_FILE
    print(printable(str(target)))
    print(printable(summary(imported, target)))
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


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.paths, args.host, args.port, args.previous, args.open)


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
    "import": _import,
    "schema": _schema,
    "serve": _serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    with untranslated():
        args = _parser(_command_named(arguments)).parse_args(arguments)
    with _plugin_switches(args.disable_plugins, args.allow_local_plugins):
        try:
            return COMMANDS[args.command](args)
        except (GovreportError, ReportError) as error:
            if args.debug:
                import traceback

                traceback.print_exc()
            print(f"错误：{error}", file=sys.stderr)
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
    The code attrs and cattrs generate for govreport's classes comes from the cache of earlier
    runs (:mod:`govreport._codecache`).
    """
    gc.set_threshold(10_000, 10, 10)
    _codecache.install()
    status = main()
    gc.freeze()  # the interpreter's exit then skips walking every object for garbage
    sys.exit(status)


if __name__ == "__main__":
    run()
