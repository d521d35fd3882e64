"""Segmentation into blocks, as the labeling guide defines it: plain text and HTML.

One block per non-empty line, except that hard-wrapped text (a run of lines of similar
width, as an e-mail or a terminal dump wraps a paragraph) is joined back into one
paragraph. Offsets are kept into the original text so a caller can cut it unchanged.
"""
from __future__ import annotations

import re

from winnow.engine.blocks import Block
from winnow.engine.html_text import html_to_blocks

#: A wrapped run has at least this many lines ...
WRAP_MIN_LINES = 3
#: ... wrapped at a width no larger than this (wider lines are whole paragraphs) ...
WRAP_MAX_WIDTH = 100
#: ... and every line but the last at least this fraction of the widest line.
WRAP_MIN_FILL = 0.7
#: A line shorter than this is never part of a wrapped run (menus, headings).
WRAP_MIN_LINE = 30
#: At least this share of the line breaks of a wrapped run fall inside a sentence (the
#: next line goes on in lower case): what tells wrapped prose from a list of headlines.
WRAP_MIN_CONTINUATIONS = 0.5

#: Line boundaries as Python's `str.splitlines` knows them: CR, LF, CRLF, VT, FF, the file,
#: group and record separators, NEL, and Unicode's line and paragraph separators.
_EOL = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(f"\r\n|[{_EOL}]")
_LINE = re.compile(f"[^{_EOL}]*(?:\r\n|[{_EOL}]|$)")
#: A line break with the white space around it: one space in the block's text.
_BREAK = re.compile(f"\\s*[{_EOL}]+\\s*")


def _lines(text: str) -> list[tuple[int, int]]:
    """The [start, end) spans of the non-blank lines, stripped of surrounding white space."""
    spans = []
    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line:
            break
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        spans.append((start, start + len(stripped)))
    return spans


def _wrapped_runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Groups consecutive line spans into paragraphs; returns [first, last] index pairs."""
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        j = i
        widest = spans[i][1] - spans[i][0]
        # Extend while the lines are adjacent (no blank line between) and look wrapped.
        while j + 1 < len(spans):
            s0, e0 = spans[j]
            s1, e1 = spans[j + 1]
            if len(_LINE_BREAK.findall(text, e0, s1)) > 1:  # a blank line between them
                break
            width = e0 - s0
            if width < WRAP_MIN_LINE or width > WRAP_MAX_WIDTH:
                break
            widest = max(widest, width, e1 - s1)
            if width < WRAP_MIN_FILL * widest or widest > WRAP_MAX_WIDTH:
                break
            j += 1
        if j - i + 1 >= WRAP_MIN_LINES and _continuation_share(text, spans[i : j + 1]) >= WRAP_MIN_CONTINUATIONS:
            groups.append((i, j))
            i = j + 1
        else:
            groups.append((i, i))
            i += 1
    return groups


def _continuation_share(text: str, run: list[tuple[int, int]]) -> float:
    """The share of line breaks in `run` after which the sentence goes on."""
    breaks = list(zip(run, run[1:]))
    goes_on = sum(1 for _, (s1, _e1) in breaks if text[s1].islower() or not text[s1].isalpha())
    return goes_on / len(breaks)


def segment_text(text: str) -> list[Block]:
    """Splits plain text into blocks with their offsets into `text`."""
    spans = _lines(text)
    blocks = []
    for first, last in _wrapped_runs(text, spans):
        start, end = spans[first][0], spans[last][1]
        joined = _BREAK.sub(" ", text[start:end])
        blocks.append(Block(index=len(blocks), text=joined, start=start, end=end))
    return blocks


def segment_html(html: str) -> tuple[str, list[Block]]:
    """A page's extracted text (one block a line) and its blocks, with offsets into it.

    The blocks are `html_text.html_to_blocks`'s: the visible text of each block-level
    element (LABELING.md, "What a block is"), each keeping its element and markup.
    """
    blocks = []
    start = 0
    for index, html_block in enumerate(html_to_blocks(html)):
        end = start + len(html_block.text)
        blocks.append(Block(index=index, text=html_block.text, start=start, end=end, html=html_block))
        start = end + 1  # the "\n" between blocks
    return "\n".join(b.text for b in blocks), blocks
