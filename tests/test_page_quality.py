"""Issue 3's bars, measured as `winnow-evaluate` measures them: HTML pages, in-process.

The L3S-GN1 dev pages (research use only: measured, never trained on) must reach a 5-role
macro-F1 of 0.85 and leak at most 5 % of their related-content tokens into the body;
generated HTML pages held out from training must reach that macro-F1 in each of the four
languages; on trafilatura's dev pages (out of fold, as the article corrector learnt from
them) winnow's snippet F1 must be above trafilatura's, overall and on the Spanish pages. A
page through the real server must come back with the roles its markup and words make plain.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from winnow.engine import Engine
from winnow.evaluation.evaluate import evaluate, load_set, per_language
from winnow.v1 import winnow_pb2 as pb

MACRO_F1_BAR = 0.85
MAX_RELATED_LEAK = 0.05
#: trafilatura 2.3.1's snippet F1 on the same pages with its own benchmark's settings, as
#: `winnow-extraction-benchmark` prints it (README, "Accuracy"): overall and on the Spanish
#: pages. Recorded, because trafilatura is the `bench` extra, not a test dependency.
TRAFILATURA_SNIPPET_F1 = {"all": 0.9256, "es": 0.8796}
PAGE = Path(__file__).parent / "data" / "czech_page.html"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_l3s_dev_pages_reach_the_macro_f1_bar(engine: Engine) -> None:
    figures, _ = evaluate(engine, load_set("l3s-gn1", None), "l3s-gn1")
    assert figures["documents"] == 437
    assert figures["macro_f1"] >= MACRO_F1_BAR, figures
    assert figures["related_leak_into_body"] <= MAX_RELATED_LEAK, figures


def test_generated_pages_reach_the_bar_in_every_supported_language(engine: Engine) -> None:
    docs = load_set("generated-html", 300)
    figures, predictions = evaluate(engine, docs, "generated-html")
    by_language = per_language(docs, predictions)
    for lang in ("en", "cs", "es", "th"):
        assert by_language[lang]["documents"] >= 20, lang
        assert by_language[lang]["macro_f1"] >= MACRO_F1_BAR, (lang, by_language[lang])


def test_a_czech_page_gets_the_roles_its_sections_have(stub) -> None:
    resp = stub.Classify(pb.ClassifyRequest(data=PAGE.read_bytes(), content_type=pb.CONTENT_TYPE_HTML), timeout=30)
    role = {b.text: pb.Role.Name(b.role) for b in resp.blocks}
    assert role["Obec opraví starý most přes řeku ještě letos"] == "ARTICLE_BODY"
    assert role["Kamenný most čeká rozsáhlá oprava. Foto: archiv obce"] == "ARTICLE_BODY"
    assert {role[t] for t in ("Úvod", "Domov", "Sport", "Kultura", "Počasí")} == {"NAVIGATION"}
    assert {role[t] for t in ("Související články", "Kraj rozdělí peníze na opravy silnic",
                              "Nová cyklostezka povede podél řeky")} == {"RELATED_TEASER"}
    assert {role[t] for t in ("Podpořte nezávislou žurnalistiku", "Přispět")} == {"DONATION_APPEAL"}
    assert role["© 2026 Zprávy z regionu. Všechna práva vyhrazena."] != "ARTICLE_BODY"
    body = [b for b in resp.blocks if b.role == pb.ARTICLE_BODY]
    assert all(b.language == "cs" for b in body)


def test_snippet_f1_is_above_trafilatura_overall_and_in_spanish(engine: Engine) -> None:
    docs = load_set("trafilatura", None)
    figures, predictions = evaluate(engine, docs, "trafilatura")
    assert figures["snippet.docs"] == 683
    assert figures["snippet.f1"] > TRAFILATURA_SNIPPET_F1["all"], figures
    spanish = per_language(docs, predictions)["es"]
    assert spanish["documents"] == 34
    assert spanish["snippet.f1"] > TRAFILATURA_SNIPPET_F1["es"], spanish
