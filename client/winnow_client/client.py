"""A thin, typed adapter over the generated winnow stubs.

It hides channel set-up, deadlines and gRPC's exception type, and nothing else: the
methods take and return the contract's own protobuf messages, so the proto stays the one
description of the data.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from types import TracebackType

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from winnow.v1 import winnow_pb2, winnow_pb2_grpc

from winnow_client.errors import WinnowError

DEFAULT_ADDRESS = "127.0.0.1:50051"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024

Content = str | bytes

#: Content types by the names the client and CLI use; "auto" lets the server decide.
CONTENT_TYPES = {
    "auto": winnow_pb2.CONTENT_TYPE_AUTO,
    "text": winnow_pb2.CONTENT_TYPE_PLAIN_TEXT,
    "html": winnow_pb2.CONTENT_TYPE_HTML,
}


class _Default(enum.Enum):
    """Sentinel for "use the client's timeout": ``None`` already means "no deadline"."""

    CLIENT_TIMEOUT = enum.auto()


_CLIENT_TIMEOUT = _Default.CLIENT_TIMEOUT
Timeout = float | None | _Default


class WinnowClient:
    """A connection to one winnow server.

    Use it as a context manager so the channel (and its threads and sockets) is closed.
    Calls do not wait for the server to come up (``wait_for_ready=False``): a server that
    is not there fails fast with ``UNAVAILABLE`` instead of hanging until the deadline.
    Every gRPC failure is raised as :class:`WinnowError`.

    Args:
        address: ``HOST:PORT`` of the server.
        timeout: deadline in seconds for each call; ``None`` for no deadline.
        max_message_bytes: the largest message sent or received; responses repeat the
            document's text, so this must exceed the largest document (see Describe).
    """

    def __init__(
        self,
        address: str = DEFAULT_ADDRESS,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
    ) -> None:
        self.address = address
        self.timeout = timeout
        self._channel = grpc.insecure_channel(
            address,
            options=[
                ("grpc.max_send_message_length", max_message_bytes),
                ("grpc.max_receive_message_length", max_message_bytes),
            ],
        )
        self._stub = winnow_pb2_grpc.WinnowStub(self._channel)
        self._health = health_pb2_grpc.HealthStub(self._channel)

    def __enter__(self) -> "WinnowClient":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the channel; calls still running are cancelled."""
        self._channel.close()

    def classify(
        self,
        content: Content,
        id: str = "",
        *,
        content_type: str = "auto",
        expected_languages: Iterable[str] = (),
        timeout: Timeout = _CLIENT_TIMEOUT,
    ) -> winnow_pb2.ClassifyResponse:
        """Classify one document.

        ``str`` content is sent as ``text`` and ``bytes`` as ``data`` (decoded by the
        server: an HTML page in whatever charset it declares), so callers holding raw file
        bytes need not guess the encoding. ``content_type`` is ``"auto"``, ``"text"`` or
        ``"html"``; ``expected_languages`` restricts block languages to those codes.
        """
        request = make_request(content, id, content_type=content_type, expected_languages=expected_languages)
        try:
            return self._stub.Classify(
                request, timeout=self._deadline(timeout), wait_for_ready=False
            )
        except grpc.RpcError as exc:
            raise WinnowError.from_rpc_error(exc) from None

    def classify_many(
        self,
        requests: Iterable[tuple[str, Content] | winnow_pb2.ClassifyRequest],
        *,
        content_type: str = "auto",
        expected_languages: Iterable[str] = (),
        timeout: Timeout = _CLIENT_TIMEOUT,
    ) -> Iterator[winnow_pb2.ClassifyResponse]:
        """Classify ``(id, content)`` pairs over one ClassifyStream.

        ``content_type`` and ``expected_languages`` apply to every pair; pass ready
        ``ClassifyRequest`` messages (e.g. from :func:`make_request`) instead to set them
        per document.

        One stream for all documents avoids a round trip per document. Responses are
        yielded as they arrive, in any order; match them to requests by ``id``. A
        document the server could not classify comes back with ``error`` set rather
        than as an exception, so one bad file does not lose the others.

        ``requests`` is consumed lazily while responses are read. If it raises, the
        stream is cancelled and that exception is re-raised here (instead of being
        logged and swallowed by gRPC's sender thread).

        ``timeout`` bounds the whole stream (default: the client's timeout); pass a
        larger value, or ``None``, for long batches.
        """
        failure: list[BaseException] = []
        call: grpc.Call | None = None

        def request_iterator() -> Iterator[winnow_pb2.ClassifyRequest]:
            try:
                for item in requests:
                    if isinstance(item, winnow_pb2.ClassifyRequest):
                        yield item
                    else:
                        doc_id, content = item
                        yield make_request(content, doc_id, content_type=content_type,
                                           expected_languages=expected_languages)
            except Exception as exc:  # re-raised in the caller's thread below
                failure.append(exc)
                if call is not None:
                    call.cancel()

        call = self._stub.ClassifyStream(
            request_iterator(), timeout=self._deadline(timeout), wait_for_ready=False
        )
        try:
            for response in call:
                yield response
        except grpc.RpcError as exc:
            if failure:
                raise failure[0] from None
            raise WinnowError.from_rpc_error(exc) from None
        finally:
            call.cancel()  # no-op when finished; stops the stream if the caller quit early
        if failure:
            raise failure[0]

    def describe(
        self, *, timeout: Timeout = _CLIENT_TIMEOUT
    ) -> winnow_pb2.DescribeResponse:
        """Return the server's versions, roles, languages and limits."""
        try:
            return self._stub.Describe(
                winnow_pb2.DescribeRequest(),
                timeout=self._deadline(timeout),
                wait_for_ready=False,
            )
        except grpc.RpcError as exc:
            raise WinnowError.from_rpc_error(exc) from None

    def health(self, service: str = "", *, timeout: Timeout = _CLIENT_TIMEOUT) -> str:
        """Return the standard gRPC health status name, e.g. ``"SERVING"``.

        Uses ``grpc.health.v1`` so the answer means the same as for load balancers and
        ``grpc_health_probe``; ``""`` asks about the server as a whole.
        """
        try:
            response = self._health.Check(
                health_pb2.HealthCheckRequest(service=service),
                timeout=self._deadline(timeout),
                wait_for_ready=False,
            )
        except grpc.RpcError as exc:
            raise WinnowError.from_rpc_error(exc) from None
        try:
            return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
        except ValueError:
            return f"STATUS_{response.status}"

    def _deadline(self, timeout: Timeout) -> float | None:
        return self.timeout if timeout is _CLIENT_TIMEOUT else timeout


def make_request(
    content: Content,
    id: str = "",
    *,
    content_type: str = "auto",
    expected_languages: Iterable[str] = (),
) -> winnow_pb2.ClassifyRequest:
    """Build a ClassifyRequest, putting ``str`` in ``text`` and bytes in ``data``.

    Anything else, or an unknown content type, is a programming error and raises
    ``TypeError`` / ``ValueError`` early, rather than as an obscure protobuf error inside gRPC.
    """
    if content_type not in CONTENT_TYPES:
        raise ValueError(f"content_type must be one of {', '.join(CONTENT_TYPES)}, not {content_type!r}")
    if isinstance(expected_languages, str):
        raise TypeError("expected_languages must be a collection of codes, e.g. ['en', 'cs'], not a string")
    common = dict(id=id, content_type=CONTENT_TYPES[content_type], expected_languages=list(expected_languages))
    if isinstance(content, str):
        return winnow_pb2.ClassifyRequest(text=content, **common)
    if isinstance(content, (bytes, bytearray, memoryview)):
        return winnow_pb2.ClassifyRequest(data=bytes(content), **common)
    raise TypeError(f"document content must be str or bytes, not {type(content).__name__}")
