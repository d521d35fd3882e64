"""The Winnow servicer: requests in, engine calls, responses out; nothing else.

Each call writes one structured log line (`calllog.py`). A refused document becomes a
gRPC status on the unary call and a per-document `error` on the stream, so one bad
document never costs a caller the rest of its stream.
"""
from __future__ import annotations

from collections.abc import Iterator

import grpc

from winnow import __version__
from winnow.engine import Engine
from winnow.engine.blocks import ROLE_DESCRIPTIONS, SUPPORTED_LANGUAGES
from winnow.engine.inputs import DocumentRejected, read_document
from winnow.service.calllog import CallLog
from winnow.service.convert import classification_to_response, request_content, request_content_type, version_messages
from winnow.v1 import winnow_pb2 as pb
from winnow.v1 import winnow_pb2_grpc as pb_grpc

STATUS_FOR = {
    DocumentRejected.EMPTY: grpc.StatusCode.INVALID_ARGUMENT,
    DocumentRejected.UNDECODABLE: grpc.StatusCode.INVALID_ARGUMENT,
    DocumentRejected.INVALID: grpc.StatusCode.INVALID_ARGUMENT,
    DocumentRejected.TOO_LARGE: grpc.StatusCode.RESOURCE_EXHAUSTED,
}

INTERNAL_MESSAGE = "internal error while classifying this document; it was logged on the server, please report it"


def _error_response(doc_id: str, code: grpc.StatusCode, message: str) -> pb.ClassifyResponse:
    return pb.ClassifyResponse(id=doc_id, error=pb.DocumentError(code=code.name, message=message))


class WinnowServicer(pb_grpc.WinnowServicer):
    def __init__(self, engine: Engine, max_document_bytes: int, max_message_bytes: int) -> None:
        self.engine = engine
        self.max_document_bytes = max_document_bytes
        self.max_message_bytes = max_message_bytes

    def _classify(self, request: pb.ClassifyRequest) -> pb.ClassifyResponse:
        expected = self.engine.check_languages(request.expected_languages)
        document = read_document(request_content(request), request_content_type(request), self.max_document_bytes)
        response = classification_to_response(request.id, self.engine.classify_document(document, expected_languages=expected))
        size = response.ByteSize()
        if size > self.max_message_bytes:  # gRPC would fail the send with a message that helps no one
            raise DocumentRejected(
                DocumentRejected.TOO_LARGE,
                f"the response would be {size} bytes, over the message limit of {self.max_message_bytes}: "
                "split the document, or raise the server's and client's max message size",
            )
        return response

    def Classify(self, request: pb.ClassifyRequest, context: grpc.ServicerContext) -> pb.ClassifyResponse:
        with CallLog("Classify", context) as log:
            log.documents = 1
            try:
                response = self._classify(request)
            except DocumentRejected as err:
                log.fail(STATUS_FOR[err.kind], str(err))
                context.abort(STATUS_FOR[err.kind], str(err))
            except Exception as err:  # a bug, not the caller's fault: say so, keep serving
                log.fail(grpc.StatusCode.INTERNAL, f"{type(err).__name__}: {err}")
                context.abort(grpc.StatusCode.INTERNAL, INTERNAL_MESSAGE)
            log.blocks = len(response.blocks)
            return response

    def ClassifyStream(
        self, request_iterator: Iterator[pb.ClassifyRequest], context: grpc.ServicerContext
    ) -> Iterator[pb.ClassifyResponse]:
        with CallLog("ClassifyStream", context) as log:
            for request in request_iterator:
                log.documents += 1
                try:
                    response = self._classify(request)
                except DocumentRejected as err:
                    log.rejected += 1
                    response = _error_response(request.id, STATUS_FOR[err.kind], str(err))
                except Exception as err:  # a bug: report it on this document, go on with the rest
                    log.rejected += 1
                    log.fail(grpc.StatusCode.INTERNAL, f"{type(err).__name__}: {err}")
                    response = _error_response(request.id, grpc.StatusCode.INTERNAL, INTERNAL_MESSAGE)
                log.blocks += len(response.blocks)
                yield response

    def Describe(self, request: pb.DescribeRequest, context: grpc.ServicerContext) -> pb.DescribeResponse:
        with CallLog("Describe", context):
            return pb.DescribeResponse(
                service_version=__version__,
                model_versions=version_messages(self.engine.model_versions),
                roles=[pb.RoleDescription(role=pb.Role.Value(r), description=d) for r, d in ROLE_DESCRIPTIONS.items()],
                supported_languages=SUPPORTED_LANGUAGES,
                detectable_languages=self.engine.languages.languages,
                limits=pb.Limits(max_document_bytes=self.max_document_bytes, max_message_bytes=self.max_message_bytes,
                                 max_blocks=self.engine.max_blocks),
            )
