"""govreport's speed and memory against what a user would otherwise reach for.

    python benchmarks/bench.py            # the full run (about twelve minutes on two cores)
    python benchmarks/bench.py --quick    # a smoke run with small numbers (CI)

Generates realistic reports (seeded: the gb2021 edition with every table filled, the Xinyu
report's narrative, the commerce plugin's project pre-review) and prints, measured in this one
run on this machine, the median of repeated runs, each pair of things compared timed in turns:

1. batch build: ``govreport build`` of many reports to md + html + docx with ``-j 2``, against
   pandoc turning the same reports' Markdown into html and docx (one process per file and
   format, two at a time) — target: govreport's throughput at least 5× pandoc's;
2. single report: ``govreport build`` of the example to md + html + docx as a new process,
   against pandoc turning its Markdown into html and then into docx — target: at most pandoc's
   time;
3. ``-j 2`` against ``-j 1``: the same build of 1, 10, 100 and 1,000 reports with two workers
   and with one — targets: never slower (at least 1.0×), at least 1.9× at 100 reports;
4. cold check: ``govreport check`` of the example as a new process, against
   ``python -c "import attrs, cattrs, pluggy, tomllib"`` — target: at most 1.45×;
5. warm check: ``govreport.load(example).check()`` in a process that has already checked it,
   median of many, in ms (in a process of its own) — target: at most 5 ms;
6. bulk check: checking many reports in one call, against parsing the same files with tomllib
   alone — target: at most 2.5×;
7. memory: peak RSS of building many reports in one call — target: at most 250 MB, and flat in
   the number of reports (the two sizes within 20% of each other);
8. import and check: ``govreport check`` of a published PDF (read with the PDF plugin) and of a
   portal's HTML page, each as a new process, against ``pdftotext`` extracting the same PDF's
   text — no target yet: the figures are reported;
9. pdf batch: ``govreport build`` of many reports ``--to pdf`` in one process (one LibreOffice
   run for the batch), against one ``soffice --convert-to pdf`` per .docx — PDFs per second of
   each, no target yet (left out when LibreOffice is missing).

It drives govreport only through its command line and ``govreport.load``, so the same script
measures an older checkout too: run it with ``PYTHONPATH`` pointing at that checkout's ``src``
(and its plugins' ``src``); the header names the version and commit measured.

Every process runs with its bytecode cached (in this run's temporary folder), as an installed
copy does. It exits non-zero when pandoc is missing; without pdftotext or the PDF plugin it
says so and leaves out the import figures. The figures are for people to read:
nothing here fails on a missed target, since shared machines are noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOML = "tomllib" if sys.version_info >= (3, 11) else "tomli"
EXAMPLE = ROOT / "examples" / "xinyu_commerce_2019"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
PDF = CORPUS / "huaian-2024.pdf"
"""Huai'an's 2024 report as published: six pages, three statistical tables."""
PAGE = CORPUS / "pingtan-2021.html"
"""Pingtan's 2021 report as saved from its portal, the site's chrome and all."""
APPLICANTS = ("natural", "business", "research", "nonprofit", "legal", "other")
"""The applicant columns of the gb2021 format's 表三 (its 总计 column left out)."""
RESULT_ROWS = (
    "granted",
    "partly_granted",
    *(
        f"withheld.{reason}"
        for reason in (
            "state_secret",
            "prohibited_by_law",
            "security_stability",
            "third_party",
            "internal_affairs",
            "process_information",
            "enforcement_file",
            "query_matter",
        )
    ),
    *(f"unavailable.{reason}" for reason in ("not_held", "needs_creation", "still_unclear")),
    *(
        f"not_processed.{reason}"
        for reason in ("petition_complaint", "repeated", "publication", "excessive", "confirmation")
    ),
    *(f"other_handling.{reason}" for reason in ("no_supplement", "fee_unpaid", "other")),
)
"""表三's result rows (（一） to （六）), whose totals and 一/四 govreport derives."""


# --- generating reports -------------------------------------------------------------------


