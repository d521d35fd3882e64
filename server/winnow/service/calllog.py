"""One structured (JSON) log line per gRPC call: what was asked, how it ended, how long it took."""
from __future__ import annotations

import logging
import time
from types import TracebackType

import grpc

from winnow.service.logs import log_event

logger = logging.getLogger("winnow.calls")


class CallLog:
    """Context manager around a servicer method; logs on exit, whatever the outcome."""

    def __init__(self, method: str, context: grpc.ServicerContext) -> None:
        self.method = method
        self.peer = context.peer()
        self.documents = 0
        self.rejected = 0
        self.blocks = 0
        self.code = grpc.StatusCode.OK
        self.detail = ""

    def fail(self, code: grpc.StatusCode, detail: str) -> None:
        self.code, self.detail = code, detail

    def __enter__(self) -> CallLog:
        self._start = time.perf_counter()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is not None and self.code == grpc.StatusCode.OK:
            # context.abort raises; anything else is a bug that grpc turns into UNKNOWN.
            self.code, self.detail = grpc.StatusCode.UNKNOWN, f"{exc_type.__name__}: {exc}"
        record = {
            "event": "call",
            "method": self.method,
            "peer": self.peer,
            "code": self.code.name,
            "ms": round(1000 * (time.perf_counter() - self._start), 2),
            "documents": self.documents,
            "blocks": self.blocks,
        }
        if self.rejected:
            record["rejected"] = self.rejected
        if self.detail:
            record["detail"] = self.detail
        level = logging.INFO if self.code == grpc.StatusCode.OK else logging.WARNING
        unexpected = exc is not None and self.code == grpc.StatusCode.UNKNOWN
        log_event(logger, logging.ERROR if unexpected else level, record, (exc_type, exc, tb) if unexpected else None)
