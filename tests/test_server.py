"""The real server over loopback, through the generated stubs: calls, statuses, health, reflection, drain."""
from __future__ import annotations

import json
import queue
import signal
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from selectolax.lexbor import LexborHTMLParser

from conftest import free_port, start_server, wait_for
from winnow.v1 import winnow_pb2 as pb
from winnow.v1 import winnow_pb2_grpc

ROLE_NAMES = {"ARTICLE_BODY", "NAVIGATION", "RELATED_TEASER", "DONATION_APPEAL", "OTHER_BOILERPLATE"}
TEASER_SEED = "000_4156b6fe17ca2892.txt"


def test_classify_returns_blocks_whose_offsets_cut_the_text(stub, seed_texts):
    for name, text in seed_texts.items():
        resp = stub.Classify(pb.ClassifyRequest(id=name, text=text), timeout=30)
        assert resp.id == name
        assert resp.text == text
        assert resp.blocks, name
        for i, block in enumerate(resp.blocks):
            assert block.index == i
            assert 0 <= block.start < block.end <= len(text)
            assert " ".join(text[block.start:block.end].split()) == " ".join(block.text.split())
            assert pb.Role.Name(block.role) in ROLE_NAMES
            scores = [s.score for s in block.role_scores]
            assert len(scores) == 5 and scores == sorted(scores, reverse=True)
            assert abs(sum(scores) - 1) < 0.02
            assert block.role_confidence == pytest.approx(scores[0])
            assert block.language
        body = [b.text for b in resp.blocks if b.role == pb.ARTICLE_BODY]
        assert resp.article_text == "\n".join(body)
        assert resp.language == "en"
        assert {m.name for m in resp.model_versions} == {"language", "role", "article_corrector"}


def test_teasers_in_other_languages_are_teasers_with_their_language(stub, seed_texts):
    resp = stub.Classify(pb.ClassifyRequest(text=seed_texts[TEASER_SEED]), timeout=30)
    by_start = {b.text[:20]: b for b in resp.blocks}
    for prefix, lang in (("Zlatý oříšek je sout", "cs"), ("“Dos medias verdades", "es"), ("ปชป. ยกทัพใหญ่ ปราศร", "th")):
        block = by_start[prefix]
        assert pb.Role.Name(block.role) == "RELATED_TEASER", prefix
        assert block.language == lang
        assert block.language_confidence > 0.5


def test_bytes_with_a_bom_read_like_text(stub, seed_texts):
    text = seed_texts[TEASER_SEED]
    as_text = stub.Classify(pb.ClassifyRequest(text=text), timeout=30)
    as_bytes = stub.Classify(pb.ClassifyRequest(data=b"\xef\xbb\xbf" + text.encode()), timeout=30)
    assert [(b.text, b.role) for b in as_bytes.blocks] == [(b.text, b.role) for b in as_text.blocks]


def test_stream_answers_every_document_by_id_and_survives_a_bad_one(stub, seed_texts):
    requests = [pb.ClassifyRequest(id=name, text=text) for name, text in seed_texts.items()]
    requests.insert(2, pb.ClassifyRequest(id="empty", text="   \n"))
    responses = {r.id: r for r in stub.ClassifyStream(iter(requests), timeout=60)}
    assert set(responses) == {r.id for r in requests}
    assert responses["empty"].error.code == "INVALID_ARGUMENT"
    assert "empty" in responses["empty"].error.message
    assert not responses["empty"].blocks
    for name in seed_texts:
        assert not responses[name].HasField("error")
        assert responses[name].blocks


@pytest.mark.parametrize(
    "request_kwargs, fragment",
    [
        ({}, "set `text`"),
        ({"text": ""}, "empty"),
        ({"text": " \n\t "}, "empty"),
        ({"data": b"caf\xe9 au lait"}, "not valid UTF-8"),
    ],
)
def test_bad_documents_get_invalid_argument_and_the_server_stays_up(stub, request_kwargs, fragment):
    with pytest.raises(grpc.RpcError) as err:
        stub.Classify(pb.ClassifyRequest(**request_kwargs), timeout=10)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fragment in err.value.details()
    assert stub.Classify(pb.ClassifyRequest(text="Still here after a bad request."), timeout=10).blocks


