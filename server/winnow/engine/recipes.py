"""A recipe's ingredients and details are the recipe: a page-level step after the role model.

An ingredient list is a column of short lines ("200 g Mehl", "1 Prise Salz") that reads,
to a model that sees a block and a few neighbours, like a menu or a list of teaser
titles; a recipe's details (its times, servings and nutrition facts: "Prep Time 15 mins",
"für 12 Stück", "390 kcal") read like a teaser's metadata or a table of figures. Recipe
pages are common on the web and the training pages have none. The page says what the
lines are: recipe sites and their plugins name the elements (`ingredients`,
`wprm-recipe-ingredient`, `zutaten`, `ingredientes`; `wprm-recipe-time`,
`recipe-servings`, `recipe-nutrition`, `nutrients`). LABELING.md counts lists inside the
article as the article, so those blocks are ARTICLE_BODY.

Sites link an ingredient to its glossary entry or to the product they sell ("Dr. Oetker
Vanillin-Zucker"), so a linked line in an ingredient list is still the recipe; only the
site's chrome (`nav`, `header`, `footer`, `aside`, an ARIA navigation), where a menu of
recipes by ingredient sits, keeps its role. Plain-text documents have no markup and pass
through unchanged.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence

from winnow.engine.blocks import ARTICLE_BODY, Block, on_a_page

#: Parts of class and id words (`markup.element_tokens`' `c:` tokens) that name an
#: ingredient list, in the languages we serve and their neighbours: English, Spanish and
#: Portuguese (`ingredient-e`), German, Czech (`ingredience`, `suroviny`, `prisady`).
INGREDIENT_WORDS = ("ingredient", "zutat", "ingredience", "surovin", "prisad")
#: Parts of class and id words that name a recipe: the element a recipe's details sit in.
RECIPE_WORDS = ("recipe", "rezept", "receta", "recept", "recette")
#: Parts of class and id words that name a recipe's servings or nutrition facts.
DETAIL_WORDS = ("serving", "portion", "yield", "nutri", "naehrwert", "nahrwert", "calori", "kalori", "kcal")
#: Whole class and id words that name a recipe's times, read on the block's element and its
#: nearest ancestors (`HtmlBlock.near`): whole, because `time` and `zeit` are parts of
#: `timeline` and `zeitung`.
TIME_TOKENS = frozenset({"c:time", "c:times", "c:preparation", "c:cooktime", "c:preptime", "c:totaltime",
                         "c:zeit", "c:zeiten", "c:tiempo", "c:cas"})
#: The site's chrome, where a menu of recipes by ingredient sits.
CHROME_TOKENS = frozenset({"t:nav", "t:header", "t:footer", "t:aside", "aria:navigation"})


def recipe_parts_are_the_article(blocks: Sequence[Block]) -> None:
    """Gives ARTICLE_BODY to the blocks of an element named as a recipe's ingredients or details."""
    if not on_a_page(blocks):
        return
    for block in blocks:
        if block.role != ARTICLE_BODY and _part_of_a_recipe(block):
            block.move_role(block.role, ARTICLE_BODY)


def _part_of_a_recipe(block: Block) -> bool:
    context = block.html.context
    if not CHROME_TOKENS.isdisjoint(context):
        return False
    if _names(context, INGREDIENT_WORDS):
        return True
    return _names(context, RECIPE_WORDS) and (
        _names(context, DETAIL_WORDS) or not TIME_TOKENS.isdisjoint(block.html.near))


def _names(tokens: Collection[str], words: Sequence[str]) -> bool:
    return any(token.startswith("c:") and any(word in token for word in words) for token in tokens)
