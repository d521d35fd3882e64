"""Generated documents as HTML pages: the parser sees exactly the blocks the page claims to show."""
from __future__ import annotations

import html
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env
from winnow.engine.html_text import html_to_blocks
from winnow.training.generate import KINDS, LANGUAGES, SECTIONS, generate
from winnow.training.html_render import TEMPLATES, render_html

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "sentences"
ROLES = {"ARTICLE_BODY", "NAVIGATION", "RELATED_TEASER", "DONATION_APPEAL", "OTHER_BOILERPLATE"}


@pytest.fixture(scope="module")
def docs():
    return generate(CORPUS, 320, seed=7)


@pytest.fixture(scope="module")
def pages(docs):
    rng = random.Random(1)
    return [render_html(doc, rng) for doc in docs]


def test_the_parser_extracts_exactly_the_rendered_blocks(pages):
    for page in pages:
        assert [b.text for b in html_to_blocks(page.html)] == [b.text for b in page.blocks], page.template


def test_every_template_role_and_language_is_rendered(pages):
    assert {p.template for p in pages} == set(TEMPLATES)
    assert {b.role for p in pages for b in p.blocks} == ROLES
    assert {b.lang for p in pages for b in p.blocks} == set(LANGUAGES)
    for template in TEMPLATES:
        shown = [b for p in pages if p.template == template for b in p.blocks]
        assert {b.role for b in shown} == ROLES, template


def test_every_language_gets_pages_in_several_templates(docs, pages):
    for lang in LANGUAGES:
        templates = {p.template for d, p in zip(docs, pages) if d.language == lang}
        assert len(templates) >= 5, lang


def test_rendered_blocks_keep_their_section_and_role(docs, pages):
    """A block may be split, merged or dropped, but stays in its section with one of its section's roles."""
    for doc, page in zip(docs, pages):
        roles = {}
        for b in doc.blocks:
            roles.setdefault(b.group, set()).add(b.role)
        sections = {b.group: b.section for b in doc.blocks}
        for b in page.blocks:
            assert b.section == sections[b.group]
            assert b.role in roles[b.group]


def test_thumbnails_become_alt_text_not_blocks(docs, pages):
    thumbs = [(b.text, p) for d, p in zip(docs, pages) for b in d.blocks if b.kind == "thumb"]
    assert thumbs
    assert not any(b.kind == "thumb" for p in pages for b in p.blocks)
    for text, page in thumbs:
        assert f'alt="{html.escape(text)}"' in page.html


def test_pages_carry_invisible_noise(pages):
    html = "".join(p.html for p in pages)
    for marker in ("<script", "<style", "<noscript>", "application/ld+json", "<template>", "display:none",
                   "aria-hidden", "<!--", 'alt="'):
        assert marker in html, marker


def test_the_same_rng_seed_renders_the_same_pages(docs):
    first = [render_html(d, random.Random(3)).html for d in docs[:30]]
    second = [render_html(d, random.Random(3)).html for d in docs[:30]]
    assert first == second
    assert first != [render_html(d, random.Random(4)).html for d in docs[:30]]


def test_rendering_draws_only_from_the_rng_it_is_given(docs, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the global random module was used")

    for name in ("random", "choice", "choices", "randint", "randrange", "sample", "shuffle", "uniform"):
        monkeypatch.setattr(random, name, forbidden)
    for doc in docs[:20]:
        render_html(doc, random.Random(0))


def test_pages_do_not_depend_on_the_hash_seed():
    script = ("import hashlib, random; from pathlib import Path; from winnow.training.generate import generate; "
              "from winnow.training.html_render import render_html; rng = random.Random(2); "
              f"docs = generate(Path({str(CORPUS)!r}), 25, seed=5); "
              "print(hashlib.sha256(''.join(render_html(d, rng).html for d in docs).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], env={**subprocess_env(), "PYTHONHASHSEED": seed},
                              check=True, capture_output=True, text=True).stdout for seed in ("1", "2")}
    assert len(digests) == 1


# -- the generator's text rendering, which the HTML one must leave as it was --------------


def test_text_documents_are_one_block_a_line(docs):
    for doc in docs:
        rng = random.Random(0)
        text = doc.text(rng)
        assert text.endswith("\n")
        sep = "\n\n" if random.Random(0).random() < 0.5 else "\n"
        assert text == sep.join(b.text for b in doc.blocks) + "\n"
        assert doc.gold() == {"document": f"{doc.name}.txt",
                              "blocks": [{"text": b.text, "role": b.role, "lang": b.lang} for b in doc.blocks]}


