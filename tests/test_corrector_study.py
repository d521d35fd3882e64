"""`winnow-corrector-study`: no page is scored by a model that learnt from its site, and the
labels it learns from are the gold as LABELING.md reads it."""
from __future__ import annotations

import pytest

from winnow.engine import Engine
from winnow.evaluation import corrector_study as study
from winnow.evaluation.extraction_benchmark import Page, load_pages


def page(name: str, url: str | None, html: bytes = b"", **snippets: list[str]) -> Page:
    gold = {"document": name, "lang": "en", **({"url": url} if url else {}),
            "must_include": snippets.get("include", []), "must_exclude": snippets.get("exclude", [])}
    return Page(name, "en", html, gold)


def test_a_sites_pages_share_a_fold_and_a_page_without_url_is_its_own_site():
    blog = [page("a", "https://www.example.org/2020/a.html"), page("b", "http://news.example.org/b"),
            page("c", "https://example.org/c?x=1")]
    assert {study.site(p) for p in blog} == {"example.org"}
    assert len({study.fold(p) for p in blog}) == 1
    assert study.site(page("lonely.html.gz", None)) == "lonely.html.gz"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_a_fold_model_knows_nothing_of_the_pages_it_corrects(engine):
    answered = study.answer(engine, load_pages("trafilatura", 40), "test")
    for k in range(study.FOLDS):
        held_out = [a for a in answered if study.fold(a.page) == k]
        learnt = [a for a in answered if study.fold(a.page) != k]
        if not held_out or not learnt:
            continue
        seen = {t for a in learnt for label, tokens in zip(a.labels, a.tokens)
                if label in (study.ARTICLE, study.NOT_ARTICLE) for t in tokens}
        only_held_out = {t for a in held_out for tokens in a.tokens for t in tokens} - seen
        vocabulary = set(study.fit(learnt, 1, 1).words)
        assert only_held_out and vocabulary and not (only_held_out & vocabulary)


def test_captions_are_never_taught_as_boilerplate_even_where_the_gold_excludes_them(engine):
    html = (b"<html><body><article><h1>Harbour reopens after the storm</h1>"
            b"<p>The harbour reopened on Monday after a week of repairs to the sea wall, the port said.</p>"
            b"<figure><img src='a.jpg'><figcaption>Boats wait outside the harbour wall</figcaption></figure>"
            b"<p>Fishing boats were the first to leave, and ferries follow on Tuesday.</p>"
            b"<div class='newsletter'>Get our newsletter every morning</div></article></body></html>")
    p = page("harbour", None, html, include=["The harbour reopened on Monday"],
             exclude=["Boats wait outside the harbour wall", "Get our newsletter every morning"])
    (answered,) = study.answer(engine, [p], "test")
    by_text = dict(zip((b.text for b in answered.blocks), answered.labels))
    assert by_text["The harbour reopened on Monday after a week of repairs to the sea wall, the port said."] == study.ARTICLE
    assert by_text["Boats wait outside the harbour wall"] is None
    assert by_text["Get our newsletter every morning"] == study.NOT_ARTICLE


def test_taking_out_short_lines_only_leaves_the_articles_prose_in_place(engine):
    prose = ("The harbour reopened on Monday after a week of repairs to the sea wall, the port said, and "
             "the first fishing boats left before dawn while the ferries wait for the last inspection.")
    html = (f"<html><body><article><h1>Harbour reopens after the storm</h1><p>{prose}</p>"
            f"<p>Share this story with a friend</p></article></body></html>").encode()
    p = page("harbour", None, html, exclude=["Harbour reopens after the storm", prose, "Share this story with a friend"])
    (answered,) = study.answer(engine, [p], "test")
    chances = study.article_chances(study.fit([answered], 1, 5), answered)  # learnt from "not" labels only
    article = [b.text for b in answered.blocks if b.role == "ARTICLE_BODY"]
    assert prose in article and len(article) > 1
    short_only = study.Rule("short only", float("inf"), 0.5, prose=False)
    after = {b["text"]: b["role"] for b in study.corrected(answered, chances, short_only)["blocks"]}
    assert after[prose] == "ARTICLE_BODY"
    assert all(after[text] == "OTHER_BOILERPLATE" for text in article if text != prose)
    everything = study.Rule("all", float("inf"), 0.5)
    assert all(b["role"] != "ARTICLE_BODY" for b in study.corrected(answered, chances, everything)["blocks"])
