"""``govreport serve``: the live preview, run as a process on a free port and driven over raw
HTTP and in headless Chromium.

Every wait polls for what it waits for (up to :data:`PATIENCE` seconds); nothing is timed.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
import pytest
from browser import screenshot

from govreport.serve.toml_lines import key_lines, line_of

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "xinyu_commerce_2019" / "report.toml"
PATIENCE = 20.0
"""The longest any wait polls, in seconds: the machine may be busy."""
ADDRESS = re.compile(r"预览地址：(http://\S+/)")
CHINESE = re.compile("[\u4e00-\u9fff]")


@attrs.define
class Served:
    """A running ``govreport serve``: its address, its process and the lines it printed."""

    url: str
    process: subprocess.Popen
    out: list[str]
    err: list[str] = attrs.field(factory=list)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].strip("/"))


def _pump(stream, into: list[str], lines: queue.Queue | None = None) -> None:
    for line in stream:
        into.append(line)
        if lines is not None:
            lines.put(line)


def serving(*arguments: str, env: dict[str, str] | None = None):
    """``govreport serve --port 0 ARGUMENTS`` until the block ends."""
    return serving_command(["serve", "--port", "0", *arguments], env)


@contextmanager
def serving_command(arguments: list[str], env: dict[str, str] | None) -> Iterator[Served]:
    """``govreport ARGUMENTS`` (a serve command) until the block ends; then Ctrl-C, which must
    end it with status 0 and no traceback."""
    command = [sys.executable, "-m", "govreport.cli", *arguments]
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=environment,
    )
    out: list[str] = []
    err: list[str] = []
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, out, lines), daemon=True).start()
    threading.Thread(target=_pump, args=(process.stderr, err), daemon=True).start()
    try:
        deadline = time.monotonic() + 4 * PATIENCE
        url = None
        while url is None:
            remaining = deadline - time.monotonic()
            assert remaining > 0 and process.poll() is None, "".join(out + err)
            try:
                match = ADDRESS.search(lines.get(timeout=min(remaining, 1.0)))
            except queue.Empty:
                continue
            url = match.group(1) if match else None
        yield Served(url, process, out, err)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            status = process.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
    assert status == 0, "".join(err)
    assert "Traceback" not in "".join(err)


def until(condition: Callable[[], object], what: str) -> object:
    """Poll ``condition`` until it gives something true; fail after :data:`PATIENCE` s."""
    deadline = time.monotonic() + PATIENCE
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=PATIENCE * 4) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def state(served: Served, number: int = 0) -> dict:
    return json.loads(fetch(f"{served.url}r/{number}/state.json")[1])


def raw_request(port: int, head: str) -> tuple[int, bytes]:
    """Send ``head`` as it is (no client tidies the path) and read the status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=PATIENCE) as connection:
        connection.sendall(head.encode("latin-1"))
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    status_line, _, rest = data.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def build(folder: Path, to: str, out: Path) -> Path:
    """What ``govreport build --force --to <to>`` writes for the report in ``folder``."""
    command = ["build", str(folder), "--to", to, "--force", "-o", str(out)]
    subprocess.run(
        [sys.executable, "-m", "govreport.cli", *command],
        capture_output=True,
        check=True,
        timeout=300,
    )
    [path] = out.glob(f"*.{to}")
    return path


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A copy of the example in a folder of its own, with a secret file beside it."""
    folder = tmp_path / "xinyu"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "report.toml")
    (folder / "secret.txt").write_text("not for the preview", encoding="utf-8")
    return folder


def edit(folder: Path, old: str, new: str) -> None:
    """Change the report file as an editor saves it: a new file renamed over the old one."""
    file = folder / "report.toml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    scratch = folder / ".report.toml.swp"
    scratch.write_text(text.replace(old, new, 1), encoding="utf-8")
    scratch.replace(file)


FIGURE = "published = { value = 998"
INCONSISTENT = ("granted = { natural = 0", "granted = { natural = 3")
"""表三's 予以公开 for 自然人 made 3: the rows no longer add up (GR201)."""


# -- over HTTP -----------------------------------------------------------------------------


def test_it_listens_on_this_machine_only_by_default(report: Path) -> None:
    with serving(str(report)) as served:
        assert served.url.startswith("http://127.0.0.1:")
        listening = Path("/proc/net/tcp")
        if listening.is_file():
            port = f"{served.port:04X}"
            entries = [line.split() for line in listening.read_text().splitlines()[1:]]
            [address] = [
                local
                for _, local, _, state, *_ in entries
                if local.endswith(f":{port}") and state == "0A"
            ]
            assert address == f"0100007F:{port}"  # 127.0.0.1


