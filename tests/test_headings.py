"""A heading takes the role of the section it introduces (`engine/headings.py`).

The role model's answers are set by hand, so the rule is seen acting on exactly its case.
"""
from __future__ import annotations

from winnow.engine.blocks import ARTICLE_BODY, OTHER_BOILERPLATE, RELATED_TEASER, Block
from winnow.engine.headings import headings_follow_sections

from conftest import PROSE, answered_block as block

ART = "html > body > article"


def roles(blocks: list[Block]) -> list[str]:
    return [b.role for b in blocks]


def test_a_heading_over_a_comment_form_is_the_forms_not_the_articles() -> None:
    blocks = [block(f"{ART} > h1", "Library stays open", ARTICLE_BODY),
              block(f"{ART} > p", PROSE, ARTICLE_BODY),
              block(f"{ART} > h3", "Leave a Comment!", ARTICLE_BODY, 0.8),
              block(f"{ART} > form > p:nth-of-type(1)", "Your email address will not be published.", OTHER_BOILERPLATE),
              block(f"{ART} > form > p:nth-of-type(2)", "Name", OTHER_BOILERPLATE),
              block(f"{ART} > form > p:nth-of-type(3)", "Recent posts", RELATED_TEASER)]
    headings_follow_sections(blocks)
    assert roles(blocks) == [ARTICLE_BODY, ARTICLE_BODY, OTHER_BOILERPLATE, OTHER_BOILERPLATE, OTHER_BOILERPLATE, RELATED_TEASER]
    heading = blocks[2]
    assert heading.role_scores[0] == (OTHER_BOILERPLATE, heading.role_confidence)
    assert dict(heading.role_scores)[ARTICLE_BODY] == 0.0


def test_a_subheading_over_article_text_and_a_heading_with_no_section_stay() -> None:
    blocks = [block(f"{ART} > h2:nth-of-type(1)", "A long winter", ARTICLE_BODY),
              block(f"{ART} > p:nth-of-type(1)", PROSE, ARTICLE_BODY),
              block(f"{ART} > p:nth-of-type(2)", "Share this", "NAVIGATION"),
              block(f"{ART} > h2:nth-of-type(2)", "What comes next", ARTICLE_BODY),
              block(f"{ART} > h3", "Volunteers wanted", ARTICLE_BODY)]
    headings_follow_sections(blocks)
    assert roles(blocks) == [ARTICLE_BODY, ARTICLE_BODY, "NAVIGATION", ARTICLE_BODY, ARTICLE_BODY]
