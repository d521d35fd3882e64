"""`winnow-extraction-benchmark`: its winnow figures are ../shared/tools/score.py's on the same predictions.

Only winnow's adapter and the scoring plumbing are covered: trafilatura and jusText are the
`bench` extra, not test dependencies.
"""
from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from winnow.evaluation import extraction_benchmark as bench

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE = SHARED / "tools" / "score.py"
LIMIT = 5



def reference_figures(gold: list[dict], pred_path: Path, tmp_path: Path) -> dict:
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    out = subprocess.run([sys.executable, str(REFERENCE), "--gold", str(gold_path), "--pred", str(pred_path)],
                         capture_output=True, text=True, check=False)
    return json.loads(out.stdout[: out.stdout.rindex("}") + 1])


def read_gold(set_name: str) -> list[dict]:
    with open(SHARED / "pages" / set_name / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line, _ in zip(fh, range(LIMIT))]


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[dict, Path, str]:
    """The benchmark's winnow part on LIMIT pages of each set: its JSON, predictions and table."""
    folder = tmp_path_factory.mktemp("predictions")
    args = ["--systems", "winnow", "--limit", str(LIMIT), "--predictions", str(folder)]
    printed = []
    for extra in (["--json"], []):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert bench.main(args + extra) == 0
        printed.append(out.getvalue())
    return json.loads(printed[0]), folder, printed[1]


@pytest.mark.parametrize("set_name", bench.PAGE_SETS)
def test_winnow_figures_equal_the_reference_scorers(run, set_name, tmp_path):
    report, folder, _ = run
    ours = report["sets"][set_name]["winnow"]
    pred_path = folder / f"winnow.{set_name}.jsonl"
    gold = read_gold(set_name)
    theirs = reference_figures(gold, pred_path, tmp_path)
    assert theirs["documents"] == LIMIT and theirs["documents_without_prediction"] == 0
    assert {k: ours.get(k) for k in theirs} == theirs
    if set_name == "trafilatura":
        predictions = [json.loads(line) for line in pred_path.read_text(encoding="utf-8").splitlines()]
        assert set(ours["by_language"]) == {bench.language_group(g["lang"]) for g in gold}
        for group, figures in ours["by_language"].items():
            keep = [i for i, g in enumerate(gold) if bench.language_group(g["lang"]) == group]
            sub_pred = tmp_path / f"{group}.jsonl"
            sub_pred.write_text("".join(json.dumps(predictions[i], ensure_ascii=False) + "\n" for i in keep),
                                encoding="utf-8")
            expected = reference_figures([gold[i] for i in keep], sub_pred, tmp_path)
            assert figures == {k: v for k, v in expected.items() if k.startswith("snippet.")}
        pages = bench.load_pages(set_name, LIMIT)
        views = [page.labeling_view() for page in pages]
        assert report["labeling_view_set_aside"][set_name] == sum(n for _, n in views)
        expected = reference_figures([view for view, _ in views], pred_path, tmp_path)
        assert ours["labeling_view"] == {k: v for k, v in expected.items() if k.startswith("snippet.")}
    else:
        assert "macro_f1" in ours and f"{bench.ARTICLE_BODY}.f1" in ours


def test_the_table_prints_the_same_figures(run):
    report, _, table = run
    lines = table.splitlines()

    def row(label: str) -> str:
        return next(line for line in lines if line.startswith(label + " "))

    l3s, snippets = report["sets"]["l3s-gn1"]["winnow"], report["sets"]["trafilatura"]["winnow"]
    assert row("body F1").split()[-1] == f"{l3s['ARTICLE_BODY.f1']:.4f}"
    assert row("macro-F1 (5 roles)").split()[-1] == f"{l3s['macro_f1']:.4f}"
    assert row("snippet F1").split()[-1] == f"{snippets['snippet.f1']:.4f}"
    assert row("snippet P").split()[-1] == f"{snippets['snippet.p']:.4f}"
    assert "winnow: " in table  # which route the winnow adapter took


def test_a_body_only_output_is_projected_onto_the_page_text():
    page = "Home News Sport\nThe article's first sentence. And its second.\nRelated: other story\nFooter"
    body = ["The article's first sentence.", "And its second.", "Added by the extractor"]
    assert bench.project_body(body, page) == [
        ("home news sport", bench.NOT_BODY),
        ("the article s first sentence and its second", bench.ARTICLE_BODY),
        ("related other story footer", bench.NOT_BODY),
        ("added by the extractor", bench.ARTICLE_BODY),
    ]


def test_a_missing_extractor_names_the_extra(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # importing it raises ImportError
    assert bench.main(["--systems", "trafilatura", "--limit", "1"]) == 2
    assert "pip install -e '.[bench]'" in capsys.readouterr().err


def test_the_gap_to_another_system_is_read_on_the_same_pages(run):
    """Beside winnow, a system that keeps the whole page: the interval of winnow minus it holds
    the difference of the two snippet F1 figures the scorer prints, overall and per language,
    and the table prints it in that system's column."""
    report, folder, _ = run
    pages = bench.load_pages("trafilatura", LIMIT)
    ours = bench.Run([json.loads(line) for line in (folder / "winnow.trafilatura.jsonl").read_text(
        encoding="utf-8").splitlines()], 1.0, 0)
    everything = bench.Run([{"document": p.name, "blocks": [{"text": p.text, "role": bench.ARTICLE_BODY}]}
                            for p in pages], 1.0, 0)
    gaps = bench.snippet_gaps(pages, ours, everything)
    theirs = bench.figures(pages, everything, labels_all_text=True)
    mine = report["sets"]["trafilatura"]["winnow"]
    assert set(gaps) == {"all", *mine["by_language"]}
    for group, (low, high) in gaps.items():
        if group == "all":
            difference = mine["snippet.f1"] - theirs["snippet.f1"]
        else:
            difference = mine["by_language"][group]["snippet.f1"] - theirs["by_language"][group]["snippet.f1"]
        assert low - 1e-4 <= difference <= high + 1e-4
    theirs["winnow_minus_this"] = gaps
    table = bench.format_report({"systems": ["winnow", "everything"], "settings": {},
                                 "sets": {"trafilatura": {"winnow": mine, "everything": theirs}}})
    row = next(line for line in table.splitlines() if line.startswith("snippet F1: winnow - this"))
    assert row.split()[-2:] == ["-", f"{gaps['all'][0]:+.3f}..{gaps['all'][1]:+.3f}"]
