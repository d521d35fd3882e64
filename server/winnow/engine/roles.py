"""Per-block roles from two fastText supervised models, stacked.

Stage one reads each block with its neighbours' words and shapes (`features.py`).
Stage two reads the same tokens plus the roles stage one gave the nearby blocks, which
is how a run (a teaser list, a donation box) pulls in a block that alone looks like
article prose. Both models are trained by `winnow-train` and ship in `models/`.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import fasttext

from winnow.engine.blocks import ROLES, Block
from winnow.engine.features import context_features, document_features
from winnow.engine.language import LABEL, MODELS, file_version

DEFAULT_STAGE_ONE = MODELS / "roles.stage1.ftz"
DEFAULT_STAGE_TWO = MODELS / "roles.stage2.ftz"

RoleScores = list[tuple[str, float]]


def predict(model: fasttext.FastText._FastText, lines: Sequence[Sequence[str]]) -> list[RoleScores]:
    """Every role's probability for each token list, most probable first."""
    if not lines:
        return []
    labels, probs = model.f.multilinePredict(
        [" ".join(tokens) + "\n" for tokens in lines], len(ROLES), 0.0, "replace"
    )
    return [
        [(lab.removeprefix(LABEL), min(1.0, float(p))) for lab, p in zip(row_labels, row_probs)]
        for row_labels, row_probs in zip(labels, probs)
    ]


def stage_two_features(stage_one_lines: Sequence[Sequence[str]], stage_one: Sequence[RoleScores]) -> list[list[str]]:
    """Stage-one tokens plus the roles stage one chose around each block."""
    chosen = [scores[0][0] for scores in stage_one]
    return [list(line) + context_features(chosen, i, confidence=scores[0][1])
            for i, (line, scores) in enumerate(zip(stage_one_lines, stage_one))]


class RoleClassifier:
    """Gives every block of a document one role and the probability of each."""

    def __init__(self, stage_one: Path = DEFAULT_STAGE_ONE, stage_two: Path = DEFAULT_STAGE_TWO) -> None:
        self._stage_one = fasttext.load_model(str(stage_one))
        self._stage_two = fasttext.load_model(str(stage_two))
        self.version = f"{file_version(stage_one)}+{file_version(stage_two)}"

    def classify(self, blocks: Sequence[Block], doc_language: str) -> list[RoleScores]:
        lines = document_features(blocks, doc_language)
        first = predict(self._stage_one, lines)
        return predict(self._stage_two, stage_two_features(lines, first))
