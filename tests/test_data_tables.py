"""A table of figures beside the article's text is the article's (`engine/data_tables.py`)."""
from __future__ import annotations

import pytest

from winnow.engine import Engine
from winnow.engine.blocks import ARTICLE_BODY, NAVIGATION, RELATED_TEASER, Block
from winnow.engine.data_tables import tables_in_the_article

from conftest import PROSE, answered_block as block

RATES = [("5.000 €", "36 Monate", "2,0 %", "143,17 €"), ("10.000 €", "36 Monate", "2,0 %", "286,35 €"),
         ("20.000 €", "60 Monate", "3,1 %", "359,80 €")]
CELLS = [cell for row in RATES for cell in row]
PAGE = f"""<html><body>
<nav><ul><li><a href="/">Start</a></li><li><a href="/k">Kredite</a></li><li><a href="/v">Vergleich</a></li></ul></nav>
<main><article><h1>Was kostet ein Privatkredit?</h1>
<p>Die Zinsen für einen Kredit hängen vor allem von der Summe und der Laufzeit ab. Wer länger zahlt, zahlt am
Ende mehr Zinsen, auch wenn die monatliche Rate kleiner wird.</p>
<table><tbody><tr><th>Kreditsumme</th><th>Laufzeit</th><th>Zins</th><th>Rate</th></tr>
{"".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in RATES)}
</tbody></table>
<p>Die Tabelle zeigt, wie stark die Rate mit der Laufzeit sinkt. Vergleichen Sie deshalb immer den effektiven
Jahreszins und die Gesamtkosten.</p>
</article></main>
<aside><h3>Mehr zum Thema</h3><ul><li><a href="/x">Kredit umschulden</a></li><li><a href="/y">Dispo ablösen</a></li></ul></aside>
</body></html>"""

ARTICLE = "html > body > main > article"


def test_the_cells_of_a_rates_table_in_an_article_are_the_article() -> None:
    """The role model alone reads these cells as a menu and a teaser list; the page's grid says
    they are figures of the article. (The header row's one-word cells are the corrector's to
    judge, as any short line is.)"""
    roles = {b.text: b.role for b in Engine().classify_html(PAGE).blocks}
    assert [roles[cell] for cell in CELLS] == [ARTICLE_BODY] * len(CELLS)
    assert {roles[t] for t in ("Start", "Kredite", "Kredit umschulden", "Dispo ablösen")} == {NAVIGATION}


def table(where: str, rows: list[tuple[str, ...]], role: str = RELATED_TEASER, link_chars: int = 0) -> list[Block]:
    """The blocks of a table at `where`, one per cell, as the role model answered them."""
    return [block(f"{where} > table > tbody > tr:nth-of-type({r}) > td:nth-of-type({c})", text, role,
                  link_chars=len(text) if link_chars else 0)
            for r, row in enumerate(rows, 1) for c, text in enumerate(row, 1)]


def page(cells: list[Block], before: str = ARTICLE_BODY, after: str = ARTICLE_BODY) -> list[Block]:
    return [block("html > body > nav > ul > li", "Start", NAVIGATION),
            block(f"{ARTICLE} > p:nth-of-type(1)", PROSE, before), *cells,
            block(f"{ARTICLE} > p:nth-of-type(2)", PROSE, after),
            block("html > body > footer > p", "Impressum", NAVIGATION)]


def roles_after(blocks: list[Block]) -> list[str]:
    tables_in_the_article(blocks)
    return [b.role for b in blocks]


@pytest.mark.parametrize("before, after", [(ARTICLE_BODY, ARTICLE_BODY), (ARTICLE_BODY, NAVIGATION),
                                           (NAVIGATION, ARTICLE_BODY)])
def test_a_grid_of_text_cells_next_to_article_text_joins_the_article(before: str, after: str) -> None:
    blocks = page(table(ARTICLE, RATES), before, after)
    assert roles_after(blocks)[2:-2] == [ARTICLE_BODY] * len(CELLS)
    assert blocks[2].role_scores[0] == (ARTICLE_BODY, blocks[2].role_confidence)


def test_a_table_away_from_the_article_keeps_its_roles() -> None:
    blocks = page(table(ARTICLE, RATES), NAVIGATION, NAVIGATION)
    assert roles_after(blocks)[2:-2] == [RELATED_TEASER] * len(CELLS)


@pytest.mark.parametrize("rows", [
    [("Editor: Wang Hongjiang",), ("Related Stories",)],  # one column: a layout box
    [("Senior clubs", "1990-1994 1994-1999")],  # one row
    [("a", "b", "c"), ("d",), ("e", "f"), ("g",), ("h", "i", "j", "k")],  # no width most rows share
])
def test_a_table_that_is_not_a_grid_keeps_its_roles(rows: list[tuple[str, ...]]) -> None:
    blocks = page(table(ARTICLE, rows))
    assert set(roles_after(blocks)[2:-2]) == {RELATED_TEASER}


def test_a_table_of_links_keeps_its_roles() -> None:
    blocks = page(table(ARTICLE, RATES, NAVIGATION, link_chars=1))
    assert set(roles_after(blocks)[2:-2]) == {NAVIGATION}


def test_a_table_that_holds_another_lays_out_the_page() -> None:
    """Its blocks are not one run: the inner table's cells stand between them."""
    outer = f"{ARTICLE} > table > tbody > tr"
    inner = table(f"{outer}:nth-of-type(1) > td:nth-of-type(2)", RATES, NAVIGATION)
    blocks = page([block(f"{outer}:nth-of-type(1) > td:nth-of-type(1)", "Menu", NAVIGATION), *inner,
                   block(f"{outer}:nth-of-type(2) > td:nth-of-type(1)", "Weather", NAVIGATION),
                   block(f"{outer}:nth-of-type(2) > td:nth-of-type(2)", "Sport", NAVIGATION)])
    assert set(roles_after(blocks)[2:-2]) == {NAVIGATION}
