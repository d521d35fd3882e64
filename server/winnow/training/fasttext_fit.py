"""Training a fastText supervised model from labelled lines, the way both trainers need it.

fastText reads its examples from a file; the role and the language trainers both build
their examples in memory, so this writes them to a temporary file, trains with a fixed seed
and the given settings, and removes the file whatever happens.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

import fasttext

from winnow.engine.language import LABEL


def train_supervised(examples: Iterable[tuple[str, str]], seed: int, settings: dict) -> fasttext.FastText._FastText:
    """A model trained on `(label, text)` pairs; `text` is one line of space-separated tokens."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as fh:
        for label, text in examples:
            fh.write(f"{LABEL}{label} {text}\n")
    try:
        return fasttext.train_supervised(input=fh.name, seed=seed, **settings)
    finally:
        Path(fh.name).unlink()
