"""Client pieces that need no server: reading inputs, rendering results, ordering."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import grpc
import pytest
from winnow.v1 import winnow_pb2

from winnow_client import ROLE_NAMES, InputError, WinnowError, make_request, read_document
from winnow_client.cli import main
from winnow_client.formats import excerpt, render_jsonl, render_table, response_to_dict
from winnow_client.inputs import content_type_for
from winnow_client.ordering import StreamOrderError, in_input_order

BLOCK_KEYS = [
    "index", "text", "start", "end", "role", "role_confidence", "language",
    "language_confidence",
]
LONG_TEXT = "Donate now to keep independent journalism alive, " * 4


def _response() -> winnow_pb2.ClassifyResponse:
    """A hand-built response: a headline, a long donation appeal and a German menu."""
    headline = "Xi to meet Putin in Moscow — „Besuch für den Frieden“"
    text = f"{headline}\n{LONG_TEXT}\nStartseite"
    second_start = len(headline) + 1
    third_start = second_start + len(LONG_TEXT) + 1
    return winnow_pb2.ClassifyResponse(
        id="7",
        language="en",
        language_confidence=0.93,
        text=text,
        blocks=[
            winnow_pb2.Block(index=0, text=headline, start=0, end=len(headline),
                             role=winnow_pb2.ARTICLE_BODY, role_confidence=0.97,
                             language="en", language_confidence=0.987654),
            winnow_pb2.Block(index=1, text=LONG_TEXT.strip(), start=second_start,
                             end=second_start + len(LONG_TEXT), role=winnow_pb2.DONATION_APPEAL,
                             role_confidence=0.81234567, language="en",
                             language_confidence=0.9),
            winnow_pb2.Block(index=2, text="Startseite", start=third_start,
                             end=third_start + len("Startseite"), role=winnow_pb2.NAVIGATION,
                             role_confidence=0.66, language="de", language_confidence=0.5),
        ],
        article_text=headline,
    )


# --- inputs -------------------------------------------------------------------------


def test_read_plain_file_returns_its_exact_bytes(tmp_path: Path) -> None:
    raw = "Überschrift\r\nzweite Zeile\n".encode("utf-8")
    path = tmp_path / "doc.txt"
    path.write_bytes(raw)
    assert read_document(str(path)) == raw


def test_read_gz_file_is_decompressed(tmp_path: Path) -> None:
    raw = "Заголовок\nтекст статьи\n".encode("utf-8")
    path = tmp_path / "doc.txt.gz"
    path.write_bytes(gzip.compress(raw))
    assert read_document(str(path)) == raw


def test_read_corrupt_gz_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.gz"
    path.write_bytes(b"this is not gzip")
    with pytest.raises(InputError) as info:
        read_document(str(path))
    assert str(info.value).startswith(f"{path}: not a valid gzip file")


def test_read_dash_reads_stdin_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = "from stdin — ünïcode\n".encode("utf-8")

    class FakeStdin:
        buffer = io.BytesIO(raw)

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert read_document("-") == raw


def test_missing_file_error_names_the_path(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: No such file or directory"
    assert info.value.path == path


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_document(str(tmp_path))
    assert str(info.value).startswith(f"{tmp_path}: ")


# --- requests and errors --------------------------------------------------------------


def test_str_goes_to_text_and_bytes_to_data() -> None:
    as_text = make_request("héllo", "a")
    as_data = make_request("héllo".encode(), "b")
    assert as_text.WhichOneof("content") == "text" and as_text.text == "héllo"
    assert as_data.WhichOneof("content") == "data" and as_data.data == "héllo".encode()
    assert (as_text.id, as_data.id) == ("a", "b")
    with pytest.raises(TypeError):
        make_request(42)  # type: ignore[arg-type]


def test_document_error_code_name_becomes_status_code() -> None:
    err = WinnowError.from_code_name("INVALID_ARGUMENT", "the document is empty")
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.message == "the document is empty"
    unknown = WinnowError.from_code_name("NOT_A_CODE", "odd")
    assert unknown.code is grpc.StatusCode.UNKNOWN and "NOT_A_CODE" in unknown.message


# --- formats --------------------------------------------------------------------------


def test_role_names_are_the_guides_names() -> None:
    assert ROLE_NAMES == (
        "ARTICLE_BODY", "NAVIGATION", "RELATED_TEASER", "DONATION_APPEAL", "OTHER_BOILERPLATE",
    )


def test_jsonl_shape_from_a_real_response() -> None:
    line = render_jsonl(response_to_dict(_response(), "seeds/x.txt"))
    assert "\n" not in line
    assert "„Besuch für den Frieden“" in line  # ensure_ascii=False
    doc = json.loads(line)
    assert list(doc) == ["document", "content_type", "language", "blocks"]
    assert doc["document"] == "seeds/x.txt"
    assert doc["language"] == "en"
    assert [list(b) for b in doc["blocks"]] == [BLOCK_KEYS] * 3
    first, second, third = doc["blocks"]
    assert first["role"] == "ARTICLE_BODY" and second["role"] == "DONATION_APPEAL"
    assert third["role"] == "NAVIGATION" and third["language"] == "de"
    # float32 on the wire, rounded to 4 decimals in the output
    assert first["role_confidence"] == 0.97
    assert first["language_confidence"] == 0.9877
    assert second["role_confidence"] == 0.8123
    assert [b["index"] for b in doc["blocks"]] == [0, 1, 2]
    text = _response().text
    for block in doc["blocks"]:
        assert 0 <= block["start"] < block["end"] <= len(text)
    assert text[first["start"]:first["end"]] == first["text"]


def test_unknown_role_from_a_newer_server_does_not_break_the_output() -> None:
    resp = winnow_pb2.ClassifyResponse(blocks=[winnow_pb2.Block(role=42, text="x", end=1)])
    assert response_to_dict(resp, "d")["blocks"][0]["role"] == "ROLE_42"


def test_table_shows_path_language_roles_and_excerpts() -> None:
    table = render_table(response_to_dict(_response(), "seeds/x.txt"))
    lines = table.splitlines()
    assert lines[0].startswith("seeds/x.txt") and "en" in lines[0]
    rows = lines[2:]
    assert len(rows) == 3
    assert "ARTICLE_BODY" in rows[0] and "0.97" in rows[0] and "Xi to meet Putin" in rows[0]
    assert "DONATION_APPEAL" in rows[1] and "0.81" in rows[1]
    assert "NAVIGATION" in rows[2] and "de" in rows[2] and rows[2].endswith("Startseite")
    # the long block is cut to an excerpt with an ellipsis
    assert LONG_TEXT.strip() not in rows[1]
    assert rows[1].endswith("…")
    # columns are padded: each column starts at the same place in the header and every row
    conf_cells = ["conf", "0.97", "0.81", "0.66"]
    text_cells = ["text", "Xi to", "Donate", "Start"]
    role_conf = [line.index(cell) for line, cell in zip(lines[1:], conf_cells)]
    texts = [line.index(cell) for line, cell in zip(lines[1:], text_cells)]
    assert len(set(role_conf)) == 1 and len(set(texts)) == 1, lines


def test_table_for_a_document_without_blocks() -> None:
    table = render_table(response_to_dict(winnow_pb2.ClassifyResponse(language="und"), "e"))
    assert table.splitlines() == ["e  language: und", "  (no blocks)"]


def test_excerpt_collapses_white_space_and_cuts_long_text() -> None:
    assert excerpt("a\n b\t c") == "a b c"
    short = "x" * 60
    assert excerpt(short) == short
    cut = excerpt("word " * 30)
    assert len(cut) <= 60 and cut.endswith("…")


# --- input order --------------------------------------------------------------------


def _resp(doc_id: str) -> winnow_pb2.ClassifyResponse:
    return winnow_pb2.ClassifyResponse(id=doc_id)


def test_out_of_order_responses_come_out_in_input_order() -> None:
    ids = ["0", "1", "2", "3", "4"]
    arrived = [_resp(i) for i in ["3", "1", "0", "4", "2"]]
    assert [r.id for r in in_input_order(arrived, ids)] == ids


def test_each_response_is_released_as_soon_as_it_is_next() -> None:
    """Output must stream: '0' is yielded before '2' has even arrived."""
    ids = ["0", "1", "2"]
    arrived: list[str] = []

    def stream():
        for doc_id in ["1", "0", "2"]:
            arrived.append(doc_id)
            yield _resp(doc_id)

    ordered = in_input_order(stream(), ids)
    assert next(ordered).id == "0"
    assert arrived == ["1", "0"]
    assert next(ordered).id == "1"
    assert arrived == ["1", "0"]
    assert next(ordered).id == "2"


def test_missing_responses_are_reported_after_the_rest() -> None:
    ids = ["0", "1", "2", "3"]
    got = []
    with pytest.raises(StreamOrderError) as info:
        for r in in_input_order([_resp("3"), _resp("0"), _resp("2")], ids):
            got.append(r.id)
    assert got == ["0", "2", "3"]
    assert info.value.missing == ("1",)


@pytest.mark.parametrize("bad", [["0", "0"], ["0", "9"]])
def test_duplicate_or_unknown_ids_are_errors(bad: list[str]) -> None:
    with pytest.raises(StreamOrderError):
        list(in_input_order([_resp(i) for i in bad], ["0", "1"]))


# --- the CLI's errors, without a server ------------------------------------------------


def test_cli_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "nope.txt")
    assert main(["classify", "--address", "127.0.0.1:1", path]) == 2
    err = capsys.readouterr().err
    assert err == f"winnow: error: {path}: No such file or directory\n"


def test_cli_usage_error_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--format", "xml", "x.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("winnow: error: argument --format")


@pytest.mark.parametrize("path, expected", [
    ("page.html", "html"), ("PAGE.HTM", "html"), ("crawl/page.html.gz", "html"), ("notes.txt", "text"),
    ("notes.txt.gz", "text"), ("-", "auto"), ("dump.warc", "auto"), ("html", "auto"),
])
def test_content_type_follows_the_file_name(path: str, expected: str) -> None:
    assert content_type_for(path) == expected


def test_make_request_carries_content_type_and_expected_languages() -> None:
    request = make_request(b"<p>x</p>", "7", content_type="html", expected_languages=("en", "cs"))
    assert request.data == b"<p>x</p>" and request.id == "7"
    assert request.content_type == winnow_pb2.CONTENT_TYPE_HTML
    assert list(request.expected_languages) == ["en", "cs"]
    assert make_request("x").content_type == winnow_pb2.CONTENT_TYPE_AUTO
    with pytest.raises(ValueError, match="content_type"):
        make_request("x", content_type="pdf")
    with pytest.raises(TypeError, match="not a string"):
        make_request("x", expected_languages="en")
