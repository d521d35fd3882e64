"""`winnow-corrector-study`: would a model learnt from real pages correct winnow's article split?

winnow's role model learns from generated pages only; some of what it misses on real pages
may be what real markup says and generated markup does not (the class words real sites give
a call-to-action box, an author's bio, a disclosure). trafilatura's evaluation pages are real
pages with labels under Apache-2.0, so they could teach a last page step: a small fastText
model that reads what winnow answered for a block, its neighbours' answers and the block's
markup, and says article or not. Whether to ship one is a product decision; this
measures what it would do, so the decision rests on figures anyone can re-run.

Those pages are also the dev pages the benchmark reports, so a page is never scored by a
model that learnt from it: the pages are split into `FOLDS` folds by site (the URL's last two
host labels, so that one site's pages are never on both sides), and each fold is corrected by
a model learnt on the others. L3S-GN1 is research use only: nothing learns from it. It is
corrected by a model learnt on all of trafilatura's pages, which shows how the correction
carries to pages unlike those it learnt from.

Labels: a block holding a must-include snippet is article, one holding a must-exclude snippet
is not, with the gold read as LABELING.md reads it (`labeling_view`), so that the guide's
captions, credits and bylines are never taught as boilerplate. Other blocks carry no label.

It prints, for each model setting and each way of applying it: snippet P/R/F1 on trafilatura's
pages (all, the LABELING view, Spanish) and L3S's macro-F1, related leak and body F1, under
the same figures with no correction. Nothing here ships; every setting is printed, so what
is picked after the fact is visible as such.
"""
from __future__ import annotations

import argparse
import bisect
import hashlib
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import fasttext
from tqdm import tqdm

from winnow.engine import Engine
from winnow.engine.blocks import ARTICLE_BODY, OTHER_BOILERPLATE, RELATED_TEASER, Block
from winnow.engine.features import is_prose, mostly_text
from winnow.engine.inputs import DocumentRejected
from winnow.engine.roles import predict
from winnow.evaluation.extraction_benchmark import Page, load_pages
from winnow.evaluation.labeling_view import labeling_view
from winnow.evaluation.scoring import score, snippet_text
from winnow.training.fasttext_fit import train_supervised

FOLDS = 5
SEED = 20261123
#: Markup tokens read per block (its element's and its ancestors', nearest first).
MARKUP_TOKENS = 10
LENGTH_BUCKETS = (10, 30, 80, 150, 400)
#: (fewest pages a token needs, epochs): from a model that keeps every token to a smoother one.
SETTINGS = ((1, 30), (3, 15), (5, 10))
ARTICLE, NOT_ARTICLE = "article", "not"


@dataclass(frozen=True)
class Rule:
    """How a model is applied: below `demote` an article block leaves the article (for
    OTHER_BOILERPLATE: the model says "not the article", not which boilerplate, as
    `article_region.not_the_article` does), unless it is prose and `prose` is False; above
    `promote` a text block that is no teaser joins it (a teaser list is a run the role model
    reads better than any single block's markup)."""

    name: str
    promote: float
    demote: float
    prose: bool = True


RULES = (Rule("take out only", math.inf, 0.1), Rule("take out short lines only", math.inf, 0.1, prose=False),
         Rule("take out and put in", 0.9, 0.1), Rule("both, surer", 0.95, 0.05))


@dataclass
class Answered:
    """A page, winnow's blocks for it (after every page step), each block's study tokens, the
    page's gold as LABELING.md reads it, and each block's label from that (or None)."""

    page: Page
    blocks: list[Block]
    tokens: list[list[str]]
    view: dict
    labels: list[str | None]


def site(page: Page) -> str:
    """The page's site: its URL's host without "www.", cut to its last two labels; the page's
    own name when it has no URL."""
    host = (urlsplit(page.gold.get("url") or "").hostname or "").removeprefix("www.")
    return ".".join(host.split(".")[-2:]) if host else page.name


def fold(page: Page) -> int:
    return int(hashlib.sha1(site(page).encode()).hexdigest(), 16) % FOLDS


def block_tokens(blocks: Sequence[Block]) -> list[list[str]]:
    """What the corrector reads of each block: winnow's answer for it and its neighbours, its
    shape, where it stands against the article's prose, and its markup."""
    prose = [i for i, b in enumerate(blocks) if b.role == ARTICLE_BODY and is_prose(b)]
    out = []
    for i, b in enumerate(blocks):
        where = "none" if not prose else "before" if i < prose[0] else "after" if i > prose[-1] else "within"
        out.append([
            f"role={b.role}", f"prev={blocks[i - 1].role if i else 'none'}",
            f"next={blocks[i + 1].role if i + 1 < len(blocks) else 'none'}", f"where={where}",
            f"tag={b.html.tag}", f"prose={is_prose(b)}", f"text={mostly_text(b)}",
            f"len={bisect.bisect_left(LENGTH_BUCKETS, len(b.text))}", f"stop={b.text.rstrip()[-1:] in '.!?'}",
            *(f"m={token}" for token in b.html.context[:MARKUP_TOKENS]),
        ])
    return out


