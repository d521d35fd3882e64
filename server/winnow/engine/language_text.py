"""The text winnow's own language model reads, in training and at run time alike.

It has a module of its own because the model is a function of it: `winnow-train-language`
records this file's digest with the model, and a test fails when the two part, so an edit
here cannot leave a stale model in the repo unnoticed.
"""
from __future__ import annotations

import re

THAI_CHAR = re.compile("[\u0e00-\u0e7f]")
#: Runs of non-letters (what `text_shape.letters` drops): the first keeps the Thai block,
#: whose vowel signs and tone marks are no word characters; the second, faster, is the
#: same for text without Thai.
_NON_LETTERS_THAI = re.compile(r"(?:(?![\u0e00-\u0e7f])[\W\d_])+")
_NON_LETTERS = re.compile(r"[\W\d_]+")


def model_text(text: str) -> str:
    """Lower-case letters, single spaces: digits and punctuation say nothing of a language."""
    pattern = _NON_LETTERS_THAI if THAI_CHAR.search(text) else _NON_LETTERS
    return pattern.sub(" ", text.lower()).strip()
