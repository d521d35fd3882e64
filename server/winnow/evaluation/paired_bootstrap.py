"""How far the pages' draw alone moves the difference between two systems' snippet F1.

The snippet bars compare two F1 figures a few thousandths apart on a few hundred pages, where
one page holds three to ten snippets. Whether such a gap says anything about the systems, or
only about which pages were drawn, is what a paired bootstrap answers (Koehn 2004, as
machine translation reads its BLEU gaps): draw the pages again with replacement, many times,
score both systems on each draw, and read the spread of the difference. Paired: both systems
are scored on the same draw, so a hard page counts against both at once.
"""
from __future__ import annotations

import random
from collections.abc import Sequence

from winnow.evaluation.scoring import prf

#: Draws of the pages.
RESAMPLES = 2000
SEED = 20261123
LEVEL = 0.95

Counts = tuple[int, int, int]  # a page's snippets: true positives, false positives, false negatives


def f1(pages: Sequence[Counts]) -> float:
    """Snippet F1 pooled over pages, as the scorer pools it."""
    return prf(*(sum(page[k] for page in pages) for k in range(3)))[2]


def difference_interval(ours: Sequence[Counts], theirs: Sequence[Counts], resamples: int = RESAMPLES,
                        seed: int = SEED, level: float = LEVEL) -> tuple[float, float]:
    """The central `level` interval of F1(ours) - F1(theirs) over `resamples` draws of the pages
    (percentile bootstrap). `ours[i]` and `theirs[i]` are the same page's counts."""
    if len(ours) != len(theirs) or not ours:
        raise ValueError("both systems need counts for the same, non-empty list of pages")
    rng = random.Random(seed)
    n = len(ours)
    differences = []
    for _ in range(resamples):
        drawn = [rng.randrange(n) for _ in range(n)]
        differences.append(f1([ours[i] for i in drawn]) - f1([theirs[i] for i in drawn]))
    differences.sort()
    tail = (1.0 - level) / 2
    return differences[int(tail * resamples)], differences[min(resamples - 1, int((1.0 - tail) * resamples))]
