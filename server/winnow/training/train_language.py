"""`winnow-train-language`: rebuilds winnow's own language model, `models/winnow-lang.ftz`.

lid.176 knows 176 languages but was trained on long text and has no idea which of them a
web page in winnow's languages is likely to be in: on a single word it often answers
Lithuanian or Nynorsk, and it calls a lot of Slovak Czech. winnow's model is a small
fastText classifier over character n-grams that knows only the four supported languages
(en, cs, es, th) and the near neighbours that get mistaken for them (sk, pt, ca, fr, de),
trained on what blocks look like: whole sentences, short spans, word pairs and single
words cut from the sentences, plus the hand-written phrase banks (menu items, "Read More").
`winnow/engine/language.py` combines it with lid.176, which still speaks for every language
this model has never seen.

Data: `../shared/corpora/sentences/<lang>.train.txt` only (CC BY / CC BY-SA Universal
Dependencies sentences; never `*.dev.txt`, never `sentences-nc/`, which is non-commercial)
and `winnow/training/phrasebanks/{en,cs,es,th}.json` (written for this project).

Every language gets the same number of examples of each kind (small files are sampled with
repeats), so the model's own prior is flat and the detector sets the priors in one place.
Deterministic: a seeded sampler and fastText on one thread give the same file for the same
inputs. A record of the run (counts, settings, input digests) goes to `winnow-lang.json`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import fasttext
import numpy as np

from winnow.engine.blocks import SUPPORTED_LANGUAGES
from winnow.engine import language_text
from winnow.engine.language import DEFAULT_OWN_MODEL
from winnow.engine.language_text import model_text
from winnow.training.fasttext_fit import train_supervised

DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "sentences"
PHRASEBANKS = Path(__file__).resolve().parent / "phrasebanks"
#: The languages of `sentences/*.train.txt`: the supported four and their confusables.
LANGUAGES: tuple[str, ...] = ("ca", "cs", "de", "en", "es", "fr", "pt", "sk", "th")
DEFAULT_SEED = 20261201
#: Examples per language and kind. Spans are 3 to `MAX_SPAN` consecutive words.
PER_LANGUAGE = {"sentence": 3000, "span": 6000, "pair": 15000, "word": 15000}
MAX_SPAN = 6
#: `--calibrate`: share of each language's train lines held out, and items per granularity.
CALIBRATION_SHARE = 0.2
CALIBRATION_ITEMS = 1000
#: The phrase banks trained on (written for this project; see phrasebanks/README.md).
PHRASEBANK_LANGUAGES: tuple[str, ...] = ("en", "cs", "es", "th")
#: How many times each phrase-bank string is repeated: a few hundred strings per language
#: against tens of thousands of corpus examples.
PHRASEBANK_REPEATS = 5
#: One-vs-all loss: each language is scored on its own, so text in a language the model never
#: saw (Polish, Italian) scores low on all of them instead of being forced onto the closest.
#: Character 1- to 4-grams and small vectors. Only words seen 10 times get a vector of their
#: own: the rest are read by their n-grams, which generalise past the legal Czech of the corpus.
FASTTEXT = dict(lr=0.5, epoch=8, dim=16, minn=1, maxn=4, wordNgrams=1, minCount=10, bucket=200_000,
                loss="ova", thread=1, verbose=0)
#: Product quantisation keeps the file a few MB without changing the answers much.
QUANTIZE = dict(qnorm=True, dsub=2, cutoff=0)
_THAI = re.compile("[\u0e00-\u0e7f]")
_PLACEHOLDER = re.compile(r"\{(name|place)\}")

Example = tuple[str, str]  # (language, model text)


def corpus_examples(lang: str, lines: Sequence[str], rng: random.Random,
                    per_language: dict[str, int] = PER_LANGUAGE) -> list[Example]:
    """Sentences, spans, word pairs and words of one language, `per_language[kind]` of each.

    Spans, pairs and words start at a random word of the text, so frequent words come up
    as often as they do in text.
    """
    sentences = [s for s in (model_text(line) for line in lines) if s]
    words = [s.split() for s in sentences]
    spans = [(i, j) for i, ws in enumerate(words) for j in range(len(ws))]  # every word position
    out: list[Example] = [(lang, rng.choice(sentences)) for _ in range(per_language["sentence"])]
    for kind, width in (("span", None), ("pair", 2), ("word", 1)):
        for _ in range(per_language[kind]):
            i, j = rng.choice(spans)
            n = width or rng.randint(3, MAX_SPAN)
            out.append((lang, " ".join(words[i][j:j + n])))
    return out


def phrasebank_strings(lang: str, english: set[str], rng: random.Random) -> list[str]:
    """A bank's strings with placeholders filled, without those that are not in its language.

    The Czech, Spanish and Thai banks hold English interface strings too ("Read More",
    "Newsletter"): a string also in the English bank, or a Thai string without Thai
    letters, is left out so the model does not learn English as Czech.
    """
    bank = json.loads((PHRASEBANKS / f"{lang}.json").read_text(encoding="utf-8"))
    fills = {"name": bank.get("names") or ["X"], "place": bank.get("places") or ["X"]}
    out = []
    for strings in bank.values():
        for s in strings:
            if lang != "en" and s.lower() in english:
                continue
            if lang == "th" and not _THAI.search(s):
                continue
            out.append(_PLACEHOLDER.sub(lambda m: rng.choice(fills[m.group(1)]), s))
    return out


def phrasebank_examples(rng: random.Random, languages: Sequence[str] = PHRASEBANK_LANGUAGES) -> list[Example]:
    english_bank = json.loads((PHRASEBANKS / "en.json").read_text(encoding="utf-8"))
    english = {s.lower() for strings in english_bank.values() for s in strings}
    out = []
    for lang in languages:
        for s in phrasebank_strings(lang, english, rng):
            text = model_text(s)
            if text:
                out += [(lang, text)] * PHRASEBANK_REPEATS
    return out


def read_lines(corpus: Path, lang: str) -> list[str]:
    path = corpus / f"{lang}.train.txt"
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def all_examples(lines: dict[str, list[str]], seed: int) -> list[Example]:
    """The training examples from each language's sentences and the phrase banks, shuffled."""
    rng = random.Random(seed)
    examples = [ex for lang in LANGUAGES for ex in corpus_examples(lang, lines[lang], rng)]
    examples += phrasebank_examples(rng)
    rng.shuffle(examples)
    return examples


