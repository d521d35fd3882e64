"""The ``winnow`` CLI against the real server, run as a user would run it: a subprocess.

The ``server_address`` fixture ("127.0.0.1:PORT", session-scoped) comes from conftest.py.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import free_port

ROOT = Path(__file__).parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ROLE_NAMES = {"ARTICLE_BODY", "NAVIGATION", "RELATED_TEASER", "DONATION_APPEAL",
              "OTHER_BOILERPLATE"}
BLOCK_KEYS = {"index", "text", "start", "end", "role", "role_confidence", "language",
              "language_confidence"}


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 120,
            address_env: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m winnow_client.cli ARGS`` with the repo's packages importable.

    WINNOW_ADDRESS is taken from ``address_env`` only, so the caller's environment
    cannot point a test at some other server.
    """
    env = dict(os.environ)
    env.pop("WINNOW_ADDRESS", None)
    if address_env is not None:
        env["WINNOW_ADDRESS"] = address_env
    paths = [str(ROOT / "server"), str(ROOT / "client")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONIOENCODING"] = "utf-8"
    proc = subprocess.run(
        [sys.executable, "-m", "winnow_client.cli", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def assert_one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """A failed run: non-zero exit, exactly one ``winnow: error:`` line, no traceback."""
    assert proc.returncode != 0, proc
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("winnow: error:"), proc.stderr
    return lines[0]


def assert_well_formed(doc: dict) -> None:
    assert set(doc) == {"document", "content_type", "language", "blocks"}
    assert isinstance(doc["language"], str) and doc["language"]
    assert doc["blocks"], doc["document"]
    for i, block in enumerate(doc["blocks"]):
        assert set(block) == BLOCK_KEYS | ({"path"} if doc["content_type"] == "html" else set()), block
        assert block["index"] == i
        assert block["role"] in ROLE_NAMES, block
        assert 0 <= block["start"] < block["end"], block
        assert 0.0 <= block["role_confidence"] <= 1.0
        assert 0.0 <= block["language_confidence"] <= 1.0
        assert isinstance(block["language"], str) and block["language"]
        assert block["text"].strip()


@pytest.fixture(scope="module")
def seed_paths() -> list[str]:
    assert len(SEEDS) == 5, SEEDS
    return [str(p.relative_to(ROOT)) for p in SEEDS]


def test_classify_seeds_jsonl_in_input_order(server_address: str, seed_paths: list[str]) -> None:
    # reversed, so "input order" cannot be confused with sorted order
    paths = list(reversed(seed_paths))
    proc = run_cli("classify", "--address", server_address, "--format", "jsonl", *paths)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    docs = jsonl(proc.stdout)
    assert [d["document"] for d in docs] == paths
    for doc in docs:
        assert_well_formed(doc)
        # offsets are code points into the decoded document, and the span holds the
        # block's text (compared without white space: the server decides how it collapses
        # white space, e.g. it keeps a no-break space)
        text = (ROOT / doc["document"]).read_text(encoding="utf-8")
        for block in doc["blocks"]:
            assert block["end"] <= len(text)
            span = text[block["start"]:block["end"]]
            assert "".join(span.split()) == "".join(block["text"].split()), block


def test_one_file_over_classify_equals_the_stream_result(
    server_address: str, seed_paths: list[str]
) -> None:
    single = run_cli("classify", "--address", server_address, "--format", "jsonl", seed_paths[0])
    many = run_cli("classify", "--address", server_address, "--format", "jsonl", *seed_paths[:2])
    assert single.returncode == 0 and many.returncode == 0, (single.stderr, many.stderr)
    assert jsonl(single.stdout) == jsonl(many.stdout)[:1]


def test_gz_copy_gives_the_same_blocks(
    server_address: str, seed_paths: list[str], tmp_path: Path
) -> None:
    plain = ROOT / seed_paths[1]
    packed = tmp_path / (plain.name + ".gz")
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    a = run_cli("classify", "--address", server_address, "--format", "jsonl", str(plain))
    b = run_cli("classify", "--address", server_address, "--format", "jsonl", str(packed))
    assert a.returncode == 0 and b.returncode == 0, (a.stderr, b.stderr)
    (doc_a,), (doc_b,) = jsonl(a.stdout), jsonl(b.stdout)
    assert doc_b["document"] == str(packed)
    assert doc_a["blocks"] and doc_b["blocks"] == doc_a["blocks"]
    assert doc_b["language"] == doc_a["language"]


def test_stdin_dash(server_address: str, seed_paths: list[str]) -> None:
    raw = (ROOT / seed_paths[2]).read_bytes()
    from_stdin = run_cli("classify", "--address", server_address, "--format", "jsonl", "-",
                         stdin=raw)
    from_file = run_cli("classify", "--address", server_address, "--format", "jsonl",
                        seed_paths[2])
    assert from_stdin.returncode == 0, from_stdin.stderr
    (doc,) = jsonl(from_stdin.stdout)
    assert doc["document"] == "-"
    assert_well_formed(doc)
    assert doc["blocks"] == jsonl(from_file.stdout)[0]["blocks"]


def test_table_prints_paths_and_role_names(server_address: str, seed_paths: list[str]) -> None:
    as_json = run_cli("classify", "--address", server_address, "--format", "jsonl", *seed_paths)
    table = run_cli("classify", "--address", server_address, "--format", "table", *seed_paths)
    assert table.returncode == 0, table.stderr
    roles = {b["role"] for d in jsonl(as_json.stdout) for b in d["blocks"]}
    assert roles
    for role in roles:
        assert role in table.stdout
    headers = [line for line in table.stdout.splitlines() if line.split()[:1] and
               line.split()[0] in seed_paths]
    assert [h.split()[0] for h in headers] == seed_paths


def test_table_is_the_default_format(server_address: str, seed_paths: list[str]) -> None:
    proc = run_cli("classify", "--address", server_address, seed_paths[0])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(seed_paths[0])
    assert any(role in proc.stdout for role in ROLE_NAMES)


def test_address_from_environment(server_address: str) -> None:
    proc = run_cli("health", address_env=server_address)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "SERVING"


def test_health_is_serving(server_address: str) -> None:
    proc = run_cli("health", "--address", server_address)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "SERVING"


def test_describe_prints_json(server_address: str) -> None:
    proc = run_cli("describe", "--address", server_address)
    assert proc.returncode == 0, proc.stderr
    described = json.loads(proc.stdout)
    roles = {r["role"] for r in described["roles"]}
    assert roles == ROLE_NAMES


@pytest.mark.parametrize("command", [["health"], ["classify", "--format", "jsonl"]])
def test_unreachable_server_is_one_error_line(command: list[str], seed_paths: list[str]) -> None:
    address = f"127.0.0.1:{free_port()}"
    files = seed_paths[:1] if command[0] == "classify" else []
    proc = run_cli(*command, "--address", address, *files, timeout=60)
    line = assert_one_error_line(proc)
    assert proc.returncode == 1
    assert address in line
    assert proc.stdout == ""


def test_missing_file_is_one_error_line(server_address: str, seed_paths: list[str]) -> None:
    proc = run_cli("classify", "--address", server_address, seed_paths[0], "seeds/nope.txt")
    line = assert_one_error_line(proc)
    assert proc.returncode == 2
    assert line == "winnow: error: seeds/nope.txt: No such file or directory"
    assert proc.stdout == ""


def test_empty_file_is_one_error_line(server_address: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = run_cli("classify", "--address", server_address, "--format", "jsonl", str(empty))
    line = assert_one_error_line(proc)
    assert str(empty) in line
    assert "INVALID_ARGUMENT" in line
    assert proc.stdout == ""


def test_empty_file_in_a_stream_does_not_stop_the_others(
    server_address: str, seed_paths: list[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    paths = [seed_paths[0], str(empty), seed_paths[1]]
    proc = run_cli("classify", "--address", server_address, "--format", "jsonl", *paths)
    line = assert_one_error_line(proc)
    assert proc.returncode == 1
    assert str(empty) in line
    docs = jsonl(proc.stdout)
    assert [d["document"] for d in docs] == [seed_paths[0], seed_paths[1]]
    for doc in docs:
        assert_well_formed(doc)


PAGE = ROOT / "tests" / "data" / "czech_page.html"


def test_html_files_are_read_as_html_by_their_name_also_gzipped(server_address: str, tmp_path: Path) -> None:
    packed = tmp_path / "stranka.htm.gz"
    packed.write_bytes(gzip.compress(PAGE.read_bytes()))
    as_text = tmp_path / "stranka.txt"
    as_text.write_bytes(PAGE.read_bytes().decode("cp1250").encode("utf-8"))
    proc = run_cli("classify", "--address", server_address, "--format", "jsonl", str(PAGE), str(packed), str(as_text))
    assert proc.returncode == 0, proc.stderr
    page, gz, text = jsonl(proc.stdout)
    for doc in (page, gz, text):
        assert_well_formed(doc)
    assert page["content_type"] == gz["content_type"] == "html"
    assert gz["blocks"] == page["blocks"]
    assert page["blocks"][0]["path"].startswith("html > body")
    assert text["content_type"] == "text"  # *.txt is text, markup and all
    assert any("<" in b["text"] for b in text["blocks"])


def test_content_type_option_overrides_the_name(server_address: str) -> None:
    proc = run_cli("classify", "--address", server_address, "--format", "jsonl", "--content-type", "text", str(PAGE))
    assert proc.returncode == 1  # cp1250 bytes are not UTF-8 text: the server says so
    assert "not valid UTF-8" in assert_one_error_line(proc) and "HTML" in proc.stderr


def test_languages_option_is_sent_and_checked_by_the_server(server_address: str) -> None:
    proc = run_cli("classify", "--address", server_address, "--languages", "en,xx", str(PAGE))
    line = assert_one_error_line(proc)
    assert "'xx'" in line
