"""The engine's pipeline, read top to bottom in the order the data flows:

segment → detect each block's language → the document's language → lean undecided
blocks to it → roles in context → the article's language.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from winnow.engine.blocks import ARTICLE_BODY, UNDETERMINED, Block, Classification
from winnow.engine.language import LanguageDetector, main_language
from winnow.engine.roles import RoleClassifier
from winnow.engine.segment import segment_text


class Engine:
    """Classifies documents. Loads its models once; `classify` is safe to call from threads."""

    def __init__(self, languages: LanguageDetector | None = None, roles: RoleClassifier | None = None) -> None:
        self.languages = languages or LanguageDetector()
        self.roles = roles or RoleClassifier()
        self.model_versions = {"language": self.languages.version, "role": self.roles.version}

    def classify(self, text: str, timings: Counter[str] | None = None) -> Classification:
        """Blocks, roles and languages of one plain-text document.

        `timings`, when given, accumulates the seconds spent per stage (for benchmarks).
        """
        clock = _StageClock(timings)
        with clock("segment"):
            blocks = segment_text(text)
        with clock("language"):
            doc_language = annotate_languages(blocks, self.languages)
        with clock("role"):
            for block, scores in zip(blocks, self.roles.classify(blocks, doc_language)):
                block.role, block.role_confidence = scores[0]
                block.role_scores = scores
        article = [b for b in blocks if b.role == ARTICLE_BODY] or blocks
        language, confidence = main_language([(b.text, b.language) for b in article])
        return Classification(text, blocks, language, confidence, dict(self.model_versions))


class _StageClock:
    """Adds each stage's wall time to a counter, or does nothing when there is none."""

    def __init__(self, timings: Counter[str] | None) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        if self.timings is None:
            yield
            return
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] += time.perf_counter() - start


def annotate_languages(blocks: list[Block], detector: LanguageDetector) -> str:
    """Sets every block's language; returns the document's (the language of most letters).

    Training calls this too, so the role model learns from the languages it will see.
    """
    for block, guess in zip(blocks, detector.detect([b.text for b in blocks])):
        block.language = guess.language
        block.language_confidence = guess.confidence
        block.language_alternatives = guess.alternatives
    doc_language, _ = main_language([(b.text, b.language) for b in blocks])
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
