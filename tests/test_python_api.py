"""The Python API: docs/python-api.md works as printed, and the verbs of a loaded report do what
the command line does (the same bytes, the same errors)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import govreport
from govreport import GovreportError, PluginError, ReportError

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "python-api.md"
EXAMPLE = REPO / "examples" / "xinyu_commerce_2019"
TEXT = (EXAMPLE / "report.toml").read_text(encoding="utf-8")


def page_examples() -> list[tuple[str, str | None]]:
    """Each python block of the page, with the text block printed right after it, if any."""
    text = PAGE.read_text(encoding="utf-8")
    pattern = r"```python\n(.*?)```\n(?:\n```text\n(.*?)```\n)?"
    return re.findall(pattern, text, flags=re.DOTALL)


@pytest.fixture
def copy_of_the_example(tmp_path, monkeypatch):
    """A folder laid out as the repository's examples, and the working folder: the page's
    examples run in it, so what they write stays in the test's temporary folder."""
    shutil.copytree(EXAMPLE, tmp_path / "examples" / EXAMPLE.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "examples" / EXAMPLE.name


def test_the_page_starts_with_load_check_render_in_three_lines():
    first, _ = page_examples()[0]
    lines = [line for line in first.splitlines() if line and not line.startswith("import")]
    assert len(lines) == 3
    assert [re.search(r"\.(load|check|render)\(", line)[1] for line in lines] == [
        "load",
        "check",
        "render",
    ]


def test_every_example_of_the_page_runs_and_prints_what_it_shows(copy_of_the_example):
    namespace: dict[str, object] = {}
    examples = page_examples()
    assert len(examples) >= 8
    for code, shown in examples:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, str(PAGE), "exec"), namespace)
        if shown:
            assert printed.getvalue() == shown, code
    written = sorted(path.name for path in (copy_of_the_example / "build").iterdir())
    assert written == [f"xinyu_commerce_2019.{ext}" for ext in ("docx", "html", "md")]
    assert (copy_of_the_example.parents[1] / "site" / "report.html").is_file()


def cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The ``govreport`` command as ``python -m govreport``, in a process of its own."""
    command = [sys.executable, "-m", "govreport", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd)


def test_render_gives_the_bytes_the_command_writes(tmp_path):
    result = cli("build", EXAMPLE, "--to", "md,html,docx", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    report = govreport.load(EXAMPLE)
    for ext in ("md", "html", "docx"):
        rendered = report.render(ext)
        assert isinstance(rendered, bytes if ext == "docx" else str)
        data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
        assert data == (tmp_path / f"xinyu_commerce_2019.{ext}").read_bytes(), ext


def test_render_options_override_the_reports_own(tmp_path):
    folder = tmp_path / "portal"
    folder.mkdir()
    (folder / "report.toml").write_text(TEXT + "\n[output.html]\nfragment = true\n", "utf-8")
    report = govreport.load(folder)
    assert not report.render("html").startswith("<!DOCTYPE")
    assert report.render("html", fragment=False).startswith("<!DOCTYPE")
    result = cli("build", EXAMPLE, "--to", "html", "--html-fragment", "-o", tmp_path)
    fragment = govreport.load(EXAMPLE).render("html", fragment=True)
    assert fragment.encode() == (tmp_path / "xinyu_commerce_2019.html").read_bytes()
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("to", "options", "problem"),
    [
        ("html", {"fragmnet": True}, "fragmnet: 没有这个键；是不是 'fragment'？"),
        ("html", {"fragment": "yes"}, "fragment: 应为 true 或 false，实际为 'yes'（文字）"),
        ("docx", {"profile": "nope"}, "profile: 没有这种 docx 版式 'nope'"),
    ],
)
def test_wrong_render_options_are_report_errors_at_their_place(to, options, problem):
    with pytest.raises(ReportError) as raised:
        govreport.load(EXAMPLE).render(to, **options)
    assert raised.value.source == f"{to} options"
    assert str(raised.value.problems[0]).startswith(problem)


def test_unknown_formats_and_options_of_a_format_without_any():
    report = govreport.load(EXAMPLE)
    with pytest.raises(GovreportError, match="没有这种输出格式 'odt'；可用的格式：docx"):
        report.render("odt")
    with pytest.raises(GovreportError, match="格式 'md' 没有选项"):
        report.render("md", fragment=True)


def test_a_failing_renderer_is_a_plugin_error_and_write_writes_nothing(tmp_path):
    (tmp_path / "broken.py").write_text(
        "from govreport import Renderer, hookimpl\n\n"
        "@hookimpl\ndef govreport_renderers():\n"
        "    return [Renderer('broken', 'txt', lambda document: 1 / 0)]\n",
        encoding="utf-8",
    )
    text = 'plugins = ["broken.py"]\n' + TEXT
    report = govreport.loads(text, base=tmp_path, allow_local_plugins=True)
    with pytest.raises(PluginError) as raised:
        report.render("broken")
    assert raised.value.plugin == "local:broken.py"
    assert "renderer 'broken' failed: ZeroDivisionError" in str(raised.value)
    with pytest.raises(PluginError):
        report.write(["md", "broken"])
    assert not (tmp_path / "build").exists()
    assert report.write("md") == [tmp_path / "build" / f"{tmp_path.name}.md"]


def test_loads_without_a_folder_names_no_plugins_and_needs_an_output_folder(tmp_path):
    with pytest.raises(ReportError) as raised:
        govreport.loads('plugins = ["house.py"]\n' + TEXT, allow_local_plugins=True)
    assert raised.value.source == "<text>"
    assert [problem.location for problem in raised.value.problems] == ["plugins"]
    report = govreport.loads(TEXT)
    with pytest.raises(GovreportError, match="请给出 out_dir"):
        report.write("md")
    assert report.write("md", tmp_path) == [tmp_path / "report.md"]


def test_loads_names_the_file_it_stands_for_and_refuses_plugins_not_allowed(tmp_path):
    with pytest.raises(ReportError) as raised:
        govreport.loads("year = 'x'\n", base=tmp_path)
    assert raised.value.source == str(tmp_path / "report.toml")
    (tmp_path / "house.py").write_text("", encoding="utf-8")
    with pytest.raises(ReportError, match="plugins"):
        govreport.loads('plugins = ["house.py"]\n' + TEXT, base=tmp_path, allow_local_plugins=False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "文字是空的"),
        ("\ufeff  \n", "文字是空的"),
        ('edition = "gb2021"\ud800', "第 18 个位置有孤立的代理字符"),
        ("# " + "x" * (2 * 1024 * 1024), "文字大于 2 MiB"),
        ("year = ", "不是有效的 TOML 文件"),
    ],
)
def test_loads_refuses_text_a_file_could_not_hold(text, message):
    with pytest.raises(ReportError, match=message):
        govreport.loads(text)


def test_loads_reads_what_load_reads():
    assert govreport.loads("\ufeff" + TEXT).report == govreport.load(EXAMPLE).report


def test_check_takes_last_year_as_a_path_or_a_loaded_report():
    report = govreport.load(EXAMPLE)
    by_path = report.check(previous=EXAMPLE)
    assert by_path == report.check(previous=govreport.load(EXAMPLE))
    result = cli("check", EXAMPLE, "--previous", EXAMPLE, "--format", "json")
    [printed] = json.loads(result.stdout)
    assert printed["findings"] == [finding.as_dict() for finding in by_path]
    assert by_path  # the same year twice: the carried-over figures are flagged


def test_python_m_govreport_is_the_command(tmp_path):
    version = cli("--version")
    assert (version.returncode, version.stdout) == (0, f"govreport {govreport.__version__}\n")
    assert cli("check", EXAMPLE).returncode == 0
    wrong = TEXT.replace("reconsideration = { upheld = 0,", "reconsideration = { total = 3,", 1)
    (tmp_path / "report.toml").write_text(wrong, encoding="utf-8")
    assert cli("check", tmp_path).returncode == 1
    missing = cli("check", tmp_path / "nowhere")
    assert missing.returncode == 2
    assert missing.stderr.startswith("错误：") and "Traceback" not in missing.stderr


def test_the_public_names_are_what_the_package_exports():
    assert govreport.__all__ == sorted(govreport.__all__)
    assert set(govreport.__all__) == {*govreport._EXPORTS, "__version__"}
    for name in govreport.__all__:
        assert getattr(govreport, name) is not None
    assert isinstance(govreport.load(EXAMPLE), govreport.LoadedReport)


PLUGIN_SOURCES = [
    *sorted((REPO / "plugins").glob("*/src/**/*.py")),
    REPO / "src" / "govreport" / "new_plugin.py",
]
"""The department plugins and the plugin ``govreport new-plugin`` writes (its tests too): what
they import is what a plugin author needs."""


@pytest.mark.parametrize("source", PLUGIN_SOURCES, ids=lambda path: path.name)
def test_a_plugin_needs_only_what_the_package_exports(source):
    text = source.read_text(encoding="utf-8")
    deeper = re.findall(r"^\s*(?:from|import) (govreport\.[\w.]+)", text, flags=re.MULTILINE)
    # the test kit is for plugins' tests; govreport.readers is the reader plugins' contract
    public = ("govreport.builtins", "govreport.testing", "govreport.readers")
    assert not [name for name in deeper if not name.startswith(public)], deeper


def test_the_plugin_sources_are_found():
    assert sum("from govreport import" in path.read_text("utf-8") for path in PLUGIN_SOURCES) >= 3


def test_checking_a_report_again_after_editing_it_gives_the_new_findings(tmp_path):
    """A process that checks one report after another (the API, ``check`` of many, a preview)
    keeps nothing of one report's check for the next: the same path, edited, is read anew."""
    folder = tmp_path / "report"
    shutil.copytree(EXAMPLE, folder)
    file = folder / "report.toml"
    first = govreport.load(folder)
    before = first.check()
    assert "COM001" not in [finding.code for finding in before]
    file.write_text(TEXT.replace("passed = 293", "passed = 400"), encoding="utf-8")
    edited = govreport.load(folder).check()
    assert [f.path for f in edited if f.code == "COM001"] == [
        "sections[0].content[2].content[1].passed"
    ]
    assert [finding.code for finding in first.check()] == [finding.code for finding in before]
    file.write_text(TEXT, encoding="utf-8")
    assert govreport.load(folder).check() == before


