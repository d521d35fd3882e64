"""Cheap facts about a string's letters, shared by the language and role stages."""
from __future__ import annotations

import re

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    """One line, single spaces: fastText rejects `\\n` and splits on white space anyway."""
    return _SPACE.sub(" ", text).strip()


def strip_urls(text: str) -> str:
    """Text without URLs and e-mail addresses, whose letters say nothing of a language."""
    return _URL.sub(" ", text)


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def letters(text: str) -> list[str]:
    """The alphabetic characters of `text` (Thai vowel signs and tone marks count too)."""
    return [c for c in text if c.isalpha() or is_thai(c)]
