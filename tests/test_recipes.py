"""A recipe's ingredient list and details are the recipe (`engine/recipes.py`)."""
from __future__ import annotations

from dataclasses import replace

from winnow.engine import Engine
from winnow.engine.blocks import ARTICLE_BODY
from winnow.engine.pipeline import page_steps
from winnow.engine.recipes import recipe_parts_are_the_article

from conftest import answered_block as block

INTRO = ("Dieser Kuchen ist schnell gemacht und schmeckt der ganzen Familie. Wir backen ihn jedes Jahr "
         "im Herbst, wenn die Äpfel reif sind.")
INGREDIENTS = ["500 g Mehl", "250 g Butter", "200 g Zucker", "1 kg Äpfel", "1 Päckchen Backpulver"]
#: Times and servings, then nutrition facts.
DETAILS = ["Zubereitungszeit 20 Minuten", "Backzeit 40 Minuten", "für 12 Stück", "320 kcal", "4 g Eiweiß"]
PAGE = f"""<html><body>
<nav><ul><li><a href="/">Rezepte</a></li><li><a href="/b">Backen</a></li><li><a href="/k">Kochen</a></li></ul></nav>
<main><article class="recipe"><h1>Apfelkuchen vom Blech</h1><p>{INTRO}</p>
<ul class="recipe-meta"><li class="prep-time">{DETAILS[0]}</li><li class="cook-time">{DETAILS[1]}</li>
<li class="servings">{DETAILS[2]}</li></ul>
<div class="recipe-ingredients"><h2>Zutaten</h2><ul>
{"".join(f'<li class="ingredient">{item}</li>' for item in INGREDIENTS[:-1])}
<li class="ingredient"><a href="/shop/backpulver">{INGREDIENTS[-1]}</a></li>
</ul></div>
<h2>Zubereitung</h2>
<p>Den Ofen auf 180 Grad vorheizen. Mehl, Butter und Zucker zu einem glatten Teig verkneten und auf dem Blech verteilen.</p>
<p>Die Äpfel schälen, in Spalten schneiden und auf den Teig legen. Den Kuchen etwa vierzig Minuten goldbraun backen.</p>
<div class="nutrition"><h3>Nährwerte pro Stück</h3><ul>{"".join(f"<li>{item}</li>" for item in DETAILS[3:])}</ul></div>
</article></main>
<aside><h3>Mehr Rezepte</h3><ul><li><a href="/x">Zwetschgenkuchen</a></li><li><a href="/y">Käsekuchen</a></li></ul></aside>
</body></html>"""


def test_an_ingredient_list_and_details_that_read_like_a_menu_are_the_article() -> None:
    """The role model alone calls these short lines navigation, teasers or boilerplate; the
    markup names them. The last ingredient is a link to the shop."""
    roles = {b.text: b.role for b in Engine().classify_html(PAGE).blocks}
    assert [roles[item] for item in INGREDIENTS + DETAILS] == [ARTICLE_BODY] * len(INGREDIENTS + DETAILS)
    assert roles["Zutaten"] == ARTICLE_BODY
    assert {roles[t] for t in ("Rezepte", "Backen", "Zwetschgenkuchen", "Käsekuchen")} == {"NAVIGATION"}


def test_a_menu_by_ingredient_and_lists_without_the_name_keep_their_roles() -> None:
    """A linked ingredient is the recipe; the same link in the site's menu, or in a list
    no class names, is not."""
    path = "html > body > main > div > ul > li"
    blocks = [block(f"{path}:nth-of-type(1)", "500 g Mehl", "NAVIGATION"),
              block(f"{path}:nth-of-type(2)", "Dr. Oetker Backin", "NAVIGATION", link_chars=17),
              block("html > body > nav > ul > li", "Dr. Oetker Backin", "NAVIGATION", link_chars=17),
              block("html > body > main > ul > li", "Backen", "NAVIGATION")]
    for b in blocks[:2]:
        b.html = replace(b.html, context=("c:ingredients", "c:recipe", "t:li", "t:ul"))
    blocks[2].html = replace(blocks[2].html, context=("t:li", "c:ingredients", "t:ul", "t:nav"))
    blocks[3].html = replace(blocks[3].html, context=("t:li", "t:ul", "t:main"))
    recipe_parts_are_the_article(blocks)
    assert [b.role for b in blocks] == [ARTICLE_BODY, ARTICLE_BODY, "NAVIGATION", "NAVIGATION"]
    assert blocks[0].role_scores[0] == (ARTICLE_BODY, blocks[0].role_confidence)


def test_times_count_only_as_whole_words_inside_a_recipe() -> None:
    """`time` names a recipe's time in a recipe, a teaser's date outside one, and is part of
    other words (`timeline`); servings and nutrition words need the recipe too."""
    path = "html > body > main > div > span"
    cases = {("c:recipe", "c:cook", "c:time"): ARTICLE_BODY,
             ("c:recipe", "c:nutrition", "c:facts"): ARTICLE_BODY,
             ("c:teaser", "c:time"): "RELATED_TEASER",
             ("c:recipe", "c:timeline"): "RELATED_TEASER",
             ("c:product", "c:nutrition"): "RELATED_TEASER"}
    blocks = [block(path, "20 Minuten", "RELATED_TEASER") for _ in cases]
    for b, context in zip(blocks, cases):
        b.html = replace(b.html, context=context, near=context)
    recipe_parts_are_the_article(blocks)
    assert [b.role for b in blocks] == list(cases.values())


def test_an_ingredient_between_two_linked_ones_stays_the_recipe() -> None:
    """The teaser step takes a short block between two teasers out of the article; the
    ingredient step runs after it, so a linked ingredient on each side does not do that
    (and the linked ones are the recipe too)."""
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
    assert [b.role for b in blocks] == [ARTICLE_BODY] * 6


def test_plain_text_passes_through() -> None:
    result = Engine().classify("Zutaten\n\n500 g Mehl\n\n250 g Butter\n")
    before = [(b.role, b.role_scores) for b in result.blocks]
    recipe_parts_are_the_article(result.blocks)
    assert [(b.role, b.role_scores) for b in result.blocks] == before
