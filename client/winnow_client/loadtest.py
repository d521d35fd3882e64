"""Load test for a winnow server: sends documents over Classify (or ClassifyStream) and
reports throughput and latency.

    winnow-loadtest --address 127.0.0.1:50051 --requests 500 --concurrency 8 [FILE ...]
    winnow-loadtest --stream --requests 500 --concurrency 4

It first waits (up to --wait seconds) for the server's grpc.health.v1 status to be SERVING,
then sends documents round-robin from FILE... (files, or folders whose *.txt files are
taken; by default the seed documents in /app/seeds, as shipped in the `loadtest` image)
until --requests have been sent or --duration seconds have passed, whichever comes first.

Unary mode: --concurrency threads share one channel; each thread sends one Classify call
at a time. Stream mode (--stream): each thread opens one ClassifyStream on the shared
channel and keeps up to --window documents in flight on it; a document's latency is from
sending it to receiving the response with its id.

Prints requests ok/failed, requests/s, documents/s, and p50/p90/p99/max latency in ms
(--json prints the same as one JSON object). Exits 0 when every request succeeded, 1 when
any failed (or none completed), 2 on bad arguments or when the server never became healthy.

The address defaults to $WINNOW_TARGET, else 127.0.0.1:50051. Every run is bounded in
count (--requests, at most 100000) and time (--duration, at most 600 s).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from winnow.v1 import winnow_pb2, winnow_pb2_grpc

DEFAULT_ADDRESS = "127.0.0.1:50051"
DEFAULT_SEEDS = Path("/app/seeds")
MAX_REQUESTS = 100_000
MAX_DURATION = 600.0
MAX_CONCURRENCY = 256
MAX_WINDOW = 256
MAX_WAIT = 300.0
# Large enough for big documents and their responses (the response echoes the text).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


# --------------------------------------------------------------------------------------
# Arguments and documents


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="winnow-loadtest",
        description="Load-tests a winnow server with Classify or ClassifyStream calls.",
    )
    parser.add_argument(
        "--address",
        default=os.environ.get("WINNOW_TARGET") or DEFAULT_ADDRESS,
        help="server address HOST:PORT (default: $WINNOW_TARGET, else %(default)s)",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=200,
        metavar="N",
        help=f"documents to send in all (default %(default)s, at most {MAX_REQUESTS})",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=8,
        metavar="C",
        help="threads sending at once; in --stream mode, streams open at once "
        f"(default %(default)s, at most {MAX_CONCURRENCY})",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=60.0,
        metavar="S",
        help=f"stop sending after S seconds (default %(default)s, at most {MAX_DURATION:g})",
    )
    parser.add_argument(
        "--stream",
        action="store_true",
        help="send the documents over ClassifyStream instead of unary Classify calls",
    )
    parser.add_argument(
        "--window",
        type=int,
        default=4,
        metavar="W",
        help="--stream: documents in flight per stream (default %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="deadline of one Classify call in seconds (default %(default)s)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=30.0,
        metavar="S",
        help="wait up to S seconds for the server to be SERVING; 0 skips the check "
        "(default %(default)s)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help=f"documents to send, or folders of *.txt documents (default: {DEFAULT_SEEDS})",
    )
    return parser


def _clamp(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Validates the numbers and applies the hard caps (with a note on stderr)."""
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    if args.concurrency < 1:
        parser.error("--concurrency must be at least 1")
    if args.window < 1:
        parser.error("--window must be at least 1")
    if not (args.duration > 0 and math.isfinite(args.duration)):
        parser.error("--duration must be a positive number of seconds")
    if not (args.timeout > 0 and math.isfinite(args.timeout)):
        parser.error("--timeout must be a positive number of seconds")
    if not (args.wait >= 0 and math.isfinite(args.wait)):
        parser.error("--wait must be zero or a positive number of seconds")
    for name, cap in (
        ("requests", MAX_REQUESTS),
        ("concurrency", MAX_CONCURRENCY),
        ("window", MAX_WINDOW),
        ("duration", MAX_DURATION),
        ("wait", MAX_WAIT),
    ):
        value = getattr(args, name)
        if value > cap:
            print(f"winnow-loadtest: --{name} {value:g} capped at {cap:g}", file=sys.stderr)
            setattr(args, name, type(value)(cap))
    # Never more threads than documents to send.
    args.concurrency = min(args.concurrency, args.requests)