def test_another_address_is_announced_loudly(report: Path) -> None:
    with serving(str(report), "--host", "0.0.0.0") as served:
        assert served.url.startswith("http://0.0.0.0:")
        warning = "".join(served.err)
        assert "警告" in warning and "0.0.0.0" in warning and "--host" in warning


PATHS_REFUSED = [
    "/../etc/passwd",
    "/..%2f..%2fetc%2fpasswd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/r/0/../../report.toml",
    "/r/0/%2e%2e/report.toml",
    "/r/0/..%2freport.toml",
    "//etc/passwd",
    "/etc/passwd",
    "/report.toml",
    "/secret.txt",
    "/r/0/report.toml",
    "/r/0/secret.txt",
    "/r/0/download/toml",
    "/r/0/download/../report.toml",
    "/r/1/",
    "/r/00000000000000000000000000/",
    "/r/-1/",
    "/r/",
    "/build/",
    "/static/",
    "http://127.0.0.1/etc/passwd",
]


def test_only_the_reports_pages_are_served(report: Path) -> None:
    secret = (report / "secret.txt").read_bytes()
    toml = (report / "report.toml").read_bytes()
    with serving(str(report)) as served:
        host = f"Host: 127.0.0.1:{served.port}"
        for path in [*PATHS_REFUSED, str(report / "report.toml"), str(report / "secret.txt")]:
            status, body = raw_request(served.port, f"GET {path} HTTP/1.0\r\n{host}\r\n\r\n")
            assert status == 404, path
            assert secret not in body and b"root:" not in body and toml[:200] not in body
        assert raw_request(served.port, f"GET / HTTP/1.0\r\n{host}\r\n\r\n")[0] == 200
        # A page elsewhere whose name leads to 127.0.0.1 (DNS rebinding) cannot read it.
        assert raw_request(served.port, "GET / HTTP/1.0\r\nHost: evil.example\r\n\r\n")[0] == 421
        # No bodies, no other methods.
        posted = f"POST / HTTP/1.0\r\n{host}\r\nContent-Length: 5\r\n\r\nhello"
        assert raw_request(served.port, posted)[0] == 501
        sent = f"GET / HTTP/1.0\r\n{host}\r\nContent-Length: 5\r\n\r\nhello"
        assert raw_request(served.port, sent)[0] == 413


def test_the_page_is_the_build_and_has_security_headers(report: Path, tmp_path: Path) -> None:
    built = build(report, "html", tmp_path / "out").read_bytes()
    with serving(str(report)) as served:
        status, _, headers = fetch(served.url)
        assert status == 200
        assert headers["X-Content-Type-Options"] == "nosniff"
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        status, rendered, headers = fetch(f"{served.url}r/0/report.html")
        assert (status, rendered) == (200, built)
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "script-src" not in headers["Content-Security-Policy"]


@pytest.mark.parametrize("to", ["md", "docx"])
def test_downloads_are_the_files_build_writes(report: Path, tmp_path: Path, to: str) -> None:
    edit(report, *INCONSISTENT)  # built all the same, as with --force
    with serving(str(report)) as served:
        assert to in state(served)["formats"]
        status, data, headers = fetch(f"{served.url}r/0/download/{to}")
    assert status == 200
    assert f"xinyu.{to}" in headers["Content-Disposition"]
    assert data == build(report, to, tmp_path / "out").read_bytes()


def test_findings_give_their_place_and_line(report: Path) -> None:
    edit(report, *INCONSISTENT)
    text = (report / "report.toml").read_text(encoding="utf-8")
    with serving(str(report)) as served:
        shown = state(served)
    assert shown["verdict"] == "fail" and shown["verdict_label"] == "有问题"
    [finding, *_] = shown["findings"]
    assert finding["code"] == "GR201" and finding["severity_label"] == "不一致"
    assert CHINESE.search(finding["message"])
    assert finding["path"] == "tables.requests.carried_forward.natural"
    assert "requests.new.natural" in finding["cells"]
    line = text.splitlines()[finding["line"] - 1]
    assert line.startswith("carried_forward = {")


def test_a_burst_of_saves_is_read_once(report: Path) -> None:
    with serving(str(report)) as served:
        assert state(served)["version"] == 1
        for value in range(990, 995):
            edit(report, FIGURE, f"published = {{ value = {value}")
            edit(report, f"published = {{ value = {value}", FIGURE)
        edit(report, FIGURE, "published = { value = 995")
        until(lambda: state(served)["version"] == 2, "the reading after the burst")
        edit(report, "value = 995", "value = 996")  # a later save is read on its own
        until(lambda: state(served)["version"] >= 3, "the next reading")
        assert state(served)["version"] == 3


