"""What an element's markup says about the blocks inside it, as feature tokens.

Site templates name their parts: `<nav>`, `role="complementary"`, `class="related-posts"`,
`id="comments"`. Those names are the strongest sign of a block's role that a page gives,
stronger than its words, and they hold in every language the page is written in. Each
element contributes its tag (for the tags that mean something), its ARIA role and the
words of its class and id, split at case changes, digits and punctuation
(`relatedPosts`, `related_posts-2` → `related`, `posts`).
"""
from __future__ import annotations

import re
from functools import lru_cache

#: Tags whose presence among a block's ancestors says something about it.
MEANINGFUL_TAGS = frozenset({
    "nav", "header", "footer", "aside", "main", "article", "section", "form", "fieldset", "label",
    "button", "ul", "ol", "li", "dl", "dt", "dd", "table", "td", "th", "h1", "h2", "h3", "h4",
    "h5", "h6", "p", "blockquote", "figure", "figcaption", "address", "time", "menu", "details",
    "summary", "center", "font", "b", "strong", "em", "i", "small", "span", "pre", "cite",
})
#: Class and id words shorter than this are dropped ("a", "md"), except these.
MIN_WORD = 3
SHORT_WORDS = frozenset({"nav", "ad", "ads", "faq", "rss", "cta", "seo"})
#: At most this many class/id words per element: long utility-class lists say little each.
MAX_WORDS = 8
#: Parts of compound class names (`relheadline`, `storyextra`, `sidebarleft`) that name a
#: page region; each one found inside a word is a token of its own.
KEY_PARTS = (
    "rel", "related", "more", "also", "recommend", "teaser", "promo", "popular", "trending", "latest", "recent",
    "nav", "menu", "breadcrumb", "crumb", "tag", "topic", "categor", "share", "social", "print", "pagin", "skip",
    "header", "footer", "sidebar", "side", "aside", "widget", "rail", "column",
    "comment", "reply", "respond", "discuss", "form", "login", "search",
    "donat", "support", "contribut", "member", "patron", "subscri", "newsletter", "signup", "cookie", "consent",
    "gdpr", "legal", "copyright", "disclaim", "advert", "sponsor", "banner",
    "article", "story", "content", "body", "text", "post", "entry", "main", "caption", "byline", "author",
    "date", "headline", "title", "lead", "summary", "excerpt", "thumb", "image", "photo", "media", "video",
    "clanek", "souvis", "noticia", "relacionad", "articulo", "contenido",
)

_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def name_words(value: str) -> list[str]:
    """The words of a class or id value: `relatedPosts__item--2` → related, posts, item."""
    out = []
    for word in _SPLIT.findall(value):
        word = word.lower()
        if len(word) >= MIN_WORD or word in SHORT_WORDS:
            out.append(word)
    return out


@lru_cache(maxsize=8192)
def _tokens(tag: str, role: str, names: str) -> tuple[str, ...]:
    tokens = []
    if tag in MEANINGFUL_TAGS:
        tokens.append(f"t:{tag}")
    if role:
        tokens.extend(f"aria:{r}" for r in role.lower().split()[:2])
    words = list(dict.fromkeys(name_words(names)[:MAX_WORDS]))
    tokens.extend(f"c:{w}" for w in words)
    tokens.extend(dict.fromkeys(f"k:{part}" for w in words for part in KEY_PARTS if part in w and part != w))
    return tuple(tokens)


def element_tokens(tag: str, attributes: dict[str, str | None]) -> tuple[str, ...]:
    """The structural tokens of one element (cached: templates repeat their markup)."""
    names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".strip()
    return _tokens(tag, attributes.get("role") or "", names)
