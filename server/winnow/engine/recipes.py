"""A recipe's ingredients are the recipe: a page-level step after the role model.

An ingredient list is a column of short lines ("200 g Mehl", "1 Prise Salz") that reads,
to a model that sees a block and a few neighbours, like a menu or a list of teaser
titles; recipe pages are common on the web and the training pages have none. The page
says what the lines are: recipe sites and their plugins name the list's elements
`ingredients`, `wprm-recipe-ingredient`, `zutaten`, `ingredientes`. LABELING.md counts
lists inside the article as the article, so a mostly-text block in such an element is
ARTICLE_BODY. Plain-text documents have no markup and pass through unchanged.
"""
from __future__ import annotations

from collections.abc import Sequence

from winnow.engine.blocks import ARTICLE_BODY, Block, on_a_page
from winnow.engine.features import mostly_text

#: Parts of class and id words (`markup.element_tokens`' `c:` tokens) that name an
#: ingredient list, in the languages we serve and their neighbours: English, Spanish and
#: Portuguese (`ingredient-e`), German, Czech (`ingredience`, `suroviny`, `prisady`).
INGREDIENT_WORDS = ("ingredient", "zutat", "ingredience", "surovin", "prisad")


def ingredients_are_the_recipe(blocks: Sequence[Block]) -> None:
    """Gives ARTICLE_BODY to the mostly-text blocks of an element named as an ingredient list."""
    if not on_a_page(blocks):
        return
    for block in blocks:
        if block.role != ARTICLE_BODY and mostly_text(block) and _in_ingredient_list(block):
            block.move_role(block.role, ARTICLE_BODY)


def _in_ingredient_list(block: Block) -> bool:
    return any(token.startswith("c:") and any(word in token for word in INGREDIENT_WORDS)
               for token in block.html.context)
