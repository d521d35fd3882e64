"""The page-level step for teaser lists (`engine/teaser_lists.py`).

The role model's answers are set by hand, so that each rule is seen acting on exactly the
case it exists for; `test_a_teaser_table_on_a_real_page_is_not_the_article` runs the real
parser and models through it.
"""
from __future__ import annotations

import math

from winnow.engine import Engine
from winnow.engine.blocks import ARTICLE_BODY, RELATED_TEASER, Block
from winnow.engine.teaser_lists import mark_teaser_lists

from conftest import PROSE, answered_block as block

ROW = "html > body > table > tbody > tr:nth-of-type({}) > td"
TITLE = "Army Day marked in Delhi"  # a linked title...
EXCERPT = " New Delhi, Jan 15: the Indian Army on Tuesday commemorated its 60th Army Day."  # ...and its excerpt


def article() -> list[Block]:
    """A headline and three paragraphs, the second citing a source with a link at its start."""
    art = "html > body > article"
    return [
        block(f"{art} > h1", "Library stays open", ARTICLE_BODY),
        block(f"{art} > p:nth-of-type(1)", PROSE, ARTICLE_BODY),
        block(f"{art} > p:nth-of-type(2)", "The Gazette reported " + PROSE, ARTICLE_BODY, link_chars=11, lead_link_chars=11),
        block(f"{art} > p:nth-of-type(3)", PROSE, ARTICLE_BODY),
    ]


def teaser_rows(count: int) -> list[Block]:
    """Rows of a "More" table, each a linked title and its excerpt, which the model read as article."""
    return [block(ROW.format(k + 2), TITLE + EXCERPT, ARTICLE_BODY, 0.95, len(TITLE), len(TITLE)) for k in range(count)]


def roles(blocks: list[Block]) -> list[str]:
    return [b.role for b in blocks]


def test_rows_that_each_open_with_a_linked_title_are_a_teaser_list() -> None:
    blocks = article() + teaser_rows(3)
    mark_teaser_lists(blocks)
    assert roles(blocks) == [ARTICLE_BODY] * 4 + [RELATED_TEASER] * 3
    row = blocks[4]
    assert row.role_scores[0] == (RELATED_TEASER, row.role_confidence)
    assert row.role_confidence > 0.95 and dict(row.role_scores)[ARTICLE_BODY] == 0.0
    assert math.isclose(sum(s for _, s in row.role_scores), 1.0)


def test_two_such_rows_are_not_yet_a_list() -> None:
    blocks = article() + teaser_rows(2)
    mark_teaser_lists(blocks)
    assert roles(blocks) == [ARTICLE_BODY] * 6


def titled_excerpts(count: int) -> list[Block]:
    """A sidebar's teasers, each a linked title (a teaser to the model) over its excerpt (article to it)."""
    box = "html > body > aside > div:nth-of-type({})"
    teasers = []
    for k in range(1, count + 1):
        teasers += [block(f"{box.format(k)} > h3", TITLE, RELATED_TEASER, link_chars=len(TITLE), lead_link_chars=len(TITLE)),
                    block(f"{box.format(k)} > div", EXCERPT.strip(), ARTICLE_BODY)]
    return teasers


def test_an_excerpt_under_its_teaser_title_is_a_teaser_where_the_pair_recurs() -> None:
    blocks = article() + titled_excerpts(2)
    mark_teaser_lists(blocks)
    assert roles(blocks) == [ARTICLE_BODY] * 4 + [RELATED_TEASER] * 4
    once = article() + titled_excerpts(1)
    mark_teaser_lists(once)
    assert roles(once) == [ARTICLE_BODY] * 4 + [RELATED_TEASER, ARTICLE_BODY]


def test_the_paragraph_after_a_teaser_box_inside_the_article_stays_the_article() -> None:
    """An "also read" box between two paragraphs: the paragraph after its last title is not
    inside the title's item, so it is not that title's excerpt."""
    art = "html > body > article"
    box = f"{art} > div > div:nth-of-type({{}}) > h3"
    blocks = [block(f"{art} > p:nth-of-type(1)", PROSE, ARTICLE_BODY)]
    for k in (1, 2):
        blocks += [block(box.format(k), TITLE, RELATED_TEASER, link_chars=len(TITLE), lead_link_chars=len(TITLE)),
                   block(f"{art} > p:nth-of-type({k + 1})", PROSE, ARTICLE_BODY)]
    mark_teaser_lists(blocks)
    assert roles(blocks) == [ARTICLE_BODY, RELATED_TEASER, ARTICLE_BODY, RELATED_TEASER, ARTICLE_BODY]


def test_a_short_block_between_teasers_is_one_of_them_and_a_paragraph_is_not() -> None:
    refs = "html > body > article > p:nth-of-type({})"
    blocks = [block(refs.format(1), "(7) Dreams from My Father, Canongate Books, 2007", RELATED_TEASER, link_chars=22),
              block(refs.format(2), "(8) Quoted in The Relaunch, The New Yorker, 2007", ARTICLE_BODY, link_chars=12),
              block(refs.format(3), "(9) Voting for a Smile, New York Times, 2008", RELATED_TEASER, link_chars=18),
              block(refs.format(4), PROSE, ARTICLE_BODY),
              block(refs.format(5), "(10) Who Can Stop Obama?, Newsweek, 2008", RELATED_TEASER, link_chars=20)]
    mark_teaser_lists(blocks)
    assert roles(blocks) == [RELATED_TEASER, RELATED_TEASER, RELATED_TEASER, ARTICLE_BODY, RELATED_TEASER]


def test_a_teaser_table_on_a_real_page_is_not_the_article() -> None:
    """The parser finds the linked titles and the real models classify; whatever the model
    makes of each row, none of the rows is left in the article."""
    paragraphs = "".join(f"<p>{PROSE}</p>" for _ in range(5))
    rows = "".join(f"<tr><td><a href='/n/{k}'>{TITLE} ({k})</a>{EXCERPT}</td></tr>" for k in range(4))
    html = (f"<html><body><table><tr><td><h1>Library stays open</h1>{paragraphs}</td></tr></table>"
            f"<table><tr><td>More</td></tr>{rows}</table></body></html>")
    result = Engine().classify_html(html)
    body = [b for b in result.blocks if b.role == ARTICLE_BODY]
    assert sum(PROSE.strip() == b.text for b in body) == 5
    assert not [b for b in body if b.text.startswith(TITLE)]


def test_plain_text_passes_through() -> None:
    text = "\n\n".join(f"{TITLE} ({k}){EXCERPT}" for k in range(4))
    result = Engine().classify(PROSE + "\n\n" + text)
    before = [(b.role, b.role_scores) for b in result.blocks]
    mark_teaser_lists(result.blocks)
    assert [(b.role, b.role_scores) for b in result.blocks] == before
