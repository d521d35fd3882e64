"""Per-block language identification: lid.176 and winnow's own model, combined.

Blocks are short ("Home", "Read More", a teaser title), and short text is where general
language identifiers fail: lid.176 answers Lithuanian for "08/16/2000 PM" and calls a lot
of Slovak Czech. So blocks are read by two fastText models, both shipped in `models/` so
nothing is fetched at run time:

- **lid.176** (Facebook AI Research, 176 languages): knows every language, including the
  ones winnow's own model has never seen (Galician, Polish, Italian, ...).
- **winnow-lang** (`winnow-train-language`): character n-grams trained on what blocks look
  like (words, word pairs, spans, sentences, menu items) in the supported languages (en,
  cs, es, th) and the neighbours most often mistaken for them (sk, pt, ca, fr, de). It
  tells Czech from Slovak and Spanish from Portuguese far better than lid.176.

The decision, in order (every knob is a named constant below):

1. Fewer than `MIN_LETTERS` letters once URLs are gone: `und` (digits, URLs, "Ok").
2. Mostly Thai script: `th`. No other language either model knows is written in it; and
   text without Thai letters is never `th`.
3. lid.176 alone settles a block when it is sure (`LID_SURE`), even allowing for the
   supported languages' prior, and its answer is not one of the close pairs our model
   exists for (`ALWAYS_ASK_OWN`). A longer block is first read only up to
   `LID_FIRST_CHARS`: most paragraphs of a page stop there, which keeps the stage cheap.
4. Otherwise both models' probabilities are multiplied, each raised to its weight (a
   product of experts), with a prior that favours the supported languages on short text,
   where the models cannot tell and a web page in winnow's languages is the likelier
   reading; on sentences the prior fades (`SUPPORTED_PRIOR_SHORT` -> `..._LONG`). Our model
   scores its languages one-vs-all, so a language only lid.176 knows gets 1 - our model's
   best score: Polish text, which looks like none of our languages, keeps lid.176's verdict.
5. Letters that settle Czech versus Slovak: ě, ů, ř are only Czech; ä, ô, ľ, ĺ, ŕ never
   Czech. They scale the probabilities by `LETTER_PENALTY`, as the Thai script rule does.
6. A sentence that lid.176 finds close to a neighbour our model has never seen (Spanish
   vs Galician or Asturian) is `und`: our model cannot vouch against that neighbour.
7. A top probability under `MIN_CONFIDENCE` is a guess, not a decision: `und`.

`detect(texts, expected=...)` restricts the answer to a set of languages (see `detect`).
On a page, `lean_to_document` then moves undecided and unsure short blocks to the page's
language when the models give it a fair chance.

The models read at most `MAX_MODEL_CHARS` characters of a block: a sentence is decided by
then, and fastText's cost grows with the text. We call fastText's low-level
`multilinePredict`: fasttext-wheel 0.9.2's high-level `predict` breaks under NumPy 2, and
fastText ends an example at "\\n", so no line may contain one.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import fasttext

from winnow.engine.blocks import SUPPORTED_LANGUAGES, UNDETERMINED, Block, LanguageGuess
from winnow.engine.language_text import THAI_CHAR, model_text
from winnow.engine.text_shape import strip_urls, thai_count

MODELS = Path(__file__).resolve().parent / "models"
DEFAULT_LID_MODEL = MODELS / "lid.176.ftz"
DEFAULT_OWN_MODEL = MODELS / "winnow-lang.ftz"
#: fastText's prefix of a label, in its training lines and its answers.
LABEL = "__label__"

# --- Decision constants, in the order the decision uses them -----------------------------
#: Fewer letters than this (after URLs are removed) cannot be told apart: `und`.
MIN_LETTERS = 3
#: Share of Thai letters from which a block is Thai whatever the models say.
THAI_SCRIPT_SHARE = 0.5
#: lid.176 first reads this many characters of a block (cut at a space); where that leaves it
#: unsure, both models read up to `MAX_MODEL_CHARS`: enough to decide any sentence.
LID_FIRST_CHARS = 60
MAX_MODEL_CHARS = 150
#: How many of lid.176's labels are combined; the others share what probability is left.
LID_TOP_K = 4
LID_FLOOR = 1e-4
#: From this top probability lid.176 is trusted alone, without our model (on the benchmark's
#: dev items a second opinion changed such answers only for the worse), unless the answer is
#: one lid.176 confuses with a neighbour our model tells apart (Slovak read as Czech,
#: Galician or Portuguese as Spanish).
LID_SURE = 0.8
ALWAYS_ASK_OWN = frozenset({"cs", "sk", "es", "pt", "ca"})
#: Exponents of the two models in the product: how far each is trusted. lid.176 is trusted
#: less on short text (`LID_WEIGHT_SHORT`, up to `SHORT_TEXT_LETTERS`), where it guesses.
LID_WEIGHT_SHORT = 0.6
LID_WEIGHT = 0.75
OWN_WEIGHT = 0.75
#: Our model scores each of its languages on its own (one-vs-all), so when none scores high
#: the text is likely in a language it was never trained on: 1 - its best score stands in
#: for such a language, never below this.
MIN_UNKNOWN_TO_OWN = 0.01
#: Prior weight of the supported languages (`blocks.SUPPORTED_LANGUAGES`) against all
#: others: strong on a word or two, mild on a sentence, log-linear between these lengths.
SUPPORTED_PRIOR_SHORT = 32.0
SUPPORTED_PRIOR_LONG = 1.5
SHORT_TEXT_LETTERS = 20
LONG_TEXT_LETTERS = 40
#: Letters only one language uses, and letters a language never uses.
EXCLUSIVE_LETTERS = {"cs": frozenset("ěůř")}
FOREIGN_LETTERS = {"cs": frozenset("äôľĺŕ")}
LETTER_PENALTY = 0.01
#: Neighbours of a supported language that our model was never trained on, and how much
#: lid.176 must give one of them, on a text of at least as many letters, to make it `und`.
UNMODELLED_NEIGHBOURS = {"es": frozenset({"gl", "ast", "an", "oc", "it"})}
NEIGHBOUR_MIN_LETTERS = 25
NEIGHBOUR_MIN_PROBABILITY = 0.1
#: A top probability below this is a guess, not a decision: `und`. Calibrated on held-out
#: train sentences, never dev: `winnow-train-language --calibrate` fits how often answers in
#: the supported languages are right against their confidence; even odds at 0.416.
MIN_CONFIDENCE = 0.42
#: With `expected` languages: below this combined probability the text is in none of them,
#: on a text of at least `EXPECTED_FULL_LETTERS` letters; on a shorter one the bar falls in
#: proportion. A word or two is weak evidence: "Sport" is Czech as well as English, however
#: much the models favour English.
EXPECTED_MIN_PROBABILITY = 0.1
EXPECTED_FULL_LETTERS = 25
#: How many runners-up a block reports.
ALTERNATIVES = 3
#: On a page, how many times a short block's probability of the page's language counts
#: against its own answer (`lean_to_document`).
DOCUMENT_PRIOR = 4.0

fasttext.FastText.eprint = lambda *args, **kwargs: None  # silence the load-time warning


def file_version(path: Path) -> str:
    """A model's version: its file name and the start of its SHA-256, stable across copies."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return f"{path.name}@{digest}"


