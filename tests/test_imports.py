"""What the quick commands import: ``check``, ``--help`` and ``plugins`` start close to the floor
our dependencies set, so none of them loads a renderer's libraries or drawing code.

(benchmarks/bench.py measures the time; these tests keep the imports from creeping back.)
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinyu_commerce_2019"

POOL_MODULES = ("concurrent.futures.process", "multiprocessing", "govreport._workers")
"""What only a build with worker processes needs."""

HEAVY = (
    "jinja2",
    "markupsafe",
    "docx",
    "lxml",
    "html5lib",
    "json",
    "hashlib",
    "email",
    "importlib.metadata",
    "govreport.render",
    "govreport.tables.layout",
    "govreport.builtins.html.tables",
    "govreport.builtins.docx.writer",
    *POOL_MODULES,
)
"""Modules none of the quick commands needs: renderers' libraries and internals, entry-point
machinery (importlib.metadata alone costs as much as the rest of a check), JSON output."""

RENDERER_OPTIONS = ("govreport.builtins.docx.profile", "govreport.builtins.html.options")
"""The renderers' option classes: ``plugins`` lists the .docx profiles, ``check`` needs neither
(the profile classes alone cost a tenth of a check)."""


STANDARD = ("shutil", "zipfile", "locale")
"""Standard modules a check of a report file does not need: argparse imports ``shutil`` for
the terminal's width and ``locale`` to look for translations; only the Word reader reads zips."""


def imported_by(*commands: list[str], watched: tuple[str, ...] = ()) -> set[str]:
    """The HEAVY (and watched) modules that running the commands in one process imports
    (beyond a bare interpreter's: started without the site module, whose .pth files may import
    anything, with this process's path instead: site-packages and the folders .pth files add,
    such as an editable install's)."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path[:] = {sys.path!r}
        preloaded = set(sys.modules)
        from govreport.cli import main
        for argv in {list(commands)!r}:
            try:
                main(argv)
            except SystemExit:
                pass
        print(" ".join(sorted(set(sys.modules) - preloaded)))
        """
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", script], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split("\n")[-2].split())
    return {name for name in (*HEAVY, *RENDERER_OPTIONS, *watched) if name in loaded}


def test_quick_commands_import_nothing_heavy():
    quick = [["check", str(EXAMPLE)], ["--help"], ["check", "--help"]]
    assert imported_by(*quick) == set()
    assert imported_by(["plugins"]) == set(RENDERER_OPTIONS)


def test_a_check_imports_no_standard_module_it_does_not_need():
    quick = [["check", str(EXAMPLE)], ["check", "--help"], ["check", "--no-such-option"]]
    assert imported_by(*quick, watched=STANDARD) == set()


def test_a_report_with_output_options_loads_the_renderers_to_check_them(tmp_path):
    report = (EXAMPLE / "report.toml").read_text(encoding="utf-8")
    (tmp_path / "report.toml").write_text(
        report + '\n[output.docx]\nprofile = "gbt9704"\n', encoding="utf-8"
    )
    assert imported_by(["check", str(tmp_path)]) == set(RENDERER_OPTIONS)


def test_json_output_imports_json_only_then():
    assert imported_by(["check", str(EXAMPLE), "--format", "json"]) == {"json"}


def test_building_does_import_the_renderers(tmp_path):
    """The list above is not vacuous: a build loads what a check must not."""
    loaded = imported_by(["build", str(EXAMPLE), "--to", "html,docx", "-o", str(tmp_path)])
    assert {"docx", "govreport.builtins.html.tables", "govreport.render"} <= loaded


def test_a_build_imports_only_what_its_formats_need(tmp_path):
    build = ["build", str(EXAMPLE), "-o", str(tmp_path), "-j", "2"]
    renderers = {
        "jinja2",
        "markupsafe",
        "docx",
        "lxml",
        "html5lib",
        "govreport.builtins.docx.writer",
    }
    md = imported_by([*build, "--to", "md"])
    assert "govreport.render" in md
    assert not md & {*renderers, "govreport.builtins.html.tables", *POOL_MODULES}
    html = imported_by([*build, "--to", "html"])
    assert "govreport.builtins.html.tables" in html
    assert not html & {*renderers, *POOL_MODULES}


def test_only_a_batch_with_workers_imports_the_process_pool(tmp_path):
    reports = []
    for name in ("a", "b", "c", "d"):
        (tmp_path / name).mkdir()
        report = (EXAMPLE / "report.toml").read_text(encoding="utf-8")
        (tmp_path / name / "report.toml").write_text(report, encoding="utf-8")
        reports.append(str(tmp_path / name))
    build = ["build", "--to", "md", "-o", str(tmp_path / "out")]
    assert not imported_by([*build, *reports[:3], "-j", "2"]) & set(POOL_MODULES)
    assert set(POOL_MODULES) <= imported_by([*build, *reports, "-j", "2"])
