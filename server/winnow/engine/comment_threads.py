"""Readers' comments under a heading that names them: a page-level step after the role model.

A reader's comment is prose about the article, often as long and as well written as the
article, and on older sites it sits in the article's own element with no class or id to
tell it apart (`<p class="story">` for the story and for every comment under it). The page
still says where the thread starts, for a human reader: a heading that names it,
"Comments", "27 commentaires", "Comments are now closed for this story", "142 Antworten zu
<title>". LABELING.md calls readers' comments OTHER_BOILERPLATE (L3S-GN1's assessors marked
them apart from the article), so an article block from such a heading to the end of the
heading's parent element becomes OTHER_BOILERPLATE.

Only a heading that says nothing but that: the whole block must match (a byline's "3
comments" does not), it must not be a link (a "Comments (5)" link near the headline jumps
to the thread, it does not open it), and article prose must come before it (a thread
follows its post). Plain-text documents have no markup and pass through unchanged.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from winnow.engine.blocks import ARTICLE_BODY, OTHER_BOILERPLATE, Block, on_a_page
from winnow.engine.features import is_prose, parent_path

#: The plural nouns that head a readers' thread, in the languages we serve (en, cs, es, th)
#: and their neighbours on the pages we see (de, fr, pt, ca). Singular "Kommentar" and
#: "comentario" also name an opinion column, so they are left out; so are "Responses",
#: "Antworten" or "Reakce" on their own, which may head a section of the article: only with
#: a count ("3 Antworten").
_COMMENTS = (r"comments|kommentare|comentarios|commentaires|comentários|comentaris|komentáře|komentářů"
             r"|ความคิดเห็น")
_COUNTED = rf"{_COMMENTS}|responses|replies|thoughts|antworten|respuestas|réponses|respostas|reakce|reakcí"
COMMENTS_HEADING = re.compile(
    # "Comments", "27 commentaires", "Reader comments (12)", "Kommentare:", "12 Antworten"
    rf"(?:(?:readers?'?|user)\s+)?(?:{_COMMENTS})(?:\s*\(\d+\))?\s*:?"
    rf"|\d+\s+(?:{_COUNTED})\s*:?"
    # "142 Antworten zu <title>", "12 thoughts on “<title>”", "3 responses to <title>"
    rf"|\d+\s+(?:{_COUNTED})\s+(?:to|on|zu|a|en|sur|k|ke)\s.+"
    # "Comments are now closed for this story", "Kommentare sind geschlossen"
    r"|(?:comments|kommentare|comentarios|commentaires)\s+(?:are|sind|están|sont)\s+(?:now\s+|jetzt\s+)?"
    r"(?:closed|geschlossen|cerrados|fermés)(?:\s+for\s+this\s+(?:story|article|entry|post))?\.?",
    re.IGNORECASE)


def comment_threads_are_not_the_article(blocks: Sequence[Block]) -> None:
    """Takes the article blocks from each comments heading to the end of its parent element
    out of the article."""
    if not on_a_page(blocks):
        return
    prose_seen = False
    for i, block in enumerate(blocks):
        if prose_seen and _heads_a_thread(block):
            inside = parent_path(block.path) + " > "
            for comment in blocks[i:]:
                if not comment.path.startswith(inside):
                    break
                if comment.role == ARTICLE_BODY:
                    comment.move_role(ARTICLE_BODY, OTHER_BOILERPLATE)
        prose_seen = prose_seen or (block.role == ARTICLE_BODY and is_prose(block))


def _heads_a_thread(block: Block) -> bool:
    return not block.html.link_chars and COMMENTS_HEADING.fullmatch(block.text.strip()) is not None
