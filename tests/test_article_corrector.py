"""The article corrector: it learns from trafilatura's pages only as LABELING.md reads them,
takes out short lines and never prose, and no benchmark page is corrected by a model that
learnt from its site."""
from __future__ import annotations

import json

import pytest

from conftest import PROSE, corrector_page
from winnow.engine import Engine
from winnow.engine.article_corrector import (ARTICLE, NOT_ARTICLE, ArticleCorrector, block_tokens, fold_model_path,
                                             protected)
from winnow.engine.features import is_prose
from winnow.evaluation.extraction_benchmark import Page, load_pages
from winnow.training import train_corrector as training

TOO_FEW = dict(training.FASTTEXT, epoch=5)


def page(name: str, url: str | None, html: bytes = b"", **snippets: list[str]) -> Page:
    gold = {"document": name, "lang": "en", **({"url": url} if url else {}),
            "must_include": snippets.get("include", []), "must_exclude": snippets.get("exclude", [])}
    return Page(name, "en", html, gold)


@pytest.fixture(scope="module")
def uncorrected() -> Engine:
    return Engine(corrector=ArticleCorrector.off())


def test_a_sites_pages_share_a_fold_and_a_page_without_url_is_its_own_site():
    blog = [page("a", "https://www.example.org/2020/a.html"), page("b", "http://news.example.org/b"),
            page("c", "https://example.org/c?x=1")]
    assert {training.site(p) for p in blog} == {"example.org"}
    assert len({training.fold(p) for p in blog}) == 1
    assert training.site(page("lonely.html.gz", None)) == "lonely.html.gz"


def test_a_fold_model_knows_nothing_of_the_pages_it_corrects(uncorrected):
    answered = training.answer(uncorrected, load_pages("trafilatura", 40), "test")
    models = training.fit_by_fold(answered, TOO_FEW)
    for k in range(training.FOLDS):
        held_out = [a for a in answered if training.fold(a.page) == k]
        learnt = [a for a in answered if training.fold(a.page) != k]
        if not held_out or not learnt:
            continue
        seen = {t for a in learnt for label, tokens in zip(a.labels, a.tokens)
                if label in (ARTICLE, NOT_ARTICLE) for t in tokens}
        only_held_out = {t for a in held_out for tokens in a.tokens for t in tokens} - seen
        vocabulary = set(models[k].words)
        assert only_held_out and vocabulary and not (only_held_out & vocabulary)


def test_the_shipped_record_puts_every_trafilatura_page_in_its_sites_fold():
    shipped = ArticleCorrector()
    pages = load_pages("trafilatura", None)
    assert shipped.folds == {p.name: training.fold(p) for p in pages}
    assert all(fold_model_path(shipped.path, k).is_file() for k in range(training.FOLDS))


def test_benchmarks_correct_a_page_with_the_model_that_never_saw_its_site():
    engine = Engine()
    name, fold = next(iter(engine.corrector.folds.items()))
    held_out = engine.held_out(name)
    assert held_out.corrector.path == fold_model_path(engine.corrector.path, fold)
    assert held_out.roles is engine.roles and held_out.languages is engine.languages
    assert engine.held_out("a page it never learnt from.html") is engine
    off = Engine(languages=engine.languages, roles=engine.roles, corrector=ArticleCorrector.off())
    assert off.held_out(name) is off


def test_the_corrector_learns_only_from_blocks_it_may_take_out():
    blocks = corrector_page()
    view = {"must_include": [PROSE.strip()], "must_exclude": [b.text for b in blocks[2:]]}
    by_text = dict(zip((b.text for b in blocks), training.labels(view, blocks)))
    assert by_text[PROSE.strip()] == ARTICLE
    assert by_text["Share this story"] == by_text["Get our newsletter every morning"] == NOT_ARTICLE
    for kept in ("Harbour reopens after the storm", "Boats wait outside the harbour wall", "By Ann Lee, 3 May",
                 "What happens next"):  # the headline, a caption, what the role model is sure of, a heading
        assert by_text[kept] is None, kept


def test_the_corrector_takes_out_unsure_short_lines_and_nothing_the_guide_or_the_role_model_keeps(tmp_path):
    blocks = corrector_page()
    view = {"must_include": [], "must_exclude": [b.text for b in blocks]}
    answered = training.Answered(None, blocks, block_tokens(blocks), view, training.labels(view, blocks))
    model = tmp_path / "corrector.bin"
    training.fit([answered], TOO_FEW).save_model(str(model))  # learnt from "not" labels only
    ArticleCorrector(model, {}).correct(blocks)
    role = {b.text: b.role for b in blocks}
    assert role["Share this story"] == role["Get our newsletter every morning"] == "OTHER_BOILERPLATE"
    assert blocks[5].role_scores[0][0] == "OTHER_BOILERPLATE"  # still a distribution led by the role
    for kept in (PROSE.strip(), "Harbour reopens after the storm", "Boats wait outside the harbour wall",
                 "By Ann Lee, 3 May", "What happens next"):
        assert role[kept] == "ARTICLE_BODY", kept


def test_the_engine_corrects_html_pages_last_and_names_the_model(uncorrected, tmp_path):
    hand = corrector_page()
    view = {"must_include": [], "must_exclude": [b.text for b in hand]}
    answered = training.Answered(None, hand, block_tokens(hand), view, training.labels(view, hand))
    model = tmp_path / "corrector.bin"
    training.fit([answered], TOO_FEW).save_model(str(model))  # says "not the article" of everything
    engine = Engine(languages=uncorrected.languages, roles=uncorrected.roles, corrector=ArticleCorrector(model, {}))
    corrected_somewhere = False
    for real in load_pages("trafilatura", 10):
        blocks, result = uncorrected.classify_html(real.data).blocks, engine.classify_html(real.data)
        assert result.model_versions["article_corrector"].startswith("corrector.bin@")
        taken_out = [before.role == "ARTICLE_BODY" and not safe and not is_prose(before)
                     for before, safe in zip(blocks, protected(blocks))]
        corrected_somewhere |= any(taken_out)
        for before, after, out in zip(blocks, result.blocks, taken_out):
            assert after.role == ("OTHER_BOILERPLATE" if out else before.role), before.text
    assert corrected_somewhere


def test_plain_text_passes_the_corrector_untouched(tmp_path, uncorrected):
    text = "Share this story with a friend\n\n" + PROSE
    engine = Engine(languages=uncorrected.languages, roles=uncorrected.roles)
    assert [b.role for b in engine.classify(text).blocks] == [b.role for b in uncorrected.classify(text).blocks]


def test_winnow_evaluate_can_leave_the_corrector_out_to_show_what_it_changes(tmp_path, capsys):
    from winnow.evaluation import evaluate

    roles = {}
    for name, extra in (("with", []), ("without", ["--without-corrector"])):
        args = ["generated-html", "--limit", "20", "--json", "--predictions", str(tmp_path / name), *extra]
        assert evaluate.main(args) == 0
        capsys.readouterr()
        lines = (tmp_path / name / "generated-html.jsonl").read_text(encoding="utf-8").splitlines()
        roles[name] = [b["role"] for line in lines for b in json.loads(line)["blocks"]]
    changed = [(a, b) for a, b in zip(roles["with"], roles["without"]) if a != b]
    assert len(roles["with"]) == len(roles["without"]) and changed
    assert {(a, b) for a, b in changed} == {("OTHER_BOILERPLATE", "ARTICLE_BODY")}  # it only ever takes out
