"""trafilatura's snippet gold, read as LABELING.md reads the page.

trafilatura's evaluation pages were annotated for trafilatura's idea of the main text, which
leaves out picture captions, credits, bylines and datelines, and now and then the headline.
LABELING.md puts all of those in ARTICLE_BODY. A must-exclude snippet that the page shows
only inside such an element is therefore one the guide tells winnow to keep: scored as is,
it counts against a system for following the guide. The benchmark prints both readings,
so a gap can be split into what is the guide's choice and what is a mistake.

Only the markup decides, never a system's output: a snippet is set aside when every block
that holds it is a `<figcaption>` or inside a `<figure>`, or sits in an element whose class
or id names a byline, dateline, caption or credit, or is the page's first `<h1>`. A snippet
found nowhere in one block (it spans blocks, or is not visible) is kept.
"""
from __future__ import annotations

from collections.abc import Sequence

from winnow.engine.blocks import Block
from winnow.engine.guide_article import article_by_markup
from winnow.evaluation.scoring import snippet_text


def labeling_view(gold: dict, blocks: Sequence[Block]) -> tuple[dict, int]:
    """The gold line without the must-exclude snippets the guide puts in the article, and their count."""
    texts = [snippet_text(b.text) for b in blocks]
    article = article_by_markup(blocks)
    kept = []
    for snippet in gold.get("must_exclude", []):
        wanted = snippet_text(snippet)
        holders = [i for i, text in enumerate(texts) if wanted in text]
        if not holders or not all(article[i] for i in holders):
            kept.append(snippet)
    return {**gold, "must_exclude": kept}, len(gold.get("must_exclude", [])) - len(kept)