def load_documents(paths: list[Path]) -> list[tuple[str, bytes]]:
    """Reads the documents: files as given, folders as their *.txt files (sorted).

    Raises ValueError when a path does not exist or nothing non-empty is found.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise ValueError(f"{path}: no *.txt files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ValueError(f"{path}: no such file or folder")
    docs = [(p.name, p.read_bytes()) for p in files]
    docs = [(name, data) for name, data in docs if data.strip()]
    if not docs:
        raise ValueError("every document given is empty")
    return docs


# --------------------------------------------------------------------------------------
# Health


def wait_until_serving(channel: grpc.Channel, wait: float) -> str | None:
    """Polls grpc.health.v1 Check (overall server health) until SERVING or `wait` seconds
    have passed. Returns None when SERVING, else a description of the last state seen."""
    stub = health_pb2_grpc.HealthStub(channel)
    deadline = time.monotonic() + wait
    last = "no answer"
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return last
        try:
            reply = stub.Check(
                health_pb2.HealthCheckRequest(service=""), timeout=max(0.2, min(3.0, remaining))
            )
        except grpc.RpcError as err:
            code = err.code() if hasattr(err, "code") else None
            last = f"{code.name if code else 'error'}: {err.details() if hasattr(err, 'details') else err}"
            if code in (grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.NOT_FOUND):
                return f"the server has no health service ({last})"
        else:
            if reply.status == health_pb2.HealthCheckResponse.SERVING:
                return None
            last = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
        time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))


# --------------------------------------------------------------------------------------
# The run


@dataclass
class Stats:
    """Results, shared by the worker threads (guarded by `lock`)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    ok: int = 0
    failed: int = 0
    bytes_ok: int = 0
    blocks: int = 0
    errors: dict[str, int] = field(default_factory=dict)  # "CODE: details" -> count

    def success(self, latency: float, size: int, blocks: int) -> None:
        with self.lock:
            self.ok += 1
            self.latencies.append(latency)
            self.bytes_ok += size
            self.blocks += blocks

    def failure(self, what: str, count: int = 1) -> None:
        with self.lock:
            self.failed += count
            self.errors[what] = self.errors.get(what, 0) + count


class Budget:
    """Hands out request numbers until `total` are taken, the deadline passes or `stop` is set."""

    def __init__(self, total: int, deadline: float, stop: threading.Event) -> None:
        self._next = 0
        self._total = total
        self._deadline = deadline
        self._stop = stop
        self._lock = threading.Lock()

    def take(self) -> int | None:
        if self._stop.is_set() or time.monotonic() >= self._deadline:
            return None
        with self._lock:
            if self._next >= self._total:
                return None
            n = self._next
            self._next += 1
            return n

    @property
    def taken(self) -> int:
        with self._lock:
            return self._next


def _describe(err: grpc.RpcError) -> str:
    code = err.code() if hasattr(err, "code") else None
    details = err.details() if hasattr(err, "details") else str(err)
    return f"{code.name if code else 'ERROR'}: {details}"


def _unary_worker(
    stub: winnow_pb2_grpc.WinnowStub,
    docs: list[tuple[str, bytes]],
    budget: Budget,
    stats: Stats,
    timeout: float,
) -> None:
    while (n := budget.take()) is not None:
        name, data = docs[n % len(docs)]
        request = winnow_pb2.ClassifyRequest(id=f"{n}:{name}", data=data)
        start = time.perf_counter()
        try:
            response = stub.Classify(request, timeout=timeout)
        except grpc.RpcError as err:
            stats.failure(_describe(err))
            continue
        except Exception as err:  # noqa: BLE001 - count anything else as a failure too
            stats.failure(f"{type(err).__name__}: {err}")
            continue
        latency = time.perf_counter() - start
        if response.id != request.id:
            stats.failure(f"MISMATCH: response id {response.id!r} for request {request.id!r}")
        else:
            stats.success(latency, len(data), len(response.blocks))


def _stream_worker(
    stub: winnow_pb2_grpc.WinnowStub,
    docs: list[tuple[str, bytes]],
    budget: Budget,
    stats: Stats,
    window: int,
    stream_timeout: float,
) -> None:
    slots = threading.Semaphore(window)
    finished = threading.Event()  # the response side is done: stop sending
    pending: dict[str, tuple[float, int]] = {}  # id -> (send time, size)
    pending_lock = threading.Lock()

    def requests():
        while True:
            # Wait for room in the window, but give up once the responses have ended.
            while not slots.acquire(timeout=0.1):
                if finished.is_set():
                    return
            if finished.is_set():
                return
            n = budget.take()
            if n is None:
                return
            name, data = docs[n % len(docs)]
            request_id = f"{n}:{name}"
            with pending_lock:
                pending[request_id] = (time.perf_counter(), len(data))
            yield winnow_pb2.ClassifyRequest(id=request_id, data=data)

    try:
        for response in stub.ClassifyStream(requests(), timeout=stream_timeout):
            now = time.perf_counter()
            with pending_lock:
                sent = pending.pop(response.id, None)
            if sent is None:
                stats.failure(f"MISMATCH: response for unknown id {response.id!r}")
                continue
            slots.release()
            if response.HasField("error"):
                stats.failure(f"{response.error.code}: {response.error.message}")
            else:
                stats.success(now - sent[0], sent[1], len(response.blocks))
    except grpc.RpcError as err:
        what = _describe(err)
    except Exception as err:  # noqa: BLE001
        what = f"{type(err).__name__}: {err}"
    else:
        what = "stream ended without a response"
    finally:
        finished.set()
    # Whatever was sent and not answered failed.
    with pending_lock:
        lost = len(pending)
        pending.clear()
    if lost:
        stats.failure(what, lost)