def toml_key(key: str) -> str:
    """A key, dotted keys kept dotted: ``withheld.state_secret``."""
    return ".".join(toml_part(part) for part in key.split("."))


def toml_part(key: str) -> str:
    """One key, bare when TOML allows it, else quoted."""
    return (
        key
        if key.isascii() and key.replace("_", "").replace("-", "").isalnum()
        else toml_value(key)
    )


def toml_value(data: object) -> str:
    """Plain data as one line of TOML (strings as JSON writes them, which TOML reads)."""
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, (int, float)):
        return repr(data)
    if isinstance(data, str):
        return json.dumps(data, ensure_ascii=False)
    if isinstance(data, list):
        return f"[{', '.join(toml_value(item) for item in data)}]"
    if isinstance(data, dict):
        pairs = ", ".join(f"{toml_part(str(k))} = {toml_value(v)}" for k, v in data.items())
        return f"{{ {pairs} }}"
    if hasattr(data, "isoformat"):
        return data.isoformat()
    raise TypeError(f"cannot write {type(data).__name__} as TOML")


def tables(rng: random.Random) -> dict[str, dict[str, dict[str, object]]]:
    """Every table of the gb2021 format filled, with totals left for govreport to compute."""
    results = {row: {a: rng.randint(0, 40) for a in APPLICANTS} for row in RESULT_ROWS}
    forward = {a: rng.randint(0, 10) for a in APPLICANTS}
    brought = {a: rng.randint(0, 10) for a in APPLICANTS}
    new = {a: sum(row[a] for row in results.values()) + forward[a] - brought[a] for a in APPLICANTS}
    for a in APPLICANTS:
        if new[a] < 0:
            forward[a] -= new[a]
            new[a] = 0
    appeals = {
        key: {o: rng.randint(0, 9) for o in ("upheld", "corrected", "other", "pending")}
        for key in ("reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration")
    }
    active = {
        "rules": {"issued": rng.randint(0, 5), "repealed": rng.randint(0, 3), "in_force": 40},
        "normative_documents": {"issued": rng.randint(0, 30), "repealed": 2, "in_force": 120},
        "licensing": {"decisions": rng.randint(0, 50000)},
        "penalties": {"decisions": rng.randint(0, 5000)},
        "coercion": {"decisions": rng.randint(0, 500)},
        "fees": {"amount": round(rng.uniform(0, 9000), 1)},
    }
    requests = {"new": new, "brought_forward": brought, **results, "carried_forward": forward}
    return {"active": active, "requests": requests, "appeals": appeals}


def report_text(number: int, narrative: dict) -> str:
    """One gb2021 report: the example's narrative under the national headings, tables filled."""
    rng = random.Random(number)
    sections = narrative["sections"]
    lines = [
        'edition = "gb2021"',
        "year = 2023",
        "",
        "[agency]",
        f'name = "新余市第{number}局"',
        f'office = "新余市第{number}局办公室"',
        'address = "江西省新余市仙来中大道165号"',
        'postcode = "338025"',
        'phones = ["0790-6441411"]',
        "",
        "[figures]",
        *(f"{key} = {toml_value(value)}" for key, value in narrative["figures"].items()),
        "",
    ]
    parts = {
        "overview": sections[0]["content"] + sections[1]["content"],
        "active": [],
        "requests": sections[2]["content"],
        "appeals": [],
        "problems": sections[7]["content"],
        "other": sections[4]["content"] + sections[6]["content"],
    }
    for part, content in parts.items():
        lines += ["[[sections]]", f'part = "{part}"', f"content = {toml_value(content)}", ""]
    for table, rows in tables(rng).items():
        lines.append(f"[tables.{table}]")
        lines += [f"{toml_key(row)} = {toml_value(cells)}" for row, cells in rows.items()]
        lines.append("")
    return "\n".join(lines)