def test_documents_over_the_limits_get_resource_exhausted():
    server = start_server("--max-document-bytes", "4000", "--max-message-bytes", "6000", "--max-blocks", "50")
    line = "A line of about a hundred characters, long enough to make the response far larger than this.\n"
    cases = [
        ("word " * 1000, "over the limit of 4000 bytes"),     # the document
        ("word " * 2000, "6000"),                            # the request message (gRPC's own check)
        ("a b\n" * 60, "60 blocks, over the limit of 50"),   # the blocks
        (line * 30, "the response would be"),               # the response message
    ]
    try:
        with grpc.insecure_channel(server.address) as ch:
            stub = winnow_pb2_grpc.WinnowStub(ch)
            for text, fragment in cases:
                with pytest.raises(grpc.RpcError) as err:
                    stub.Classify(pb.ClassifyRequest(text=text), timeout=10)
                assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
                assert fragment in err.value.details()
            limits = stub.Describe(pb.DescribeRequest(), timeout=10).limits
            assert (limits.max_document_bytes, limits.max_message_bytes, limits.max_blocks) == (4000, 6000, 50)
            assert stub.Classify(pb.ClassifyRequest(text="Small enough."), timeout=10).blocks
    finally:
        assert server.stop() == 0


def test_describe_lists_roles_languages_and_models(stub):
    d = stub.Describe(pb.DescribeRequest(), timeout=10)
    assert [pb.Role.Name(r.role) for r in d.roles] == [
        "ARTICLE_BODY", "NAVIGATION", "RELATED_TEASER", "DONATION_APPEAL", "OTHER_BOILERPLATE"]
    assert all(r.description for r in d.roles)
    assert list(d.supported_languages) == ["en", "cs", "es", "th"]
    assert {"en", "cs", "es", "th", "sk", "pt"} <= set(d.detectable_languages)
    assert len(d.detectable_languages) == 176
    versions = {m.name: m.version for m in d.model_versions}
    assert versions["language"].startswith("lid.176.ftz@")
    assert versions["role"].startswith("roles.stage1.ftz@")
    assert d.service_version


def test_health_reports_serving(channel):
    health = health_pb2_grpc.HealthStub(channel)
    for service in ("", "winnow.v1.Winnow"):
        resp = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        assert resp.status == health_pb2.HealthCheckResponse.SERVING


def test_reflection_lists_and_describes_the_service(channel):
    refl = reflection_pb2_grpc.ServerReflectionStub(channel)
    requests = [reflection_pb2.ServerReflectionRequest(list_services=""),
                reflection_pb2.ServerReflectionRequest(file_containing_symbol="winnow.v1.Winnow")]
    listed, described = list(refl.ServerReflectionInfo(iter(requests), timeout=10))
    names = {s.name for s in listed.list_services_response.service}
    assert {"winnow.v1.Winnow", "grpc.health.v1.Health"} <= names
    assert described.file_descriptor_response.file_descriptor_proto


def test_every_call_writes_one_structured_log_line(server, stub):
    before = len(server.events("call"))
    stub.Classify(pb.ClassifyRequest(id="log-me", text="One line to log."), timeout=10)
    with pytest.raises(grpc.RpcError):
        stub.Classify(pb.ClassifyRequest(text=""), timeout=10)
    assert wait_for(lambda: len(server.events("call")) >= before + 2)
    ok, bad = server.events("call")[before:before + 2]
    assert (ok["method"], ok["code"], ok["documents"]) == ("Classify", "OK", 1)
    assert ok["blocks"] == 1 and ok["ms"] >= 0 and ok["level"] == "INFO"
    assert (bad["code"], bad["level"]) == ("INVALID_ARGUMENT", "WARNING")
    assert "empty" in bad["detail"]


def test_sigterm_drains_an_in_flight_stream_then_exits_cleanly(seed_texts):
    server = start_server("--grace", "20")
    texts = list(seed_texts.values())
    outbox: queue.Queue = queue.Queue()
    with grpc.insecure_channel(server.address) as ch:
        stub = winnow_pb2_grpc.WinnowStub(ch)

        def requests():
            while (item := outbox.get()) is not None:
                yield item

        responses = stub.ClassifyStream(requests(), timeout=60)
        outbox.put(pb.ClassifyRequest(id="before", text=texts[0]))
        first = next(responses)
        server.process.send_signal(signal.SIGTERM)
        assert wait_for(lambda: server.events("draining"))
        outbox.put(pb.ClassifyRequest(id="during", text=texts[1]))
        second = next(responses)
        outbox.put(None)
        assert list(responses) == []
    assert (first.id, second.id) == ("before", "during")
    assert second.blocks and not second.HasField("error")
    assert server.process.wait(30) == 0
    assert server.events("stopped")


def test_sigint_stops_an_idle_server_with_exit_code_zero():
    server = start_server()
    assert server.stop(signal.SIGINT) == 0
    assert [json.dumps(e) for e in server.events("stopped")]


def test_worker_processes_share_the_port_and_stop_together():
    port = free_port()
    server = start_server("--workers", "2", address=f"127.0.0.1:{port}")
    try:
        assert wait_for(lambda: len(server.events("serving")) == 2, timeout=60)
        assert len({e["pid"] for e in server.events("serving")}) == 2
        for i in range(6):  # a channel per call: the kernel spreads connections over the workers
            with grpc.insecure_channel(f"127.0.0.1:{port}") as ch:
                resp = winnow_pb2_grpc.WinnowStub(ch).Classify(pb.ClassifyRequest(id=str(i), text="Hello there, world."), timeout=30)
                assert resp.id == str(i) and resp.blocks
    finally:
        assert server.stop() == 0
    assert len(server.events("stopped")) == 2