def test_a_folder_of_reports_gets_an_index(tmp_path: Path) -> None:
    for name in ("a-good", "b-broken"):
        (tmp_path / name).mkdir()
        shutil.copy(EXAMPLE, tmp_path / name / "report.toml")
    (tmp_path / "b-broken" / "report.toml").write_text("year = [", encoding="utf-8")
    with serving(str(tmp_path)) as served:
        status, page, _ = fetch(served.url)
        text = page.decode("utf-8")
        assert status == 200
        assert re.search(r'href="/r/0/">[^<]*a-good</a> <span class="verdict pass">通过', text)
        assert re.search(r'href="/r/1/">[^<]*b-broken</a> <span[^>]*>无法使用', text)
        assert str(tmp_path / "a-good") not in re.findall(r'href="([^"]*)"', text)
        broken = state(served, 1)
        assert broken["verdict"] == "unusable" and broken["page_version"] is None
        assert broken["problems"] and CHINESE.search(broken["problems"][0]["message"])


def test_without_watchfiles_it_says_how_to_install_it(report: Path) -> None:
    code = (
        "import sys; sys.modules['watchfiles'] = None\n"
        "from govreport.cli import main\n"
        f"sys.exit(main(['serve', {str(report)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2
    assert "watchfiles" in result.stderr and "pip install" in result.stderr
    assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr


def test_a_path_that_is_no_report_is_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govreport.cli", "serve", str(tmp_path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "report.toml" in result.stderr and "Traceback" not in result.stderr


def test_toml_lines_find_tables_arrays_and_dotted_keys() -> None:
    text = (
        'year = 2019\n[agency]\nname = "局"\n[[sections]]\npart = "a"\n'
        '[[sections.content]]\ntext = """\nkey = "not a key"\n"""\n[[sections]]\n'
        "[[sections.content]]\nkind = 'x'\n[tables.requests]\n"
        "withheld.state_secret = { natural = 1 }\n"
    )
    lines = key_lines(text)
    assert line_of("year", lines) == 1
    assert line_of("agency.name", lines) == 3
    assert line_of("sections[0].content[0].text", lines) == 7
    assert "sections[0].content[0].key" not in lines
    assert line_of("sections[1]", lines) == 10
    assert line_of("sections[1].content[0].kind", lines) == 12
    assert line_of("tables.requests.withheld.state_secret.natural", lines) == 14
    assert line_of("sections[1].content[0].points[3]", lines) == 11
    assert line_of("nothing", lines) is None


# -- in the browser ------------------------------------------------------------------------


@contextmanager
def opened(browser, url: str, width: int = 1280, height: int = 900, usable: bool = True):
    """The page at ``url``; on leaving, it must have logged no error (a CSP violation is one),
    opened no dialog and requested nothing but the preview's own addresses."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(url, wait_until="load")
        until(lambda: page.evaluate("document.body.dataset.version"), "the first state")
        if usable:
            until(lambda: frame_text(page), "the report in its frame")
        yield page
        assert errors == []
        assert [request for request in requests if not request.startswith(url)] == []
    finally:
        context.close()


def frame_text(page) -> str:
    return page.evaluate(
        "(() => { const d = document.getElementById('page').contentDocument;"
        " return d && d.body && !document.getElementById('page').hidden ? d.body.innerText : ''; })()"
    )


def in_frame(page, script: str):
    return page.evaluate(
        "(() => { const doc = document.getElementById('page').contentDocument; return ("
        + script
        + "); })()"
    )


def test_the_page_follows_the_file(browser, report: Path) -> None:
    with serving(str(report)) as served, opened(browser, served.url) as page:
        assert "新余市商务局2019年度政府信息公开工作报告" in frame_text(page)
        assert page.inner_text("#verdict") == "通过"
        assert "未发现问题" in page.inner_text("#findings")
        page.evaluate("window.sameLoad = 'yes'")
        page.evaluate("window.scrollTo(0, 1500)")
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 1000

        edit(report, FIGURE, "published = { value = 1234")
        until(lambda: "1234" in frame_text(page), "the new figure on the page")
        assert page.evaluate("window.sameLoad") == "yes"  # updated in place, not reloaded
        assert abs(page.evaluate("window.scrollY") - scrolled) < 50

        edit(report, "year = 2019", "year = [2019")
        until(lambda: page.is_visible("#problems"), "the load problem")
        problem = page.inner_text("#problems")
        assert "无法读入" in problem and CHINESE.search(problem)
        assert "第 " in problem  # the line of the place in the file
        assert page.is_visible("#stale") and "过期" in page.inner_text("#stale")
        assert "stale" in page.get_attribute("#page", "class")
        assert "1234" in frame_text(page)  # the last good rendering, underneath
        assert page.inner_text("#verdict") == "无法使用"

        edit(report, "year = [2019", "year = 2019")
        until(lambda: not page.is_visible("#problems"), "the report back")
        assert not page.is_visible("#stale")
        assert "stale" not in page.get_attribute("#page", "class")
        assert "1234" in frame_text(page)
        assert page.evaluate("window.sameLoad") == "yes"


def test_the_load_problem_is_the_one_check_prints(browser, report: Path) -> None:
    edit(report, 'edition = "eight-part"', 'edition = "eight-parts"')
    check = subprocess.run(
        [sys.executable, "-m", "govreport.cli", "check", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    with serving(str(report)) as served, opened(browser, served.url, usable=False) as page:
        until(lambda: page.is_visible("#problems"), "the load problem")
        [problem] = state(served)["problems"]
        assert problem["message"] in check.stderr
        assert problem["message"].splitlines()[0] in page.inner_text("#problems")
        assert not page.is_visible("#page")  # nothing good to show yet: no blank report


def test_a_finding_points_at_its_cells(browser, report: Path) -> None:
    edit(report, *INCONSISTENT)
    with serving(str(report)) as served, opened(browser, served.url) as page:
        assert page.inner_text("#verdict") == "有问题"
        item = page.locator("#findings li").first
        text = item.inner_text()
        assert (
            "GR201" in text
            and "不一致" in text
            and "tables.requests.carried_forward.natural" in text
        )
        assert re.search(r"第 \d+ 行", text)
        assert in_frame(page, "doc.querySelectorAll('.gr-serve-mark').length") == 0
        item.locator("button").click()
        marked = in_frame(
            page, "Array.from(doc.querySelectorAll('.gr-serve-mark'), (n) => n.dataset.cell)"
        )
        assert set(marked) == set(state(served)["findings"][0]["cells"])
        box = in_frame(
            page,
            "doc.querySelector('.gr-serve-mark').getBoundingClientRect().top",
        )
        frame_top = page.evaluate("document.getElementById('page').getBoundingClientRect().top")
        assert 0 <= box + frame_top <= 900  # scrolled to it


def test_a_draft_shows_its_mark(browser, report: Path) -> None:
    with serving(str(report)) as served, opened(browser, served.url) as page:
        assert in_frame(page, "doc.querySelector('.gr-draft-notice') === null")
        edit(report, "year = 2019", "year = 2019\ndraft = true")
        until(lambda: "草稿" in page.inner_text("#verdict"), "the draft verdict")
        until(lambda: in_frame(page, "doc.querySelector('.gr-draft-notice') !== null"), "the mark")


def test_on_a_phone_the_page_fits_and_the_findings_are_reachable(browser, report: Path) -> None:
    edit(report, *INCONSISTENT)
    with serving(str(report)) as served, opened(browser, served.url, 375, 800) as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert page.evaluate("document.body.scrollWidth") <= 375
        button = page.locator("#findings li button").first
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        button.click()
        assert in_frame(page, "doc.querySelectorAll('.gr-serve-mark').length") > 0
        screenshot(page, "serve-375")


HOUSE_PLUGIN = """\
from govreport import Flag, Severity, hookimpl
from govreport.checks import rule

WORD = "WORD"


@rule("HSE001", Severity.WARNING, "本局的提示", basis="本局自定")
def house_rule(report):
    yield Flag("year", "本局提示：" + WORD)


@hookimpl
def govreport_rules():
    return [house_rule]
"""


def with_house_plugin(folder: Path, word: str) -> None:
    (folder / "house.py").write_text(HOUSE_PLUGIN.replace("WORD", word), encoding="utf-8")
    text = (folder / "report.toml").read_text(encoding="utf-8")
    (folder / "report.toml").write_text('plugins = ["house.py"]\n' + text, encoding="utf-8")


def test_a_reports_own_plugins_run_only_when_allowed(report: Path) -> None:
    with_house_plugin(report, "甲")
    check = subprocess.run(
        [sys.executable, "-m", "govreport.cli", "check", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    environment = {"GOVREPORT_ALLOW_LOCAL_PLUGINS": ""}
    with serving(str(report), env=environment) as served:
        refused = state(served)
        assert refused["verdict"] == "unusable"
        assert refused["problems"][0]["message"] in check.stderr
    command = ["--allow-local-plugins", "serve", "--port", "0", str(report)]
    with serving_command(command, environment) as served:
        [finding] = state(served)["findings"]
        assert finding["code"] == "HSE001" and finding["message"].endswith("甲")
        (report / "house.py").write_text(HOUSE_PLUGIN.replace("WORD", "乙"), encoding="utf-8")
        until(
            lambda: state(served)["findings"][0]["message"].endswith("乙"),
            "the plugin's change on the page",
        )


def test_last_years_report_is_watched_too(report: Path, tmp_path: Path) -> None:
    last = tmp_path / "last"
    last.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8").replace("year = 2019", "year = 2018", 1)
    (last / "report.toml").write_text(text, encoding="utf-8")
    with serving(str(report), "--previous", str(last)) as served:
        assert state(served)["version"] == 1
        edit(last, "year = 2018", "year = 2017")
        until(lambda: state(served)["version"] == 2, "a reading after last year's file changed")


def test_the_browser_opens_only_when_asked(report: Path, tmp_path: Path) -> None:
    opened_file = tmp_path / "opened.txt"
    script = tmp_path / "browser.py"
    script.write_text(
        f"import sys, pathlib; pathlib.Path({str(opened_file)!r}).write_text(sys.argv[1])\n",
        encoding="utf-8",
    )
    environment = {"BROWSER": f"{sys.executable} {script} %s"}
    with serving(str(report), env=environment):
        pass
    assert not opened_file.exists()
    with serving(str(report), "--open", env=environment) as served:
        until(opened_file.exists, "the browser to be started")
        assert opened_file.read_text(encoding="utf-8") == served.url


def test_a_port_in_use_is_a_message(report: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = subprocess.run(
            [sys.executable, "-m", "govreport.cli", "serve", str(report), "--port", port],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


ENDLESS_PLUGIN = """\
from govreport import Severity, hookimpl
from govreport.checks import rule


@rule("HSE002", Severity.WARNING, "永不结束的规则", basis="测试")
def endless(report):
    while True:
        pass
    yield


@hookimpl
def govreport_rules():
    return [endless]
"""


def test_a_plugin_that_never_ends_is_stopped_as_check_stops_it(report: Path) -> None:
    """Readings run where the plugin time limit applies: the page says which plugin ran out of
    time, and the preview goes on serving and reading."""
    (report / "house.py").write_text(ENDLESS_PLUGIN, encoding="utf-8")
    text = (report / "report.toml").read_text(encoding="utf-8")
    (report / "report.toml").write_text('plugins = ["house.py"]\n' + text, encoding="utf-8")
    command = ["--allow-local-plugins", "serve", "--port", "0", str(report)]
    with serving_command(command, {"GOVREPORT_PLUGIN_TIMEOUT": "1"}) as served:
        stopped = state(served)
        assert stopped["verdict"] == "unusable"
        assert (
            "local:house.py" in stopped["error"] and "GOVREPORT_PLUGIN_TIMEOUT" in stopped["error"]
        )
        (report / "report.toml").write_text(text, encoding="utf-8")  # the plugin no longer named
        until(lambda: state(served)["verdict"] == "pass", "the report read without it")


def test_a_missing_report_is_the_message_check_gives(tmp_path: Path) -> None:
    missing_report = str(tmp_path / "nowhere")
    outcomes = [
        subprocess.run(
            [sys.executable, "-m", "govreport.cli", command, missing_report, *extra],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        for command, extra in (("serve", ["--port", "0"]), ("check", []))
    ]
    assert [outcome.returncode for outcome in outcomes] == [2, 2]
    assert outcomes[0].stderr == outcomes[1].stderr


def test_hostile_text_does_nothing_in_the_preview(browser, tmp_path: Path) -> None:
    """Hostile text in the report, and in a key the file should not have (so in a load
    problem's place and message), shows as text and runs nothing."""
    from test_html import HOSTILE, hostile_report

    folder = tmp_path / "hostile"
    folder.mkdir()
    file = hostile_report(folder)
    with serving(str(folder)) as served, opened(browser, served.url) as page:
        assert HOSTILE[0] in page.inner_text("#title")
        keys = "".join(f"{json.dumps(text)} = 1\n" for text in HOSTILE)
        file.write_text(keys + file.read_text(encoding="utf-8"), encoding="utf-8")
        until(lambda: page.is_visible("#problems"), "the load problem")
        assert HOSTILE[0] in page.inner_text("#problems")
        assert page.evaluate("document.querySelectorAll('script').length") == 1
        assert in_frame(page, "doc.querySelectorAll('script, img, svg').length") == 0
