"""Server settings: bundled defaults, overridden by environment variables, then by flags."""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass

from winnow.engine.inputs import DEFAULT_MAX_BLOCKS, DEFAULT_MAX_DOCUMENT_BYTES

DEFAULT_ADDRESS = "127.0.0.1:50051"
DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024
#: Seconds in-flight calls get to finish after SIGTERM/SIGINT.
DEFAULT_GRACE = 10.0


@dataclass(frozen=True)
class Settings:
    address: str = DEFAULT_ADDRESS
    workers: int = 1
    #: Every open call, a whole ClassifyStream included, holds one thread; the work itself is
    #: serialised by the GIL, so idle threads cost little and too few make streams queue.
    threads: int = 16
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    max_blocks: int = DEFAULT_MAX_BLOCKS
    grace: float = DEFAULT_GRACE
    log_level: str = "INFO"


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def parse_settings(argv: list[str] | None = None, environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    d = Settings()
    p = argparse.ArgumentParser(
        prog="winnow-server",
        description="Serve winnow's block role and language classifier over gRPC. "
        "Every flag has an environment variable; flags win.",
    )
    p.add_argument("--address", default=env.get("WINNOW_ADDRESS", d.address),
                   help="HOST:PORT to listen on; port 0 picks a free one (env WINNOW_ADDRESS; default %(default)s)")
    p.add_argument("--workers", type=_positive_int, default=int(env.get("WINNOW_WORKERS", d.workers)),
                   help="server processes sharing the port, for more than one core (env WINNOW_WORKERS; default %(default)s)")
    p.add_argument("--threads", type=_positive_int, default=int(env.get("WINNOW_THREADS", d.threads)),
                   help="concurrent calls (open streams count) per process (env WINNOW_THREADS; default %(default)s)")
    p.add_argument("--max-message-bytes", type=_positive_int,
                   default=int(env.get("WINNOW_MAX_MESSAGE_BYTES", d.max_message_bytes)),
                   help="largest gRPC message received or sent (env WINNOW_MAX_MESSAGE_BYTES; default %(default)s)")
    p.add_argument("--max-document-bytes", type=_positive_int,
                   default=int(env.get("WINNOW_MAX_DOCUMENT_BYTES", d.max_document_bytes)),
                   help="largest document accepted, in UTF-8 bytes (env WINNOW_MAX_DOCUMENT_BYTES; default %(default)s)")
    p.add_argument("--max-blocks", type=_positive_int, default=int(env.get("WINNOW_MAX_BLOCKS", d.max_blocks)),
                   help="most blocks a document may have (env WINNOW_MAX_BLOCKS; default %(default)s)")
    p.add_argument("--grace", type=float, default=float(env.get("WINNOW_GRACE", d.grace)),
                   help="seconds to let in-flight calls finish on SIGTERM/SIGINT (env WINNOW_GRACE; default %(default)s)")
    p.add_argument("--log-level", default=env.get("WINNOW_LOG_LEVEL", d.log_level),
                   choices=["DEBUG", "INFO", "WARNING", "ERROR"], type=str.upper,
                   help="(env WINNOW_LOG_LEVEL; default %(default)s)")
    a = p.parse_args(argv)
    if a.workers > 1 and a.address.endswith(":0"):
        p.error("--workers > 1 needs a fixed port: the processes share it")
    return Settings(a.address, a.workers, a.threads, a.max_message_bytes, a.max_document_bytes, a.max_blocks,
                    a.grace, a.log_level)