def write_reports(folder: Path, count: int) -> list[Path]:
    """Write ``count`` reports, each ``rNNNNN/report.toml``; returns their folders."""
    toml = importlib.import_module(TOML)
    narrative = toml.loads((EXAMPLE / "report.toml").read_text(encoding="utf-8"))
    paths = []
    for number in range(1, count + 1):
        report = folder / f"r{number:05d}"
        report.mkdir(parents=True)
        (report / "report.toml").write_text(report_text(number, narrative), encoding="utf-8")
        paths.append(report)
    return paths


# --- measuring ----------------------------------------------------------------------------


def environment(cache: Path) -> dict[str, str]:
    """The environment every measured process runs in: bytecode cached, as in an installed copy.

    Compiled bytecode goes to a folder of this run (the working tree stays clean); without it a
    checkout run with ``PYTHONDONTWRITEBYTECODE`` would compile govreport's source on every start.
    """
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(command: Sequence[str | Path], env: dict[str, str], ok: Sequence[int] = (0,)) -> None:
    result = subprocess.run([str(part) for part in command], capture_output=True, env=env)
    if result.returncode not in ok:
        stderr = result.stderr.decode("utf-8", "replace")[-2000:]
        raise SystemExit(f"failed: {' '.join(map(str, command))[:200]}\n{stderr}")


def medians_in_turns(actions: Sequence[Callable[[], None]], repeat: int) -> list[float]:
    """Median seconds of each action, timed in turns so that all see the same machine load."""
    timings: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, times in zip(actions, timings, strict=True):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in timings]


def paired_medians(
    ours: Callable[[], None], theirs: Callable[[], None], repeat: int
) -> tuple[float, float]:
    """Median seconds of each, timed in turns so that both see the same machine load."""
    ours_median, theirs_median = medians_in_turns((ours, theirs), repeat)
    return ours_median, theirs_median


def peak_rss_mb(command: Sequence[str | Path], env: dict[str, str]) -> float:
    """Peak resident memory of a command (its largest process), in MB."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe, *map(str, command)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return int(output.split()[-1]) / 1024


def govreport() -> list[str]:
    return [sys.executable, "-m", "govreport.cli"]


def batch_build(
    folder: Path, reports: list[Path], repeat: int, env: dict[str, str]
) -> tuple[float, float]:
    """``govreport build -j 2`` against pandoc converting the same Markdown, two at a time."""
    out = folder / "build-out"
    build = [*govreport(), "build", *reports, "--to", "md,html,docx", "-j", "2", "-o", out]
    run(build, env)  # warm up, and write the Markdown pandoc converts
    jobs = [
        ["pandoc", "-s", "--metadata", "title=年度报告", md, "-o", md.with_suffix(f".p.{ext}")]
        for md in sorted(out.glob("*.md"))
        for ext in ("html", "docx")
    ]

    def pandoc_all() -> None:
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda job: run(job, env), jobs))

    return paired_medians(lambda: run(build, env), pandoc_all, repeat)


def single_report(folder: Path, repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """``govreport build`` of the example to md + html + docx as a new process, against pandoc
    turning the Markdown it wrote into html and then into docx (two processes, one after the
    other)."""
    out = folder / "single-out"
    build = [*govreport(), "build", EXAMPLE, "--to", "md,html,docx", "-o", out]
    run(build, env)  # warm up, and write the Markdown pandoc converts
    (md,) = out.glob("*.md")
    pandoc = [
        ["pandoc", "-s", "--metadata", "title=年度报告", md, "-o", folder / f"single.p.{ext}"]
        for ext in ("html", "docx")
    ]

    def pandoc_both() -> None:
        for command in pandoc:
            run(command, env)

    return paired_medians(lambda: run(build, env), pandoc_both, repeat)


def jobs_speedup(
    folder: Path, reports: list[Path], repeat: int, env: dict[str, str]
) -> tuple[float, float]:
    """The same build of the reports with ``-j 1`` and with ``-j 2``: median seconds of each."""
    commands = [
        [
            *govreport(),
            *("build", *reports, "--to", "md,html,docx", "-j", str(jobs)),
            *("-o", folder / f"jobs-{len(reports)}-{jobs}"),
        ]
        for jobs in (1, 2)
    ]
    if len(reports) < 1000:  # the largest batch is warm from the smaller ones: spare its cost
        for command in commands:
            run(command, env)
    one, two = medians_in_turns([lambda c=c: run(c, env) for c in commands], repeat)
    return one, two


WARM_CHECK = """\
import statistics, sys, time
import govreport
path, repeat = sys.argv[1], int(sys.argv[2])
for _ in range(3):
    govreport.load(path).check()
