"""`winnow-train-corrector`: rebuilds the article corrector (`engine/article_corrector.py`).

It learns from trafilatura's evaluation pages in `../shared/pages/trafilatura/` (real pages,
labels under Apache-2.0), never from L3S-GN1 (research use only). Each page is answered by
the engine with no correction, and a block is labelled from the page's snippets as
LABELING.md reads them (`labeling_view`): one holding a must-include snippet is article, one
holding a must-exclude snippet is not. A block the corrector never takes out carries no
label (`article_corrector.protected`: what the guide keeps in the article by its markup, the
headline, captions, credits, bylines, datelines; and what the role model is sure is article);
nor do blocks that hold no snippet.

Those pages are also the dev pages the extraction benchmark is read on, so next to the model
learnt on all of them it writes one model per fold: the pages are split into `FOLDS` folds by
site (so that one site's pages are never on both sides), and fold k's model learns from the
other folds only. The record (`article_corrector.json`) says which page is in which fold.

It reads the role models' answers, so it must run again after `winnow-train`
(tests/test_training.py checks the record). Deterministic: fastText is seeded and runs on
one thread.
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import fasttext
from tqdm import tqdm

from winnow.engine import Engine
from winnow.engine.article_corrector import (ARTICLE, DEFAULT_MODEL, NOT_ARTICLE, ArticleCorrector, block_tokens,
                                             fold_model_path, protected, record_path)
from winnow.engine.blocks import Block
from winnow.engine.inputs import DocumentRejected
from winnow.engine.pipeline import PAGE_STEPS
from winnow.evaluation.evaluate import PAGES
from winnow.evaluation.extraction_benchmark import Page, load_pages
from winnow.evaluation.labeling_view import labeling_view
from winnow.evaluation.scoring import snippet_text
from winnow.training.fasttext_fit import train_supervised

PAGE_SET = "trafilatura"
FOLDS = 5
SEED = 20261123
#: Keeps every token (a class word one site uses is worth as much as any); small and fast.
FASTTEXT = dict(lr=0.3, epoch=30, dim=16, wordNgrams=1, minCount=1, minn=0, maxn=0, loss="softmax",
                thread=1, verbose=0)
#: The code the corrector's examples are a function of, besides the role models and the pages:
#: its own, and the page steps whose answers it reads (`code_inputs` adds their modules).
PACKAGE = Path(__file__).resolve().parents[1]
CODE_INPUTS = ("engine/article_corrector.py", "engine/guide_article.py", "evaluation/labeling_view.py",
               "evaluation/scoring.py", "training/train_corrector.py", "engine/pipeline.py")


@dataclass
class Answered:
    """A page, the engine's blocks for it with no correction, each block's corrector tokens,
    the page's gold as LABELING.md reads it, and each block's label from that (or None)."""

    page: Page
    blocks: list[Block]
    tokens: list[list[str]]
    view: dict
    labels: list[str | None]


def site(page: Page) -> str:
    """The page's site: its URL's host without "www.", cut to its last two labels; the page's
    own name when it has no URL."""
    host = (urlsplit(page.gold.get("url") or "").hostname or "").removeprefix("www.")
    return ".".join(host.split(".")[-2:]) if host else page.name


def fold(page: Page) -> int:
    return int(hashlib.sha1(site(page).encode()).hexdigest(), 16) % FOLDS


def labels(view: dict, blocks: Sequence[Block], kept: Sequence[bool] | None = None) -> list[str | None]:
    """Each block's label from a page's snippets as LABELING.md reads them (`view`), or None
    (also for the blocks the corrector never takes out: `kept`, `protected` unless given)."""
    texts = [snippet_text(b.text) for b in blocks]
    out: list[str | None] = [None] * len(blocks)
    kept = protected(blocks) if kept is None else kept
    for label, snippets in ((ARTICLE, view.get("must_include", [])), (NOT_ARTICLE, view.get("must_exclude", []))):
        for snippet in snippets:
            wanted = snippet_text(snippet)
            for i, text in enumerate(texts):
                if wanted in text and not kept[i]:
                    out[i] = label if out[i] in (None, label) else "both"
    return out


def answer(engine: Engine, pages: Sequence[Page], desc: str) -> list[Answered]:
    """Each page as the engine answers it, with what the corrector would read and learn."""
    out = []
    for page in tqdm(pages, desc=desc, unit="page", disable=None, leave=False, file=sys.stderr):
        try:
            blocks = engine.classify_html(page.data).blocks
        except DocumentRejected:
            blocks = []
        view, _ = labeling_view(page.gold, blocks)
        out.append(Answered(page, blocks, block_tokens(blocks) if blocks else [], view, labels(view, blocks)))
    return out


def fit(answered: Sequence[Answered], settings: dict | None = None) -> fasttext.FastText._FastText:
    """A corrector model learnt from the labelled blocks of `answered` (`FASTTEXT` unless
    other `settings` are given)."""
    examples = [(label, " ".join(tokens)) for a in answered
                for label, tokens in zip(a.labels, a.tokens) if label in (ARTICLE, NOT_ARTICLE)]
    return train_supervised(examples, SEED, settings or FASTTEXT)


def fit_by_fold(answered: Sequence[Answered], settings: dict | None = None) -> dict[int, fasttext.FastText._FastText]:
    """One model per fold, each learnt from the other folds' pages only: the model that never
    saw a page's site is `models[fold(page)]`."""
    return {k: fit([a for a in answered if fold(a.page) != k], settings) for k in range(FOLDS)}


def code_inputs() -> list[Path]:
    """`CODE_INPUTS`, then each page step's module (a new step cannot be left out), each once."""
    steps = [Path(inspect.getsourcefile(step)) for step in PAGE_STEPS]
    return list(dict.fromkeys([PACKAGE / name for name in CODE_INPUTS] + steps))


def inputs_digest(engine: Engine, pages: Path = PAGES) -> str:
    """SHA-256 over what the corrector learns from: the role models, its code, the pages' gold."""
    digest = hashlib.sha256(engine.roles.version.encode())
    for path in [*code_inputs(), pages / PAGE_SET / "gold.jsonl"]:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def train(out: Path, limit: int | None = None, pages: Path = PAGES) -> dict:
    engine = Engine(corrector=ArticleCorrector.off())
    answered = answer(engine, load_pages(PAGE_SET, limit, pages), "answering")
    model = out / DEFAULT_MODEL.name
    out.mkdir(parents=True, exist_ok=True)
    fit(answered).save_model(str(model))
    for k, fold_model in fit_by_fold(answered).items():
        fold_model.save_model(str(fold_model_path(model, k)))
    counted = Counter(label for a in answered for label in a.labels if label in (ARTICLE, NOT_ARTICLE))
    info = {"pages": PAGE_SET, "page_count": len(answered), "examples": dict(sorted(counted.items())),
            "seed": SEED, "fasttext": FASTTEXT, "role_model": engine.roles.version,
            "inputs_sha256": inputs_digest(engine, pages),
            "folds": {a.page.name: fold(a.page) for a in answered}}
    record_path(model).write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL.parent, help="where to write the model files")
    parser.add_argument("--limit", type=int, help="learn from the first N pages only (for tests)")
    args = parser.parse_args(argv)
    if not (PAGES / PAGE_SET).is_dir():
        parser.error(f"the dev pages are missing ({PAGES / PAGE_SET}): put ../shared beside the repo")
    info = train(args.out, args.limit)
    print(json.dumps({k: v for k, v in info.items() if k != "folds"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
