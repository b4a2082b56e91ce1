"""The cache of the code attrs and cattrs generate: served only for its own source, kept in a
private folder, written whole, ignored when damaged or foreign, and never an error."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import attr._make
import pytest

from govreport import _codecache
from govreport._codecache import DIR_ENV, OFF_ENV, CodeCache

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "xinyu_commerce_2019"
FUTURE = 0  # compile flags of a module without future statements


def source(value: int) -> str:
    return f"def answer():\n    return {value}\n"


def run_answer(code: object) -> int:
    namespace: dict[str, object] = {}
    exec(code, namespace)
    return namespace["answer"]()  # type: ignore[operator]


def cache_file(folder: Path) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / "code-test.bin"


def check(env: dict[str, str], cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govreport.cli", "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=cwd,
    )


def test_saved_code_is_served_to_the_next_process(tmp_path):
    file = cache_file(tmp_path / "cache")
    first = CodeCache(file)
    assert run_answer(first.compiled(source(1), "<generated one>", FUTURE)) == 1
    first.save()
    again = CodeCache(file)
    assert run_answer(again.compiled(source(1), "<generated one>", FUTURE)) == 1
    assert again.used and not again.added  # a hit: nothing compiled, nothing to write


def test_a_different_source_or_name_is_compiled_not_served(tmp_path):
    file = cache_file(tmp_path / "cache")
    first = CodeCache(file)
    first.compiled(source(1), "<generated one>", FUTURE)
    first.save()
    again = CodeCache(file)
    assert run_answer(again.compiled(source(2), "<generated one>", FUTURE)) == 2
    other_name = again.compiled(source(1), "<generated two>", FUTURE)
    assert other_name.co_filename == "<generated two>"
    assert len(again.added) == 2 and not again.used


def test_attrs_hash_salt_of_another_process_is_replaced(tmp_path):
    """attrs writes a per-process number into __hash__: the served code has this process's."""
    script = textwrap.dedent(
        """
        import attrs
        from govreport import _codecache

        _codecache.install()  # as the govreport program does

        @attrs.frozen
        class Point:
            x: int
            y: int

        @attrs.frozen
        class Nothing:  # hash((salt,)): Python folds the tuple into one constant
            pass

        salt = hash("<attrs generated hash __main__.Point>")
        assert hash(Point(1, 2)) == hash((salt, 1, 2)), "wrong salt"
        assert Point(1, 2) == Point(1, 2) and Point(1, 2).y == 2
        salt = hash("<attrs generated hash __main__.Nothing>")
        assert hash(Nothing()) == hash((salt,)), "wrong salt"
        used = _codecache.current().used
        print(sum("Point" in key[0] or "Nothing" in key[0] for key in used))
        """
    )
    env = {**os.environ, DIR_ENV: str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={**env, "PYTHONHASHSEED": seed},
        )
        for seed in ("1", "2")
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[1].stderr
    assert [run.stdout.strip() for run in runs] == ["0", "2"]  # compiled, then served


def test_a_run_that_finds_everything_leaves_the_file_alone(tmp_path):
    folder = tmp_path / "cache"
    assert check({DIR_ENV: str(folder)}).returncode == 0
    (file,) = folder.glob("code-*.bin")
    written = file.stat()
    for seed in ("1", "2"):  # another hash salt each time
        assert check({DIR_ENV: str(folder), "PYTHONHASHSEED": seed}).returncode == 0
    again = file.stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),
        lambda data: b"",
        lambda data: os.urandom(len(data)),
        lambda data: data.replace(b"govreport code cache 1", b"govreport code cache 0"),
    ],
    ids=["truncated", "one-bit", "empty", "noise", "other-format"],
)
def test_a_damaged_file_is_ignored_and_replaced(tmp_path, damage):
    folder = tmp_path / "cache"
    assert check({DIR_ENV: str(folder)}).returncode == 0
    [file] = folder.glob("code-*.bin")
    file.write_bytes(damage(file.read_bytes()))
    assert _codecache._read(file) == {}
    result = check({DIR_ENV: str(folder)})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert _codecache._read(file)  # written again, whole


def test_a_stale_header_is_never_trusted(tmp_path, monkeypatch):
    file = cache_file(tmp_path / "cache")
    cache = CodeCache(file)
    cache.compiled(source(1), "<generated one>", FUTURE)
    cache.save()
    monkeypatch.setattr(_codecache, "_header_bytes", b"govreport code cache 1\nother\n\n")
    assert _codecache._read(file) == {}