def test_sections_group_a_documents_blocks_in_order(docs):
    for doc in docs:
        sections = doc.sections()
        assert [b for s in sections for b in s.blocks] == doc.blocks
        assert all(b.section == s.name for s in sections for b in s.blocks)
        groups = [s.blocks[0].group for s in sections]
        assert groups == list(range(len(groups)))
        assert [s.name for s in sections].count("article") == 1
    assert {b.section for d in docs for b in d.blocks} == set(SECTIONS)
    assert {b.kind for d in docs for b in d.blocks} == set(KINDS)


def test_the_same_seed_generates_the_same_sections():
    first, second = generate(CORPUS, 10, seed=11), generate(CORPUS, 10, seed=11)
    assert [(b.section, b.kind, b.group, b.item, b.anchors) for d in first for b in d.blocks] == \
           [(b.section, b.kind, b.group, b.item, b.anchors) for d in second for b in d.blocks]


# -- the forms real pages give teasers, links and picture credits --------------------------


def test_phrase_banks_share_their_keys_and_cover_every_language():
    from winnow.training.generate import load_phrasebanks

    banks = load_phrasebanks()
    assert set(banks) == set(LANGUAGES) >= {"en", "cs", "es", "th", "de", "fr", "pt"}
    for lang, bank in banks.items():
        assert list(bank) == list(banks["en"]), lang
        assert all(bank[key] for key in bank), lang


def test_documents_come_in_every_language_the_supported_ones_most(docs):
    from collections import Counter

    counts = Counter(d.language for d in docs)
    assert set(counts) == set(LANGUAGES)
    assert sum(counts[lang] for lang in ("en", "cs", "es", "th")) > len(docs) / 2


def test_some_teaser_lists_sit_inside_the_article_element(pages):
    from selectolax.lexbor import LexborHTMLParser

    inside = 0
    for page in pages:
        teasers = [b.text for b in page.blocks if b.role == "RELATED_TEASER" and b.section in ("teasers", "inline_teasers")]
        if not teasers or "<article" not in page.html:
            continue
        articles = LexborHTMLParser(page.html).css("article")
        text = " ".join(" ".join(a.text(separator=" ").split()) for a in articles)
        inside += any(t in text for t in teasers)
    assert inside >= 10
    share = sum(any(b.section == "inline_teasers" for b in p.blocks) for p in pages) / len(pages)
    assert 0.15 < share < 0.5


def test_teaser_titles_and_excerpts_merge_into_one_linked_block(docs, pages):
    entries = [(b, p) for p in pages for b in p.blocks if b.kind == "entry"]
    assert len(entries) >= 20
    for b, page in entries:
        assert b.role == "RELATED_TEASER" and b.anchors and b.text.startswith(b.anchors[0])
        assert len(b.text) > len(b.anchors[0])
        title = html.escape(b.anchors[0], quote=False)
        assert f">{title}</a>" in page.html or f"<b>{title}</b></a>" in page.html
    # ranked and dated titles: more than the link on the title's line
    decorated = [b for p in pages for b in p.blocks if b.kind == "title" and b.anchors and b.text != b.anchors[0]]
    assert any(b.text[0].isdigit() or b.text.startswith("#") for b in decorated)
    assert any(b.text.startswith(b.anchors[0]) for b in decorated)
    # the text rendering keeps each one a line
    for doc in docs:
        lines = doc.text(random.Random(0)).split("\n")
        assert all(b.text in lines for b in doc.blocks if b.kind in ("entry", "prevnext"))


def test_previous_next_lines_link_both_stories(pages):
    lines = [(b, p) for p in pages for b in p.blocks if b.kind == "prevnext"]
    assert lines
    for b, page in lines:
        assert b.role == "RELATED_TEASER" and b.section == "inline_teasers"
        for title in b.anchors:
            assert f">{html.escape(title, quote=False)}</a>" in page.html


def test_article_furniture_that_looks_like_teasers_stays_article_body(docs, pages):
    credits = [b for p in pages for b in p.blocks if b.kind == "credit"]
    assert credits and all(b.role == "ARTICLE_BODY" for b in credits)
    posted = [b for d in docs for b in d.blocks if b.kind == "byline" and len(b.anchors) > 1]
    assert posted and all(b.role == "ARTICLE_BODY" for b in posted)
    linked_headlines = 0
    for page in pages:
        headline = next((b.text for b in page.blocks if b.kind == "headline"), None)
        if headline and f">{html.escape(headline, quote=False)}</a></h" in page.html:
            linked_headlines += 1
    assert linked_headlines >= 10
