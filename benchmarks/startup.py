"""Where a cold ``govreport check`` spends its time beyond the floor its dependencies set.

    python benchmarks/startup.py            # medians of 15 runs
    python benchmarks/startup.py --runs 41

The cold-check figure of ``bench.py`` compares ``govreport check`` of the example, as a new
process, with ``python -c "import attrs, cattrs, pluggy, tomllib"``. This script runs the same
two, in turns, and splits the difference: each check runs in a process that times, after the
floor's imports, the attrs classes being created, the structuring code cattrs generates, the
TOML parse and the rules, and leaves the rest (importing govreport's modules and plugins, the
command line, printing) as one figure. What the process spends starting and exiting beyond the
floor's own is the wall-clock difference the in-process figures do not cover.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench import EXAMPLE, TOML, environment, run

PROBE = """
import contextlib, gc, io, json, sys, time
from collections import defaultdict

gc.set_threshold(10_000, 10, 10)  # as govreport.cli.run sets it
import attrs, cattrs, pluggy, {toml}
import cattrs.gen

clock = time.perf_counter
spent, counts, depth = defaultdict(float), defaultdict(int), [0]


@contextlib.contextmanager
def phase(name):
    depth[0] += 1
    start = clock()
    try:
        yield
    finally:
        depth[0] -= 1
        if depth[0] == 0:  # nested work (cattrs generating for a field's class) counts once
            spent[name] += clock() - start
            counts[name] += 1


def timed(name, function):
    def wrapper(*args, **kwargs):
        with phase(name):
            return function(*args, **kwargs)
    return wrapper


def timed_class_decorator(decorator):
    def wrapper(maybe_cls=None, **options):
        if maybe_cls is None:
            return lambda cls: wrapper(cls, **options)
        with phase("attrs classes"):
            return decorator(maybe_cls, **options)
    return wrapper


attrs.define = timed_class_decorator(attrs.define)
attrs.frozen = timed_class_decorator(attrs.frozen)
cattrs.gen.make_dict_structure_fn = timed("cattrs code", cattrs.gen.make_dict_structure_fn)
{toml}.loads = timed("TOML", {toml}.loads)
start = clock()
import govreport.checks.run
govreport.checks.run.run_checks = timed("rules", govreport.checks.run.run_checks)
from govreport.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["check", sys.argv[1]])
total = clock() - start
print(json.dumps({{"total": total, "spent": spent, "counts": counts, "code": code}}))
"""


def probe(env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(toml=TOML), str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def row(label: str, value: float, note: str = "") -> None:
    print(f"{label:<46}{value:7.1f}  {note}".rstrip(), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs behind each median")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="govreport-startup-") as temporary:
        return measure(args.runs, environment(Path(temporary)))


def measure(runs: int, env: dict[str, str]) -> int:
    check = [sys.executable, "-m", "govreport.cli", "check", str(EXAMPLE)]
    floor = [sys.executable, "-c", f"import attrs, cattrs, pluggy, {TOML}"]
    walls: tuple[list[float], list[float]] = ([], [])
    probes = []
    for command in (check, floor):  # warm up: bytecode compiled, files cached
        run(command, env)
    for _ in range(runs):
        for command, times in zip((check, floor), walls, strict=True):
            start = time.perf_counter()
            run(command, env)
            times.append(time.perf_counter() - start)
        probes.append(probe(env))

    ours, base = (statistics.median(times) * 1000 for times in walls)
    inside = statistics.median(p["total"] for p in probes) * 1000
    print(f"cold check of the example, medians of {runs} runs, in ms")
    row(f"floor: import attrs, cattrs, pluggy, {TOML}", base)
    row("govreport check", ours, f"{ours / base:.2f}×")
    row("beyond the floor", ours - base, f"1.3× allows {0.3 * base:.0f}")
    print("in the check's process, after the floor's imports:")
    accounted = 0.0
    for name in ("attrs classes", "cattrs code", "TOML", "rules"):
        value = statistics.median(p["spent"].get(name, 0.0) for p in probes) * 1000
        count = max(p["counts"].get(name, 0) for p in probes)
        accounted += value
        row(f"  {name} ({count} calls)", value)
    row("  the rest: modules, plugins, command line", inside - accounted)
    row("  in all", inside)
    row("starting and exiting beyond the floor's", ours - base - inside)
    return 0


if __name__ == "__main__":
    sys.exit(main())
