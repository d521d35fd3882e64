"""Engine records to protobuf messages: the only place that knows both."""
from __future__ import annotations

from winnow.engine.blocks import Classification
from winnow.engine.inputs import AUTO, HTML, PLAIN_TEXT
from winnow.v1 import winnow_pb2 as pb

#: Proto content types to the engine's names; unspecified means auto.
CONTENT_TYPES = {
    pb.CONTENT_TYPE_UNSPECIFIED: AUTO,
    pb.CONTENT_TYPE_AUTO: AUTO,
    pb.CONTENT_TYPE_PLAIN_TEXT: PLAIN_TEXT,
    pb.CONTENT_TYPE_HTML: HTML,
}
PROTO_CONTENT_TYPES = {PLAIN_TEXT: pb.CONTENT_TYPE_PLAIN_TEXT, HTML: pb.CONTENT_TYPE_HTML}


def version_messages(versions: dict[str, str]) -> list[pb.ModelVersion]:
    return [pb.ModelVersion(name=name, version=version) for name, version in versions.items()]


def classification_to_response(doc_id: str, result: Classification) -> pb.ClassifyResponse:
    blocks = [
        pb.Block(
            index=b.index,
            text=b.text,
            start=b.start,
            end=b.end,
            role=pb.Role.Value(b.role),
            role_confidence=b.role_confidence,
            role_scores=[pb.RoleScore(role=pb.Role.Value(r), score=s) for r, s in b.role_scores],
            language=b.language,
            language_confidence=b.language_confidence,
            language_alternatives=[pb.LanguageScore(language=l, confidence=c) for l, c in b.language_alternatives],
            path=b.path,
        )
        for b in result.blocks
    ]
    return pb.ClassifyResponse(
        id=doc_id,
        language=result.language,
        language_confidence=result.language_confidence,
        text=result.text,
        blocks=blocks,
        article_text=result.article_text,
        model_versions=version_messages(result.model_versions),
        content_type=PROTO_CONTENT_TYPES[result.content_type],
    )


def request_content(request: pb.ClassifyRequest) -> str | bytes | None:
    """The request's document, whichever field carries it (None when neither does)."""
    which = request.WhichOneof("content")
    return getattr(request, which) if which else None


def request_content_type(request: pb.ClassifyRequest) -> str:
    """The engine's name for the request's content type (an unknown number reads as auto)."""
    return CONTENT_TYPES.get(request.content_type, AUTO)
