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


_THAI = re.compile("[\u0e00-\u0e7f]")
#: A letter: a word character that is no digit or underscore, or anything in the Thai block
#: (whose vowel signs and tone marks are combining marks, not word characters).
_LETTER = re.compile("[^\\W\\d_]|[\u0e00-\u0e7f]")


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def letters(text: str) -> str:
    """The letters of `text`, in order (a regex: this runs on every block of every document)."""
    return "".join(_LETTER.findall(text))


def thai_count(text: str) -> int:
    return len(_THAI.findall(text))
