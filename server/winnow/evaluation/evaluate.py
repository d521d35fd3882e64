"""`winnow-evaluate`: classifies labelled documents and prints how right the engine is.

Sets: the five seeds (`seeds/`, plain text, block gold), the dev pages of
`../shared/pages/` (HTML; L3S-GN1 with block roles, trafilatura with must-include/
must-exclude snippets), and held-out generated documents (a seed the training never
used), as plain text and as HTML pages, also per language. Per set it prints per-role
token precision/recall/F1, the 5-role macro-F1, per-language block accuracy and, where
there is gold for it, the snippet F1 and the share of related-content tokens leaked into
the body. The article corrector learnt from the trafilatura pages, so each of them is
corrected by the model that never saw its site (`Engine.held_out`). The figures are those of
`../shared/tools/score.py` on the same predictions (`--predictions DIR` writes them).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from tqdm import tqdm

from winnow.engine import Engine
from winnow.engine.article_corrector import ArticleCorrector
from winnow.engine.blocks import ROLES, Classification
from winnow.engine.html_text import decode_html
from winnow.engine.inputs import HTML, PLAIN_TEXT, Document, DocumentRejected
from winnow.evaluation.scoring import score
from winnow.service.convert import classification_to_response
from winnow_client.formats import response_to_dict

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
PAGES = SHARED / "pages"
CORPUS = SHARED / "corpora" / "sentences"
#: The generated evaluation documents use a seed the training never uses.
GENERATED_SEED = 7
SETS = ("seeds", "generated", "generated-html", "l3s-gn1", "trafilatura")
#: Sets whose figures are also given per document language.
PER_LANGUAGE_SETS = ("generated", "generated-html")

Labelled = tuple[str, Document, dict]  # (document name, what to classify, gold)


def classification_to_dict(name: str, result: Classification) -> dict:
    """The JSON line `winnow classify --format jsonl` prints for a document.

    Built through the same protobuf conversion and client formatting the service and the
    CLI use, so what is measured here is exactly what a caller gets.
    """
    return response_to_dict(classification_to_response(name, result), name)


def seed_documents(folder: Path = SEEDS) -> Iterator[Labelled]:
    for path in sorted(folder.glob("*.txt")):
        gold = json.loads((folder / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        yield path.name, Document(path.read_text(encoding="utf-8"), PLAIN_TEXT), gold


def generated_documents(count: int, html: bool, seed: int = GENERATED_SEED, corpus: Path = CORPUS) -> Iterator[Labelled]:
    """Held-out generated documents, as seed-style text or as HTML pages."""
    import random

    from winnow.training.generate import generate
    from winnow.training.html_render import render_html

    rng = random.Random(seed)
    for doc in generate(corpus, count, seed):
        if html:
            page = render_html(doc, rng)
            blocks = [{"text": b.text, "role": b.role, "lang": b.lang} for b in page.blocks]
            gold = {"document": f"{doc.name}.html", "lang": doc.language, "blocks": blocks}
            yield gold["document"], Document(page.html, HTML), gold
        else:
            gold = {**doc.gold(), "lang": doc.language}
            yield gold["document"], Document(doc.text(rng), PLAIN_TEXT), gold


def read_pages(dataset: str, limit: int | None, pages: Path = PAGES) -> Iterator[tuple[dict, bytes]]:
    """A dev page set's gold lines, each with its page's HTML bytes (as fetched, decompressed)."""
    folder = pages / dataset
    with open(folder / "gold.jsonl", encoding="utf-8") as fh:
        golds = [json.loads(line) for line in fh if line.strip()]
    for gold in golds[:limit]:
        yield gold, gzip.decompress((folder / gold["document"]).read_bytes())


def page_documents(dataset: str, limit: int | None, pages: Path = PAGES) -> Iterator[Labelled]:
    for gold, data in read_pages(dataset, limit, pages):
        yield gold["document"], Document(decode_html(data), HTML), gold


def load_set(name: str, limit: int | None) -> list[Labelled]:
    loaders: dict[str, Callable[[], Iterator[Labelled]]] = {
        "seeds": seed_documents,
        "generated": lambda: generated_documents(limit or 200, html=False),
        "generated-html": lambda: generated_documents(limit or 200, html=True),
        "l3s-gn1": lambda: page_documents("l3s-gn1", limit),
        "trafilatura": lambda: page_documents("trafilatura", limit),
    }
    return list(loaders[name]())


def evaluate(engine: Engine, docs: list[Labelled], desc: str) -> tuple[dict, list[dict]]:
    """Figures and predictions for labelled documents; empty documents predict no blocks."""
    predictions = []
    for name, document, _ in tqdm(docs, desc=desc, unit="doc", disable=None, leave=False):
        try:
            # a page the article corrector learnt from is corrected by the model that never saw its site
            predictions.append(classification_to_dict(name, engine.held_out(name).classify_document(document)))
        except DocumentRejected:  # a page with no visible text: nothing predicted
            predictions.append({"document": name, "language": "und", "blocks": []})
    figures = score([gold for _, _, gold in docs], predictions)
    figures.update(document_language_accuracy(docs, predictions))
    return figures, predictions


def per_language(docs: list[Labelled], predictions: list[dict]) -> dict[str, dict]:
    """The set's figures for the documents of each language (their gold's `lang`)."""
    out = {}
    for lang in sorted({gold["lang"] for _, _, gold in docs}):
        pairs = [(gold, pred) for (_, _, gold), pred in zip(docs, predictions) if gold["lang"] == lang]
        out[lang] = score([g for g, _ in pairs], [p for _, p in pairs])
    return out


def document_language_accuracy(docs: list[Labelled], predictions: list[dict]) -> dict:
    """How often the document's language is the gold's, where the gold gives one per page.

    The pages' gold has no per-block languages, only the article's; this is that check.
    (Not a figure of ../shared/tools/score.py, so it is kept apart from `score`.)
    """
    per_lang: dict[str, list[bool]] = {}
    for (_, _, gold), pred in zip(docs, predictions):
        if isinstance(gold.get("lang"), str):
            per_lang.setdefault(gold["lang"], []).append(gold["lang"] == pred["language"])
    if not per_lang:
        return {}
    hits = [hit for v in per_lang.values() for hit in v]
    out = {"doc_language_accuracy": round(sum(hits) / len(hits), 4)}
    out.update({f"doc_lang.{k}": f"{sum(v)}/{len(v)}" for k, v in sorted(per_lang.items(), key=lambda kv: -len(kv[1]))})
    return out


def format_report(name: str, figures: dict) -> str:
    """A plain-text table of one set's figures."""
    lines = [f"== {name}: {figures['documents']} documents"]
    rows = [role for role in ROLES if f"{role}.f1" in figures]
    if rows:
        lines.append(f"{'role':<18} {'P':>6} {'R':>6} {'F1':>6} {'gold tokens':>12}")
        for role in rows:
            lines.append(f"{role:<18} {figures[f'{role}.p']:>6.3f} {figures[f'{role}.r']:>6.3f} "
                         f"{figures[f'{role}.f1']:>6.3f} {figures[f'{role}.gold_tokens']:>12}")
    for key in ("macro_f1", "token_accuracy", "related_leak_into_body", "lang_block_accuracy",
                "doc_language_accuracy", "snippet.p", "snippet.r", "snippet.f1"):
        if key in figures:
            lines.append(f"{key:<24} {figures[key]:.4f}")
    for prefix, label in (("lang.", "language blocks right"), ("doc_lang.", "document languages right")):
        counts = [f"{k[len(prefix):]} {v}" for k, v in figures.items() if k.startswith(prefix)]
        if counts:
            lines.append(f"{label}: " + ", ".join(counts))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", default=list(SETS), metavar="SET",
                        help=f"which sets to measure (default: all of {', '.join(SETS)})")
    parser.add_argument("--limit", type=int, help="measure only the first N documents of each page set "
                        "(and generate N documents; default 200)")
    parser.add_argument("--predictions", type=Path, help="also write each set's predictions as SET.jsonl here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    parser.add_argument("--without-corrector", action="store_true",
                        help="leave out the article corrector (the last page step), to see what it changes")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.sets) - set(SETS))
    if unknown:
        parser.error(f"unknown set {', '.join(unknown)}: choose from {', '.join(SETS)}")
    needs_shared = [s for s in args.sets if s != "seeds"]
    if needs_shared and not SHARED.is_dir():
        parser.error(f"sets {', '.join(needs_shared)} need ../shared beside the repo ({SHARED} is missing)")
    engine = Engine(corrector=ArticleCorrector.off() if args.without_corrector else None)
    report = {}
    for name in args.sets:
        docs = load_set(name, args.limit)
        figures, predictions = evaluate(engine, docs, name)
        report[name] = figures
        if name in PER_LANGUAGE_SETS:
            report[name]["per_language"] = per_language(docs, predictions)
        if args.predictions:
            args.predictions.mkdir(parents=True, exist_ok=True)
            with open(args.predictions / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                for p in predictions:
                    fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        if not args.json:
            print(format_report(name, figures), flush=True)
            for lang, sub in figures.get("per_language", {}).items():
                print(format_report(f"{name} [{lang}]", sub), flush=True)
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
