"""A heading takes the role of the section it introduces (LABELING.md, hard case 1).

The role model reads a heading with a few neighbours, and a short title in the article's
type ("Leave a Comment!", "Weitere Informationen", "Entdecken Sie jetzt") reads like the
article's own subheading. The page says otherwise when nothing in the section under it is
article: then the heading goes with its section, which takes the role most of its blocks
have. A section runs from the heading to the next heading of any level.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from winnow.engine.blocks import ARTICLE_BODY, Block, on_a_page

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def headings_follow_sections(blocks: Sequence[Block]) -> None:
    """Moves each article heading whose section holds no article text to its section's role."""
    if not on_a_page(blocks):
        return
    moves = []
    for i, heading in enumerate(blocks):
        if heading.role != ARTICLE_BODY or heading.html.tag not in HEADING_TAGS:
            continue
        section = []
        for block in blocks[i + 1:]:
            if block.html.tag in HEADING_TAGS:
                break
            section.append(block.role)
        if section and ARTICLE_BODY not in section:
            moves.append((heading, Counter(section).most_common(1)[0][0]))
    for heading, role in moves:
        heading.move_role(ARTICLE_BODY, role)
