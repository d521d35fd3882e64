"""The engine's pipeline, read top to bottom in the order the data flows:

segment (plain text, or an HTML page's block-level elements) → detect each block's
language → the document's language → lean undecided blocks to it → roles in context
(with the page's markup, for HTML) → on a page, the article as one region
(`article_region`), readers' comments under a heading that names them taken out of it
(`comment_threads`), a table of figures beside its text taken into it (`data_tables`),
teaser lists taken out of it (`teaser_lists`), a recipe's ingredient list and details
taken into it (`recipes`; after the teasers, whose between-teasers rule would take back a
short ingredient between two linked ones) and headings given their sections' roles
(`headings`), and last short lines a model learnt from real pages finds are not the article
taken out of it (`article_corrector`) → the article's language.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager

from winnow.engine.article_corrector import ArticleCorrector
from winnow.engine.article_region import refine_roles
from winnow.engine.blocks import ARTICLE_BODY, Block, Classification
from winnow.engine.comment_threads import comment_threads_are_not_the_article
from winnow.engine.data_tables import tables_in_the_article
from winnow.engine.headings import headings_follow_sections
from winnow.engine.html_text import decode_html
from winnow.engine.inputs import DEFAULT_MAX_BLOCKS, HTML, PLAIN_TEXT, Document, DocumentRejected
from winnow.engine.language import LanguageDetector, annotate_languages, main_language
from winnow.engine.recipes import recipe_parts_are_the_article
from winnow.engine.roles import RoleClassifier
from winnow.engine.segment import segment_html, segment_text
from winnow.engine.teaser_lists import mark_teaser_lists


class Engine:
    """Classifies documents. Loads its models once; `classify` is safe to call from threads."""

    def __init__(self, languages: LanguageDetector | None = None, roles: RoleClassifier | None = None,
                 max_blocks: int = DEFAULT_MAX_BLOCKS, corrector: ArticleCorrector | None = None) -> None:
        self.languages = languages or LanguageDetector()
        self.roles = roles or RoleClassifier()
        self.corrector = corrector or ArticleCorrector()
        self.max_blocks = max_blocks
        self.model_versions = {"language": self.languages.version, "role": self.roles.version,
                               "article_corrector": self.corrector.version}

    def held_out(self, document: str) -> Engine:
        """This engine with the article corrector that never saw `document`'s site (itself for
        a document the corrector did not learn from): what benchmarks score its pages with."""
        corrector = self.corrector.held_out(document)
        if corrector is self.corrector:
            return self
        return Engine(self.languages, self.roles, self.max_blocks, corrector)

    def check_languages(self, codes: Collection[str]) -> frozenset[str] | None:
        """The expected languages a caller asked for, or None for any; refuses unknown codes."""
        unknown = sorted(set(codes) - set(self.languages.languages))
        if unknown:
            raise DocumentRejected(
                DocumentRejected.INVALID,
                f"unknown language code(s) {', '.join(map(repr, unknown))} in expected_languages: use ISO 639-1 "
                "codes the service detects (Describe lists them as detectable_languages)",
            )
        return frozenset(codes) or None

    def classify(self, text: str, timings: Counter[str] | None = None,
                 expected_languages: Collection[str] | None = None) -> Classification:
        """Blocks, roles and languages of one plain-text document."""
        return self.classify_document(Document(text, PLAIN_TEXT), timings, expected_languages)

    def classify_html(self, html: str | bytes, timings: Counter[str] | None = None,
                      expected_languages: Collection[str] | None = None) -> Classification:
        """Blocks, roles and languages of one HTML page (bytes in any charset it declares)."""
        page = decode_html(html) if isinstance(html, bytes) else html
        return self.classify_document(Document(page, HTML), timings, expected_languages)

    def classify_document(self, document: Document, timings: Counter[str] | None = None,
                          expected_languages: Collection[str] | None = None) -> Classification:
        """The whole pipeline for a document `inputs.read_document` prepared.

        `expected_languages`, when given, restricts block languages to those (see
        `language.LanguageDetector.detect`). `timings`, when given, accumulates the seconds
        spent per stage (for benchmarks).
        """
        clock = _StageClock(timings)
        with clock("segment"):
            if document.content_type == HTML:
                text, blocks = segment_html(document.content)
            else:
                text, blocks = document.content, segment_text(document.content)
        if not blocks:
            raise DocumentRejected(DocumentRejected.EMPTY,
                                   "the document has no visible text (no block with a letter or digit): send some text")
        if len(blocks) > self.max_blocks:  # refuse before the costly stages, not after
            raise DocumentRejected(
                DocumentRejected.TOO_LARGE,
                f"the document has {len(blocks)} blocks, over the limit of {self.max_blocks}: split it into smaller documents",
            )
        with clock("language"):
            doc_language = annotate_languages(blocks, self.languages, expected=expected_languages or None)
        with clock("role"):
            for block, scores in zip(blocks, self.roles.classify(blocks, doc_language)):
                block.role, block.role_confidence = scores[0]
                block.role_scores = scores
            page_steps(blocks)
            self.corrector.correct(blocks)
        article = [b for b in blocks if b.role == ARTICLE_BODY] or blocks
        language, confidence = main_language(article)
        return Classification(text, blocks, language, confidence, dict(self.model_versions), document.content_type)


#: The page-level steps after the role model, in the order the module docstring gives and
#: explains (each passes plain-text documents through). The article corrector learns from
#: their answers, so its training record covers their modules (`train_corrector`).
PAGE_STEPS: tuple[Callable[[Sequence[Block]], None], ...] = (
    refine_roles, comment_threads_are_not_the_article, tables_in_the_article, mark_teaser_lists,
    recipe_parts_are_the_article, headings_follow_sections)


def page_steps(blocks: Sequence[Block]) -> None:
    """Runs `PAGE_STEPS` on a document's blocks, in place."""
    for step in PAGE_STEPS:
        step(blocks)


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
