"""The preview's HTTP server: a fixed set of addresses, nothing read from the URL as a path.

A report is addressed by its number (``/r/0/``), never by its file's name: ``/r/<n>/`` its
page, ``report.html`` its rendering, ``state.json`` its verdict and findings, ``events`` the
stream that says when it changed (server-sent events), ``download/<format>`` a file as
``build`` makes it. Anything else is 404. Only GET and HEAD are answered, with no body; the
Host header must name the address listened on when that is this machine's own.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

from .pages import REPORT_POLICY, index_page, page_policy, report_page
from .site import Preview, Site

_ROUTE = re.compile(r"/r/(\d{1,6})/(|report\.html|state\.json|events|download/([a-z]{1,10}))")
MAX_STREAMS = 32
"""The most pages kept up to date at once; more get 503 until one closes."""
PING_SECONDS = 15.0
REQUEST_SECONDS = 30.0
"""A connection that sends nothing for this long is closed."""
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class PreviewServer(ThreadingHTTPServer):
    """A threading server for one site, its pages' streams bounded."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], site: Site, loopback: bool) -> None:
        self.site = site
        self.loopback = loopback
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)
        super().__init__(address, Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away is nothing to report."""


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "govreport"
    sys_version = ""
    timeout = REQUEST_SECONDS

    def version_string(self) -> str:
        return "govreport"

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal shows the readings."""

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        sent = self.headers.get("Content-Length", "").strip() not in ("", "0")
        if sent or "Transfer-Encoding" in self.headers:
            self._send(413, "text/plain", "请求不应带有内容。".encode(), body)
            return
        if not self._host_allowed():
            self._send(421, "text/plain", "这个地址不由本预览服务。".encode(), body)
            return
        site = self.server.site
        path = self.path.split("?", 1)[0]
        if path == "/":
            if len(site.previews) == 1:
                self._page(report_page(site.previews[0], index=False), body)
            else:
                self._page(index_page(site.previews), body)
            return
        match = _ROUTE.fullmatch(path)
        if match is None or int(match.group(1)) >= len(site.previews):
            self._send(404, "text/plain", "没有这个页面。".encode(), body)
            return
        preview = site.previews[int(match.group(1))]
        what = match.group(2)
        if what == "":
            self._page(report_page(preview, index=len(site.previews) > 1), body)
        elif what == "report.html":
            self._rendering(preview, body)
        elif what == "state.json":
            with site.changed:
                state = preview.state()
            data = json.dumps(state, ensure_ascii=False).encode("utf-8")
            self._send(200, "application/json; charset=utf-8", data, body)
        elif what == "events":
            self._events(preview, body)
        else:
            self._download(preview, match.group(3), body)

    def _host_allowed(self) -> bool:
        """On this machine's own address, the Host header must name it: a page elsewhere that
        points its own name at 127.0.0.1 then cannot read the preview."""
        if not self.server.loopback:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        port = str(self.server.server_address[1])
        return any(host in (name, f"{name}:{port}") for name in LOOPBACK_NAMES)

    def _page(self, html: str, body: bool) -> None:
        headers = {"Content-Security-Policy": page_policy(), "X-Frame-Options": "DENY"}
        self._send(200, "text/html; charset=utf-8", html.encode("utf-8"), body, headers)

    def _rendering(self, preview: Preview, body: bool) -> None:
        with self.server.site.changed:
            good = preview.good
        if good is None or good.html is None:
            self._send(404, "text/plain", "这份报告还没有可显示的内容。".encode(), body)
            return
        headers = {"Content-Security-Policy": REPORT_POLICY, "X-Frame-Options": "SAMEORIGIN"}
        data = good.html.encode("utf-8")
        self._send(200, "text/html; charset=utf-8", data, body, headers)

    def _download(self, preview: Preview, to: str, body: bool) -> None:
        with self.server.site.changed:
            formats = preview.snapshot.formats
        if to not in formats:
            self._send(404, "text/plain", "没有这种格式的文件。".encode(), body)
            return
        made = self.server.site.download(preview, to)
        if made.error is not None:
            self._send(409, "text/plain; charset=utf-8", made.error.encode("utf-8"), body)
            return
        disposition = f"attachment; filename*=UTF-8''{quote(made.name)}"
        headers = {"Content-Disposition": disposition}
        kind = "application/octet-stream"
        self._send(200, kind, base64.b64decode(made.data), body, headers)

    def _events(self, preview: Preview, body: bool) -> None:
        streams = self.server.streams
        if not streams.acquire(blocking=False):
            self._send(503, "text/plain", "打开的页面太多。".encode(), body)
            return
        try:
            self.send_response(200)
            self._common_headers()
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.end_headers()
            if not body:
                return
            site, seen = self.server.site, -1
            while not site.stopping:
                version = site.wait_for_change(preview, seen, PING_SECONDS)
                line = f"event: update\ndata: {version}\n\n" if version != seen else ": ping\n\n"
                self.wfile.write(line.encode("ascii"))
                self.wfile.flush()
                seen = version
        except OSError:  # TimeoutError included
            pass  # the page was closed
        finally:
            streams.release()

    def _common_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")

    def _send(
        self,
        status: int,
        kind: str,
        data: bytes,
        body: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self._common_headers()
        if kind == "text/plain":
            kind = "text/plain; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)
