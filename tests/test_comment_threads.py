"""Readers' comments under a heading that names them (`engine/comment_threads.py`).

The role model's answers are set by hand, as an older site gives them: the story and every
comment under it in one element, all read as the article."""
from __future__ import annotations

import pytest

from winnow.engine.blocks import ARTICLE_BODY, OTHER_BOILERPLATE, Block
from winnow.engine.comment_threads import comment_threads_are_not_the_article

from conftest import PROSE, answered_block as block

STORY = "html > body > div:nth-of-type(2) > div"
COMMENT = ("I have used this library for thirty years and I am glad it stays open for the children of "
           "the town, whatever the council says about the cost of heating it.")


def page(heading: str, link_chars: int = 0) -> list[Block]:
    """A headline, two paragraphs, the heading, two comments, then a sidebar outside the story."""
    return [block(f"{STORY} > h1", "Library stays open", ARTICLE_BODY),
            block(f"{STORY} > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY),
            block(f"{STORY} > p:nth-of-type(2)", PROSE, ARTICLE_BODY),
            block(f"{STORY} > div", heading, ARTICLE_BODY, link_chars=link_chars),
            block(f"{STORY} > p:nth-of-type(3)", COMMENT, ARTICLE_BODY),
            block(f"{STORY} > p:nth-of-type(4)", "Posted by Idealist on January 10, 2008 5:58 PM", ARTICLE_BODY),
            block("html > body > div:nth-of-type(3) > p", PROSE, ARTICLE_BODY)]


@pytest.mark.parametrize("heading", ["Comments", "Comments are now closed for this story", "27 commentaires",
                                     "Komentáře (12)", "12 comentarios", "ความคิดเห็น",
                                     "142 Antworten zu „Würde des Lebens“", "Reader comments:"])
def test_a_heading_that_names_the_thread_takes_it_out_of_the_article(heading: str) -> None:
    blocks = page(heading)
    comment_threads_are_not_the_article(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 3 + [OTHER_BOILERPLATE] * 3 + [ARTICLE_BODY]


@pytest.mark.parametrize("heading", ["By Ann Smith | 3 comments", "Kommentar", "Responses", "Comments and replies"])
def test_a_line_that_only_mentions_comments_opens_no_thread(heading: str) -> None:
    """A byline's count, the opinion column's label, a section of the article."""
    blocks = page(heading)
    comment_threads_are_not_the_article(blocks)
    assert all(b.role == ARTICLE_BODY for b in blocks)


def test_a_link_to_the_thread_is_not_its_heading() -> None:
    blocks = page("Comments (5)", link_chars=12)
    comment_threads_are_not_the_article(blocks)
    assert all(b.role == ARTICLE_BODY for b in blocks)


def test_a_heading_before_any_prose_opens_no_thread() -> None:
    """A thread follows its post: "Comments" above the story is a tab or a menu."""
    blocks = page("Comments")
    blocks.insert(0, blocks.pop(3))
    comment_threads_are_not_the_article(blocks)
    assert all(b.role == ARTICLE_BODY for b in blocks)
