"""Reading documents from files, gzip files and stdin.

Documents are returned as raw bytes and sent as ``ClassifyRequest.data``: the server
owns decoding (UTF-8 text, or HTML in the charset the page declares) and reports
undecodable input itself, so the client never guesses an encoding.
"""

from __future__ import annotations

import gzip
import sys
import zlib

#: The path that means "read standard input".
STDIN = "-"
#: File name endings (before any ``.gz``) that say how to read a document.
CONTENT_TYPE_BY_SUFFIX = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}


class InputError(Exception):
    """A document could not be read; the message names the path."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_document(path: str) -> bytes:
    """Return the bytes of the document at ``path``.

    ``-`` reads standard input (as bytes, so no locale decoding happens on the way) and a
    name ending in ``.gz`` is decompressed, because crawls are commonly stored that way.
    Any failure becomes an :class:`InputError` whose message starts with the path, so
    the user knows which of many files is at fault.
    """
    if path == STDIN:
        try:
            return sys.stdin.buffer.read()
        except (OSError, ValueError) as exc:
            raise InputError("<stdin>", _reason(exc)) from exc
    try:
        if path.lower().endswith(".gz"):
            with gzip.open(path, "rb") as handle:
                return handle.read()
        with open(path, "rb") as handle:
            return handle.read()
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(path, f"not a valid gzip file ({_reason(exc)})") from exc
    except OSError as exc:
        raise InputError(path, _reason(exc)) from exc


def _reason(exc: BaseException) -> str:
    """The human part of an error: ``strerror`` for OS errors (no errno, no repeated path)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def content_type_for(path: str) -> str:
    """``html`` for ``*.html``/``*.htm`` (also gzipped), ``text`` for ``*.txt``, else ``auto``."""
    name = path.lower().removesuffix(".gz")
    for suffix, content_type in CONTENT_TYPE_BY_SUFFIX.items():
        if name.endswith(suffix):
            return content_type
    return "auto"
