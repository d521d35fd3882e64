"""`winnow-server`: starts the gRPC server with health checking and reflection.

With `--workers N` it forks N processes that share the port (SO_REUSEPORT), the way
grpc's multiprocessing example does: the engine is CPU-bound Python, so processes, not
threads, are what use more cores. SIGTERM or SIGINT marks the server NOT_SERVING, lets
in-flight calls finish within `--grace` seconds, and exits 0.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import time
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from winnow.engine import Engine
from winnow.service.config import Settings, parse_settings
from winnow.service.logs import configure, log_event
from winnow.service.servicer import WinnowServicer
from winnow.v1 import winnow_pb2, winnow_pb2_grpc

logger = logging.getLogger("winnow.server")
SERVICE_NAME = winnow_pb2.DESCRIPTOR.services_by_name["Winnow"].full_name
#: How often the main thread looks whether a stop signal came: the most a stop waits to begin.
SIGNAL_POLL_SECONDS = 0.1


def build_server(settings: Settings, engine: Engine) -> tuple[grpc.Server, int, health.HealthServicer]:
    """A configured, bound, not yet started server; returns it, its port and its health servicer."""
    options = [
        ("grpc.max_receive_message_length", settings.max_message_bytes),
        ("grpc.max_send_message_length", settings.max_message_bytes),
        ("grpc.so_reuseport", 1 if settings.workers > 1 else 0),
    ]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=settings.threads), options=options)
    winnow_pb2_grpc.add_WinnowServicer_to_server(
        WinnowServicer(engine, settings.max_document_bytes, settings.max_message_bytes), server
    )
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (SERVICE_NAME, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME), server
    )
    port = server.add_insecure_port(settings.address)
    if port == 0:
        raise OSError(f"cannot listen on {settings.address}: is the address valid and the port free?")
    return server, port, health_servicer


def serve(settings: Settings) -> int:
    """Runs one server process until SIGTERM/SIGINT; returns the exit code."""
    engine = Engine(max_blocks=settings.max_blocks)
    server, port, health_servicer = build_server(settings, engine)
    received: list[int] = []

    def on_signal(signum: int, _frame: object) -> None:
        # Only a list append. A handler runs in the main thread between two of its bytecodes;
        # one that took a lock (`threading.Event.set`) could find the main thread holding it,
        # inside `Event.wait`, and wait for itself forever.
        received.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    server.start()
    for name in ("", SERVICE_NAME):
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    host = settings.address.rsplit(":", 1)[0]
    log_event(logger, logging.INFO, {"event": "serving", "address": f"{host}:{port}", "port": port,
                                     "models": engine.model_versions})
    while not received:
        time.sleep(SIGNAL_POLL_SECONDS)
    log_event(logger, logging.INFO, {"event": "draining", "grace_seconds": settings.grace})
    health_servicer.enter_graceful_shutdown()
    server.stop(settings.grace).wait()
    log_event(logger, logging.INFO, {"event": "stopped"})
    return 0


def _worker(settings: Settings) -> None:
    configure(settings.log_level)
    sys.exit(serve(settings))


def serve_workers(settings: Settings) -> int:
    """Forks the worker processes, passes signals on to them, and waits for them all."""
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_worker, args=(settings,), name=f"winnow-worker-{i}") for i in range(settings.workers)]
    for w in workers:
        w.start()

    def forward(signum: int, _frame: object) -> None:
        for w in workers:
            if w.pid and w.is_alive():
                os.kill(w.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    for w in workers:
        w.join()
    return max((w.exitcode or 0) for w in workers)


def main(argv: list[str] | None = None) -> int:
    settings = parse_settings(argv)
    configure(settings.log_level)
    try:
        return serve(settings) if settings.workers == 1 else serve_workers(settings)
    except OSError as err:
        log_event(logger, logging.ERROR, {"event": "failed", "error": str(err)})
        print(f"winnow-server: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
