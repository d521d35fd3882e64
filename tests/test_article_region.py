"""The page-level step after the role model (`engine/article_region.py`).

The role model's answers are set by hand here, so that each rule is seen acting on exactly
the case it exists for; the real models run through it in `test_page_quality.py`.
"""
from __future__ import annotations

import math
from dataclasses import replace

import pytest

from winnow.engine import Engine
from winnow.engine.article_region import article_region, in_a_form, refine_roles
from winnow.engine.blocks import ARTICLE_BODY, Block
from winnow.engine.features import main_container

from conftest import PROSE, answered_block as block

def page() -> list[Block]:
    """Header with the headline, an article of five paragraphs, a sidebar of teasers, one of
    whose excerpts the model took for the article, and a footer."""
    art = "html > body > div > article"
    return [
        block("html > body > header > nav > ul > li:nth-of-type(1)", "Home", "NAVIGATION", link_chars=4),
        block(f"{art} > header > h1", "Library stays open", ARTICLE_BODY),
        block(f"{art} > header > p", "By Ann Smith", ARTICLE_BODY),
        block(f"{art} > div > p:nth-of-type(1)", PROSE, ARTICLE_BODY),
        block(f"{art} > div > p:nth-of-type(2)", PROSE * 2, ARTICLE_BODY),
        block(f"{art} > div > h3", "A long winter", "RELATED_TEASER", 0.8),
        block(f"{art} > div > p:nth-of-type(3)", PROSE, "RELATED_TEASER", 0.95),
        block(f"{art} > div > p:nth-of-type(4)", PROSE, ARTICLE_BODY),
        block(f"{art} > div > p:nth-of-type(5)", "Read also: " + PROSE[:60], "RELATED_TEASER", 0.9, link_chars=60),
        block("html > body > aside > div:nth-of-type(1) > p", PROSE * 2, ARTICLE_BODY, 0.7),
        block("html > body > aside > div:nth-of-type(2) > p", PROSE, "RELATED_TEASER"),
        block("html > body > aside > div:nth-of-type(3) > p", PROSE, "RELATED_TEASER"),
        block("html > body > aside > div:nth-of-type(4) > p", PROSE, "RELATED_TEASER"),
        block("html > body > footer > p", "© 2024 The Gazette. " + PROSE * 2, "OTHER_BOILERPLATE"),
    ]


def test_prose_outside_the_article_region_is_not_the_article() -> None:
    blocks = page()
    refine_roles(blocks)
    sidebar = blocks[9]
    assert sidebar.role == "OTHER_BOILERPLATE"
    assert sidebar.role_scores[0] == ("OTHER_BOILERPLATE", sidebar.role_confidence)
    assert dict(sidebar.role_scores)[ARTICLE_BODY] == 0.0
    assert math.isclose(sum(s for _, s in sidebar.role_scores), 1.0)


def test_a_paragraph_among_the_articles_paragraphs_rejoins_it() -> None:
    blocks = page()
    refine_roles(blocks)
    stray = blocks[6]
    assert stray.role == ARTICLE_BODY
    assert stray.role_confidence == pytest.approx(0.95 + 0.05 / 4)
    assert stray.role_scores[0][0] == ARTICLE_BODY


def test_a_linked_line_in_the_run_and_a_lone_heading_keep_their_roles() -> None:
    blocks = page()
    refine_roles(blocks)
    assert blocks[8].role == "RELATED_TEASER"  # mostly link text: a teaser, not a paragraph
    assert blocks[5].role == "RELATED_TEASER"  # the only h3: no run to rejoin


def test_the_region_takes_in_the_headline_and_byline_beside_the_body() -> None:
    blocks = page()
    region = article_region(blocks) + " > "
    assert blocks[1].path.startswith(region) and not blocks[9].path.startswith(region)
    refine_roles(blocks)
    assert [b.role for b in blocks[1:5]] == [ARTICLE_BODY] * 4
    assert blocks[0].role == "NAVIGATION" and blocks[13].role == "OTHER_BOILERPLATE"


