"""``govreport serve``: the report in a browser, with its checks beside it, as the file is written.

Each saved change to a report file reads, checks and renders it again; the open page updates in
place (server-sent events tell it when). See docs/getting-started.md (边写边看) and
docs/security.md for what the preview exposes.
"""

from __future__ import annotations

import ipaddress
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GovreportError, Problem, ReportError, printable

if TYPE_CHECKING:
    from .server import PreviewServer
    from .site import Site

MISSING_WATCHER = (
    "govreport serve 需要 watchfiles（监视文件的改动）。请安装：pip install 'govreport[serve]'"
    "（或 pip install watchfiles），然后再运行。"
)
OPEN_WARNING = """
警告！警告！WARNING: govreport serve 正在监听 {host}，而不只是本机（127.0.0.1）。
同一网络中任何能连到这台电脑的人，都能看到这些报告、它们的检查结果，并下载生成的文件。
只在信任的网络中这样做；只给自己看时，请去掉 --host。
"""


def report_files(paths: Sequence[str]) -> list[tuple[str, Path]]:
    """The reports to serve, each as given and its file: each path given, and for a folder
    without ``report.toml`` every folder directly inside it that has one. A path that leads to
    no report file is a ReportError, as for ``check``."""
    from ..loader import resolve_report_path
    from ..model import REPORT_FILE

    found: list[str] = []
    for path in paths:
        folder = Path(path)
        if folder.is_dir() and not (folder / REPORT_FILE).exists():
            inner = sorted(str(sub) for sub in folder.iterdir() if (sub / REPORT_FILE).is_file())
            if not inner:
                why = f"文件夹中没有 {REPORT_FILE}，也没有存有 {REPORT_FILE} 的子文件夹"
                raise ReportError(str(folder), [Problem("", why)])
            found += inner
        else:
            found.append(path)
    reports: dict[Path, str] = {}  # one page for a file given twice
    for path in found:
        reports.setdefault(resolve_report_path(path).resolve(), path)
    return [(path, file) for file, path in reports.items()]


def serve(
    paths: Sequence[str],
    host: str = "127.0.0.1",
    port: int = 8000,
    previous: str | None = None,
    open_browser: bool = False,
) -> int:
    """Serve the reports until interrupted (Ctrl-C); returns the exit status."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        print(f"错误：{MISSING_WATCHER}", file=sys.stderr)
        return 2
    if previous and len(paths) > 1:
        raise GovreportError("--previous 是把一份报告与上年的比较；只能给一个 PATH")
    site = _site(report_files(paths), previous)
    stop = threading.Event()
    server = None
    ending = signal.signal(signal.SIGTERM, _interrupt)  # ``kill`` ends it as Ctrl-C does
    try:
        print(f"正在读入 {len(site.previews)} 份报告……", file=sys.stderr, flush=True)
        for preview in site.previews:
            site.refresh(preview)
        server = _listen(host, port, site)
        _start(server, site, stop, open_browser)
        site.run_jobs()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, ending)
        stop.set()
        site.stop()
        if server is not None:
            server.shutdown()
            server.server_close()
    print("已停止预览。", file=sys.stderr)
    return 0


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _site(reports: list[tuple[str, Path]], previous: str | None) -> Site:
    from ..loader import resolve_report_path
    from .site import Preview, Site

    last = resolve_report_path(previous).resolve() if previous else None
    previews = [
        Preview(number, path, file, previous, last) for number, (path, file) in enumerate(reports)
    ]
    return Site(previews, lambda line: print(printable(line), flush=True))


def _listen(host: str, port: int, site: Site) -> PreviewServer:
    from .server import PreviewServer

    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    try:
        return PreviewServer((host, port), site, loopback)
    except OSError as error:
        why = error.strerror or str(error)
        message = f"无法在 {host}:{port} 上监听（{why}）：请用 --port 换一个端口"
        raise GovreportError(message) from None


def _start(server: PreviewServer, site: Site, stop: threading.Event, open_browser: bool) -> None:
    """Serve and watch in threads of their own; print the address (and warn when it is open)."""
    from .._local_plugins import allowed_by_environment
    from .watch import watch

    host, port = server.server_address[:2]
    if not server.loopback:
        print(OPEN_WARNING.format(host=host), file=sys.stderr, flush=True)
    url = f"http://{host}:{port}/"
    threading.Thread(target=server.serve_forever, name="serve", daemon=True).start()
    plugins = allowed_by_environment()
    threading.Thread(target=watch, args=(site, stop, plugins), name="watch", daemon=True).start()
    print(f"预览地址：{url}", flush=True)
    print("保存报告文件后，页面会自动更新。按 Ctrl-C 停止。", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
