"""The one exception type the client raises for anything the server or the network did.

Callers should not have to import ``grpc`` to handle failures, and the server's message
says what is wrong and how to fix it, so it is kept verbatim.
"""

from __future__ import annotations

import grpc


class WinnowError(Exception):
    """A failed call, or a document the server could not classify.

    Attributes:
        code: the gRPC status code (``grpc.StatusCode``).
        message: the server's (or gRPC's) message, unchanged.
    """

    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}" if self.message else self.code.name

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> "WinnowError":
        """Convert an error raised by a gRPC call, keeping its code and details."""
        code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
        details = error.details() if hasattr(error, "details") else str(error)
        return cls(code or grpc.StatusCode.UNKNOWN, details or "")

    @classmethod
    def from_code_name(cls, code_name: str, message: str) -> "WinnowError":
        """Build an error from a status code *name*, as ``DocumentError.code`` carries it."""
        try:
            code = grpc.StatusCode[code_name]
        except KeyError:
            code = grpc.StatusCode.UNKNOWN
            message = f"{code_name}: {message}" if code_name else message
        return cls(code, message)