def fit(examples: Sequence[Example], seed: int, settings: dict = FASTTEXT) -> fasttext.FastText._FastText:
    return train_supervised(examples, seed, settings)


def inputs_digest(corpus: Path) -> dict[str, str]:
    files = [corpus / f"{lang}.train.txt" for lang in LANGUAGES]
    files += [PHRASEBANKS / f"{lang}.json" for lang in PHRASEBANK_LANGUAGES]
    files += [Path(__file__), Path(__file__).with_name("fasttext_fit.py"), Path(language_text.__file__)]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in files}


def train(corpus: Path, seed: int, out: Path) -> dict:
    start = time.perf_counter()
    examples = all_examples({lang: read_lines(corpus, lang) for lang in LANGUAGES}, seed)
    model = fit(examples, seed)
    model.quantize(**QUANTIZE)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save_model(str(out))
    counts: dict[str, int] = {}
    for lang, _ in examples:
        counts[lang] = counts.get(lang, 0) + 1
    info = {"seed": seed, "examples": len(examples), "examples_per_language": dict(sorted(counts.items())),
            "per_language": PER_LANGUAGE, "max_span": MAX_SPAN, "phrasebank_repeats": PHRASEBANK_REPEATS,
            "fasttext": FASTTEXT, "quantize": QUANTIZE, "inputs_sha256": inputs_digest(corpus),
            "bytes": out.stat().st_size, "seconds": round(time.perf_counter() - start, 1)}
    out.with_suffix(".json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def calibrate(corpus: Path, seed: int) -> dict:
    """How right the detector's answers are per confidence, on train-derived held-out items.

    `MIN_CONFIDENCE` in `winnow/engine/language.py` is set from this: below it a guess is
    more often wrong than right, so `und` is the honest answer. A model is trained on
    `1 - CALIBRATION_SHARE` of every language's train lines; the held-out lines are cut into
    words, pairs and sentences as the benchmark cuts its dev items (never dev itself).
    """
    from winnow.engine import language
    from winnow.evaluation.langid_benchmark import GRANULARITIES, candidates, sample

    rng = random.Random(seed)
    fit_lines: dict[str, list[str]] = {}
    items: list[tuple[str, str]] = []
    for lang in LANGUAGES:
        lines = read_lines(corpus, lang)
        order = list(range(len(lines)))
        rng.shuffle(order)
        held = set(order[: int(len(lines) * CALIBRATION_SHARE)])
        fit_lines[lang] = [line for i, line in enumerate(lines) if i not in held]
        held_lines = [line for i, line in enumerate(lines) if i in held]
        for gran in GRANULARITIES:
            items += [(lang, t) for t in sample(candidates(held_lines, gran, lang), CALIBRATION_ITEMS, rng)]
    model = fit(all_examples(fit_lines, seed), seed)
    model.quantize(**QUANTIZE)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / DEFAULT_OWN_MODEL.name
        model.save_model(str(path))
        detector = language.LanguageDetector(own_model_path=path)
        saved, language.MIN_CONFIDENCE = language.MIN_CONFIDENCE, 0.0  # every top answer, however unsure
        try:
            guesses = detector.detect([t for _, t in items])
        finally:
            language.MIN_CONFIDENCE = saved
    report: dict = {"held_out_items": len(items)}
    for population, langs in (("supported", SUPPORTED_LANGUAGES), ("all", LANGUAGES)):
        answered = [(g.confidence, g.language == lang) for (lang, _), g in zip(items, guesses)
                    if lang in langs and g.language != "und"]
        bins = []
        for low in [i / 10 for i in range(10)]:
            inside = [right for c, right in answered if low <= c < low + 0.1 or (low == 0.9 and c >= 1.0)]
            bins.append({"confidence": f"{low:.1f}-{low + 0.1:.1f}", "answers": len(inside),
                         "right": round(sum(inside) / len(inside), 3) if inside else None})
        report[population] = bins
        report[f"{population}_even_odds_confidence"] = round(even_odds(answered), 3)
    # Over all nine languages the supported-language prior makes Slovak read as Czech a
    # common mistake (a trade the benchmark measures): the threshold is the supported one.
    report.update(suggested_min_confidence=report["supported_even_odds_confidence"],
                  current_min_confidence=language.MIN_CONFIDENCE)
    return report


def even_odds(answered: list[tuple[float, bool]]) -> float:
    """The confidence at which an answer is as likely right as wrong.

    A logistic fit of rightness on the log-odds of the confidence (Newton's method), so
    every answer counts, not just the few in one bin.
    """
    x = np.array([math.log(max(c, 1e-6) / max(1.0 - c, 1e-6)) for c, _ in answered])
    y = np.array([float(right) for _, right in answered])
    design = np.stack([np.ones_like(x), x], axis=1)
    w = np.zeros(2)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + 1e-9 * np.eye(2)
        w -= np.linalg.solve(hessian, design.T @ (p - y))
    z = -w[0] / w[1]  # where the fitted probability of being right is one half
    return float(1.0 / (1.0 + math.exp(-z)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder of <lang>.train.txt sentence files (default: ../shared/corpora/sentences)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OWN_MODEL, help="the model file to write")
    parser.add_argument("--calibrate", action="store_true",
                        help="write no model: print how right answers are per confidence on held-out train lines")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder: pass --corpus, or put ../shared beside the repo")
    info = calibrate(args.corpus, args.seed) if args.calibrate else train(args.corpus, args.seed, args.out)
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
