"""`winnow-corrector-study`: its row for the shipped rule is what the engine's corrector does,
and no rule takes out what the guide puts in the article by its markup."""
from __future__ import annotations

from conftest import PROSE
from winnow.engine import Engine
from winnow.engine.article_corrector import ArticleCorrector, article_chances
from winnow.evaluation import corrector_study as study
from winnow.evaluation.extraction_benchmark import Page
from winnow.training import train_corrector as training


def test_the_studys_short_lines_rule_is_the_shipped_correction(tmp_path):
    html = (f"<html><body><article><h1>Harbour reopens after the storm</h1><p>{PROSE * 2}</p>"
            f"<p>Share this story with a friend</p><p>Tags: harbour, storm</p></article></body></html>").encode()
    gold = {"document": "harbour", "lang": "en", "must_include": [],
            "must_exclude": ["Harbour reopens after the storm", PROSE.strip(), "Tags: harbour, storm"]}
    uncorrected = Engine(corrector=ArticleCorrector.off())
    (answered,) = training.answer(uncorrected, [Page("harbour", "en", html, gold)], "test")
    model = training.fit([answered], dict(training.FASTTEXT, epoch=5))
    model.save_model(str(tmp_path / "m.bin"))
    shipped_rule = next(r for r in study.RULES if r.name == "take out short lines only")
    studied = [b["role"] for b in study.corrected(answered, article_chances(model, answered.tokens), shipped_rule)["blocks"]]
    engine = Engine(uncorrected.languages, uncorrected.roles, corrector=ArticleCorrector(tmp_path / "m.bin", {}))
    assert studied == [b.role for b in engine.classify_html(html).blocks]
    assert studied != [b.role for b in answered.blocks]  # the rule did something
    everything = next(r for r in study.RULES if r.name == "take out only")
    after = {b["text"]: b["role"] for b in study.corrected(answered, article_chances(model, answered.tokens), everything)["blocks"]}
    assert after[(PROSE * 2).strip()] == "OTHER_BOILERPLATE"  # that rule takes out prose too
    assert after["Harbour reopens after the storm"] == "ARTICLE_BODY"  # but never the guide's headline
