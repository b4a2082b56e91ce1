"""Reading published documents: ``govreport import``, ``check`` of a document, ``[source]`` and
the format-deviation rule GR701.

The reader here is a test plugin reading a tiny format of its own (``.rpt``: a title line, lines
starting ``一、`` as headings, other lines as paragraphs), installed as a distribution on the
path of the commands the tests start.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govreport import loads
from govreport._discovery import ALLOW_ENV
from govreport.importing import Imported, Note
from govreport.importing.write import report_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

READER = """
from govreport.hookspecs import hookimpl
from govreport.readers import DocumentError, Reader, SourceDocument, SourceParagraph


def read(data):
    text = data.decode("utf-8")
    if "BROKEN" in text:
        raise DocumentError("文件已损坏，无法读取")
    if "CRASH" in text:
        raise KeyError("crash")
    lines = [line for line in text.splitlines() if line.strip()]
    blocks = tuple(
        SourceParagraph(line, f"第{number}行", 2 if line.startswith("一、") else None)
        for number, line in enumerate(lines, 1)
    )
    return SourceDocument(blocks, title=lines[0])


@hookimpl
def govreport_readers():
    return [Reader("rpt", (".rpt",), read, description="测试用的简单格式")]

"""

DOCUMENT = """\
某县统计局2024年度政府信息公开工作年度报告
一、总体情况概述
2024年，某县统计局认真贯彻落实《中华人民共和国政府信息公开条例》。
"""


@pytest.fixture
def reader_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a command that has the test reader installed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "rpt_reader.py").write_text(READER, encoding="utf-8")
    info = site / "rpt_reader-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: rpt-reader\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[govreport]\nrpt = rpt_reader\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    env[ALLOW_ENV] = f"{env[ALLOW_ENV]},rpt"
    return env


def govreport(env: dict[str, str], *arguments: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "govreport.cli", *map(str, arguments)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def document(folder: Path, text: str = DOCUMENT, name: str = "report.rpt") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_writes_a_report_file_saying_where_it_came_from(tmp_path, reader_env):
    source = document(tmp_path)
    out = tmp_path / "imported"
    result = govreport(reader_env, "import", source, "-o", out)
    assert result.returncode == 0, result.stderr
    written = out / "report.toml"
    assert str(written) in result.stdout and "处请核对" in result.stdout
    text = written.read_text("utf-8")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert text.startswith("# 本文件由 govreport import 从已发布的 report.rpt 读出")
    assert digest in text.splitlines()[0]
    data = tomllib.loads(text)
    assert data["source"]["file"] == "report.rpt" and data["source"]["sha256"] == digest
    assert data["source"]["reader"] == "rpt"
    checked = govreport(reader_env, "check", out)
    assert checked.returncode in (0, 1), checked.stderr
    assert str(written) in checked.stdout


def test_import_never_writes_over_a_report_file(tmp_path, reader_env):
    out = tmp_path / "imported"
    out.mkdir()
    (out / "report.toml").write_text("# mine\n", encoding="utf-8")
    result = govreport(reader_env, "import", document(tmp_path), "-o", out)
    assert result.returncode == 2
    assert "已存在，不会覆盖" in result.stderr and str(out / "report.toml") in result.stderr
    assert (out / "report.toml").read_text("utf-8") == "# mine\n"


def test_hook_govreport_readers(tmp_path, reader_env):
    """A plugin's reader makes ``check`` read its kind of file, writing nothing."""
    source = document(tmp_path)
    result = govreport(reader_env, "check", source, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.rpt", "site"]
    (entry,) = __import__("json").loads(result.stdout)
    assert entry["file"] == str(source) and entry["verdict"] != "unusable"


def test_check_many_documents_in_workers_keeps_their_order(tmp_path, reader_env):
    files = [document(tmp_path, name=f"r{index}.rpt") for index in range(3)]
    broken = document(tmp_path, "BROKEN\n", name="broken.rpt")
    result = govreport(reader_env, "check", "-j", "2", *files, broken)
    assert result.returncode == 2
    shown = [line for line in result.stdout.splitlines() if line.endswith(".rpt")]
    assert shown == [str(file) for file in files]
    assert "共 4 份" in result.stdout and "1 份无法检查" in result.stdout


def test_a_suffix_no_reader_takes_is_refused_with_the_suffixes_known(tmp_path, reader_env):
    result = govreport(reader_env, "import", document(tmp_path, name="report.xyz"), "-o", tmp_path)
    assert result.returncode == 2
    assert "report.xyz" in result.stderr and "没有读取器能读取 .xyz 文件" in result.stderr
    assert ".rpt" in result.stderr
    assert not (tmp_path / "report.toml").exists()


def test_a_document_the_reader_cannot_read_names_the_file(tmp_path, reader_env):
    broken = document(tmp_path, "BROKEN\n", name="broken.rpt")
    for command in (["check", broken], ["import", broken, "-o", tmp_path / "out"]):
        result = govreport(reader_env, *command)
        assert result.returncode == 2
        assert f"{broken}" in result.stderr and "文件已损坏，无法读取" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_reader_that_crashes_is_a_plugin_failure(tmp_path, reader_env):
    result = govreport(reader_env, "check", document(tmp_path, "CRASH\n", name="c.rpt"))
    assert result.returncode == 2
    assert "插件 'rpt'" in result.stderr and "KeyError('crash')" in result.stderr
    assert "Traceback" not in result.stderr


def test_compare_and_previous_accept_documents(tmp_path, reader_env):
    source = document(tmp_path)
    result = govreport(reader_env, "compare", source, source)
    assert result.returncode == 0, result.stderr
    result = govreport(reader_env, "check", source, "--previous", source)
    assert result.returncode in (0, 1), result.stderr


DATA = {
    "edition": "gb2021",
    "year": 2024,
    "date": datetime.date(2025, 1, 20),
    "agency": {"name": "某局", "office": "某局办公室"},
    "sections": [{"part": "overview", "content": ["总体。"]}, {"title": "自拟", "content": []}],
    "tables": {
        "format": "gb2021",
        "compute_totals": False,
        "requests": {"new": {"natural": 3}, "withheld": {"law_forbidden": {"natural": "/"}}},
    },
    "source": {
        "file": "a.pdf",
        "sha256": "ab" * 32,
        "reader": "pdf",
        "tables": {"requests": "第3页"},
        "deviations": [{"place": "tables.requests", "printed": "x", "expected": "", "origin": ""}],
    },
}


def test_the_written_file_holds_the_data_with_a_comment_above_each_note():
    notes = (
        Note("tables.requests.withheld.law_forbidden.natural", "数字看不清"),
        Note("sections[1].title", "标题与格式不同"),
        Note("elsewhere", "别处"),
    )
    text = report_text(Imported(DATA, notes), ["头一行"])
    assert tomllib.loads(text) == DATA
    lines = text.splitlines()
    assert lines[:2] == ["# 头一行", "# 请核对 elsewhere：别处"]
    above = {lines[i + 1]: line for i, line in enumerate(lines[:-1]) if "请核对：" in line}
    assert above == {
        'law_forbidden = { natural = "/" }': "# 请核对：数字看不清",
        'title = "自拟"': "# 请核对：标题与格式不同",
    }


REPORT = """\
edition = "gb2021"
year = 2024
draft = true
[agency]
name = "某局"
office = "某局办公室"
[source]
file = "huaian-2024.pdf"
sha256 = "{sha}"
reader = "pdf"
tables.requests = "第3页"
"""

DEVIATION = """
[[source.deviations]]
place = "{place}"
printed = "{printed}"
expected = "{expected}"
origin = "第3页"
"""


@pytest.mark.parametrize(
    ("place", "printed", "expected", "message"),
    [
        (
            "tables.requests.withheld.law_forbidden",
            "其他法律行政止公开",
            "其他法律行政法规禁止公开",
            "第3页 “收到和处理政府信息公开申请情况”表：印为“其他法律行政止公开”，"
            "格式为“其他法律行政法规禁止公开”。",
        ),
        (
            "tables.requests",
            "",
            "商业企业",
            "第3页 “收到和处理政府信息公开申请情况”表：缺少格式中的“商业企业”。",
        ),
        ("sections[4].title", "其他事项", "", "第3页：印有格式中没有的“其他事项”。"),
    ],
)
def test_each_deviation_is_a_warning_saying_what_was_printed(place, printed, expected, message):
    text = REPORT.format(sha="0" * 64) + DEVIATION.format(
        place=place, printed=printed, expected=expected
    )
    findings = [f for f in loads(text).check() if f.code == "GR701"]
    assert [(f.severity.value, f.path, f.message) for f in findings] == [
        ("warning", place, message)
    ]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ('sha256 = "xyz"', "source.sha256"),
        ('file = "a\\nb.pdf"', "source.file"),
        ('tables.requests = "第3\\n页"', "source.tables"),
    ],
)
def test_a_bad_source_is_refused_at_its_place(tmp_path, change, where):
    text = REPORT.format(sha="0" * 64).replace("[source]\n", f"[source]\n{change}\n", 1)
    folder = tmp_path / "r"
    folder.mkdir()
    lines = text.splitlines()
    key = change.split(" = ")[0]
    kept = [line for line in lines if not line.startswith(f"{key} = ") or line == change]
    (folder / "report.toml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "govreport.cli", "check", folder], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert where in result.stderr


def test_source_survives_export_to_json_and_loads_back(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    deviation = DEVIATION.format(place="tables.requests", printed="", expected="商业企业")
    (folder / "report.toml").write_text(REPORT.format(sha="0" * 64) + deviation, "utf-8")
    exported = tmp_path / "r.json"
    command = [sys.executable, "-m", "govreport.cli"]
    subprocess.run([*command, "export", folder, "-o", exported], check=True, capture_output=True)
    result = subprocess.run([*command, "check", exported], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "GR701 [提示] tables.requests：第3页" in result.stdout
