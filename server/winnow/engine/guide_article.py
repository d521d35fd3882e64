"""What LABELING.md puts in the article by a block's markup alone, whatever its words say.

The guide makes captions, credits, bylines, datelines and the headline article body; many
extractors' gold (trafilatura's among them) leaves them out of the main text. Knowing them
by markup, not by any model's answer, lets the benchmark read that gold as the guide does
(`evaluation.labeling_view`) and keeps the article corrector, which learns from that gold,
from taking them out (`article_corrector`).
"""
from __future__ import annotations

from collections.abc import Sequence

from winnow.engine.blocks import Block

#: Markup tokens (`markup.element_tokens`) of elements whose text LABELING.md makes article body;
#: a block's context holds its own element's tokens too, so a `<figcaption>` has `t:figcaption`.
ARTICLE_MARKUP = frozenset({"t:figure", "t:figcaption", "c:byline", "c:dateline", "c:caption", "c:credit", "c:credits"})


def article_by_markup(blocks: Sequence[Block]) -> list[bool]:
    """For each block of an HTML page: does its markup alone make it article body by the guide
    (a caption, a credit, a byline, a dateline, the headline)? What trafilatura's gold leaves
    out of the main text and the guide keeps: the benchmark's LABELING view sets these aside,
    and the article corrector neither learns from them nor takes them out."""
    headline = next((b for b in blocks if b.html is not None and b.html.tag == "h1"), None)
    return [b is headline or (b.html is not None and not ARTICLE_MARKUP.isdisjoint(b.html.context)) for b in blocks]