def labels(view: dict, blocks: Sequence[Block]) -> list[str | None]:
    """Each block's label from a page's snippets as LABELING.md reads them (`view`), or None."""
    texts = [snippet_text(b.text) for b in blocks]
    out: list[str | None] = [None] * len(blocks)
    for label, snippets in ((ARTICLE, view.get("must_include", [])), (NOT_ARTICLE, view.get("must_exclude", []))):
        for snippet in snippets:
            wanted = snippet_text(snippet)
            for i, text in enumerate(texts):
                if wanted in text:
                    out[i] = label if out[i] in (None, label) else "both"
    return out


def answer(engine: Engine, pages: Sequence[Page], desc: str) -> list[Answered]:
    out = []
    for page in tqdm(pages, desc=desc, unit="page", disable=None, leave=False, file=sys.stderr):
        try:
            blocks = engine.classify_html(page.data).blocks
        except DocumentRejected:
            blocks = []
        view, _ = labeling_view(page.gold, blocks)
        out.append(Answered(page, blocks, block_tokens(blocks) if blocks else [], view, labels(view, blocks)))
    return out


def fit(answered: Sequence[Answered], min_count: int, epochs: int) -> fasttext.FastText._FastText:
    examples = [(label, " ".join(tokens)) for a in answered
                for label, tokens in zip(a.labels, a.tokens) if label in (ARTICLE, NOT_ARTICLE)]
    return train_supervised(examples, SEED, dict(lr=0.3, epoch=epochs, dim=16, wordNgrams=1, minCount=min_count,
                                                 minn=0, maxn=0, loss="softmax", thread=1, verbose=0))


def article_chances(model: fasttext.FastText._FastText, a: Answered) -> list[float]:
    """The model's probability that each block of the page is the article."""
    return [dict(scores).get(ARTICLE, 0.0) for scores in predict(model, a.tokens)]


def corrected(a: Answered, chances: Sequence[float] | None, rule: Rule | None) -> dict:
    """The page's prediction after `rule` is applied to the model's `chances` (as winnow
    answered when there are none)."""
    roles = [b.role for b in a.blocks]
    if chances is not None and rule is not None:
        for i, (b, article) in enumerate(zip(a.blocks, chances)):
            if b.role == ARTICLE_BODY and article < rule.demote and (rule.prose or not is_prose(b)):
                roles[i] = OTHER_BOILERPLATE
            elif b.role not in (ARTICLE_BODY, RELATED_TEASER) and mostly_text(b) and article > rule.promote:
                roles[i] = ARTICLE_BODY
    return {"document": a.page.name, "blocks": [{"text": b.text, "role": r} for b, r in zip(a.blocks, roles)]}


def figures(trafilatura: Sequence[Answered], l3s: Sequence[Answered], rule: Rule | None = None,
            chances: tuple[list, list] | None = None) -> list[float]:
    """One row: trafilatura's snippet P, R, F1, LABELING view F1, Spanish F1; L3S macro-F1, leak,
    body F1. `chances` holds each page's `article_chances`, trafilatura's pages then L3S's."""
    on_trafilatura, on_l3s = chances or ([None] * len(trafilatura), [None] * len(l3s))
    preds = [corrected(a, c, rule) for a, c in zip(trafilatura, on_trafilatura)]
    golds = [a.page.gold for a in trafilatura]
    spanish = [i for i, a in enumerate(trafilatura) if a.page.lang == "es"]
    t = score(golds, preds)
    row = [t["snippet.p"], t["snippet.r"], t["snippet.f1"], score([a.view for a in trafilatura], preds)["snippet.f1"],
           score([golds[i] for i in spanish], [preds[i] for i in spanish])["snippet.f1"]]
    s = score([a.page.gold for a in l3s], [corrected(a, c, rule) for a, c in zip(l3s, on_l3s)])
    return row + [s["macro_f1"], s.get("related_leak_into_body", 0.0), s["ARTICLE_BODY.f1"]]


HEADER = ("setting", "rule", "snip P", "snip R", "snip F1", "view F1", "es F1", "L3S macro", "L3S leak", "L3S body F1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    args = parser.parse_args(argv)
    engine = Engine()
    trafilatura = answer(engine, load_pages("trafilatura", args.limit), "trafilatura")
    l3s = answer(engine, load_pages("l3s-gn1", args.limit), "l3s-gn1")
    rows = [("none", "winnow as shipped", *figures(trafilatura, l3s))]
    for min_count, epochs in SETTINGS:
        out_of_fold = {k: fit([a for a in trafilatura if fold(a.page) != k], min_count, epochs) for k in range(FOLDS)}
        learnt_on_all = fit(trafilatura, min_count, epochs)
        chances = ([article_chances(out_of_fold[fold(a.page)], a) for a in trafilatura],
                   [article_chances(learnt_on_all, a) for a in l3s])
        for rule in RULES:
            rows.append((f"minCount {min_count}, {epochs} epochs", rule.name, *figures(trafilatura, l3s, rule, chances)))
    print(f"Out of fold by site ({FOLDS} folds) on {len(trafilatura)} trafilatura pages; L3S ({len(l3s)} pages) "
          f"corrected by the model learnt on all of them. Models: "
          + ", ".join(f"{k} {v}" for k, v in engine.model_versions.items()))
    print("| " + " | ".join(HEADER) + " |\n|" + "---|" * len(HEADER))
    for setting, rule, *values in rows:
        print(f"| {setting} | {rule} | " + " | ".join(f"{v:.4f}" for v in values) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
