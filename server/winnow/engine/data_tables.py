"""A table of figures beside the article's text is the article's: a page-level step after the region.

LABELING.md counts lists inside the article as the article; a table inside it (a loan's rates
by term, a poll's answers by group, a match's statistics, a wine's grades) is the same kind
of content laid out in rows. Its cells are short, numeric and alike, so to a model that reads
a block and a few neighbours they pass for a menu, a teaser list or a price box, and the
cells of one table come out in three roles. trafilatura keeps such tables
(`include_tables`), and so do the gold snippets of its evaluation pages.

The page says what a data table is: a grid of cells that are mostly text, not links (its
rows of the most common width, `MIN_GRID` cells or more, number `MIN_GRID` or more and make
up `GRID_SHARE` of its rows), next to the article's text (the block just before the table or
just after it is ARTICLE_BODY). Tables that lay out a page are not grids of that shape: a one-cell box
around a byline or a "Related Stories" heading, a column of menu links, a table holding
another table (its blocks are not one run), a form's rows of a label and a field (the field
has no text). The mostly-text cells of such a table become ARTICLE_BODY. Plain-text
documents have no markup and pass through unchanged.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from winnow.engine.article_region import nearest
from winnow.engine.blocks import ARTICLE_BODY, Block, on_a_page
from winnow.engine.features import mostly_text, parent_path, signature

#: A data table has at least this many rows of its most common width, and that width is at
#: least this many cells.
MIN_GRID = 2
#: ... and the rows of that width are at least this share of its rows.
GRID_SHARE = 0.6
#: At least this share of a data table's blocks are mostly text (a table of links is a menu).
TEXT_CELL_SHARE = 0.7
CELL_TAGS = frozenset({"td", "th"})


def tables_in_the_article(blocks: Sequence[Block]) -> None:
    """Gives ARTICLE_BODY to the mostly-text cells of each data table next to article text."""
    if not on_a_page(blocks):
        return
    tables: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        if "table" not in block.path:  # most blocks: no need to read the path step by step
            continue
        steps = block.path.split(" > ")
        table = nearest(steps, "table", range(len(steps) - 1, -1, -1))
        if table:
            tables.setdefault(table, []).append(i)
    for table, indexes in tables.items():
        first, last = indexes[0], indexes[-1]
        cells = blocks[first:last + 1]
        if (len(indexes) != len(cells) or not _beside_the_article(blocks, first, last)
                or sum(map(mostly_text, cells)) < TEXT_CELL_SHARE * len(cells) or not _is_a_grid(table, cells)):
            continue
        for cell in cells:
            if cell.role != ARTICLE_BODY and mostly_text(cell):
                cell.move_role(cell.role, ARTICLE_BODY)


def _beside_the_article(blocks: Sequence[Block], first: int, last: int) -> bool:
    return ((first > 0 and blocks[first - 1].role == ARTICLE_BODY)
            or (last + 1 < len(blocks) and blocks[last + 1].role == ARTICLE_BODY))


def _is_a_grid(table: str, cells: Sequence[Block]) -> bool:
    """Are the blocks of the table at `table` (a path from `article_region.nearest`) in rows
    of `<td>`/`<th>` cells, most of them of one width of `MIN_GRID` cells or more?"""
    row_cells: set[str] = set()
    for block in cells:
        steps = block.path[len(table):].split(" > ")
        kinds = [signature(step) for step in steps]
        row = kinds.index("tr") if "tr" in kinds else -1
        if row < 0 or row + 1 >= len(kinds) or kinds[row + 1] not in CELL_TAGS:
            return False
        row_cells.add(" > ".join(steps[: row + 2]))
    widths = Counter(Counter(parent_path(cell) for cell in row_cells).values())
    rows = sum(widths.values())
    width, count = widths.most_common(1)[0]
    return width >= MIN_GRID and count >= MIN_GRID and count >= GRID_SHARE * rows
