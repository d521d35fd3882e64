"""Rendering classification results: a JSON shape for machines, a table for people.

The JSON shape is the client's output contract (one object per document in ``jsonl``),
so it is built in one place, :func:`response_to_dict`, and the table is drawn from that
same dict: both views always agree on what a document contains.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from winnow.v1 import winnow_pb2

from winnow_client.roles import ROLE_NAMES, role_name

#: Characters of block text shown in the table before it is cut with an ellipsis.
EXCERPT_CHARS = 60
ELLIPSIS = "…"
_CONFIDENCE_DIGITS = 4


def response_to_dict(resp: winnow_pb2.ClassifyResponse, document: str) -> dict[str, Any]:
    """Return the client's JSON view of one classified document.

    ``document`` is the path as the user gave it (not resolved), so the output can be
    joined back to the input. Confidences are float32 on the wire; they are rounded to 4
    decimals so the JSON does not show float32 noise such as ``0.9700000286102295``.
    Only the documented keys are emitted, in a fixed order, so consumers can rely on them.
    """
    html = resp.content_type == winnow_pb2.CONTENT_TYPE_HTML
    return {
        "document": document,
        "content_type": "html" if html else "text",
        "language": resp.language,
        "blocks": [
            {
                "index": block.index,
                "text": block.text,
                "start": block.start,
                "end": block.end,
                "role": role_name(block.role),
                "role_confidence": _round(block.role_confidence),
                "language": block.language,
                "language_confidence": _round(block.language_confidence),
                **({"path": block.path} if html else {}),
            }
            for block in resp.blocks
        ],
    }


def render_jsonl(doc: dict[str, Any]) -> str:
    """One JSON line for one document (no trailing newline).

    ``ensure_ascii=False`` keeps non-Latin text readable and the line shorter; the output
    is UTF-8 either way.
    """
    return json.dumps(doc, ensure_ascii=False)


def render_table(doc: dict[str, Any]) -> str:
    """A plain-text, per-block view of one document (no trailing newline).

    A header line with the path and the document's language, a column header, then one
    padded row per block: index, role, role confidence, language, language confidence and
    an excerpt of the block's text. Meant for eyeballing results in a terminal.
    """
    header = f"{doc['document']}  language: {doc['language'] or 'und'}"
    blocks = doc["blocks"]
    if not blocks:
        return f"{header}\n  (no blocks)"
    index_width = max(1, *(len(str(b["index"])) for b in blocks))
    role_width = max(len("role"), *(len(name) for name in ROLE_NAMES),
                     *(len(b["role"]) for b in blocks))
    lang_width = max(len("lang"), *(len(b["language"]) for b in blocks))
    lines = [
        header,
        "  ".join([
            "#".rjust(index_width),
            "role".ljust(role_width),
            "conf",
            "lang".ljust(lang_width),
            "conf",
            "text",
        ]),
    ]
    for b in blocks:
        lines.append("  ".join([
            str(b["index"]).rjust(index_width),
            b["role"].ljust(role_width),
            f"{b['role_confidence']:.2f}",
            b["language"].ljust(lang_width),
            f"{b['language_confidence']:.2f}",
            excerpt(b["text"]),
        ]).rstrip())
    return "\n".join(lines)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with an ellipsis.

    White space (including newlines and tabs) is collapsed first so a row can never
    break the table's layout.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


#: Output formats by the name the CLI accepts.
FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "table": render_table,
    "jsonl": render_jsonl,
}


def _round(value: float) -> float:
    return round(float(value), _CONFIDENCE_DIGITS)
