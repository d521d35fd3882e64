"""`winnow-corrector-study`: how the article corrector was chosen, and what the others would do.

The article corrector (`engine/article_corrector.py`, trained by `winnow-train-corrector`)
is one setting of a small fastText model learnt from trafilatura's real pages, applied one
way. This fits the same model under other settings and applies each in other ways, on the
same footing as the shipped one: trafilatura's pages are corrected out of fold (by a model
that never saw their site, `train_corrector.fold`), and L3S-GN1, which nothing learns from,
by the model learnt on all of trafilatura's pages, which shows how a correction carries to
pages unlike those it learnt from. The pages are answered with no correction first.

It prints, for each model setting and each way of applying it: snippet P/R/F1 on trafilatura's
pages (all, the LABELING view, Spanish) and L3S's macro-F1, related leak and body F1, under
the same figures with no correction. Every setting is printed, so that what was picked after
the fact is visible as such.
"""
from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace

from winnow.engine import Engine
from winnow.engine.article_corrector import TAKE_OUT_BELOW, ArticleCorrector, article_chances, protected
from winnow.engine.blocks import ARTICLE_BODY, OTHER_BOILERPLATE, RELATED_TEASER
from winnow.engine.features import is_prose, mostly_text
from winnow.engine.guide_article import article_by_markup
from winnow.evaluation.extraction_benchmark import load_pages
from winnow.evaluation.scoring import score
from winnow.training.train_corrector import FASTTEXT, FOLDS, Answered, answer, fit, fit_by_fold, fold, labels

#: (fewest pages a token needs, epochs): from a model that keeps every token (the shipped
#: setting) to smoother ones.
SETTINGS = ((FASTTEXT["minCount"], FASTTEXT["epoch"]), (3, 15), (5, 10))


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
    #: False: only what the guide keeps by its markup is safe, not headings or what the role
    #: model is sure of (`article_corrector.protected`), and the model learns from those too,
    #: so it overrules the guide's bylines, datelines and subheadings wherever trafilatura's
    #: annotators left them out.
    protect: bool = True


#: The second is what `article_corrector` ships.
RULES = (Rule("take out only", math.inf, TAKE_OUT_BELOW),
         Rule("take out short lines only", math.inf, TAKE_OUT_BELOW, prose=False),
         Rule("take out short lines only, unprotected", math.inf, TAKE_OUT_BELOW, prose=False, protect=False),
         Rule("take out and put in", 0.9, TAKE_OUT_BELOW), Rule("both, surer", 0.95, 0.05))


def corrected(a: Answered, chances: Sequence[float] | None, rule: Rule | None) -> dict:
    """The page's prediction after `rule` is applied to the model's `chances` (as winnow
    answered when there are none). What `article_corrector.protected` keeps (with an
    unprotected rule: what the guide keeps by its markup) is never taken out."""
    roles = [b.role for b in a.blocks]
    if chances is not None and rule is not None:
        kept = protected(a.blocks) if rule.protect else article_by_markup(a.blocks)
        for i, (b, article) in enumerate(zip(a.blocks, chances)):
            if b.role == ARTICLE_BODY and article < rule.demote and (rule.prose or not is_prose(b)) and not kept[i]:
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


def learnt_chances(trafilatura: Sequence[Answered], l3s: Sequence[Answered], settings: dict) -> tuple[list, list]:
    """Each page's `article_chances`: trafilatura's pages from the model of the fold that never
    saw their site, L3S's from the model learnt on all of trafilatura's (as labelled in them)."""
    out_of_fold = fit_by_fold(trafilatura, settings)
    learnt_on_all = fit(trafilatura, settings)
    return ([article_chances(out_of_fold[fold(a.page)], a.tokens) for a in trafilatura],
            [article_chances(learnt_on_all, a.tokens) for a in l3s])


HEADER = ("setting", "rule", "snip P", "snip R", "snip F1", "view F1", "es F1", "L3S macro", "L3S leak", "L3S body F1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    args = parser.parse_args(argv)
    engine = Engine(corrector=ArticleCorrector.off())
    trafilatura = answer(engine, load_pages("trafilatura", args.limit), "trafilatura")
    l3s = answer(engine, load_pages("l3s-gn1", args.limit), "l3s-gn1")
    unprotected = [replace(a, labels=labels(a.view, a.blocks, article_by_markup(a.blocks))) for a in trafilatura]
    rows = [("none", "no correction", *figures(trafilatura, l3s))]
    for min_count, epochs in SETTINGS:
        settings = {**FASTTEXT, "minCount": min_count, "epoch": epochs}
        chances = {True: learnt_chances(trafilatura, l3s, settings), False: learnt_chances(unprotected, l3s, settings)}
        for rule in RULES:
            rows.append((f"minCount {min_count}, {epochs} epochs", rule.name,
                         *figures(trafilatura, l3s, rule, chances[rule.protect])))
    print(f"Out of fold by site ({FOLDS} folds) on {len(trafilatura)} trafilatura pages; L3S ({len(l3s)} pages) "
          f"corrected by the model learnt on all of them. Models: "
          + ", ".join(f"{k} {v}" for k, v in engine.model_versions.items()))
    print("| " + " | ".join(HEADER) + " |\n|" + "---|" * len(HEADER))
    for setting, rule, *values in rows:
        print(f"| {setting} | {rule} | " + " | ".join(f"{v:.4f}" for v in values) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
