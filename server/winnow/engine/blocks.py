"""The records the pipeline passes between its stages.

A `Block` is created by the segmenter with its text and offsets; later stages fill in
its language and role. Keeping one record per block (as jusText's `Paragraph` does)
lets every stage see what the earlier ones found.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from winnow.engine.html_text import HtmlBlock

#: The roles of the labeling guide, in the guide's order; index 0 is the article.
ROLES: tuple[str, ...] = (
    "ARTICLE_BODY",
    "NAVIGATION",
    "RELATED_TEASER",
    "DONATION_APPEAL",
    "OTHER_BOILERPLATE",
)
ARTICLE_BODY, NAVIGATION, RELATED_TEASER, DONATION_APPEAL, OTHER_BOILERPLATE = ROLES

#: What each role means, in the labeling guide's words (docs/LABELING.md).
ROLE_DESCRIPTIONS: dict[str, str] = {
    "ARTICLE_BODY": "the article's own content: headline, paragraphs, subheadings, quotes, captions, byline",
    "NAVIGATION": "site chrome that moves the reader elsewhere on the site: menus, breadcrumbs, tags, share links",
    "RELATED_TEASER": "promotion of other articles: 'Related Posts', teaser titles, excerpts, 'Read More'",
    "DONATION_APPEAL": "a request for money or paid support: 'Donate Now', membership and patron pitches",
    "OTHER_BOILERPLATE": "any other non-article text: comment and newsletter forms, cookie and legal notices, ads",
}

#: The languages the service is built and measured to get right.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "cs", "es", "th")

#: The language code for "cannot be told".
UNDETERMINED = "und"


@dataclass
class LanguageGuess:
    """A language decision: the code, its probability and the runners-up."""

    language: str
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class Block:
    """One block of a document and everything the pipeline learns about it."""

    index: int
    text: str
    start: int
    end: int
    #: For a block of an HTML page: its element and markup (`html_text.HtmlBlock`).
    html: HtmlBlock | None = None
    #: How many letters the text has: what a block weighs in its document's language.
    letter_count: int = 0
    language: str = UNDETERMINED
    language_confidence: float = 0.0
    language_alternatives: list[tuple[str, float]] = field(default_factory=list)
    role: str = ARTICLE_BODY
    role_confidence: float = 0.0
    #: Probability of every role, most probable first.
    role_scores: list[tuple[str, float]] = field(default_factory=list)

    @property
    def path(self) -> str:
        """A CSS selector of the block's element on an HTML page; empty for plain text."""
        return self.html.path if self.html is not None else ""

    def move_role(self, source: str, target: str) -> None:
        """Gives `source`'s probability to `target` and makes `target` the role.

        The page-level steps overrule the model this way rather than by overwriting the
        role, so that `role_scores` stay a distribution whose first entry is the role given.
        """
        scores = dict(self.role_scores)
        scores[target] = scores.get(target, 0.0) + scores.get(source, 0.0)
        scores[source] = 0.0
        self.role_scores = sorted(scores.items(), key=lambda item: (-item[1], item[0] != target))
        self.role = target
        self.role_confidence = scores[target]


def on_a_page(blocks: Sequence[Block]) -> bool:
    """Whether the blocks are an HTML page's: the steps that read markup (the page's
    structure as features, the page-level steps after the role model) pass plain text by."""
    return bool(blocks) and blocks[0].html is not None


@dataclass
class Classification:
    """The engine's answer for one document."""

    #: The text the offsets refer to: the document itself, or a page's extracted text.
    text: str
    blocks: list[Block]
    language: str
    language_confidence: float
    #: The names and versions of the models used, e.g. {"language": "lid.176.ftz@8f3472cfe873"}.
    model_versions: dict[str, str]
    #: How the content was read: `PLAIN_TEXT` or `HTML` (`inputs.py`).
    content_type: str = "PLAIN_TEXT"

    @property
    def article_text(self) -> str:
        """The article: the ARTICLE_BODY blocks, one a line, in document order."""
        return "\n".join(b.text for b in self.blocks if b.role == ARTICLE_BODY)
