"""The page-level step for teaser lists that the role model let into the article.

A teaser's excerpt is prose, often as long and as well formed as the article's own
sentences, so a block read with a few neighbours can pass for the article (on the L3S news
pages a "More in this section" table of title-and-excerpt rows was the largest leak of
related content into the body). What gives a teaser list away is the page's structure,
which a page-level pass sees whole:

- **Linked-title rows.** A block that opens with a linked title and goes on in plain text
  is a teaser row when `MIN_TEASER_ROWS` or more blocks of the same structure (paths equal
  but for positions, `features.signature`) open the same way. An article paragraph seldom
  opens with a link, and never in every paragraph.
- **Title, then excerpt.** A title that is all link and that the model took for a teaser,
  followed by a short block in the same item (inside the title's parent element) that is
  mostly text: the excerpt, when the pair recurs `MIN_TEASER_PAIRS` times with the same
  structure.
- **A short block between teasers** is a teaser too: a date line, a "Read on:" label, a
  footnote in a run of reference links (jusText's context rule, on the model's roles).

Each rule only takes blocks out of the article, and moves probability mass rather than
overwriting (`Block.move_role`). Plain-text documents have no markup and pass through.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from winnow.engine.blocks import ARTICLE_BODY, RELATED_TEASER, Block, on_a_page
from winnow.engine.features import mostly_text, parent_path, signature

#: A linked title that opens a block has at least this many characters, and so has the text
#: after it.
LINKED_TITLE_CHARS = 12
#: Blocks of one structure opening with a linked title that make a teaser list.
MIN_TEASER_ROWS = 3
#: A teaser title on its own: all link (this share of its characters at least), and of a
#: headline's length.
TITLE_LINK_SHARE = 0.9
TITLE_CHARS = (15, 150)
#: An excerpt is at most this long; the same title-then-excerpt structure recurs this often.
MAX_EXCERPT_CHARS = 400
MIN_TEASER_PAIRS = 2
#: A block between two teasers is one of them up to this length.
MAX_BETWEEN_CHARS = 150


def mark_teaser_lists(blocks: Sequence[Block]) -> None:
    """Applies the three rules, in order, to a page's blocks whose roles are given."""
    if not on_a_page(blocks):
        return
    for rule in (linked_title_rows, title_excerpt_pairs, between_teasers):
        for block in rule(blocks):
            block.move_role(ARTICLE_BODY, RELATED_TEASER)


def linked_title_rows(blocks: Sequence[Block]) -> list[Block]:
    """Article blocks in a list of like blocks that each open with a linked title."""
    rows: dict[str, list[Block]] = {}
    for block in blocks:
        if _opens_with_linked_title(block):
            rows.setdefault(signature(block.path), []).append(block)
    return _article_members(rows.values(), MIN_TEASER_ROWS)


def title_excerpt_pairs(blocks: Sequence[Block]) -> list[Block]:
    """Article blocks that follow a teaser title inside its item, where the pattern recurs."""
    pairs: dict[tuple[str, str], list[Block]] = {}
    for title, excerpt in pairwise(blocks):
        if _is_teaser_title(title) and _is_excerpt_of(excerpt, title):
            pairs.setdefault((signature(title.path), signature(excerpt.path)), []).append(excerpt)
    return _article_members(pairs.values(), MIN_TEASER_PAIRS)


def between_teasers(blocks: Sequence[Block]) -> list[Block]:
    """Short article blocks whose neighbours on both sides are teasers."""
    return [
        block for before, block, after in zip(blocks, blocks[1:], blocks[2:])
        if block.role == ARTICLE_BODY and len(block.text) <= MAX_BETWEEN_CHARS
        and before.role == RELATED_TEASER and after.role == RELATED_TEASER
    ]


def _article_members(groups: Iterable[list[Block]], min_size: int) -> list[Block]:
    """The blocks the model called article in each group of at least `min_size` like blocks."""
    return [b for group in groups if len(group) >= min_size for b in group if b.role == ARTICLE_BODY]


def _opens_with_linked_title(block: Block) -> bool:
    lead = block.html.lead_link_chars
    return lead >= LINKED_TITLE_CHARS and len(block.text) - lead >= LINKED_TITLE_CHARS


def _is_teaser_title(block: Block) -> bool:
    size = len(block.text)
    return (block.role == RELATED_TEASER and block.html.link_chars >= TITLE_LINK_SHARE * size
            and TITLE_CHARS[0] <= size <= TITLE_CHARS[1])


def _is_excerpt_of(block: Block, title: Block) -> bool:
    """Inside the title's item (its parent element), not the title's like, and mostly text."""
    return (block.path.startswith(parent_path(title.path) + " > ") and signature(block.path) != signature(title.path)
            and mostly_text(block) and len(block.text) <= MAX_EXCERPT_CHARS)
