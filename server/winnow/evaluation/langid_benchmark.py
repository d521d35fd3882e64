"""`winnow-langid-benchmark`: per-block language identification, winnow vs lid.176 vs lingua.

Blocks are short, so the test items are cut at three granularities from the *dev* files of
`../shared/corpora/sentences/` and `../shared/corpora/sentences-nc/` (never `*.train.txt`,
which train winnow's own model):

- **word**: one white-space token with its leading and trailing punctuation and symbols
  removed, kept if it is letters only (Unicode categories L and M: no digits, no `#`,
  no inner punctuation) and has at least `MIN_WORD_LETTERS` letters. One- and two-letter
  words ("a", "de", "la") are in every language of a family and no detector can tell them.
- **pair**: two consecutive tokens of one sentence, each letters only after the same
  stripping, joined by one space, at least `MIN_WORD_LETTERS` letters together.
- **sentence**: a whole dev line, unchanged.

Thai is written without spaces between words; the UD Thai text keeps spaces only between
phrases and clauses (3.4 chunks per sentence on average). A Thai "word" is therefore one
space-delimited chunk (a phrase of a few words) and a "pair" two consecutive chunks: the
units a Thai page would put in a menu or a teaser, cut the way the text itself cuts them.
Thai words and pairs must contain Thai letters (Latin names inside Thai text are left out).

Per language and granularity, up to `--per-cell` distinct items (default 1000) are drawn
with a fixed seed: the tokens are shuffled and the first distinct ones kept, so frequent
words are likelier but none repeats. Where a dev file is smaller, the cell holds all it
has; the table prints every cell's size.

Detectors, every one with all its languages as candidates:

- **winnow**: `LanguageDetector().detect(items)` (one batch per cell, as the engine does
  per document), no expected-language restriction. `und` counts as wrong.
- **lid.176**: the bare `lid.176.ftz` that winnow ships, top-1 label, no threshold, no rule.
- **lingua**: `LanguageDetectorBuilder.from_all_languages()` in its default high-accuracy
  mode, models preloaded, one text at a time on one thread; no answer counts as wrong.

Printed: accuracy per target language (en, cs, es, th) x granularity; for each
confusable language (sk, pt, ca, gl, pl, it, fr, de) the share of items labelled one of
the targets (lower is better), and that share over all confusable sentences pooled;
winnow's calibration per cell (the share of its answers given with confidence >= 0.9, how
many of those are right, and its `und` rate); items per second per detector. lingua's
preloading of all its models takes 10-20 s and is reported apart from its speed.
A benchmark, not a test: it asserts nothing. `--limit N` for a quick run, `--json` for
machine-readable output.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import fasttext

from winnow.engine.blocks import UNDETERMINED
from winnow.engine.language import DEFAULT_LID_MODEL, LABEL, LanguageDetector

DEFAULT_CORPORA = Path(__file__).resolve().parents[3].parent / "shared" / "corpora"
#: Licence folders searched for `<lang>.dev.txt`, in order.
FOLDERS = ("sentences", "sentences-nc")
TARGETS: tuple[str, ...] = ("en", "cs", "es", "th")
CONFUSABLES: tuple[str, ...] = ("sk", "pt", "ca", "gl", "pl", "it", "fr", "de")
GRANULARITIES: tuple[str, ...] = ("word", "pair", "sentence")
DEFAULT_PER_CELL = 1000
DEFAULT_SEED = 20261201
MIN_WORD_LETTERS = 3
#: Answers at least this confident are "sure"; the calibration reports how right they are.
SURE = 0.9
DETECTORS: tuple[str, ...] = ("winnow", "lid.176", "lingua")

Cell = tuple[str, str]  # (language, granularity)


# --------------------------------------------------------------------------------------
# Test items


def dev_file(corpora: Path, lang: str) -> Path:
    for folder in FOLDERS:
        path = corpora / folder / f"{lang}.dev.txt"
        if path.is_file():
            return path
    raise FileNotFoundError(f"no {lang}.dev.txt under {corpora}/{{{','.join(FOLDERS)}}}")


def _strip(token: str) -> str:
    """The token without leading and trailing punctuation and symbols."""
    start, end = 0, len(token)
    while start < end and unicodedata.category(token[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(token[end - 1])[0] in "PS":
        end -= 1
    return token[start:end]


def _word(token: str) -> str | None:
    """The stripped token if it is letters (and combining marks) only, else None."""
    word = _strip(token)
    if word and all(unicodedata.category(ch)[0] in "LM" for ch in word):
        return word
    return None


def _letter_count(text: str) -> int:
    return sum(unicodedata.category(ch)[0] == "L" for ch in text)


def _thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def candidates(lines: Sequence[str], granularity: str, lang: str = "") -> list[str]:
    """Every item of a granularity the lines hold, in text order (with repeats).

    Thai words and pairs must hold Thai letters: a Latin name inside Thai text ("Gaston
    Leroux", "EXPO") is no Thai word, and no detector should call it Thai.
    """
    if granularity == "sentence":
        return list(lines)
    out = []
    for line in lines:
        words = [_word(t) for t in line.split()]
        if granularity == "word":
            out += [w for w in words if w and _letter_count(w) >= MIN_WORD_LETTERS]
        else:
            out += [f"{a} {b}" for a, b in zip(words, words[1:])
                    if a and b and _letter_count(a + b) >= MIN_WORD_LETTERS]
    return [w for w in out if _thai(w)] if lang == "th" else out


def sample(items: Sequence[str], count: int, rng: random.Random) -> list[str]:
    """Up to `count` distinct items, frequent ones likelier, in a seeded random order."""
    shuffled = list(items)
    rng.shuffle(shuffled)
    return list(dict.fromkeys(shuffled))[:count]


def build_items(corpora: Path, languages: Sequence[str], per_cell: int, seed: int) -> dict[Cell, list[str]]:
    items: dict[Cell, list[str]] = {}
    for lang in languages:
        lines = [ln.strip() for ln in dev_file(corpora, lang).read_text(encoding="utf-8").splitlines() if ln.strip()]
        for gran in GRANULARITIES:
            rng = random.Random(f"{seed}:{lang}:{gran}")
            items[lang, gran] = sample(candidates(lines, gran, lang), per_cell, rng)
    return items


# --------------------------------------------------------------------------------------
# Detectors: each maps a batch of texts to (language code or "und", confidence) pairs.

Answer = tuple[str, float]
Detect = Callable[[list[str]], list[Answer]]


def winnow_detector() -> Detect:
    detector = LanguageDetector()
    return lambda texts: [(g.language, g.confidence) for g in detector.detect(texts)]


def lid176_detector() -> Detect:
    fasttext.FastText.eprint = lambda *args, **kwargs: None
    model = fasttext.load_model(str(DEFAULT_LID_MODEL))

    def detect(texts: list[str]) -> list[Answer]:
        # The bare model: top-1, no threshold. fastText needs one line per text.
        labels, probs = model.f.multilinePredict([" ".join(t.split()) + "\n" for t in texts], 1, 0.0, "replace")
        return [(lab[0].removeprefix(LABEL), float(p[0])) if lab else (UNDETERMINED, 0.0)
                for lab, p in zip(labels, probs)]

    return detect


def lingua_detector() -> Detect:
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:
        sys.exit("lingua is missing: it is in the optional `bench` extra, pip install -e '.[bench]'")
    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def detect(texts: list[str]) -> list[Answer]:
        out = []
        for text in texts:
            lang = detector.detect_language_of(text)
            out.append((lang.iso_code_639_1.name.lower(), 1.0) if lang is not None else (UNDETERMINED, 0.0))
        return out

    return detect


FACTORIES: dict[str, Callable[[], Detect]] = {
    "winnow": winnow_detector, "lid.176": lid176_detector, "lingua": lingua_detector,
}


@dataclass
class Run:
    answers: dict[Cell, list[Answer]]
    seconds: float
    load_seconds: float


def run(detect_factory: Callable[[], Detect], items: dict[Cell, list[str]]) -> Run:
    start = time.perf_counter()
    detect = detect_factory()
    loaded = time.perf_counter()
    answers = {cell: detect(texts) for cell, texts in items.items()}
    return Run(answers, time.perf_counter() - loaded, loaded - start)


# --------------------------------------------------------------------------------------
# Scores


def accuracy(answers: list[Answer], lang: str) -> float:
    return sum(a == lang for a, _ in answers) / len(answers) if answers else 0.0


def target_share(answers: list[Answer]) -> float:
    return sum(a in TARGETS for a, _ in answers) / len(answers) if answers else 0.0


def calibration(answers: list[Answer], lang: str) -> dict:
    """Of winnow's answers: the share given with confidence >= `SURE`, how many of those are
    right, and the share of `und`."""
    sure = [a for a, c in answers if a != UNDETERMINED and c >= SURE]
    return {
        "sure_share": len(sure) / len(answers) if answers else 0.0,
        "sure_accuracy": sum(a == lang for a in sure) / len(sure) if sure else None,
        "und_share": sum(a == UNDETERMINED for a, _ in answers) / len(answers) if answers else 0.0,
    }


def report(items: dict[Cell, list[str]], runs: dict[str, Run]) -> dict:
    total = sum(len(v) for v in items.values())
    out: dict = {"items_per_cell": {f"{l}/{g}": len(v) for (l, g), v in items.items()}, "targets": {},
                 "confusables": {}, "calibration": {}, "speed": {}}
    for (lang, gran), texts in items.items():
        key = f"{lang}/{gran}"
        if lang in TARGETS:
            out["targets"][key] = {name: accuracy(r.answers[lang, gran], lang) for name, r in runs.items()}
        else:
            out["confusables"][key] = {name: target_share(r.answers[lang, gran]) for name, r in runs.items()}
        if "winnow" in runs:
            out["calibration"][key] = calibration(runs["winnow"].answers[lang, gran], lang)
    sentences = [(lang, len(texts)) for (lang, gran), texts in items.items()
                 if lang in CONFUSABLES and gran == "sentence"]
    total_sentences = sum(n for _, n in sentences)
    out["confusable_sentences_pooled"] = {
        name: sum(target_share(r.answers[lang, "sentence"]) * n for lang, n in sentences) / total_sentences
        for name, r in runs.items()} if total_sentences else {}
    for name, r in runs.items():
        out["speed"][name] = {"items_per_second": round(total / r.seconds) if r.seconds else None,
                              "seconds": round(r.seconds, 2), "load_seconds": round(r.load_seconds, 2)}
    return out


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def print_report(rep: dict, names: Sequence[str], per_cell: int, seed: int) -> None:
    size = rep["items_per_cell"]
    print(f"Per-block language identification: dev items, up to {per_cell} per cell, seed {seed}.")
    print("All languages are candidates for every detector; `und` / no answer counts as wrong.\n")
    head = f"{'language':<9}{'granularity':<12}{'items':>6}  " + "".join(f"{n:>9}" for n in names)
    print("Accuracy (higher is better; * = best, ties included)")
    print(head)
    for key, row in rep["targets"].items():
        lang, gran = key.split("/")
        best = max(row.values())
        cells = "".join(f"{_pct(row[n]):>8}{'*' if row[n] == best else ' '}" for n in names)
        print(f"{lang:<9}{gran:<12}{size[key]:>6}  {cells}")
    print("\nConfusable languages: share labelled en/cs/es/th (lower is better)")
    print(head)
    for key, row in rep["confusables"].items():
        lang, gran = key.split("/")
        cells = "".join(f"{_pct(row[n]):>9}" for n in names)
        print(f"{lang:<9}{gran:<12}{size[key]:>6}  {cells}")
    pooled = rep["confusable_sentences_pooled"]
    if pooled:
        n = sum(size[k] for k in rep["confusables"] if k.endswith("/sentence"))
        cells = "".join(f"{_pct(pooled[name]):>9}" for name in names)
        print(f"{'all 8':<9}{'sentence':<12}{n:>6}  {cells}")
    if rep["calibration"]:
        print(f"\nwinnow calibration: share of answers with confidence >= {SURE}, their accuracy, and the share of `und`")
        print(f"{'language':<9}{'granularity':<12}{'items':>6}  {'sure':>7}{'sure acc':>9}{'und':>8}")
        for key, c in rep["calibration"].items():
            lang, gran = key.split("/")
            print(f"{lang:<9}{gran:<12}{size[key]:>6}  {_pct(c['sure_share']):>7}{_pct(c['sure_accuracy']):>9}"
                  f"{_pct(c['und_share']):>8}")
    print("\nSpeed (one thread, one batch per cell for winnow and lid.176, one text at a time for lingua;"
          " model loading apart)")
    for name in names:
        s = rep["speed"][name]
        print(f"{name:<9} {s['items_per_second']:>8} items/s  ({s['seconds']} s, models loaded in {s['load_seconds']} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA,
                        help="folder holding sentences/ and sentences-nc/ (default: ../shared/corpora)")
    parser.add_argument("--per-cell", type=int, default=DEFAULT_PER_CELL,
                        help="items per language and granularity (default %(default)s)")
    parser.add_argument("--limit", type=int, help="a quick run: at most N items per cell (overrides --per-cell)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--detectors", default=",".join(DETECTORS),
                        help="comma-separated subset of %(default)s")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.detectors.split(",") if n.strip()]
    unknown = set(names) - set(FACTORIES)
    if unknown:
        parser.error(f"unknown detector(s): {', '.join(sorted(unknown))}")
    if not args.corpora.is_dir():
        parser.error(f"{args.corpora} is not a folder: pass --corpora, or put ../shared beside the repo")
    per_cell = args.limit if args.limit is not None else args.per_cell
    items = build_items(args.corpora, TARGETS + CONFUSABLES, per_cell, args.seed)
    runs = {name: run(FACTORIES[name], items) for name in names}
    rep = report(items, runs)
    if args.json:
        print(json.dumps({"per_cell": per_cell, "seed": args.seed, **rep}, indent=1))
    else:
        print_report(rep, names, per_cell, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