def test_a_folder_of_another_user_is_not_used(tmp_path, monkeypatch):
    file = cache_file(tmp_path / "cache")
    cache = CodeCache(file)
    cache.compiled(source(1), "<generated one>", FUTURE)
    cache.save()
    assert _codecache._read(file)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(file.parent).st_uid + 1)
    assert _codecache._read(file) == {}
    other = CodeCache(file)
    other.compiled(source(2), "<generated one>", FUTURE)
    before = file.read_bytes()
    other.save()
    assert file.read_bytes() == before  # not written either


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="needs chown")
def test_a_folder_owned_by_someone_else_is_refused(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    result = check({DIR_ENV: str(folder)})
    assert result.returncode == 0, result.stderr
    assert list(folder.iterdir()) == []


def test_a_folder_others_may_write_to_is_refused(tmp_path):
    folder = tmp_path / "cache"
    assert check({DIR_ENV: str(folder)}).returncode == 0
    [file] = folder.glob("code-*.bin")
    assert _codecache._read(file)
    folder.chmod(0o777)
    assert _codecache._read(file) == {}
    file.unlink()
    assert check({DIR_ENV: str(folder)}).returncode == 0
    assert list(folder.iterdir()) == []


def test_a_file_others_may_write_to_is_not_read(tmp_path):
    folder = tmp_path / "cache"
    assert check({DIR_ENV: str(folder)}).returncode == 0
    [file] = folder.glob("code-*.bin")
    file.chmod(0o666)
    assert _codecache._read(file) == {}


def test_the_folder_is_made_private(tmp_path):
    folder = tmp_path / "deep" / "cache"
    assert check({DIR_ENV: str(folder)}).returncode == 0
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(file.stat().st_mode & 0o077 == 0 for file in folder.iterdir())


def test_the_cache_lives_in_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(DIR_ENV, raising=False)
    monkeypatch.delenv(OFF_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert _codecache.cache_folder() == tmp_path / "govreport"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert _codecache.cache_folder() == Path.home() / "Library" / "Caches" / "govreport"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert _codecache.cache_folder() == tmp_path / "local" / "govreport"


def test_turned_off_by_the_environment(tmp_path):
    folder = tmp_path / "cache"
    result = check({DIR_ENV: str(folder), OFF_ENV: "1"})
    assert result.returncode == 0, result.stderr
    assert not folder.exists()


@pytest.mark.parametrize("place", ["under-a-file", "read-only"])
def test_check_works_when_the_cache_cannot_be_written(tmp_path, place):
    if place == "under-a-file":
        (tmp_path / "file").write_text("x")
        folder = tmp_path / "file" / "cache"
    else:
        folder = tmp_path / "cache"
        folder.mkdir(mode=0o500)
    plain = check({OFF_ENV: "1"})
    result = check({DIR_ENV: str(folder)})
    assert (result.returncode, result.stdout, result.stderr) == (0, plain.stdout, "")


WRITER = """
import sys
from pathlib import Path
from govreport._codecache import CodeCache

file, me = Path(sys.argv[1]), int(sys.argv[2])
for round in range(40):
    cache = CodeCache(file)
    cache.compiled(f"def answer():\\n    return {me * 1000 + round}\\n", f"<w{me} {round}>", 0)
    cache.save()
"""


def test_processes_writing_at_once_leave_a_whole_file(tmp_path):
    file = cache_file(tmp_path / "cache")
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(file), str(number)])
        for number in range(4)
    ]
    seen = []
    while any(writer.poll() is None for writer in writers):
        if file.exists():
            seen.append(_codecache._read(file))
        time.sleep(0.005)
    assert [writer.wait() for writer in writers] == [0, 0, 0, 0]
    assert all(entries for entries in seen)  # every read found a whole, checked file
    entries = _codecache._read(file)
    assert entries
    served = CodeCache(file)
    for filename, _, _, text in entries:
        value = int(text.split("return ")[1])
        assert run_answer(served.compiled(text, filename, 0)) == value
    assert not served.added
    assert [path.name for path in file.parent.iterdir()] == [file.name]  # no temporary left


@pytest.fixture
def installed():
    """The cached compile in attrs and cattrs, as the govreport program has it, then removed."""
    _codecache.install()
    yield
    for name in ("attr._make", "cattrs.gen", "cattrs.gen.typeddicts"):
        vars(sys.modules.get(name, attr)).pop("compile", None)


def test_a_checking_program_fills_the_cache_and_the_next_one_uses_it(tmp_path):
    folder = tmp_path / "cache"
    first, second = check({DIR_ENV: str(folder)}), check({DIR_ENV: str(folder)})
    assert first.returncode == second.returncode == 0, first.stderr
    (file,) = folder.glob("code-*.bin")
    assert len(_codecache._read(file)) > 20  # the example's classes, attrs' and cattrs' code


def test_importing_govreport_as_a_library_leaves_attrs_alone():
    script = textwrap.dedent(
        f"""
        import attr._make, cattrs.gen
        import govreport
        govreport.load({str(EXAMPLE)!r}).check()
        assert "compile" not in vars(attr._make) and "compile" not in vars(cattrs.gen)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_attrs_compile_keeps_the_future_statements_of_its_module(installed):
    """attrs' module compiles with ``from __future__ import annotations`` in effect: the
    cached compile there does too (an annotation is not evaluated)."""
    code = attr._make.compile("def f(x: undefined_name) -> None: pass\n", "<f>", "exec")
    exec(code, {})


def test_anything_unexpected_goes_to_pythons_compile(installed):
    tree = attr._make.compile("1 + 1", "<e>", "eval", ast.PyCF_ONLY_AST)
    assert isinstance(tree, ast.Expression)
    assert eval(attr._make.compile("1 + 1", "<e>", "eval")) == 2
    assert attr._make.compile(b"x = 1\n", "<b>", "exec").co_filename == "<b>"