times = []
for _ in range(repeat):
    start = time.perf_counter()
    govreport.load(path).check()
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""
"""A check of the example in a process that has already checked it, through the public API."""


def warm_check(runs: int, repeat: int, env: dict[str, str]) -> float:
    """Median seconds of a warm ``govreport.load(example).check()``: each of ``runs`` processes
    checks it ``repeat`` times after three checks not counted; the median of their medians."""
    medians = []
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, "-c", WARM_CHECK, str(EXAMPLE), str(repeat)],
            capture_output=True,
            text=True,
            env=env,
        )
        if output.returncode != 0:
            raise SystemExit(f"failed: the warm check\n{output.stderr[-2000:]}")
        medians.append(float(output.stdout.split()[-1]))
    return statistics.median(medians)


def cold_check(repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """``govreport check`` of the example as a new process, against importing the dependencies."""
    check = [*govreport(), "check", EXAMPLE]
    floor = [sys.executable, "-c", f"import attrs, cattrs, pluggy, {TOML}"]
    run(check, env)
    run(floor, env)
    return paired_medians(lambda: run(check, env), lambda: run(floor, env), repeat)


def bulk_check(reports: list[Path], repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """Checking many reports in one call, against parsing the same files with tomllib."""
    files = [report / "report.toml" for report in reports]
    check = [*govreport(), "check", *files]
    parse = f"import sys, {TOML}\nfor p in sys.argv[1:]:\n    {TOML}.load(open(p, 'rb'))"
    floor = [sys.executable, "-c", parse, *files]
    # Exit 1 means a report has findings: the generated figures are random, that may happen.
    return paired_medians(lambda: run(check, env, ok=(0, 1)), lambda: run(floor, env), repeat)


def import_check(repeat: int, env: dict[str, str]) -> tuple[float, float, float]:
    """``govreport check`` of the PDF and of the HTML page, and ``pdftotext`` of the PDF.

    Each is a whole new process: govreport starts, reads the document, maps it to a report and
    checks it, writing nothing; pdftotext only extracts the PDF's text. Median seconds of each.
    """
    # Exit 1 would mean findings in a published report: it was still read and checked.
    pdf, page = ([*govreport(), "check", document] for document in (PDF, PAGE))
    text = ["pdftotext", PDF, "-"]
    for command in (pdf, page, text):
        run(command, env, ok=(0, 1))  # warm up: bytecode compiled, files in the page cache
    actions = [
        lambda: run(pdf, env, ok=(0, 1)),
        lambda: run(page, env, ok=(0, 1)),
        lambda: run(text, env),
    ]
    pdf_median, page_median, text_median = medians_in_turns(actions, repeat)
    return pdf_median, page_median, text_median


def import_missing() -> str | None:
    """Why the import figures cannot be measured here, or None when they can."""
    if shutil.which("pdftotext") is None:
        return "pdftotext is missing (Debian/Ubuntu: apt-get install poppler-utils)"
    if any(importlib.util.find_spec(name) is None for name in ("govreport_pdf", "pdfplumber")):
        return "the PDF plugin is missing (pip install plugins/govreport-pdf)"
    return None


def memory(folder: Path, reports: list[Path], env: dict[str, str]) -> float:
    out = folder / f"memory-out-{len(reports)}"
    return peak_rss_mb([*govreport(), "build", *reports, "--to", "md,html,docx", "-o", out], env)


def measured(env: dict[str, str]) -> str:
    """The govreport the measured processes import: its version, commit and folder."""
    probe = "import govreport, os; print(getattr(govreport, '__version__', '?'));"
    probe += "print(os.path.dirname(govreport.__file__))"
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    ).stdout.split("\n")
    version, where = output[0], output[1]
    git = ["git", "-C", where, "describe", "--always", "--dirty", "--exclude", "*"]
    commit = subprocess.run(git, capture_output=True, text=True).stdout.strip()
    return f"govreport: {version}, commit {commit or '? (not a git checkout)'}, from {where}"


def machine() -> str:
    """The machine, for the record: CPU, cores, memory, load, OS, Python and pandoc."""
    cpu = platform.processor() or platform.machine()
    memory_gb = "?"
    with contextlib.suppress(OSError):
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal"):
                memory_gb = f"{int(text.split()[1]) / 1024 / 1024:.0f}"
                break
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {memory_gb} GB, load {load}\n"
        f"system:  {platform.platform()}, Python {platform.python_version()}, "
        f"pandoc {pandoc_version()}, pdftotext {pdftotext_version()}"
    )