@dataclass
class Report:
    address: str
    mode: str
    documents: int
    concurrency: int
    elapsed_s: float
    ok: int
    failed: int
    requests_per_s: float
    documents_per_s: float
    megabytes_per_s: float
    blocks_per_s: float
    latency_ms: dict[str, float]
    errors: dict[str, int]


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of an ascending list; 0.0 for an empty one."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(q / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def run(
    address: str,
    docs: list[tuple[str, bytes]],
    requests: int,
    concurrency: int,
    duration: float,
    stream: bool = False,
    window: int = 4,
    timeout: float = 30.0,
    channel: grpc.Channel | None = None,
) -> Report:
    """Runs the load and returns the figures. Stops after `requests` documents or
    `duration` seconds (calls in flight then are let finish, within their deadline)."""
    own_channel = channel is None
    if channel is None:
        channel = _channel(address)
    stub = winnow_pb2_grpc.WinnowStub(channel)
    stats = Stats()
    stop = threading.Event()
    start = time.monotonic()
    budget = Budget(requests, start + duration, stop)
    if stream:
        target, extra = _stream_worker, (window, duration + timeout)
    else:
        target, extra = _unary_worker, (timeout,)
    threads = [
        threading.Thread(
            target=target,
            args=(stub, docs, budget, stats, *extra),
            name=f"loadtest-{i}",
            daemon=True,
        )
        for i in range(concurrency)
    ]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            # join() with a timeout keeps the main thread responsive to Ctrl-C.
            while thread.is_alive():
                thread.join(0.2)
    except KeyboardInterrupt:
        stop.set()
        print("winnow-loadtest: interrupted; finishing the calls in flight", file=sys.stderr)
        for thread in threads:
            thread.join(timeout + 1.0)
    elapsed = max(time.perf_counter() - t0, 1e-9)
    if own_channel:
        channel.close()

    lat = sorted(stats.latencies)
    done = stats.ok + stats.failed
    return Report(
        address=address,
        mode="stream" if stream else "unary",
        documents=len(docs),
        concurrency=concurrency,
        elapsed_s=round(elapsed, 3),
        ok=stats.ok,
        failed=stats.failed,
        requests_per_s=round(done / elapsed, 2),
        documents_per_s=round(stats.ok / elapsed, 2),
        megabytes_per_s=round(stats.bytes_ok / elapsed / 1e6, 3),
        blocks_per_s=round(stats.blocks / elapsed, 1),
        latency_ms={
            "p50": round(percentile(lat, 50) * 1000, 2),
            "p90": round(percentile(lat, 90) * 1000, 2),
            "p99": round(percentile(lat, 99) * 1000, 2),
            "max": round((lat[-1] if lat else 0.0) * 1000, 2),
        },
        errors=dict(sorted(stats.errors.items(), key=lambda kv: -kv[1])),
    )


def _channel(address: str) -> grpc.Channel:
    return grpc.insecure_channel(
        address,
        options=[
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ],
    )


def format_report(report: Report) -> str:
    lat = report.latency_ms
    lines = [
        f"target:        {report.address} ({report.mode}, concurrency {report.concurrency}, "
        f"{report.documents} distinct documents)",
        f"elapsed:       {report.elapsed_s:.2f} s",
        f"requests:      {report.ok} ok, {report.failed} failed",
        f"requests/s:    {report.requests_per_s:.1f}",
        f"documents/s:   {report.documents_per_s:.1f} "
        f"({report.megabytes_per_s:.3f} MB/s, {report.blocks_per_s:.0f} blocks/s)",
        f"latency ms:    p50 {lat['p50']:.1f}  p90 {lat['p90']:.1f}  "
        f"p99 {lat['p99']:.1f}  max {lat['max']:.1f}",
    ]
    for what, count in list(report.errors.items())[:10]:
        lines.append(f"error x{count}: {what}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _clamp(parser, args)

    paths = args.files
    if not paths:
        if not DEFAULT_SEEDS.is_dir():
            parser.error(f"no FILE given and the default seed folder {DEFAULT_SEEDS} does not exist")
        paths = [DEFAULT_SEEDS]
    try:
        docs = load_documents(paths)
    except (OSError, ValueError) as err:
        parser.error(str(err))

    channel = _channel(args.address)
    try:
        if args.wait > 0:
            problem = wait_until_serving(channel, args.wait)
            if problem is not None:
                print(
                    f"winnow-loadtest: {args.address} is not SERVING after {args.wait:g} s: {problem}",
                    file=sys.stderr,
                )
                return 2
        report = run(
            args.address,
            docs,
            requests=args.requests,
            concurrency=args.concurrency,
            duration=args.duration,
            stream=args.stream,
            window=args.window,
            timeout=args.timeout,
            channel=channel,
        )
    finally:
        channel.close()

    if args.json:
        print(json.dumps(report.__dict__, indent=2))
    else:
        print(format_report(report))
    if report.failed or report.ok == 0:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
