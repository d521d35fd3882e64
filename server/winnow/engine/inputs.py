"""Turning what a caller sent into the document the engine classifies, or a clear refusal.

The refusals are plain exceptions with a kind; the server maps kinds to gRPC status
codes, the CLI and the evaluation to messages, so the engine stays free of gRPC.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from winnow.engine.html_text import decode_html

#: The largest document accepted by default, in bytes (documented in the README).
DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
#: The most blocks a document may have by default: classifying costs about 80 µs a block,
#: and a response about 130 bytes a block besides the text.
DEFAULT_MAX_BLOCKS = 20_000

#: How a document is read. AUTO reads content that looks like HTML (`looks_like_html`) as
#: HTML and anything else as plain text.
PLAIN_TEXT = "PLAIN_TEXT"
HTML = "HTML"
AUTO = "AUTO"
CONTENT_TYPES = (PLAIN_TEXT, HTML, AUTO)

#: Only the start of a document is looked at to tell HTML from text.
SNIFF_CHARS = 2048
#: A document is HTML when, after white space and comments, it opens with one of these,
#: or when a `<html`, `<head` or `<body` tag or an HTML doctype stands near its start.
_HTML_OPENING = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|table|"
    r"span|a|ul|h[1-6]|header|nav|link|script|style|form)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


class DocumentRejected(ValueError):
    """A document the engine will not classify; `kind` says why."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNDECODABLE = "undecodable"
    INVALID = "invalid"

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Document:
    """A document ready for the engine: its text (for HTML, the markup) and how to read it."""

    content: str
    content_type: str  # PLAIN_TEXT or HTML, never AUTO


def looks_like_html(head: str) -> bool:
    """Whether a document's start is HTML markup rather than text that mentions a tag."""
    head = head[:SNIFF_CHARS].lstrip("\ufeff")
    return _HTML_OPENING.match(head) is not None or _HTML_ANYWHERE.search(head) is not None


def _check_size(content: str | bytes | None, max_bytes: int) -> str | bytes:
    if content is None:
        raise DocumentRejected(DocumentRejected.EMPTY, "no document: set `text` (a string) or `data` (bytes)")
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DocumentRejected(
            DocumentRejected.TOO_LARGE,
            f"the document is {size} bytes, over the limit of {max_bytes} bytes: split it or send only its main part",
        )
    return content


def _decode_text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DocumentRejected(
            DocumentRejected.UNDECODABLE,
            f"`data` is not valid UTF-8 (byte {err.start}): re-encode it as UTF-8, send it as `text`, "
            "or, if it is a web page, say content type HTML (pages may use any charset they declare)",
        ) from None


def read_document(content: str | bytes | None, content_type: str = AUTO,
                  max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Document:
    """The document as the engine reads it, after checking that it is there, small enough
    and readable.

    Plain text as bytes must be UTF-8. HTML as bytes is decoded the way a crawler does
    (`html_text.decode_html`: BOM, UTF-8, the charset the page declares), so a page can be
    sent exactly as it was fetched.
    """
    if content_type not in CONTENT_TYPES:
        raise ValueError(f"unknown content type {content_type!r}: one of {', '.join(CONTENT_TYPES)}")
    content = _check_size(content, max_bytes)
    if content_type == AUTO:
        head = content[:SNIFF_CHARS * 4].decode("latin-1") if isinstance(content, bytes) else content
        content_type = HTML if looks_like_html(head) else PLAIN_TEXT
    if isinstance(content, bytes):
        content = decode_html(content) if content_type == HTML else _decode_text(content)
    if not content.strip():
        raise DocumentRejected(DocumentRejected.EMPTY, "the document is empty or only white space: send some text")
    return Document(content, content_type)

