"""The article corrector: it learns from trafilatura's pages only as LABELING.md reads them,
takes out short lines and never prose, and no benchmark page is corrected by a model that
learnt from its site."""
from __future__ import annotations

import json

import pytest

from conftest import PROSE
from winnow.engine import Engine
from winnow.engine.article_corrector import ARTICLE, NOT_ARTICLE, ArticleCorrector, fold_model_path
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
    for k in range(training.FOLDS):
        held_out = [a for a in answered if training.fold(a.page) == k]
        learnt = [a for a in answered if training.fold(a.page) != k]
        if not held_out or not learnt:
            continue
        seen = {t for a in learnt for label, tokens in zip(a.labels, a.tokens)
                if label in (ARTICLE, NOT_ARTICLE) for t in tokens}
        only_held_out = {t for a in held_out for tokens in a.tokens for t in tokens} - seen
        vocabulary = set(training.fit(learnt, TOO_FEW).words)
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


def test_captions_are_never_taught_as_boilerplate_even_where_the_gold_excludes_them(uncorrected):
    html = (b"<html><body><article><h1>Harbour reopens after the storm</h1>"
            b"<p>The harbour reopened on Monday after a week of repairs to the sea wall, the port said.</p>"
            b"<figure><img src='a.jpg'><figcaption>Boats wait outside the harbour wall</figcaption></figure>"
            b"<p>Fishing boats were the first to leave, and ferries follow on Tuesday.</p>"
            b"<div class='newsletter'>Get our newsletter every morning</div></article></body></html>")
    p = page("harbour", None, html, include=["The harbour reopened on Monday"],
             exclude=["Boats wait outside the harbour wall", "Get our newsletter every morning",
                      "Harbour reopens after the storm"])
    (answered,) = training.answer(uncorrected, [p], "test")
    by_text = dict(zip((b.text for b in answered.blocks), answered.labels))
    assert by_text["The harbour reopened on Monday after a week of repairs to the sea wall, the port said."] == ARTICLE
    assert by_text["Boats wait outside the harbour wall"] is None
    assert by_text["Harbour reopens after the storm"] is None  # the headline: the guide's, whatever the gold says
    assert by_text["Get our newsletter every morning"] == NOT_ARTICLE


def test_the_corrector_takes_out_short_lines_it_learnt_are_not_the_article_and_never_prose(uncorrected, tmp_path):
    prose = (PROSE * 2).strip()
    html = (f"<html><body><article><h1>Harbour reopens after the storm</h1>"
            f"<div class='byline'>By Ann Lee</div><p>{prose}</p>"
            f"<figure><img src='a.jpg'><figcaption>Boats at the wall</figcaption></figure>"
            f"<p>Share this story with a friend</p></article></body></html>").encode()
    guide_article = ["Harbour reopens after the storm", "By Ann Lee", "Boats at the wall"]
    p = page("harbour", None, html, exclude=[*guide_article, PROSE.strip(), "Share this story with a friend"])
    (answered,) = training.answer(uncorrected, [p], "test")
    article = [b.text for b in answered.blocks if b.role == "ARTICLE_BODY"]
    assert prose in article and set(guide_article) < set(article) and "Share this story with a friend" in article
    model = tmp_path / "corrector.bin"
    training.fit([answered], TOO_FEW).save_model(str(model))  # learnt from "not" labels only
    engine = Engine(languages=uncorrected.languages, roles=uncorrected.roles, corrector=ArticleCorrector(model, {}))
    result = engine.classify_html(html)
    after = {b.text: b for b in result.blocks}
    assert after["Share this story with a friend"].role == "OTHER_BOILERPLATE"
    assert after["Share this story with a friend"].role_scores[0][0] == "OTHER_BOILERPLATE"  # still led by the role
    assert {after[text].role for text in [prose, *guide_article]} == {"ARTICLE_BODY"}
    assert result.model_versions["article_corrector"].startswith("corrector.bin@")


def test_plain_text_passes_the_corrector_untouched(tmp_path, uncorrected):
    text = "Share this story with a friend\n\n" + PROSE
    engine = Engine(languages=uncorrected.languages, roles=uncorrected.roles)
    assert [b.role for b in engine.classify(text).blocks] == [b.role for b in uncorrected.classify(text).blocks]


def test_winnow_evaluate_can_leave_the_corrector_out_to_show_what_it_changes(tmp_path, capsys):
    from winnow.evaluation import evaluate

    roles = {}
    for name, extra in (("with", []), ("without", ["--without-corrector"])):
        assert evaluate.main(["generated-html", "--limit", "20", "--json", "--predictions", str(tmp_path / name), *extra]) == 0
        capsys.readouterr()
        lines = (tmp_path / name / "generated-html.jsonl").read_text(encoding="utf-8").splitlines()
        roles[name] = [b["role"] for line in lines for b in json.loads(line)["blocks"]]
    changed = [(a, b) for a, b in zip(roles["with"], roles["without"]) if a != b]
    assert len(roles["with"]) == len(roles["without"]) and changed
    assert {(a, b) for a, b in changed} == {("OTHER_BOILERPLATE", "ARTICLE_BODY")}  # it only ever takes out
