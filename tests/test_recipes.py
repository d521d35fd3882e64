"""A recipe's ingredient list is the recipe (`engine/recipes.py`)."""
from __future__ import annotations

from dataclasses import replace

from winnow.engine import Engine
from winnow.engine.blocks import ARTICLE_BODY
from winnow.engine.pipeline import page_steps
from winnow.engine.recipes import ingredients_are_the_recipe

from conftest import answered_block as block

INTRO = ("Dieser Kuchen ist schnell gemacht und schmeckt der ganzen Familie. Wir backen ihn jedes Jahr "
         "im Herbst, wenn die Äpfel reif sind.")
INGREDIENTS = ["500 g Mehl", "250 g Butter", "200 g Zucker", "1 kg Äpfel", "1 Päckchen Backpulver"]
PAGE = f"""<html><body>
<nav><ul><li><a href="/">Rezepte</a></li><li><a href="/b">Backen</a></li><li><a href="/k">Kochen</a></li></ul></nav>
<main><article><h1>Apfelkuchen vom Blech</h1><p>{INTRO}</p>
<div class="recipe-ingredients"><h2>Zutaten</h2><ul>
{"".join(f'<li class="ingredient">{item}</li>' for item in INGREDIENTS)}
</ul></div>
<h2>Zubereitung</h2>
<p>Den Ofen auf 180 Grad vorheizen. Mehl, Butter und Zucker zu einem glatten Teig verkneten und auf dem Blech verteilen.</p>
<p>Die Äpfel schälen, in Spalten schneiden und auf den Teig legen. Den Kuchen etwa vierzig Minuten goldbraun backen.</p>
</article></main>
<aside><h3>Mehr Rezepte</h3><ul><li><a href="/x">Zwetschgenkuchen</a></li><li><a href="/y">Käsekuchen</a></li></ul></aside>
</body></html>"""


def test_an_ingredient_list_that_reads_like_a_menu_is_the_article() -> None:
    """The role model alone calls these short lines navigation; the markup names them."""
    roles = {b.text: b.role for b in Engine().classify_html(PAGE).blocks}
    assert [roles[item] for item in INGREDIENTS] == [ARTICLE_BODY] * len(INGREDIENTS)
    assert roles["Zutaten"] == ARTICLE_BODY
    assert {roles[t] for t in ("Rezepte", "Backen", "Zwetschgenkuchen", "Käsekuchen")} == {"NAVIGATION"}


def test_links_in_an_ingredient_list_and_lists_without_the_name_keep_their_roles() -> None:
    path = "html > body > main > div > ul > li"
    blocks = [block(f"{path}:nth-of-type(1)", "500 g Mehl", "NAVIGATION"),
              block(f"{path}:nth-of-type(2)", "Mehl im Shop kaufen", "NAVIGATION", link_chars=19),
              block("html > body > nav > ul > li", "Backen", "NAVIGATION")]
    for b in blocks[:2]:
        b.html = replace(b.html, context=("c:ingredients", "c:recipe", "t:li", "t:ul"))
    blocks[2].html = replace(blocks[2].html, context=("t:li", "t:nav", "t:ul"))
    ingredients_are_the_recipe(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY, "NAVIGATION", "NAVIGATION"]
    assert blocks[0].role_scores[0] == (ARTICLE_BODY, blocks[0].role_confidence)


def test_an_ingredient_between_two_linked_ones_stays_the_recipe() -> None:
    """The teaser step takes a short block between two teasers out of the article; the
    ingredient step runs after it, so a linked ingredient on each side does not do that."""
    art = "html > body > main > article"
    blocks = [block(f"{art} > h1", "Apfelkuchen vom Blech", ARTICLE_BODY),
              block(f"{art} > p:nth-of-type(1)", INTRO, ARTICLE_BODY),
              block(f"{art} > p:nth-of-type(2)", INTRO, ARTICLE_BODY),
              block(f"{art} > ul > li:nth-of-type(1)", "200 g Zucker", "RELATED_TEASER", link_chars=12),
              block(f"{art} > ul > li:nth-of-type(2)", "6 mittelgroße Eier", "RELATED_TEASER"),
              block(f"{art} > ul > li:nth-of-type(3)", "1 Päckchen Backpulver", "RELATED_TEASER", link_chars=21)]
    for b in blocks[3:]:
        b.html = replace(b.html, context=("t:li", "c:ingredient", "t:ul", "c:ingredients", "t:article"))
    page_steps(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 3 + ["RELATED_TEASER", ARTICLE_BODY, "RELATED_TEASER"]


def test_plain_text_passes_through() -> None:
    result = Engine().classify("Zutaten\n\n500 g Mehl\n\n250 g Butter\n")
    before = [(b.role, b.role_scores) for b in result.blocks]
    ingredients_are_the_recipe(result.blocks)
    assert [(b.role, b.role_scores) for b in result.blocks] == before
