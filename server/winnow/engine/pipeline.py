"""The engine's pipeline, read top to bottom in the order the data flows:

segment → detect each block's language → the document's language → lean undecided
blocks to it → roles in context → the article's language.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from winnow.engine.blocks import ARTICLE_BODY, Classification
from winnow.engine.inputs import DEFAULT_MAX_BLOCKS, DocumentRejected
from winnow.engine.language import LanguageDetector, annotate_languages, main_language
from winnow.engine.roles import RoleClassifier
from winnow.engine.segment import segment_text


class Engine:
    """Classifies documents. Loads its models once; `classify` is safe to call from threads."""

    def __init__(self, languages: LanguageDetector | None = None, roles: RoleClassifier | None = None,
                 max_blocks: int = DEFAULT_MAX_BLOCKS) -> None:
        self.languages = languages or LanguageDetector()
        self.roles = roles or RoleClassifier()
        self.max_blocks = max_blocks
        self.model_versions = {"language": self.languages.version, "role": self.roles.version}

    def classify(self, text: str, timings: Counter[str] | None = None) -> Classification:
        """Blocks, roles and languages of one plain-text document.

        `timings`, when given, accumulates the seconds spent per stage (for benchmarks).
        """
        clock = _StageClock(timings)
        with clock("segment"):
            blocks = segment_text(text)
        if len(blocks) > self.max_blocks:  # refuse before the costly stages, not after
            raise DocumentRejected(
                DocumentRejected.TOO_LARGE,
                f"the document has {len(blocks)} blocks, over the limit of {self.max_blocks}: split it into smaller documents",
            )
        with clock("language"):
            doc_language = annotate_languages(blocks, self.languages)
        with clock("role"):
            for block, scores in zip(blocks, self.roles.classify(blocks, doc_language)):
                block.role, block.role_confidence = scores[0]
                block.role_scores = scores
        article = [b for b in blocks if b.role == ARTICLE_BODY] or blocks
        language, confidence = main_language(article)
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
