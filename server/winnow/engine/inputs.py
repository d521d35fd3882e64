"""Turning what a caller sent into the text the engine classifies, or a clear refusal.

The refusals are plain exceptions with a kind; the server maps kinds to gRPC status
codes, the CLI and the evaluation to messages, so the engine stays free of gRPC.
"""
from __future__ import annotations

import codecs

#: The largest document accepted by default, in UTF-8 bytes (documented in the README).
DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
#: The most blocks a document may have by default: classifying costs about 80 µs a block,
#: and a response about 130 bytes a block besides the text.
DEFAULT_MAX_BLOCKS = 20_000


class DocumentRejected(ValueError):
    """A document the engine will not classify; `kind` says why."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNDECODABLE = "undecodable"

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def decode_document(content: str | bytes | None, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> str:
    """The document's text, after checking that it is there, small enough and readable."""
    if content is None:
        raise DocumentRejected(DocumentRejected.EMPTY, "no document: set `text` (a string) or `data` (UTF-8 bytes)")
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DocumentRejected(
            DocumentRejected.TOO_LARGE,
            f"the document is {size} bytes, over the limit of {max_bytes} bytes: split it or send only its main part",
        )
    if isinstance(content, bytes):
        if content.startswith(codecs.BOM_UTF8):
            content = content[len(codecs.BOM_UTF8):]
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as err:
            raise DocumentRejected(
                DocumentRejected.UNDECODABLE,
                f"`data` is not valid UTF-8 (byte {err.start}): re-encode it as UTF-8 or send it as `text`",
            ) from None
    if not content.strip():
        raise DocumentRejected(DocumentRejected.EMPTY, "the document is empty or only white space: send some text")
    return content
