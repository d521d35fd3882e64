"""The paired bootstrap that says whether a snippet-F1 gap is more than the pages' draw."""
from __future__ import annotations

import pytest

from winnow.evaluation.paired_bootstrap import difference_interval, f1


def test_the_same_system_twice_differs_by_nothing():
    pages = [(3, 1, 0), (2, 0, 1), (4, 2, 1), (1, 0, 2)]
    assert difference_interval(pages, pages) == (0.0, 0.0)


def test_a_system_better_on_every_page_is_better_on_every_draw():
    ours = [(3, 0, 0), (2, 0, 1), (4, 1, 0), (3, 0, 0)] * 10
    theirs = [(2, 1, 1), (1, 1, 2), (3, 2, 1), (2, 1, 1)] * 10
    low, high = difference_interval(ours, theirs)
    assert 0 < low <= f1(ours) - f1(theirs) <= high


def test_a_gap_made_by_a_few_pages_is_not_told_from_chance():
    """Both systems equal on 38 pages; on two, each wins one. The interval straddles 0."""
    same = [(3, 1, 0)] * 38
    ours = same + [(3, 0, 0), (1, 2, 2)]
    theirs = same + [(1, 2, 2), (3, 0, 0)]
    low, high = difference_interval(ours, theirs)
    assert low < 0 < high


def test_the_interval_is_the_same_on_every_run_and_moves_with_the_seed():
    ours = [(3, 0, 1), (2, 1, 0), (1, 1, 1), (4, 0, 0), (2, 2, 1)]
    theirs = [(2, 1, 1), (3, 0, 0), (1, 0, 1), (2, 1, 2), (3, 1, 0)]
    assert difference_interval(ours, theirs) == difference_interval(ours, theirs)
    assert difference_interval(ours, theirs, seed=1) != difference_interval(ours, theirs, seed=2)


def test_counts_for_different_pages_are_refused():
    with pytest.raises(ValueError, match="same, non-empty list of pages"):
        difference_interval([(1, 0, 0)], [(1, 0, 0), (0, 1, 1)])
    with pytest.raises(ValueError):
        difference_interval([], [])