def _truncate(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space where there is one."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit]


def _predict(model: fasttext.FastText._FastText, lines: list[str], k: int) -> list[dict[str, float]]:
    """Language -> probability per line; each line must end in "\\n" (fastText's end of example)."""
    if not lines:
        return []
    labels, probs = model.f.multilinePredict(lines, k, 0.0, "replace")
    cut = len(LABEL)  # probabilities come as NumPy arrays: Python floats are far faster to use
    return [dict(zip([lab[cut:] for lab in row_labels], row_probs.tolist()))
            for row_labels, row_probs in zip(labels, probs)]


@dataclass
class _Block:
    """One text without its URLs, and its letter facts."""

    text: str
    letter_count: int
    thai_share: float
    #: Its letters, lower-cased, one space between words (`model_text`).
    words: str


class LanguageDetector:
    """Tells the language of short texts, or `und` when they do not say."""

    def __init__(self, model_path: Path = DEFAULT_LID_MODEL, own_model_path: Path = DEFAULT_OWN_MODEL) -> None:
        self._model = fasttext.load_model(str(model_path))
        self._own = fasttext.load_model(str(own_model_path))
        self.version = f"{file_version(model_path)}+{file_version(own_model_path)}"
        self._own_languages = frozenset(label[len(LABEL):] for label in self._own.get_labels())
        self._lid_languages = frozenset(label[len(LABEL):] for label in self._model.get_labels())
        self.languages: tuple[str, ...] = tuple(sorted(self._lid_languages | self._own_languages))
        #: What lid.176 answers for a text none of whose n-grams it knows (its training prior,
        #: led by English): the same answer, to the last digit, means it read nothing.
        self._lid_blank = _predict(self._model, ["\n"], 1)[0].items()

    def detect(self, texts: Sequence[str], expected: Collection[str] | None = None) -> list[LanguageGuess]:
        """One guess per text, in order; each model sees all texts in one batch.

        `expected`, when given, restricts the answers to those languages (ISO 639-1 codes).
        The probabilities are renormalised over them, so a short block leans to the expected
        language it resembles most. Text in none of them says so: if the expected languages
        together get less than `EXPECTED_MIN_PROBABILITY` before renormalising (less on a
        text of a few letters), the answer is `und` and `alternatives` report the real top
        languages (e.g. `de` for German).
        """
        return self._detect(texts, expected)[0]

    def _detect(self, texts: Sequence[str], expected: Collection[str] | None) -> tuple[list[LanguageGuess], list[int]]:
        """The guesses and each text's letter count (which `annotate_languages` reuses).

        lid.176 reads the first `LID_FIRST_CHARS` of every block; where that leaves it unsure,
        it reads up to `MAX_MODEL_CHARS` and our model is consulted. Most blocks of a page
        are settled by the first, cheap reading.
        """
        blocks = [_prepare(t) for t in texts]
        guesses = [LanguageGuess(UNDETERMINED, 1.0) for _ in texts]
        todo = []
        for i, b in enumerate(blocks):
            if b.letter_count < MIN_LETTERS:
                continue
            if b.thai_share >= THAI_SCRIPT_SHARE:
                guesses[i] = _decide({"th": b.thai_share}, {}, b, expected)
            else:
                todo.append(i)
        short = [i for i in todo if len(blocks[i].text) <= LID_FIRST_CHARS]
        lid = dict(zip(short, _predict(self._model, [_lid_line(blocks[i].text) for i in short], LID_TOP_K)))
        # A longer block's first reading is its start, top-1 only (the cheapest fastText
        # call); only where that leaves lid.176 unsure does it read on.
        longer = [i for i in todo if len(blocks[i].text) > LID_FIRST_CHARS]
        labels, probs = self._model.f.multilinePredict(
            [_lid_line(blocks[i].text[: 2 * LID_FIRST_CHARS], LID_FIRST_CHARS) for i in longer], 1, 0.0, "replace"
        ) if longer else ([], [])
        unsure = []
        for i, top_label, top_prob in zip(longer, labels, probs):
            lang = top_label[0][len(LABEL):] if top_label else UNDETERMINED
            if lang != UNDETERMINED and self._settled(lang, float(top_prob[0]), blocks[i], expected):
                guesses[i] = LanguageGuess(lang, min(1.0, float(top_prob[0])))
            else:
                unsure.append(i)
        lid.update(zip(unsure, _predict(self._model, [_lid_line(blocks[i].text) for i in unsure], LID_TOP_K)))
        ask = [i for i, p in lid.items() if not self._settled(*_top(p), blocks[i], expected)]
        own = dict(zip(ask, _predict(self._own, [_truncate(blocks[i].words, MAX_MODEL_CHARS) + "\n" for i in ask], -1)))
        for i, lid_p in lid.items():
            own_p = own.get(i)
            probs = lid_p if own_p is None else self._combine(lid_p, own_p, blocks[i])  # None: lid.176 settled it
            guesses[i] = _decide(probs, lid_p, blocks[i], expected)
        return guesses, [b.letter_count for b in blocks]

    @staticmethod
    def _settled(lang: str, p: float, block: _Block, expected: Collection[str] | None) -> bool:
        """Whether lid.176's answer stands without our model (see `LID_SURE`)."""
        return (lang not in ALWAYS_ASK_OWN and (expected is None or lang in expected)
                and _sure(lang, p, block.letter_count))

    def _combine(self, lid: dict[str, float], own: dict[str, float], block: _Block) -> dict[str, float]:
        """Both models' probabilities as one distribution over every language either names."""
        if lid and next(iter(lid.items())) in self._lid_blank:  # lid.176 knows no n-gram of the text
            lid = {}
        # lid.176's labels beyond its top k share what probability it has left.
        lid_weight = _by_length(block.letter_count, LID_WEIGHT_SHORT, LID_WEIGHT)
        lid_floor = max((1.0 - sum(lid.values())) / (len(self._lid_languages) - len(lid)), LID_FLOOR) ** lid_weight
        scores = {lang: p**lid_weight for lang, p in lid.items()}
        for lang, p in own.items():  # our model scores all its languages (k = -1)
            scores[lang] = scores.get(lang, lid_floor) * p**OWN_WEIGHT
        unknown_to_own = max(1.0 - max(own.values()), MIN_UNKNOWN_TO_OWN) ** OWN_WEIGHT
        for lang in lid.keys() - own.keys():
            scores[lang] *= unknown_to_own
        prior = _by_length(block.letter_count, SUPPORTED_PRIOR_SHORT, SUPPORTED_PRIOR_LONG)
        for lang in SUPPORTED_LANGUAGES:
            scores[lang] *= prior
        if not block.thai_share:  # the script rule, the other way round: no Thai letters, no Thai
            scores["th"] = 0.0
        letter_factor = _letter_evidence(block.words)
        if letter_factor is not None:
            scores = {lang: s * letter_factor(lang) for lang, s in scores.items()}
        total = sum(scores.values())
        return {lang: s / total for lang, s in scores.items()}


def _prepare(text: str) -> _Block:
    """The text without URLs, and its letter facts."""
    if "://" in text or "@" in text or "www." in text.lower():
        text = strip_urls(text)
    words = model_text(text)
    letter_count = len(words) - words.count(" ")
    thai_share = thai_count(words) / letter_count if letter_count and THAI_CHAR.search(words) else 0.0
    return _Block(text, letter_count, thai_share, words)


def _lid_line(text: str, limit: int | None = None) -> str:
    """What lid.176 reads: one line of at most `limit` characters, SHOUTING lower-cased.

    fastText ends an example at "\\n" (other white space only separates words).
    """
    line = _truncate(text.replace("\n", " "), limit or MAX_MODEL_CHARS)
    return (line.lower() if line.isupper() else line) + "\n"


def _sure(lang: str, p: float, letter_count: int) -> bool:
    """Whether lid.176 alone settles the block: its top stays over `LID_SURE` even if all the
    rest of its probability went to a supported language and got the supported prior."""
    if lang in SUPPORTED_LANGUAGES:
        return p >= LID_SURE
    return p >= LID_SURE * (p + (1.0 - p) * _by_length(letter_count, SUPPORTED_PRIOR_SHORT, SUPPORTED_PRIOR_LONG))


def _by_length(letter_count: int, short: float, long: float) -> float:
    """`short` up to `SHORT_TEXT_LETTERS`, `long` from `LONG_TEXT_LETTERS`, log-linear between."""
    if letter_count <= SHORT_TEXT_LETTERS:
        return short
    if letter_count >= LONG_TEXT_LETTERS:
        return long
    f = math.log(letter_count / SHORT_TEXT_LETTERS) / math.log(LONG_TEXT_LETTERS / SHORT_TEXT_LETTERS)
    return short ** (1 - f) * long**f


def _letter_evidence(words: str) -> Callable[[str], float] | None:
    """Each language's factor from letters it never uses, or None when no such letter occurs.

    `words` are lower-case (`model_text`)."""
    chars = set(words)
    only = {lang for lang, exclusive in EXCLUSIVE_LETTERS.items() if chars & exclusive}
    never = {lang for lang, foreign in FOREIGN_LETTERS.items() if chars & foreign}
    if not only and not never:
        return None
    return lambda lang: LETTER_PENALTY if lang in never or (only and lang not in only) else 1.0


def _top(probs: dict[str, float]) -> tuple[str, float]:
    return max(probs.items(), key=lambda kv: kv[1], default=(UNDETERMINED, 0.0))


def _ranked(probs: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(probs.items(), key=lambda kv: -kv[1])


def _decide(probs: dict[str, float], lid: dict[str, float], block: _Block,
            expected: Collection[str] | None) -> LanguageGuess:
    """The top language, or `und`: for text in none of the `expected` languages, text close to
    a neighbour our model never saw, and a top probability that is a guess."""
    ranked = _ranked(probs)
    if expected is not None:
        mass = sum(p for lang, p in ranked if lang in expected)
        if mass < EXPECTED_MIN_PROBABILITY * min(1.0, block.letter_count / EXPECTED_FULL_LETTERS):
            return LanguageGuess(UNDETERMINED, 1.0 - mass, ranked[:ALTERNATIVES])
        ranked = [(lang, p / mass) for lang, p in ranked if lang in expected]
    top, confidence = ranked[0][0], min(1.0, ranked[0][1])  # fastText's may exceed 1 by a hair
    neighbours = UNMODELLED_NEIGHBOURS.get(top)
    if neighbours and block.letter_count >= NEIGHBOUR_MIN_LETTERS:
        if max(lid.get(n, 0.0) for n in neighbours) >= NEIGHBOUR_MIN_PROBABILITY:
            return LanguageGuess(UNDETERMINED, 1.0 - confidence, ranked[:ALTERNATIVES])
    if confidence < MIN_CONFIDENCE:
        return LanguageGuess(UNDETERMINED, 1.0 - confidence, ranked[:ALTERNATIVES])
    return LanguageGuess(top, confidence, ranked[1 : ALTERNATIVES + 1])


def main_language(blocks: Sequence[Block]) -> tuple[str, float]:
    """The language of most letters among blocks, with its share of their letters."""
    weight: Counter[str] = Counter()
    for block in blocks:
        if block.language != UNDETERMINED:
            weight[block.language] += block.letter_count
    if not weight:
        return UNDETERMINED, 0.0
    lang, w = weight.most_common(1)[0]
    return lang, w / sum(weight.values())


def annotate_languages(blocks: list[Block], detector: LanguageDetector,
                       expected: Collection[str] | None = None) -> str:
    """Sets every block's language; returns the document's (the language of most letters).

    Training calls this too, so the role model learns from the languages it will see.
    """
    guesses, letter_counts = detector._detect([b.text for b in blocks], expected)
    for block, guess, count in zip(blocks, guesses, letter_counts):
        block.letter_count = count
        block.language = guess.language
        block.language_confidence = guess.confidence
        block.language_alternatives = guess.alternatives
    doc_language, _ = main_language(blocks)
    lean_to_document(blocks, doc_language, expected)
    return doc_language


def lean_to_document(blocks: list[Block], doc_language: str, expected: Collection[str] | None = None) -> None:
    """A short block that may well be in the document's language is.

    Short blocks ("Read More", "Home") are what cannot be decided alone; on a page they are
    almost always in the page's language. So an undecided block whose runners-up include
    the document's language takes it, and so does a decided block of fewer than
    `LONG_TEXT_LETTERS` letters whose runner-up in the document's language, weighted by
    `DOCUMENT_PRIOR`, beats its answer: a Catalan page's "Inici" is Catalan, not Spanish.
    With `expected` languages, a longer `und` block stays `und`: it is text in none of them,
    and the page does not change that.
    """
    if doc_language == UNDETERMINED:
        return
    for block in blocks:
        if block.language == doc_language:
            continue
        if expected is not None and block.letter_count >= LONG_TEXT_LETTERS:
            continue
        p_doc = next((p for lang, p in block.language_alternatives if lang == doc_language), None)
        if p_doc is None:
            continue
        if block.language != UNDETERMINED:
            if block.letter_count >= LONG_TEXT_LETTERS or p_doc * DOCUMENT_PRIOR <= block.language_confidence:
                continue
            block.language_alternatives = [(block.language, block.language_confidence)] + block.language_alternatives
        block.language, block.language_confidence = doc_language, p_doc
        block.language_alternatives = [a for a in block.language_alternatives if a[0] != doc_language][:ALTERNATIVES]
