"""Our scorer gives the figures of ../shared/tools/score.py on the same predictions."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SHARED
from winnow.engine import Engine
from winnow.evaluation.evaluate import evaluate, load_set

REFERENCE = SHARED / "tools" / "score.py"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def reference_figures(gold: list[dict], predictions: list[dict], tmp_path) -> dict:
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    for path, rows in ((gold_path, gold), (pred_path, predictions)):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = subprocess.run([sys.executable, str(REFERENCE), "--gold", str(gold_path), "--pred", str(pred_path)],
                         capture_output=True, text=True, check=False)
    return json.loads(out.stdout[: out.stdout.rindex("}") + 1])


@pytest.mark.parametrize("name, limit", [("seeds", None), ("generated", 25), ("l3s-gn1", 12), ("trafilatura", 25)])
def test_figures_equal_the_reference_scorers(engine, tmp_path, name, limit):
    docs = load_set(name, limit)
    ours, predictions = evaluate(engine, docs, name)
    theirs = reference_figures([gold for _, _, gold in docs], predictions, tmp_path)
    assert {k: v for k, v in ours.items() if not k.startswith("doc_lang")} == theirs
    assert ours["documents"] == len(docs) and ours["documents_without_prediction"] == 0
