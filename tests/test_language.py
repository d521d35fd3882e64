"""Per-block language identification through the real detector (lid.176 + winnow-lang).

The hard cases the detector is built for: Czech vs Slovak, Spanish vs Portuguese, English
interface words, Thai with Latin names, blocks without language, the expected-languages
restriction, and the fastText pitfalls (NumPy scalars, "\\n" inside a line). The sentences
are written for these tests. Nothing here needs lingua; one test reads `../shared`.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from winnow.engine.blocks import UNDETERMINED, Block
from winnow.engine.language import LanguageDetector, annotate_languages, lean_to_document
from winnow.engine.language_text import model_text

SHARED_SENTENCES = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "sentences"
SUPPORTED = {"en", "cs", "es", "th"}

CZECH = [
    "Vláda včera schválila nový zákon o daních, který začne platit od příštího roku.",
    "Na konci týdne se v Praze sešli zástupci všech krajů.",
    "Letos se soutěže zúčastnilo více dětí než loni.",
    "Pozor také na vysokou kalorickou hodnotu alkoholu.",  # no ě, ů or ř to give it away
]
SLOVAK = [
    "Vláda včera schválila nový zákon o daniach, ktorý začne platiť od budúceho roka.",
    "Na konci týždňa sa v Bratislave stretli zástupcovia všetkých krajov.",
    "Tento rok sa súťaže zúčastnilo viac detí ako vlani.",
    "Ďalšie informácie nájdete na našej stránke.",
]
SPANISH = [
    "El gobierno aprobó ayer una nueva ley sobre los impuestos que entrará en vigor el próximo año.",
    "Los vecinos del barrio se reunieron para hablar de la seguridad en las calles.",
    "Leer más",
    "Noticias de última hora",
]
PORTUGUESE = [
    "O governo aprovou ontem uma nova lei sobre os impostos que entrará em vigor no próximo ano.",
    "Os moradores do bairro reuniram-se para falar da segurança nas ruas.",
    "Não perca as últimas notícias.",
]
ENGLISH_CHROME = ["Home", "Contact us", "Read More", "Subscribe", "About us", "Log in", "Search",
                  "Privacy Policy", "Leave a Reply", "Donate Now", "Related Posts", "Sign up for our newsletter"]


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def languages(detector: LanguageDetector, texts: list[str], **kwargs) -> list[str]:
    return [g.language for g in detector.detect(texts, **kwargs)]


def test_czech_and_slovak_sentences_are_told_apart(detector):
    assert languages(detector, CZECH) == ["cs"] * len(CZECH)
    assert languages(detector, SLOVAK) == ["sk"] * len(SLOVAK)


def test_spanish_and_portuguese_are_told_apart(detector):
    assert languages(detector, SPANISH) == ["es"] * len(SPANISH)
    assert languages(detector, PORTUGUESE) == ["pt"] * len(PORTUGUESE)


def test_english_interface_words_are_english(detector):
    assert languages(detector, ENGLISH_CHROME) == ["en"] * len(ENGLISH_CHROME)


def test_thai_with_latin_names_is_thai_and_latin_words_are_never_thai(detector):
    thai = ["นายกรัฐมนตรีพบกับ Joe Biden ที่ทำเนียบขาวเมื่อวานนี้",
            "Apple เปิดตัว iPhone รุ่นใหม่ในกรุงเทพ",
            "อ่านต่อ"]
    assert languages(detector, thai) == ["th", "th", "th"]
    assert "th" not in languages(detector, ["Sport", "Video", "Galerie"])


@pytest.mark.parametrize("text", ["12345 678", "2024-05-01 10:30", "+420 777 123 456", "https://example.com/a/b?c=d",
                                  "www.example.org/news", "info@example.org", "--- ## ---", "", "   ", "Ok"])
def test_blocks_without_language_are_undetermined(detector, text):
    guess = detector.detect([text])[0]
    assert guess.language == UNDETERMINED
    assert 0.0 <= guess.confidence <= 1.0


def test_expected_languages_restrict_the_answer(detector):
    # An interface word several languages share takes the expected one.
    assert languages(detector, ["Video", "Kontakt", "Sport"], expected={"cs"}) == ["cs", "cs", "cs"]
    assert languages(detector, ["Dobrý den, jak se máte?"], expected=SUPPORTED) == ["cs"]


def test_text_in_none_of_the_expected_languages_is_undetermined_with_its_real_language(detector):
    german = "Die Regierung hat gestern ein neues Gesetz über die Steuern beschlossen."
    assert languages(detector, [german]) == ["de"]
    guess = detector.detect([german], expected=SUPPORTED)[0]
    assert guess.language == UNDETERMINED
    assert guess.alternatives[0][0] == "de"
    thai = detector.detect(["นายกรัฐมนตรีพบกับประชาชน"], expected={"en"})[0]
    assert thai.language == UNDETERMINED and thai.alternatives[0][0] == "th"


def test_a_galician_sentence_is_not_called_spanish(detector):
    # Galician is a neighbour winnow's own model never saw: lid.176's doubt makes it `und`.
    galician = "Esta lista tamén se poderá consultar no teléfono de información da Xunta de Galicia."
    assert detector.detect([galician])[0].language in {"gl", UNDETERMINED}


@pytest.mark.parametrize("text", ["first line\nsecond line of English text", "one\r\ntwo three four", "tab\tseparated words",
                                  "line\u2028separator", "nul\x00byte here", "x" * 5000, "word " * 3000, "😀😀 🎉"])
def test_any_text_is_answered_without_error(detector, text):
    # fastText ends an example at "\n" and rejects one inside a line: the detector must not pass it on.
    guess = detector.detect([text])[0]
    assert isinstance(guess.language, str) and guess.language
    assert 0.0 <= guess.confidence <= 1.0


def test_answers_are_plain_python_values(detector):
    # fastText hands back NumPy arrays; what the service serialises must be Python floats.
    guesses = detector.detect(["Read More", CZECH[0], "Subscribe to our newsletter today"])
    json.dumps([[g.language, g.confidence, g.alternatives] for g in guesses])
    assert all(type(g.confidence) is float for g in guesses)
    assert all(type(p) is float for g in guesses for _, p in g.alternatives)


def test_one_batch_gives_the_same_answers_as_one_text_at_a_time(detector):
    texts = CZECH + SLOVAK + SPANISH + ENGLISH_CHROME + ["12345", "อ่านต่อ"]
    assert languages(detector, texts) == [detector.detect([t])[0].language for t in texts]
    assert detector.detect([]) == []


def test_version_names_every_model_file(detector):
    assert detector.version.startswith("lid.176.ftz@") and "+winnow-lang.ftz@" in detector.version
    assert {"en", "cs", "es", "th", "sk", "pt", "gl", "pl"} <= set(detector.languages)


def test_model_text_is_lower_case_letters_and_keeps_thai_marks():
    assert model_text("Hello, WORLD! 123 don't #výročí_x") == "hello world don t výročí x"
    assert model_text("ผู้ใหญ่ ๑๒") == "ผู้ใหญ่ ๑๒"  # vowel signs and tone marks are no \w but are Thai


def test_short_blocks_lean_to_the_document_language(detector):
    blocks = [Block(index=i, text=t, start=0, end=0) for i, t in enumerate(CZECH[:3] + ["Kontakt", "12345"])]
    assert annotate_languages(blocks, detector) == "cs"
    assert [b.language for b in blocks] == ["cs", "cs", "cs", "cs", UNDETERMINED]
    assert blocks[0].letter_count > 50 and blocks[4].letter_count == 0


def test_lean_to_document_moves_unsure_short_blocks_only():
    unsure = Block(index=0, text="Inici", start=0, end=0, letter_count=5, language="es", language_confidence=0.5,
                   language_alternatives=[("ca", 0.3), ("pt", 0.1)])
    sure = Block(index=1, text="Inicio", start=0, end=0, letter_count=6, language="es", language_confidence=0.99,
                 language_alternatives=[("ca", 0.01)])
    undecided = Block(index=2, text="Més", start=0, end=0, letter_count=3, language=UNDETERMINED,
                      language_confidence=0.6, language_alternatives=[("es", 0.4), ("ca", 0.35)])
    lean_to_document([unsure, sure, undecided], "ca")
    assert (unsure.language, unsure.language_confidence) == ("ca", 0.3)
    assert unsure.language_alternatives[0] == ("es", 0.5)
    assert sure.language == "es"
    assert undecided.language == "ca"


def test_benchmark_items_are_cut_from_dev_files_only_and_thai_items_hold_thai():
    from winnow.evaluation.langid_benchmark import build_items

    items = build_items(SHARED_SENTENCES.parent, ("th", "sk"), 20, seed=1)
    assert {len(v) for v in items.values()} == {20}
    assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in t) for g in ("word", "pair") for t in items["th", g])
    dev = set((SHARED_SENTENCES / "sk.dev.txt").read_text(encoding="utf-8").splitlines())
    assert set(items["sk", "sentence"]) <= dev
    assert build_items(SHARED_SENTENCES.parent, ("th", "sk"), 20, seed=1) == items  # seeded