def pandoc_version() -> str:
    output = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    return output.split("\n")[0].split()[-1] if output else "?"


def pdftotext_version() -> str:
    """poppler's version, which pdftotext prints on standard error; "missing" without it."""
    if shutil.which("pdftotext") is None:
        return "missing"
    output = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr
    return output.split("\n")[0].split()[-1] if output else "?"


def pdf_missing() -> str | None:
    """Why the PDF batch figure cannot be measured here, or None when it can."""
    if (shutil.which("soffice") or shutil.which("libreoffice")) is None:
        return "LibreOffice is missing (Debian/Ubuntu: apt-get install libreoffice-writer-nogui)"
    if importlib.util.find_spec("govreport_pdf") is None:
        return "the PDF plugin is missing (pip install plugins/govreport-pdf)"
    return None


def pdf_batch(
    folder: Path, reports: list[Path], repeat: int, env: dict[str, str]
) -> tuple[float, float]:
    """``govreport build --to pdf`` of the reports in one process (one LibreOffice run for the
    batch) against one ``soffice --convert-to pdf`` per .docx that govreport wrote."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    out = folder / "pdf-out"
    run([*govreport(), "build", *reports, "--to", "docx", "-o", out], env)
    build = [*govreport(), "build", *reports, "--to", "pdf", "-o", out]
    run(build, env)  # warm up
    profile = (folder / "soffice-profile").as_uri()
    loose = folder / "soffice-out"
    base = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    each = [
        [*base, "--convert-to", "pdf", "--outdir", loose, docx]
        for docx in sorted(out.glob("*.docx"))
    ]

    def one_by_one() -> None:
        for command in each:
            run(command, env)

    return paired_medians(lambda: run(build, env), one_by_one, repeat)


def pdf_figures(folder: Path, reports: list[Path], repeat: int, env: dict[str, str]) -> None:
    """Print the PDF batch figure (PDFs per second), or why it is left out."""
    name = f"pdf batch ({len(reports)} reports)"
    missing = pdf_missing()
    if missing is not None:
        print(f"{name:<30}skipped: {missing}", flush=True)
        return
    ours, theirs = pdf_batch(folder, reports, repeat, env)
    rate, loose = len(reports) / ours, len(reports) / theirs
    line(
        name,
        f"govreport {rate:.2f}, soffice per file {loose:.2f} PDF/s → {rate / loose:.1f}×",
        "none yet (reported)",
    )


def line(name: str, figure: str, target: str) -> None:
    print(f"{name:<30}{figure:<52}target: {target}", flush=True)


def import_figures(repeat: int, env: dict[str, str]) -> None:
    """Print the import figures, per report against pdftotext, or why they are left out."""
    missing = import_missing()
    if missing is not None:
        print(f"{'import + check':<30}skipped: {missing}", flush=True)
        return
    pdf, page, text = import_check(repeat, env)
    figures = (("import + check (6-page PDF)", pdf), ("import + check (HTML page)", page))
    for name, seconds in figures:
        line(
            name,
            f"govreport {seconds:.2f} s, pdftotext {text:.2f} s → {seconds / text:.0f}×",
            "none yet (reported)",
        )
    print(
        f"{'':<30}seconds per report, each a new process that reads, maps and checks it;\n"
        f"{'':<30}pdftotext only extracts the PDF's text: the floor of reading a PDF at all",
        flush=True,
    )


PANDOC_MISSING = """\
pandoc is missing: the benchmark compares govreport with it. Install it:
  Debian/Ubuntu: apt-get install pandoc
  macOS:         brew install pandoc
  elsewhere:     https://pandoc.org/installing.html"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small numbers (a smoke test for CI)")
    parser.add_argument("--repeat", type=int, default=3, help="runs behind each median (default 3)")
    args = parser.parse_args(argv)
    if shutil.which("pandoc") is None:
        print(PANDOC_MISSING, file=sys.stderr)
        return 1
    if args.quick:
        build_n, check_n, memory_n, pdf_n, repeat = 6, 20, (4, 12), 4, 1
        jobs_n = {1: 3, 10: 2}
    else:
        build_n, check_n, memory_n, repeat = 200, 2000, (200, 1000), max(1, args.repeat)
        pdf_n = 20
        jobs_n = {1: 5 * repeat, 10: 3 * repeat, 100: repeat, 1000: 1}
    """Reports in each ``-j`` comparison, and runs behind its medians: small ones cost little."""
    print(machine())
    print(f"command: python benchmarks/bench.py{' --quick' if args.quick else ''}", flush=True)
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as temporary:
        folder = Path(temporary)
        env = environment(folder / "pycache")
        print(measured(env), flush=True)
        reports = write_reports(folder / "reports", max(build_n, check_n, *memory_n, *jobs_n))

        ours, theirs = batch_build(folder, reports[:build_n], repeat, env)
        line(
            f"batch build ({build_n} reports)",
            f"govreport {ours:.2f} s, pandoc {theirs:.2f} s → {theirs / ours:.1f}×",
            "≥ 5× pandoc's throughput",
        )

        ours, theirs = single_report(folder, 5 if args.quick else 7 * repeat, env)
        line(
            "single report (md+html+docx)",
            f"govreport {ours * 1000:.0f} ms, pandoc {theirs * 1000:.0f} ms → {ours / theirs:.2f}×",
            "≤ 1.0× (at most pandoc's time)",
        )

        for n, runs in jobs_n.items():
            one, two = jobs_speedup(folder, reports[:n], runs, env)
            line(
                f"-j 2 vs -j 1 ({n} report{'s' if n > 1 else ''})",
                f"-j 1 {one:.2f} s, -j 2 {two:.2f} s → speed-up {one / two:.2f}×",
                "≥ 1.0× (never slower)" + (", ≥ 1.9× at 100" if n == 100 else ""),
            )

        ours, floor = cold_check(5 if args.quick else 7 * repeat, env)
        line(
            "cold check (example)",
            f"govreport {ours * 1000:.0f} ms, imports {floor * 1000:.0f} ms → {ours / floor:.2f}×",
            "≤ 1.45×",
        )

        warm = warm_check(1 if args.quick else 3, 100 if args.quick else 300, env)
        line("warm check (example)", f"govreport.load(…).check() {warm * 1000:.1f} ms", "≤ 5 ms")

        ours, floor = bulk_check(reports[:check_n], repeat, env)
        line(
            f"bulk check ({check_n} reports)",
            f"govreport {ours:.2f} s, tomllib {floor:.2f} s → {ours / floor:.2f}×",
            "≤ 2.5×",
        )

        small, large = (memory(folder, reports[:n], env) for n in memory_n)
        line(
            f"memory ({memory_n[0]} / {memory_n[1]} reports)",
            f"{small:.0f} MB / {large:.0f} MB → {large / small:.2f}×",
            "≤ 250 MB, within 1.2× of each other",
        )
        import_figures(3 if args.quick else 3 * repeat, env)
        pdf_figures(folder, reports[:pdf_n], repeat, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
