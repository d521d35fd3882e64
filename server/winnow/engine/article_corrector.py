"""The last page step: short lines that real pages say are not the article are taken out.

The role models learn from generated pages only, and real sites mark up what is not the
article in ways no generator knows (the class words of a call-to-action box, an author's
bio, a disclosure line printed inside the article's own element). The corrector is a small
fastText model learnt from real pages (trafilatura's evaluation pages, Apache-2.0; never
L3S-GN1, which is research use only) by `winnow-train-corrector`. It reads what the page
steps answered for a block and its neighbours, the block's shape and its markup, and says
how likely the block is the article.

It only takes out: an ARTICLE_BODY block that is not prose and that it finds unlikely
(`TAKE_OUT_BELOW`) becomes OTHER_BOILERPLATE ("not the article", not which boilerplate). It
never takes out prose, since on pages unlike those it learnt from it would take out whole
articles, and never puts in, which raises the related-content leak (`winnow-corrector-study`
measures every such choice). Nor does it overrule the guide where trafilatura's gold, its
teacher, differs from it (`protected`): it leaves what the guide puts in the article by its
markup (`guide_article.article_by_markup`: the headline, captions, credits, bylines,
datelines), headings, and whatever the role model is sure is article (`KEEP_WHEN_SURE`),
since that model learnt the guide's reading of bylines, datelines and subheadings that the
markup does not name and trafilatura's annotators often left out. Plain-text documents pass
through untouched.

Because it learnt from the pages the extraction benchmark is read on, it ships with one
model per fold of those pages (grouped by site): `held_out(document)` is the model that never
saw the document's site, which the benchmarks use for those pages.
"""
from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from pathlib import Path

import fasttext

from winnow.engine.blocks import ARTICLE_BODY, OTHER_BOILERPLATE, Block, on_a_page
from winnow.engine.features import is_prose, mostly_text
from winnow.engine.guide_article import article_by_markup
from winnow.engine.headings import HEADING_TAGS
from winnow.engine.language import MODELS, file_version
from winnow.engine.roles import predict

DEFAULT_MODEL = MODELS / "article_corrector.bin"
ARTICLE, NOT_ARTICLE = "article", "not"
#: A non-prose article block the model gives a smaller chance of being the article leaves it.
TAKE_OUT_BELOW = 0.1
#: A block the role model gave at least this chance of being the article is never taken out.
KEEP_WHEN_SURE = 0.9
#: Markup tokens read per block (its element's and its ancestors', nearest first).
MARKUP_TOKENS = 10
LENGTH_BUCKETS = (10, 30, 80, 150, 400)
#: Bounds of the role model's ARTICLE_BODY probability, read as a token.
SURENESS_BUCKETS = (0.1, 0.3, 0.5, 0.7, 0.9)


def block_tokens(blocks: Sequence[Block]) -> list[list[str]]:
    """What the corrector reads of each block of a page: the answer for it and its neighbours,
    how sure the role model was, its shape, where it stands against the article's prose, and
    its markup."""
    prose = [i for i, b in enumerate(blocks) if b.role == ARTICLE_BODY and is_prose(b)]
    out = []
    for i, b in enumerate(blocks):
        where = "none" if not prose else "before" if i < prose[0] else "after" if i > prose[-1] else "within"
        sure = bisect.bisect_left(SURENESS_BUCKETS, _article_score(b))
        out.append([
            f"role={b.role}", f"prev={blocks[i - 1].role if i else 'none'}",
            f"next={blocks[i + 1].role if i + 1 < len(blocks) else 'none'}", f"where={where}", f"sure={sure}",
            f"tag={b.html.tag}", f"prose={is_prose(b)}", f"text={mostly_text(b)}",
            f"len={bisect.bisect_left(LENGTH_BUCKETS, len(b.text))}", f"stop={b.text.rstrip()[-1:] in '.!?'}",
            *(f"m={token}" for token in b.html.context[:MARKUP_TOKENS]),
        ])
    return out


def protected(blocks: Sequence[Block]) -> list[bool]:
    """Which blocks of a page the corrector neither takes out nor learns from: what the guide
    keeps in the article by its markup, headings (the headings step has given each its
    section's role), and what the role model is sure is article."""
    return [guide or b.html.tag in HEADING_TAGS or _article_score(b) >= KEEP_WHEN_SURE
            for b, guide in zip(blocks, article_by_markup(blocks))]


def _article_score(block: Block) -> float:
    """The probability the role model (after the page steps) gives the block's being the article."""
    return dict(block.role_scores).get(ARTICLE_BODY, 0.0)


def article_chances(model: fasttext.FastText._FastText, tokens: Sequence[Sequence[str]]) -> list[float]:
    """A corrector model's probability that each block (as `block_tokens` reads it) is the article."""
    return [dict(scores).get(ARTICLE, 0.0) for scores in predict(model, tokens)]


def fold_model_path(model: Path, fold: int) -> Path:
    """Where the model learnt without fold `fold`'s pages is kept, beside `model`."""
    return model.with_name(f"{model.stem}.fold{fold}{model.suffix}")


def record_path(model: Path) -> Path:
    """The training record beside a corrector model: its settings and which page is in which fold."""
    return model.with_suffix(".json")


class ArticleCorrector:
    """Applies a corrector model to a page's blocks; `ArticleCorrector.off()` applies none."""

    def __init__(self, model: Path | None = DEFAULT_MODEL, folds: dict[str, int] | None = None) -> None:
        """`folds` (page document name -> the fold it was held out in) is read from the model's
        training record unless given; a fold's own model is given none."""
        self.path = model
        self._model = fasttext.load_model(str(model)) if model is not None else None
        self.version = file_version(model) if model is not None else "none"
        if folds is None and model is not None:
            folds = json.loads(record_path(model).read_text(encoding="utf-8"))["folds"]
        self.folds: dict[str, int] = folds or {}
        self._held_out: dict[int, ArticleCorrector] = {}

    @classmethod
    def off(cls) -> ArticleCorrector:
        """No correction: what `winnow-train-corrector` answers pages with before it learns."""
        return cls(None)

    def held_out(self, document: str) -> ArticleCorrector:
        """The model that never saw `document`'s site, if the corrector learnt from that
        document; itself otherwise (for benchmarks, so no page is scored by what learnt from it)."""
        if self.path is None or document not in self.folds:
            return self
        fold = self.folds[document]
        if fold not in self._held_out:
            self._held_out[fold] = ArticleCorrector(fold_model_path(self.path, fold), folds={})
        return self._held_out[fold]

    def correct(self, blocks: Sequence[Block]) -> None:
        """Takes out of the article the page's short lines the model finds unlikely to be in it."""
        if self._model is None or not on_a_page(blocks):
            return
        # Only these may be taken out, so only these are asked about (this runs on every page).
        candidates = [i for i, (b, kept) in enumerate(zip(blocks, protected(blocks)))
                      if b.role == ARTICLE_BODY and not is_prose(b) and not kept]
        if not candidates:
            return
        tokens = block_tokens(blocks)  # a block's tokens read its neighbours: the whole page's
        for i, chance in zip(candidates, article_chances(self._model, [tokens[i] for i in candidates])):
            if chance < TAKE_OUT_BELOW:
                blocks[i].move_role(ARTICLE_BODY, OTHER_BOILERPLATE)