def test_a_dozen_open_streams_are_all_served_at_once(server_address):
    """Each open stream holds a server thread: the default pool must not make streams wait on others."""
    import threading

    streams = 12
    everyone_answered = threading.Barrier(streams + 1, timeout=30)
    results: list[str] = []

    def one_stream(i: int) -> None:
        outbox: queue.Queue = queue.Queue()
        with grpc.insecure_channel(server_address) as ch:
            responses = winnow_pb2_grpc.WinnowStub(ch).ClassifyStream(iter(outbox.get, None), timeout=60)
            outbox.put(pb.ClassifyRequest(id=f"s{i}", text="A short document, held open."))
            results.append(next(responses).id)
            everyone_answered.wait()  # the stream stays open until all of them have had an answer
            outbox.put(None)
            list(responses)

    workers = [threading.Thread(target=one_stream, args=(i,)) for i in range(streams)]
    for w in workers:
        w.start()
    everyone_answered.wait()
    for w in workers:
        w.join(30)
    assert sorted(results) == sorted(f"s{i}" for i in range(streams))


CZECH_PAGE = Path(__file__).parent / "data" / "czech_page.html"  # windows-1250, declared in a <meta>


def test_an_html_page_sent_as_fetched_is_read_in_its_declared_charset(stub):
    data = CZECH_PAGE.read_bytes()
    resp = stub.Classify(pb.ClassifyRequest(data=data, content_type=pb.CONTENT_TYPE_HTML), timeout=30)
    assert resp.content_type == pb.CONTENT_TYPE_HTML
    texts = [b.text for b in resp.blocks]
    assert "Obec opraví starý most přes řeku ještě letos" in texts
    assert resp.text == "\n".join(texts)
    assert not any("tracking" in t or "Skrytý" in t or "Kamenný most přes řeku" == t for t in texts)  # script, hidden, alt
    tree = LexborHTMLParser(data.decode("cp1250"))
    for block in resp.blocks:
        assert resp.text[block.start:block.end] == block.text
        assert block.text in " ".join(tree.css_first(block.path).text(deep=True).split()), block.path
    assert resp.language == "cs"


def test_auto_reads_markup_as_html_and_text_as_text(stub):
    page = CZECH_PAGE.read_bytes()
    auto = stub.Classify(pb.ClassifyRequest(data=page), timeout=30)
    assert auto.content_type == pb.CONTENT_TYPE_HTML
    explicit = stub.Classify(pb.ClassifyRequest(data=page, content_type=pb.CONTENT_TYPE_HTML), timeout=30)
    assert [(b.text, b.role, b.path) for b in auto.blocks] == [(b.text, b.role, b.path) for b in explicit.blocks]
    text = stub.Classify(pb.ClassifyRequest(text="Use <b> for bold.\nSecond line."), timeout=30)
    assert text.content_type == pb.CONTENT_TYPE_PLAIN_TEXT
    assert [b.text for b in text.blocks] == ["Use <b> for bold.", "Second line."]
    assert all(b.path == "" for b in text.blocks)


def test_a_page_with_no_visible_text_is_invalid_argument(stub):
    with pytest.raises(grpc.RpcError) as err:
        stub.Classify(pb.ClassifyRequest(text="<html><script>x()</script><p> | </p></html>",
                                         content_type=pb.CONTENT_TYPE_HTML), timeout=30)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "no visible text" in err.value.details()


def test_unknown_expected_language_is_invalid_argument(stub):
    with pytest.raises(grpc.RpcError) as err:
        stub.Classify(pb.ClassifyRequest(text="Hello world", expected_languages=["en", "klingon"]), timeout=30)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "'klingon'" in err.value.details() and "detectable_languages" in err.value.details()


def test_expected_languages_restrict_block_languages_and_say_und_for_others(stub):
    text = "Das Wetter in Berlin war gestern sehr schön und die Leute gingen spazieren.\nRead more"
    free = stub.Classify(pb.ClassifyRequest(text=text), timeout=30)
    assert [b.language for b in free.blocks][0] == "de"
    expected = ["en", "cs", "es", "th"]
    limited = stub.Classify(pb.ClassifyRequest(text=text, expected_languages=expected), timeout=30)
    german, english = limited.blocks
    assert german.language == "und"
    assert german.language_alternatives[0].language == "de"
    assert english.language == "en"
    page = stub.Classify(pb.ClassifyRequest(data=CZECH_PAGE.read_bytes(), expected_languages=["cs", "en"]), timeout=30)
    assert {b.language for b in page.blocks} <= {"cs", "en", "und"}
