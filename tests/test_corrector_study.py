"""`winnow-corrector-study`: its row for the shipped rule is what the engine's corrector does,
and only its unprotected rule overrules what the role model is sure of."""
from __future__ import annotations

import copy

from conftest import PROSE, corrector_page
from winnow.engine.article_corrector import ArticleCorrector, article_chances, block_tokens
from winnow.engine.guide_article import article_by_markup
from winnow.evaluation import corrector_study as study
from winnow.evaluation.extraction_benchmark import Page
from winnow.training import train_corrector as training


def test_the_studys_short_lines_rule_is_the_shipped_correction(tmp_path):
    blocks = corrector_page()
    view = {"must_include": [], "must_exclude": [b.text for b in blocks]}
    answered = training.Answered(Page("harbour", "en", b"", view), blocks, block_tokens(blocks), view,
                                 training.labels(view, blocks))
    model = training.fit([answered], dict(training.FASTTEXT, epoch=5))
    model.save_model(str(tmp_path / "m.bin"))
    chances = article_chances(model, answered.tokens)

    def rule(name: str) -> list[str]:
        chosen = next(r for r in study.RULES if r.name == name)
        return [b["role"] for b in study.corrected(answered, chances, chosen)["blocks"]]

    engine_blocks = copy.deepcopy(blocks)
    ArticleCorrector(tmp_path / "m.bin", {}).correct(engine_blocks)
    shipped = rule("take out short lines only")
    assert shipped == [b.role for b in engine_blocks] != [b.role for b in blocks]
    unprotected = dict(zip((b.text for b in blocks), rule("take out short lines only, unprotected")))
    assert unprotected["By Ann Lee, 3 May"] == unprotected["What happens next"] == "OTHER_BOILERPLATE"
    assert unprotected["Harbour reopens after the storm"] == "ARTICLE_BODY"  # the guide's markup still holds
    # and its models learn from what the shipped one may not: the byline the role model is sure of
    assert training.labels(view, blocks)[3] is None
    assert training.labels(view, blocks, article_by_markup(blocks))[3] == "not"
    everything = dict(zip((b.text for b in blocks), rule("take out only")))
    assert everything[PROSE.strip()] == "OTHER_BOILERPLATE"  # that rule takes out prose too
