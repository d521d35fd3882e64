"""`winnow-train`: rebuilds the role models in `winnow/engine/models/` from scratch.

Every generated document is learnt twice: as seed-style plain text and as an HTML page in
one of `html_render`'s templates, read back through the engine's own HTML segmenter, so
the model knows both kinds of input and what the markup adds.

Deterministic: the generator and fastText are seeded and fastText runs on one thread,
so the same seed, corpus and phrase banks give byte-identical model files. The models
ship in the repo; run this after changing the features, the generator or the banks.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import fasttext
from tqdm import tqdm

from winnow.engine.blocks import Block
from winnow.engine.features import document_features
from winnow.engine.language import MODELS, LanguageDetector, annotate_languages
from winnow.engine.roles import DEFAULT_STAGE_ONE, DEFAULT_STAGE_TWO, predict, stage_two_features
from winnow.engine.segment import segment_html
from winnow.training.fasttext_fit import train_supervised
from winnow.training.generate import LANGUAGES, GeneratedBlock, GeneratedDocument, generate
from winnow.training.html_render import render_html

DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "sentences"
DEFAULT_DOCUMENTS = 3000
DEFAULT_SEED = 20261123
#: fastText settings: small dimensions and no sub-words keep the model a few MB and fast.
FASTTEXT = dict(lr=0.5, epoch=12, dim=32, wordNgrams=1, minCount=3, minn=0, maxn=0,
                loss="softmax", thread=1, verbose=0)
FOLDS = 2
#: Each generated document is featurised this many times in a row (text, HTML).
RENDERINGS = 2

Example = tuple[str, list[str]]  # (role, tokens)


#: What the role models are a function of, besides the seed and the document count: a change
#: to any of these files needs a `winnow-train` (tests/test_training.py checks the record).
PACKAGE = Path(__file__).resolve().parents[1]
CODE_INPUTS = ("engine/features.py", "engine/text_shape.py", "engine/language.py", "engine/language_text.py",
               "engine/segment.py", "engine/roles.py", "engine/markup.py", "engine/html_text.py",
               "engine/models/lid.176.ftz", "engine/models/winnow-lang.ftz",
               "training/generate.py", "training/html_render.py", "training/markup_vocab.json",
               "training/fasttext_fit.py", "training/train.py")


def training_inputs_digest(corpus: Path) -> str:
    """SHA-256 over the code, phrase banks and sentences the role models are trained from."""
    files = [PACKAGE / name for name in CODE_INPUTS]
    files += sorted((PACKAGE / "training" / "phrasebanks").glob("*.json"))
    files += [corpus / f"{lang}.train.txt" for lang in LANGUAGES]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def as_html(doc: GeneratedDocument, rng: random.Random) -> tuple[list[GeneratedBlock], list[Block]]:
    """The document as a page, read back by the engine's segmenter: gold and engine blocks."""
    page = render_html(doc, rng)
    _, blocks = segment_html(page.html)
    if [b.text for b in blocks] != [b.text for b in page.blocks]:
        raise AssertionError(f"{doc.name}: the rendered page does not segment into its blocks")
    return page.blocks, blocks


def featurise(corpus: Path, count: int, seed: int) -> list[list[Example]]:
    """Generated documents, as text and as HTML, as per-document lists of (role, stage-one tokens)."""
    detector = LanguageDetector()
    rng = random.Random(seed)
    docs = []
    for doc in tqdm(generate(corpus, count, seed), desc="featurising", unit="doc", disable=None):
        text_blocks = [Block(index=i, text=b.text, start=0, end=0) for i, b in enumerate(doc.blocks)]
        for gold, blocks in ((doc.blocks, text_blocks), as_html(doc, rng)):
            doc_language = annotate_languages(blocks, detector)
            lines = document_features(blocks, doc_language)
            docs.append([(b.role, line) for b, line in zip(gold, lines)])
    return docs


def fit(examples: Sequence[Example], seed: int) -> fasttext.FastText._FastText:
    return train_supervised(((role, " ".join(tokens)) for role, tokens in examples), seed, FASTTEXT)


def cross_fitted_stage_two(docs: list[list[Example]], seed: int) -> list[Example]:
    """Stage-two examples whose context roles come from a stage one that never saw them.

    Stage one is near-perfect on its own training data; stage two must learn from the
    kind of mistakes stage one makes on unseen documents.
    """
    out: list[Example] = []
    fold_of = [(i // RENDERINGS) % FOLDS for i in range(len(docs))]  # a document's renderings share a fold
    for fold in range(FOLDS):
        train = [ex for i, d in enumerate(docs) if fold_of[i] != fold for ex in d]
        model = fit(train, seed)
        for i, doc in enumerate(docs):
            if fold_of[i] == fold:
                lines = [tokens for _, tokens in doc]
                out.extend(zip((role for role, _ in doc), stage_two_features(lines, predict(model, lines))))
    return out


def train(corpus: Path, count: int, seed: int, out: Path) -> dict:
    docs = featurise(corpus, count, seed)
    stage_one = fit([ex for d in docs for ex in d], seed)
    stage_two = fit(cross_fitted_stage_two(docs, seed), seed)
    out.mkdir(parents=True, exist_ok=True)
    for model, path in ((stage_one, DEFAULT_STAGE_ONE), (stage_two, DEFAULT_STAGE_TWO)):
        model.quantize(qnorm=True)  # product quantisation: a tenth of the size, same answers within noise
        model.save_model(str(out / path.name))
    roles = Counter(role for d in docs for role, _ in d)
    info = {"documents": count, "seed": seed, "blocks": sum(roles.values()), "blocks_per_role": dict(sorted(roles.items())),
            "fasttext": FASTTEXT, "folds": FOLDS, "inputs_sha256": training_inputs_digest(corpus)}
    (out / "roles.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder of <lang>.train.txt sentence files (default: ../shared/corpora/sentences)")
    parser.add_argument("--documents", type=int, default=DEFAULT_DOCUMENTS, help="how many documents to generate")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=MODELS, help="where to write the model files")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder: pass --corpus, or put ../shared beside the repo")
    info = train(args.corpus, args.documents, args.seed, args.out)
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
