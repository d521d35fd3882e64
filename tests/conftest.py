"""Shared fixtures: the real winnow server, started as a subprocess on a loopback port."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import pytest

from winnow.engine.blocks import ROLES, Block
from winnow.engine.html_text import HtmlBlock

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
START_TIMEOUT = 120.0

#: A paragraph of article prose, for pages built by hand.
PROSE = ("The council voted on Tuesday to keep the library open through the winter, after a long "
         "debate about heating costs and the volunteers who run the reading room. ")



def answered_block(path: str, text: str, role: str, confidence: float = 0.9, link_chars: int = 0,
                   lead_link_chars: int = 0) -> Block:
    """A block of a hand-built page with the role model's answer set by hand, so that a
    page-level rule is seen acting on exactly the case it exists for."""
    tag = path.rsplit(" > ", 1)[-1].split(":", 1)[0]
    rest = (1.0 - confidence) / (len(ROLES) - 1)
    scores = sorted([(r, confidence if r == role else rest) for r in ROLES], key=lambda s: -s[1])
    html = HtmlBlock(text, path, link_chars=link_chars, lead_link_chars=lead_link_chars, tag=tag)
    b = Block(0, text, 0, len(text), html=html)
    b.role, b.role_confidence, b.role_scores = role, confidence, scores
    return b


def article_block(text: str, tag: str = "p", classes: tuple[str, ...] = (), sure: float = 0.6) -> Block:
    """An article block of a hand-built page, the role model `sure` it is the article."""
    b = answered_block(f"html > body > article > {tag}", text, "ARTICLE_BODY", confidence=sure)
    b.html = HtmlBlock(text, b.html.path, context=(f"t:{tag}", *classes, "t:article"), tag=tag)
    return b


def corrector_page() -> list[Block]:
    """A page's article blocks for the article corrector: one of each kind it must keep
    (headline, prose, caption, what the role model is sure of, heading) and two it may take out."""
    return [article_block("Harbour reopens after the storm", "h1"), article_block(PROSE.strip()),
            article_block("Boats wait outside the harbour wall", "figcaption"),
            article_block("By Ann Lee, 3 May", "div", sure=0.95),  # a byline whose markup does not say so
            article_block("What happens next", "h3"), article_block("Share this story", "div", ("c:share",)),
            article_block("Get our newsletter every morning", "div", ("c:newsletter",))]


def subprocess_env() -> dict[str, str]:
    """The environment for child processes: the repo's packages importable even if not installed."""
    env = dict(os.environ)
    paths = [str(REPO / "server"), str(REPO / "client")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONUNBUFFERED"] = "1"
    return env


@dataclass
class RunningServer:
    """A `winnow-server` process, its address and every log line it wrote."""

    process: subprocess.Popen
    address: str = ""
    logs: list[dict] = field(default_factory=list)
    _ready: threading.Event = field(default_factory=threading.Event)

    def _read(self) -> None:
        for line in self.process.stderr:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = {"raw": line.rstrip()}
            self.logs.append(record)
            if record.get("event") == "serving":
                self.address = record["address"]
                self._ready.set()
        self._ready.set()

    def wait_ready(self) -> str:
        self._ready.wait(START_TIMEOUT)
        if not self.address:
            raise RuntimeError(f"winnow-server did not start: {self.logs[-20:]}")
        return self.address

    def events(self, event: str) -> list[dict]:
        return [r for r in self.logs if r.get("event") == event]

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout)


def start_server(*args: str, address: str = "127.0.0.1:0") -> RunningServer:
    """Starts `winnow-server --address ADDRESS ARGS` and waits until it serves."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "winnow.service.main", "--address", address, *args],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=subprocess_env(),
    )
    server = RunningServer(proc)
    threading.Thread(target=server._read, daemon=True).start()
    server.wait_ready()
    return server


@pytest.fixture(scope="session")
def server() -> Iterator[RunningServer]:
    running = start_server()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def server_address(server: RunningServer) -> str:
    return server.address


@pytest.fixture(scope="session")
def channel(server_address: str) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(server_address) as ch:
        grpc.channel_ready_future(ch).result(timeout=30)
        yield ch


@pytest.fixture(scope="session")
def stub(channel: grpc.Channel):
    from winnow.v1 import winnow_pb2_grpc

    return winnow_pb2_grpc.WinnowStub(channel)


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