def _reference_walk(obj, path=""):
    """The walk written plainly: each node, then what it holds, in the order of its fields,
    items and keys."""
    yield path, obj
    if attrs.has(type(obj)):
        prefix = f"{path}." if path else ""
        for field in attrs.fields(type(obj)):
            if field.init:  # what the loader resolves is not part of the report file
                yield from _reference_walk(getattr(obj, field.name), prefix + field.name)
    elif isinstance(obj, (tuple, list)):
        for index, child in enumerate(obj):
            yield from _reference_walk(child, f"{path}[{index}]")
    elif isinstance(obj, dict):
        prefix = f"{path}." if path else ""
        for key, child in obj.items():
            yield from _reference_walk(child, prefix + str(key))


def test_find_gives_every_node_of_a_kind_in_the_order_of_the_walk():
    """The walk gives every node with its path, each before what it holds; what ``find``
    remembers per type still gives the walk's answer, for a kind that several types of node
    share (object, a base class) as for one type."""
    from govreport import _memo
    from govreport.model import Section, find, nodes, walk

    for fixture in ("shanghai_2019", "huaian_2024"):
        other = govreport.load(REPO / "tests" / "fixtures" / fixture).report
        assert nodes(other) == list(walk(other)) == list(_reference_walk(other))
    report = govreport.load(EXAMPLE).report
    assert nodes(report) == list(walk(report)) == list(_reference_walk(report))
    kinds = (object, str, int, tuple, Section, (int, str))
    for kind in kinds:
        expected = [(path, node) for path, node in walk(report) if isinstance(node, kind)]
        assert list(find(report, kind)) == expected
        with _memo.scope():
            assert list(find(report, kind)) == expected
            assert list(find(report, kind)) == expected
