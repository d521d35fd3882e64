"""Engine records to protobuf messages: the only place that knows both."""
from __future__ import annotations

from winnow.engine.blocks import Classification
from winnow.v1 import winnow_pb2 as pb


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
    )


def request_content(request: pb.ClassifyRequest) -> str | bytes | None:
    """The request's document, whichever field carries it (None when neither does)."""
    which = request.WhichOneof("content")
    return getattr(request, which) if which else None
