"""``govreport new-plugin``: the package it writes, its refusals, and the "Writing plugins" steps
followed word for word in a fresh virtual environment."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from reportfiles import run_cli

from govreport import Paragraph, build_document, load, run_checks
from govreport.new_plugin import check_name, files

REPO = Path(__file__).parent.parent
STEPS_MARKER = "<!-- scaffold-steps -->"


def test_new_plugin_writes_an_installable_package(tmp_path, capsys):
    code, out, err = run_cli(capsys, "new-plugin", "water_resources", "--dir", tmp_path)
    assert code == 0, err
    folder = tmp_path / "govreport-water-resources"
    assert out.strip() == str(folder)
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == [
        "README.md",
        "example/report.toml",
        "pyproject.toml",
        "src/govreport_water_resources/__init__.py",
        "src/govreport_water_resources/plugin.py",
        "tests/test_water_resources.py",
    ]
    pyproject = (folder / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.govreport]\nwater_resources = "govreport_water_resources"' in (
        pyproject
    )


def test_the_scaffold_kind_and_rule_work_as_a_report_local_plugin(tmp_path):
    """Without installing: the example report, with plugin.py beside it, builds and is checked."""
    names = check_name("tourism")
    for relative, text in files(names).items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    report = tmp_path / "example" / "report.toml"
    plugin = tmp_path / "src" / "govreport_tourism" / "plugin.py"
    (report.parent / "plugin.py").write_text(plugin.read_text(encoding="utf-8"), encoding="utf-8")
    local = 'plugins = ["plugin.py"]\n'
    text = report.read_text(encoding="utf-8").replace("year = 2023\n", "year = 2023\n" + local)
    report.write_text(text.replace("completed = 118", "completed = 121"), encoding="utf-8")
    loaded = load(report, allow_local_plugins=True)
    paragraphs = [
        block.text
        for block in build_document(loaded.report, loaded.registry).blocks
        if isinstance(block, Paragraph)
    ]
    assert "1.依法办理群众诉求。2023年，受理120件，办结121件，办结率100.8%。" in paragraphs
    codes = [f.code for f in run_checks(loaded.report, loaded.registry)]
    assert "TOU001" in codes


def test_new_plugin_refuses_an_existing_folder(tmp_path, capsys):
    (tmp_path / "govreport-tourism").mkdir()
    code, _, err = run_cli(capsys, "new-plugin", "tourism", "--dir", tmp_path)
    assert code == 2
    assert "govreport-tourism 已经存在" in err
    assert list((tmp_path / "govreport-tourism").iterdir()) == []


@pytest.mark.parametrize("name", ["Tourism", "tour-ism", "1tourism", "tour ism", "_x", "a" * 41])
def test_invalid_names_are_refused_with_a_clear_message(tmp_path, capsys, name):
    code, _, err = run_cli(capsys, "new-plugin", name, "--dir", tmp_path)
    assert code == 2
    assert f"插件名称 {name!r} 不可用：请用小写字母、数字和下划线" in err
    assert list(tmp_path.iterdir()) == []


def test_rule_codes_come_from_the_name():
    assert check_name("tourism").rule_code == "TOU001"
    assert check_name("water_resources").rule_code == "WAT001"
    assert check_name("x2").rule_code == "X001"


def writing_plugins_steps() -> list[str]:
    """The shell commands of "Start from the scaffold" in docs/plugins.md, as printed."""
    text = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    block = re.search(re.escape(STEPS_MARKER) + r"\n```sh\n(.*?)\n```", text, re.DOTALL)
    assert block, f"docs/plugins.md has no sh block after {STEPS_MARKER}"
    return block.group(1).splitlines()


def test_writing_plugins_steps_work_in_a_fresh_virtual_environment(tmp_path):
    """Create a venv with govreport in it, then run the documented steps one by one."""
    environment = tmp_path / "venv"
    try:
        # The system's pip serves the venv when it has one (faster than installing pip again).
        with_pip = importlib.util.find_spec("pip") is None
        venv.create(environment, system_site_packages=True, with_pip=with_pip)
    except Exception as error:  # ensurepip missing (Debian without python3-venv)
        pytest.skip(f"cannot create a virtual environment: {error}")
    bin_dir = environment / ("Scripts" if sys.platform == "win32" else "bin")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "GOVREPORT_PLUGINS", "GOVREPORT_DISABLE_PLUGINS")
    }
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", VIRTUAL_ENV=str(environment))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        return result

    run(f"python -m pip install --quiet --no-deps -e {shlex.quote(str(REPO))}", tmp_path)
    cwd, outputs = tmp_path / "work", {}
    cwd.mkdir()
    for step in writing_plugins_steps():
        if step.startswith("cd "):
            cwd = cwd / step[3:].strip()
            assert cwd.is_dir(), step
            continue
        outputs[step] = run(step, cwd).stdout
    assert "tourism 0.1.0 (installed)" in outputs["govreport plugins"]
    assert "section kinds: tourism.handling" in outputs["govreport plugins"]
    built = (cwd / "example" / "build" / "example.md").read_text(encoding="utf-8")
    assert "受理120件，办结118件，办结率98.3%。" in built
    assert "3 passed" in outputs["python -m pytest"]
    assert list(environment.rglob("govreport_tourism-*.dist-info")), "installed outside the venv"