def test_the_articles_own_header_stays_when_the_region_is_its_body() -> None:
    """The comments inside the `<article>` make its body the region; the standfirst in the
    article's `<header>` is still the article, prose outside that header is not."""
    art = "html > body > main > article"
    blocks = [
        block("html > body > header > p", "The Gazette: " + PROSE, ARTICLE_BODY, 0.6),
        block(f"{art} > header > h1", "Library stays open", ARTICLE_BODY),
        block(f"{art} > header > div > p", PROSE, ARTICLE_BODY),
        block(f"{art} > div > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY),
        block(f"{art} > div > p:nth-of-type(2)", PROSE * 2, ARTICLE_BODY),
        block(f"{art} > section > p:nth-of-type(1)", PROSE * 6, "OTHER_BOILERPLATE"),
        block(f"{art} > section > p:nth-of-type(2)", PROSE, ARTICLE_BODY, 0.6),
        block("html > body > footer > p", PROSE * 2, "OTHER_BOILERPLATE"),
    ]
    assert article_region(blocks) == f"{art} > div"
    refine_roles(blocks)
    assert [b.role for b in blocks[1:5]] == [ARTICLE_BODY] * 4
    assert blocks[0].role == blocks[6].role == "OTHER_BOILERPLATE"


def test_a_page_with_no_article_prose_has_no_region() -> None:
    blocks = [block("html > body > ul > li:nth-of-type(1)", "Home", "NAVIGATION", link_chars=4),
              block("html > body > p", "Short note", ARTICLE_BODY)]
    assert article_region(blocks) == ""
    refine_roles(blocks)
    assert blocks[1].role == ARTICLE_BODY


def test_plain_text_documents_pass_through() -> None:
    result = Engine().classify("Library stays open\n\n" + PROSE + "\n\nRead more stories\n")
    for b in result.blocks:
        assert b.path == ""
        assert b.role == b.role_scores[0][0]


def test_an_article_the_model_missed_is_taken_from_the_main_container() -> None:
    art = "html > body > div > main"
    blocks = [
        block("html > body > nav > ul > li:nth-of-type(1)", "Home", "NAVIGATION", link_chars=4),
        block(f"{art} > h1", "Library stays open", ARTICLE_BODY),
        block(f"{art} > p:nth-of-type(1)", PROSE * 2, "RELATED_TEASER"),
        block(f"{art} > p:nth-of-type(2)", PROSE, "RELATED_TEASER"),
        block(f"{art} > ul > li", "Share on Facebook", "NAVIGATION", link_chars=17),
        block(f"{art} > p:nth-of-type(3)", "More: " + PROSE[:40], "RELATED_TEASER", link_chars=40),
        block("html > body > aside > p", PROSE, "RELATED_TEASER"),
    ]
    refine_roles(blocks)
    assert [b.role for b in blocks[1:4]] == [ARTICLE_BODY] * 3
    assert blocks[2].role_scores[0][0] == ARTICLE_BODY
    assert blocks[4].role == "NAVIGATION" and blocks[5].role == "RELATED_TEASER"  # links stay links
    assert blocks[0].role == "NAVIGATION" and blocks[6].role == "RELATED_TEASER"  # outside the container


def test_a_missed_article_of_short_lines_is_the_element_the_page_marks_up_as_its_article() -> None:
    """An agenda holds little prose: the element holding most of the page's prose is the
    sidebar, so the page's `<article>` must win over it."""
    art = "html > body > div > article"
    agenda = ["Welcome and introductions (10 mins)", "Two lightning talks on testing (30 mins)",
              "Open discussion: what should we read next? (30 mins)", "Drinks at the pub round the corner"]
    blocks = [block(f"{art} > h1", "March meeting", "RELATED_TEASER"),
              block(f"{art} > p", PROSE, "RELATED_TEASER"),
              *[block(f"{art} > ol > li:nth-of-type({i})", item, "OTHER_BOILERPLATE") for i, item in enumerate(agenda, 1)],
              block("html > body > div > aside > p", PROSE * 2, "RELATED_TEASER")]
    assert main_container(blocks) == "html > body > div > aside"
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 6 + ["RELATED_TEASER"]


def test_the_region_never_reaches_beyond_or_lies_beside_the_pages_main_element() -> None:
    """HTML's `<main>` holds the page's dominant content: a company's blurb in the site
    header is not the article, however much it reads like prose, whether the models found
    the article in `<main>` too or took it for teasers."""
    main, blurb = "html > body > main", "html > body > header > div > p"
    found = [block(blurb, PROSE, ARTICLE_BODY),
             block(f"{main} > h1", "Library stays open", ARTICLE_BODY),
             block(f"{main} > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY)]
    assert article_region(found) == main
    refine_roles(found)
    assert [b.role for b in found] == ["OTHER_BOILERPLATE", ARTICLE_BODY, ARTICLE_BODY]

    missed = [block(blurb, PROSE * 2, ARTICLE_BODY),
              block(f"{main} > p:nth-of-type(1)", PROSE, "RELATED_TEASER"),
              block(f"{main} > p:nth-of-type(2)", PROSE, "RELATED_TEASER")]
    assert article_region(missed) == main
    refine_roles(missed)
    assert [b.role for b in missed] == ["OTHER_BOILERPLATE", ARTICLE_BODY, ARTICLE_BODY]


def test_an_article_the_model_found_is_left_to_it() -> None:
    blocks = page()
    teaser_roles = [b.role for b in blocks[10:12]]
    refine_roles(blocks)
    assert [b.role for b in blocks[10:12]] == teaser_roles == ["RELATED_TEASER"] * 2


def test_a_footer_and_an_authors_bio_are_about_the_article_not_in_it() -> None:
    art = "html > body > article"
    blocks = [block(f"{art} > h1", "Library stays open", ARTICLE_BODY),
              block(f"{art} > div > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY),
              block(f"{art} > div > p:nth-of-type(2)", PROSE, ARTICLE_BODY),
              block(f"{art} > div > div > p", "Ann Smith has covered the council for the Gazette since 2015.", ARTICLE_BODY),
              block(f"{art} > footer > p", "This entry was posted in Local News and tagged library, winter.", ARTICLE_BODY)]
    blocks[3].html = replace(blocks[3].html, context=("c:author", "c:bio", "t:div"))
    blocks[4].html = replace(blocks[4].html, context=("t:footer", "t:p"))
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 3 + ["OTHER_BOILERPLATE"] * 2
    assert blocks[4].role_scores[0] == ("OTHER_BOILERPLATE", blocks[4].role_confidence)


def test_an_author_box_is_not_the_article_but_a_byline_is() -> None:
    """By the class words of the element and its nearest ancestors (`HtmlBlock.near`), and
    only on prose: "By Ann Smith" in an element named "author" is the byline."""
    art = "html > body > article"
    blocks = [block(f"{art} > h1", "Library stays open", ARTICLE_BODY),
              block(f"{art} > p:nth-of-type(1)", "By Ann Smith", ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(1) > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(1) > p:nth-of-type(2)", PROSE * 2, ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(2) > p", "Ann Smith has covered the council for the Gazette "
                    "since 2015, after ten years at the Herald, and writes its weekly column on the town's "
                    "schools and libraries.", ARTICLE_BODY)]
    author_box = ("c:about", "c:author", "c:box", "t:div", "t:p")
    blocks[1].html = replace(blocks[1].html, context=("c:author", "t:p"), near=("c:author", "t:p"))
    blocks[4].html = replace(blocks[4].html, context=author_box, near=author_box)
    for b in blocks[2:4]:  # a page-wide "author-12" class far up is in the context, not near
        b.html = replace(b.html, context=("c:author", "t:p"), near=("c:entry", "t:p"))
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 4 + ["OTHER_BOILERPLATE"]


def test_a_long_quotation_is_not_the_article_region() -> None:
    """A blog post of two short paragraphs around a long quote: the region is the post."""
    post = "html > body > div > div:nth-of-type(1)"
    blocks = [block(f"{post} > h3", "Something to listen to in the holidays", ARTICLE_BODY),
              block(f"{post} > p:nth-of-type(1)", "I can hear the radio here too, and it ran this:", ARTICLE_BODY),
              block(f"{post} > blockquote > p", PROSE * 3, ARTICLE_BODY),
              block(f"{post} > p:nth-of-type(2)", "Here is a link to the podcast.", ARTICLE_BODY),
              block(f"{post} > div > h3", "Share this:", "NAVIGATION", link_chars=5),
              block("html > body > div > div:nth-of-type(2) > p", "Leave a comment", "OTHER_BOILERPLATE")]
    assert article_region(blocks) == post
    refine_roles(blocks)
    assert [b.role for b in blocks[:4]] == [ARTICLE_BODY] * 4


def test_preformatted_text_in_the_article_region_is_the_article() -> None:
    """A code sample reads like nothing the model was trained on; inside the article it is
    the article's, outside it (a sidebar's snippet) it keeps its role."""
    art = "html > body > main > article"
    blocks = [block(f"{art} > h1", "Installing the library", ARTICLE_BODY),
              block(f"{art} > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY),
              block(f"{art} > pre:nth-of-type(1)", "pip install yapapi", "RELATED_TEASER"),
              block(f"{art} > p:nth-of-type(2)", PROSE, ARTICLE_BODY),
              block(f"{art} > pre:nth-of-type(2)", "poetry run poe goth-tests", "NAVIGATION", 0.6),
              block("html > body > aside > pre", "curl example.org/feed", "RELATED_TEASER")]
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 5 + ["RELATED_TEASER"]


def test_text_in_an_element_named_as_comments_a_legal_notice_or_a_footer_is_not_the_article() -> None:
    """A footer by its class too: `<div class="footer">`, as pages written before HTML5 have it."""
    art = "html > body > main"
    blocks = [block(f"{art} > h1", "Why the library stays open", ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(1) > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(1) > p:nth-of-type(2)", PROSE, ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(2) > div > p", "I have used this library for thirty years and "
                    "I am glad it stays open for the children of the town.", ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(3) > p", "The views expressed here are those of the author "
                    "and not of the Gazette.", ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(4) > p", "The Gazette uses cookies and is published under a "
                    "Creative Commons licence.", ARTICLE_BODY)]
    blocks[1].html = replace(blocks[1].html, context=("c:commentary", "c:text", "t:p"))  # a word, not "comment"
    blocks[3].html = replace(blocks[3].html, context=("c:comment", "c:comments", "c:list", "t:div", "t:p"))
    blocks[4].html = replace(blocks[4].html, context=("c:disclaimer", "t:div", "t:p"))
    blocks[5].html = replace(blocks[5].html, context=("t:p", "c:footer", "c:left", "c:clearfix"))
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 3 + ["OTHER_BOILERPLATE"] * 3


def test_a_readers_thread_longer_than_the_post_is_still_not_the_article() -> None:
    """Comments may outweigh a short post (most of L3S-GN1's comment text): the footer's
    guard, half the article text, would keep them all in."""
    art = "html > body > main"
    comment = ("I have used this library for thirty years and I am glad it stays open for the "
               "children of the town, whatever the council says about the cost of it.")
    blocks = [block(f"{art} > h1", "Why the library stays open", ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(1) > p", PROSE, ARTICLE_BODY)]
    blocks += [block(f"{art} > div:nth-of-type(2) > div:nth-of-type({k}) > p", comment, ARTICLE_BODY)
               for k in range(1, 5)]
    for b in blocks[2:]:
        b.html = replace(b.html, context=("t:p", "c:comment", "c:body", "c:comments"))
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 2 + ["OTHER_BOILERPLATE"] * 4


def test_a_boilerplate_name_around_nearly_all_the_article_says_nothing() -> None:
    """A gallery article whose captions sit in elements classed `item__comment`: taking them
    out would leave only the headline."""
    art = "html > body > main"
    blocks = [block(f"{art} > h1", "Ten kitchens of the year", ARTICLE_BODY)]
    blocks += [block(f"{art} > div:nth-of-type({k}) > div", PROSE, ARTICLE_BODY) for k in range(1, 5)]
    for b in blocks[1:]:
        b.html = replace(b.html, context=("t:div", "c:gallery", "c:item", "c:comment"))
    before = [b.role_scores for b in blocks]
    refine_roles(blocks)
    assert [b.role_scores for b in blocks] == before


def test_comments_under_an_article_the_model_missed_stay_out_of_it() -> None:
    """The missed-article fallback takes the whole container, comments and all: what the
    page names as comments is taken out again."""
    art = "html > body > main"
    blocks = [block(f"{art} > p:nth-of-type(1)", PROSE * 2, "RELATED_TEASER"),
              block(f"{art} > p:nth-of-type(2)", PROSE, "RELATED_TEASER"),
              block(f"{art} > div > p", "I have used this library for thirty years and I am glad it stays "
                    "open for the children of the town.", "OTHER_BOILERPLATE")]
    blocks[2].html = replace(blocks[2].html, context=("c:comments", "t:div", "t:p"))
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 2 + ["OTHER_BOILERPLATE"]


def test_a_footer_that_holds_the_article_is_broken_markup_and_moves_nothing() -> None:
    """An unclosed `<footer>` high on the page nests the article in it."""
    blocks = [block("html > body > footer > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY),
              block("html > body > footer > p:nth-of-type(2)", PROSE, ARTICLE_BODY)]
    for b in blocks:
        b.html = replace(b.html, context=("t:footer", "t:p"))
    before = [b.role_scores for b in blocks]
    refine_roles(blocks)
    assert [b.role_scores for b in blocks] == before


def test_text_in_a_form_is_neither_the_region_nor_taken_for_a_missed_article() -> None:
    """A petition's long text above its signature box outweighs a short article; a comment
    form sits in the container the missed-article fallback takes."""
    art, form = "html > body > main > article", "html > body > main > aside > form"
    blocks = [block(f"{art} > h1", "Library stays open", ARTICLE_BODY),
              block(f"{art} > p", PROSE, ARTICLE_BODY),
              block(f"{form} > div > p", PROSE * 3, ARTICLE_BODY),
              block(f"{form} > div > label", "Your name", "OTHER_BOILERPLATE")]
    refine_roles(blocks)
    assert article_region(blocks) == art
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 2 + ["OTHER_BOILERPLATE"] * 2

    missed = [block(f"{art} > p:nth-of-type(1)", PROSE * 2, "RELATED_TEASER"),
              block(f"{art} > p:nth-of-type(2)", PROSE, "RELATED_TEASER"),
              block(f"{art} > form > p", "Leave a reply. " + PROSE, "OTHER_BOILERPLATE")]
    refine_roles(missed)
    assert [b.role for b in missed] == [ARTICLE_BODY] * 2 + ["OTHER_BOILERPLATE"]


def test_a_form_that_wraps_the_page_is_not_a_form_a_reader_fills_in() -> None:
    """ASP.NET pages put one `<form>` around everything; a search box inside it is a form."""
    page = "html > body > form > div"
    blocks = [block(f"{page} > h1", "Library stays open", ARTICLE_BODY),
              block(f"{page} > p:nth-of-type(1)", PROSE, ARTICLE_BODY),
              block(f"{page} > p:nth-of-type(2)", PROSE, ARTICLE_BODY),
              block(f"{page} > div > form > label", "Search", "NAVIGATION")]
    assert in_a_form(blocks) == [False, False, False, True]


def test_a_box_that_sells_access_is_a_pitch_for_paid_support() -> None:
    """A journal's "buy this article" box and subscription offer beside the abstract:
    "subscription-for-money pitches" are DONATION_APPEAL by LABELING.md."""
    art = "html > body > main"
    blocks = [block(f"{art} > h1", "Why the library stays open", ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(1) > p", PROSE * 2, ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(2) > p", "Instant access to the full article PDF.", ARTICLE_BODY),
              block(f"{art} > div:nth-of-type(3) > p", "Immediate online access to all issues from 2019. "
                    "Subscription will auto renew annually.", ARTICLE_BODY)]
    blocks[2].html = replace(blocks[2].html, context=("t:p", "c:buybox", "c:info", "c:box"))
    blocks[3].html = replace(blocks[3].html, context=("t:p", "c:buybox", "c:subscription", "c:box"))
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 2 + ["DONATION_APPEAL"] * 2


def test_a_list_of_the_articles_tags_is_navigation() -> None:
    """"Tag and topic lists" are NAVIGATION by LABELING.md. Only short blocks, by whole class
    words near them: WordPress classes the `<article>` `tag-<name>` for each of its tags."""
    art = "html > body > article"
    blocks = [block(f"{art} > h1", "Library stays open", ARTICLE_BODY),
              block(f"{art} > p:nth-of-type(1)", PROSE * 2, ARTICLE_BODY),
              block(f"{art} > p:nth-of-type(2)", PROSE * 2, ARTICLE_BODY),
              block(f"{art} > div > span", "Tags: libraries, council, winter", ARTICLE_BODY, link_chars=25)]
    for b in blocks[:3]:
        b.html = replace(b.html, context=("t:p", "c:post", "c:tag", "t:article"), near=("t:p", "c:post", "c:tag"))
    blocks[3].html = replace(blocks[3].html, context=("t:span", "c:tags", "c:links", "t:article"),
                             near=("t:span", "c:tags", "c:links"))
    refine_roles(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 3 + ["NAVIGATION"]
