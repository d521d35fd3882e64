"""`winnow-extraction-benchmark`: winnow, trafilatura and jusText side by side on the dev pages.

One run measures every system on the same pages of `../shared/pages/` and prints one row per
figure and one column per system:

- `l3s-gn1` (block roles): body token F1/P/R (ARTICLE_BODY by the scorer's token method),
  the share of related-content tokens leaked into the body and, for winnow alone, the 5-role
  macro-F1 and the F1 of each role;
- `trafilatura` (snippets): snippet F1/P/R, overall and per page language, and snippet F1/P
  once more with the must-exclude snippets that LABELING.md puts in the article set aside
  (captions, credits, bylines, datelines, the headline: `labeling_view`);
- on the snippet set, for each system beside winnow, how far the pages' draw alone moves
  winnow's snippet F1 minus that system's, overall and per page language: the central 95 %
  of a paired bootstrap over the pages (`paired_bootstrap`). A gap whose interval holds 0 is
  one these pages cannot tell from chance;
- for each set, pages per second: HTML bytes in, body text out, one thread, the summed
  wall-clock time of the systems' calls (pages are decompressed and read before, and the
  scoring is done after, outside the clock; each system is warmed up once on a tiny page).

The figures are those of `../shared/tools/score.py` (through `winnow.evaluation.scoring`) on
the prediction documents built here; `--predictions DIR` writes them.

Prediction documents, and what is fair to the extractors that return only a body:

- winnow: its blocks with their roles, as `Engine.classify_html(html_bytes)` returns them
  (it detects the languages itself: the page's gold language is not passed to it). Its
  article corrector learnt from the trafilatura pages, so each of them is corrected by the
  model that never saw its site (`Engine.held_out`): the figures there are out of fold.
- trafilatura, jusText: their body text, one ARTICLE_BODY block a line. That is all the snippet
  scoring looks at. For the L3S token scoring it is not enough: there the text an extractor
  leaves out is its verdict "not body", and it must count as such, on the same text basis as
  winnow's. So the extractor's body is projected onto the page's visible text as winnow reads
  it (`html_to_text`): both become scorer tokens, difflib aligns them, the page tokens the
  body holds become ARTICLE_BODY and the others OTHER_BOILERPLATE, in page order; body tokens
  not found on the page stay ARTICLE_BODY where they occur (they are the extractor's
  additions and count against it, as they would scored alone). For the body F1 and the related
  leakage this equals scoring the body lines alone, except that the full page anchors the
  alignment: a sparse body aligned alone can match a headline's words in a menu. Appending
  the page's full text after the body instead would not be fair: difflib would match the gold
  to that full copy and the body would count as missed. Roles other than the body mean
  nothing for a system that has none, so only the body figures and the leakage are reported
  for them.

Settings:

- trafilatura: `extract(html_bytes, fast=False, include_comments=False, include_tables=True,
  include_formatting=False)`, the canonical settings of trafilatura's own evaluation
  (`tests/eval_common.py`, the runner its benchmark reports as "trafilatura": fallbacks on,
  neither favour_precision nor favour_recall). It decodes the bytes itself.
- jusText: `justext.justext(html_bytes, stoplist)` with its default thresholds, the stoplist of
  the page's language (L3S: English; trafilatura pages: their `lang`, `JUSTEXT_STOPLISTS`),
  or, for a language jusText has none for, its language-independent mode (empty stoplist,
  stop-word thresholds 0). Its non-boilerplate paragraphs are the body. (trafilatura's own
  benchmark gives jusText the German stoplist on every page; the page's language is fairer.)
- A call that raises counts as an empty body (as in trafilatura's evaluation) and is counted
  in the `errors` row.

trafilatura and jusText are the optional `bench` extra: `pip install -e '.[bench]'`.
"""
from __future__ import annotations

import argparse
import difflib
import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tqdm import tqdm

from winnow.engine.blocks import ARTICLE_BODY, ROLES
from winnow.evaluation.evaluate import PAGES, read_pages
from winnow.evaluation.labeling_view import labeling_view
from winnow.evaluation.paired_bootstrap import LEVEL, difference_interval
from winnow.evaluation.scoring import score, snippet_counts, tokens

PAGE_SETS = ("l3s-gn1", "trafilatura")
SYSTEMS = ("winnow", "trafilatura", "justext")
#: The role the text a body-only extractor leaves out gets (any non-body role would do).
NOT_BODY = "OTHER_BOILERPLATE"
#: The scorer's figures that are left out for a body-only extractor.
ROLE_FIGURES = ("macro_f1", "token_accuracy", *(f"{role}." for role in ROLES[1:]))
#: Languages with a snippet row of their own; the others are pooled as "other".
SNIPPET_LANGUAGES = ("de", "en", "es", "fr", "pl")
#: Page language (ISO 639-1) -> jusText stoplist name.
JUSTEXT_STOPLISTS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic", "it": "Italian",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nb": "Norwegian_Bokmal",
    "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese",
}
WARM_UP = b"<html><body><h1>Warm-up</h1><p>The first call of a system is not timed.</p></body></html>"
BENCH_EXTRA = "pip install -e '.[bench]'"

Prediction = list[tuple[str, str]]  # (text, role) per block, in page order


class MissingDependency(RuntimeError):
    """An extractor's package is not installed."""


class Extractor(Protocol):
    name: str
    #: True when `extract` labels all of the page's text; False when it returns the body only.
    labels_all_text: bool

    def extract(self, data: bytes, lang: str, document: str) -> Prediction:
        """The page's blocks as (text, role), from its HTML bytes, its gold language and its
        document name (by which winnow knows the pages its corrector learnt from)."""
        ...


class WinnowExtractor:
    name = "winnow"
    labels_all_text = True

    def __init__(self) -> None:
        from winnow.engine import Engine

        self.engine = Engine()
        models = ", ".join(f"{k} {v}" for k, v in self.engine.model_versions.items())
        self.route = (f"Engine.classify_html, models {models}"
                      + "; the pages the article corrector learnt from are corrected out of fold")

    def extract(self, data: bytes, lang: str, document: str) -> Prediction:
        from winnow.engine.inputs import DocumentRejected

        try:  # a page the article corrector learnt from is corrected by the model that never saw its site
            result = self.engine.held_out(document).classify_html(data)
        except DocumentRejected as exc:
            if exc.kind == DocumentRejected.EMPTY:  # no visible text: no blocks, not a failure
                return []
            raise
        return [(b.text, b.role) for b in result.blocks]


class TrafilaturaExtractor:
    name = "trafilatura"
    labels_all_text = False

    def __init__(self) -> None:
        try:
            import trafilatura
        except ImportError as exc:
            raise MissingDependency(f"trafilatura is not installed ({exc}): {BENCH_EXTRA}") from exc
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its per-page warnings
        self.version = trafilatura.__version__
        self._extract = trafilatura.extract

    def extract(self, data: bytes, lang: str, document: str) -> Prediction:
        text = self._extract(data, fast=False, include_comments=False, include_tables=True,
                             include_formatting=False)
        return [(line.strip(), ARTICLE_BODY) for line in (text or "").splitlines() if line.strip()]


class JustextExtractor:
    name = "justext"
    labels_all_text = False

    def __init__(self) -> None:
        try:
            import justext
        except ImportError as exc:  # also lxml without lxml_html_clean (lxml >= 5.2)
            raise MissingDependency(f"jusText cannot be imported ({exc}): {BENCH_EXTRA}") from exc
        self._justext = justext
        self._stoplists: dict[str, frozenset[str]] = {}

    def stoplist(self, lang: str) -> frozenset[str]:
        """The page language's stoplist; empty (language-independent mode) if jusText has none."""
        if lang not in self._stoplists:
            name = JUSTEXT_STOPLISTS.get(lang)
            known = name is not None and name in self._justext.get_stoplists()
            self._stoplists[lang] = self._justext.get_stoplist(name) if known else frozenset()
        return self._stoplists[lang]

    def extract(self, data: bytes, lang: str, document: str) -> Prediction:
        stoplist = self.stoplist(lang)
        thresholds = {} if stoplist else {"stopwords_low": 0, "stopwords_high": 0}
        paragraphs = self._justext.justext(data, stoplist, **thresholds)
        return [(p.text, ARTICLE_BODY) for p in paragraphs if not p.is_boilerplate and p.text.strip()]


EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "winnow": WinnowExtractor,
    "trafilatura": TrafilaturaExtractor,
    "justext": JustextExtractor,
}


@dataclass
class Page:
    name: str
    lang: str
    data: bytes
    gold: dict
    _text: str | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The page's visible text as winnow reads it: the basis of the body projection."""
        if self._text is None:
            from winnow.engine.html_text import decode_html, html_to_text

            self._text = html_to_text(decode_html(self.data))
        return self._text

    def labeling_view(self) -> tuple[dict, int]:
        """The snippet gold as LABELING.md reads this page (`labeling_view`), and how many it set aside."""
        from winnow.engine.html_text import decode_html
        from winnow.engine.segment import segment_html

        return labeling_view(self.gold, segment_html(decode_html(self.data))[1])


def load_pages(dataset: str, limit: int | None, pages: Path = PAGES) -> list[Page]:
    """A dev set's pages with their HTML bytes (decompressed here, before any timing)."""
    return [Page(g["document"], g.get("lang") or "und", data, g) for g, data in read_pages(dataset, limit, pages)]


def project_body(body: Sequence[str], page_text: str) -> Prediction:
    """A body-only extractor's output as a prediction for all of the page's text.

    The page's tokens the body holds are ARTICLE_BODY, the others NOT_BODY, in page order;
    body tokens that are not on the page stay ARTICLE_BODY where they occur.
    """
    page, out = tokens(page_text), tokens("\n".join(body))
    runs: list[tuple[str, list[str]]] = []

    def add(role: str, toks: list[str]) -> None:
        if not toks:
            return
        if runs and runs[-1][0] == role:
            runs[-1][1].extend(toks)
        else:
            runs.append((role, list(toks)))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, page, out, autojunk=False).get_opcodes():
        if tag != "equal":
            add(NOT_BODY, page[i1:i2])
        add(ARTICLE_BODY, out[j1:j2])
    return [(" ".join(toks), role) for role, toks in runs]


@dataclass
class Run:
    """One system on one set: its prediction documents, time and failures."""

    predictions: list[dict]
    seconds: float
    errors: int


def run_system(extractor: Extractor, pages: list[Page], desc: str) -> Run:
    outputs: list[Prediction] = []
    seconds, errors = 0.0, 0
    for page in tqdm(pages, desc=desc, unit="page", disable=None, leave=False, file=sys.stderr):
        start = time.perf_counter()
        try:
            output = extractor.extract(page.data, page.lang, page.name)
        except Exception:  # noqa: BLE001 - a crash is an empty body, as in trafilatura's eval
            output, errors = [], errors + 1
        seconds += time.perf_counter() - start
        outputs.append(output)
    predictions = []
    for page, output in zip(pages, outputs):
        if not extractor.labels_all_text and "blocks" in page.gold:
            output = project_body([text for text, role in output if role == ARTICLE_BODY], page.text)
        predictions.append({"document": page.name, "blocks": [{"text": t, "role": r} for t, r in output]})
    return Run(predictions, seconds, errors)


def language_group(lang: str) -> str:
    return lang if lang in SNIPPET_LANGUAGES else "other"


def language_groups(pages: list[Page]) -> dict[str, list[int]]:
    """The indexes of the pages in each language group, in the order the table prints them."""
    groups: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        groups.setdefault(language_group(page.lang), []).append(i)
    return {group: groups[group] for group in (*SNIPPET_LANGUAGES, "other") if group in groups}


def figures(pages: list[Page], run: Run, labels_all_text: bool, views: list[dict] | None = None) -> dict:
    """The scorer's figures for one system on one set, plus speed and, for snippets, per
    language and on `views`, the gold as LABELING.md reads the pages."""
    golds = [p.gold for p in pages]
    out = score(golds, run.predictions)
    if views:
        out["labeling_view"] = {k: v for k, v in score(views, run.predictions).items() if k.startswith("snippet.")}
    if not labels_all_text:  # roles other than the body mean nothing for a body-only extractor
        out = {k: v for k, v in out.items() if not k.startswith(ROLE_FIGURES)}
    if golds and "must_include" in golds[0]:
        out["by_language"] = {}
        for group, indexes in language_groups(pages).items():
            sub = score([golds[i] for i in indexes], [run.predictions[i] for i in indexes])
            out["by_language"][group] = {k: v for k, v in sub.items() if k.startswith("snippet.")}
    out.update({"seconds": round(run.seconds, 3), "errors": run.errors,
                "pages_per_second": round(len(pages) / run.seconds, 2) if run.seconds else None})
    return out


def snippet_gaps(pages: list[Page], ours: Run, theirs: Run) -> dict[str, list[float]]:
    """How far the pages' draw moves winnow's snippet F1 minus another system's: the paired
    bootstrap interval (`paired_bootstrap`) overall ("all") and per page language."""
    ours_counts = [snippet_counts(p.gold, pred) for p, pred in zip(pages, ours.predictions)]
    theirs_counts = [snippet_counts(p.gold, pred) for p, pred in zip(pages, theirs.predictions)]
    groups = {"all": list(range(len(pages))), **language_groups(pages)}
    return {group: [round(end, 4) for end in difference_interval([ours_counts[i] for i in indexes],
                                                                 [theirs_counts[i] for i in indexes])]
            for group, indexes in groups.items()}


Row = tuple[str, Callable[[dict], object], str]  # label, how to read a system's figure, format


def _rows(per_system: dict[str, dict]) -> list[Row]:
    """A set's table rows: a label, how to read the figure from a system's figures, a format."""
    def key(k: str, fmt: str = ".4f") -> tuple[Callable[[dict], object], str]:
        return (lambda f: f.get(k)), fmt

    first = next(iter(per_system.values()))
    rows: list[Row] = []
    if "snippet.f1" in first:
        rows += [("snippet F1", *key("snippet.f1")), ("snippet P", *key("snippet.p")),
                 ("snippet R", *key("snippet.r"))]
        for group, sub in first.get("by_language", {}).items():
            rows.append((f"snippet F1 {group} ({sub['snippet.docs']} pages)",
                         lambda f, g=group: f.get("by_language", {}).get(g, {}).get("snippet.f1"), ".4f"))
        if "labeling_view" in first:
            rows += [(f"snippet {name}, LABELING view", lambda f, k=f"snippet.{key}": f.get("labeling_view", {}).get(k), ".4f")
                     for name, key in (("F1", "f1"), ("P", "p"))]
        gaps = next((f["winnow_minus_this"] for f in per_system.values() if "winnow_minus_this" in f), {})
        for group in gaps:
            label = "" if group == "all" else f" {group}"
            rows.append((f"snippet F1{label}: winnow - this, {LEVEL:.0%}",
                         lambda f, g=group: _interval(f.get("winnow_minus_this", {}).get(g)), "s"))
    else:
        rows += [("body F1", *key(f"{ARTICLE_BODY}.f1")), ("body P", *key(f"{ARTICLE_BODY}.p")),
                 ("body R", *key(f"{ARTICLE_BODY}.r")),
                 ("related leak into body", *key("related_leak_into_body")),
                 ("macro-F1 (5 roles)", *key("macro_f1"))]
        roles = [r for r in ROLES[1:] if any(f"{r}.f1" in f for f in per_system.values())]
        rows += [(f"F1 {role}", *key(f"{role}.f1")) for role in roles]
    rows += [("pages/s", *key("pages_per_second", ".1f")), ("seconds", *key("seconds", ".1f")),
             ("errors", *key("errors", "d"))]
    return rows


def _interval(ends: list[float] | None) -> str | None:
    return None if ends is None else f"{ends[0]:+.3f}..{ends[1]:+.3f}"


def format_report(report: dict) -> str:
    """Fixed-width tables: one per set, a row per figure, a column per system."""
    lines = []
    for set_name, per_system in report["sets"].items():
        rows = _rows(per_system)
        label_width = max(len(label) for label, _, _ in rows)
        cells = [(label, ["-" if (v := get(f)) is None else format(v, fmt) for f in per_system.values()])
                 for label, get, fmt in rows]
        width = max(12, *(len(s) for s in report["systems"]), *(len(c) for _, row in cells for c in row))
        set_aside = report.get("labeling_view_set_aside", {}).get(set_name)
        view = "" if set_aside is None else f" (LABELING view: {set_aside} must-exclude snippets set aside)"
        lines.append(f"== {set_name}: {next(iter(per_system.values()))['documents']} pages{view}")
        lines.append(" " * label_width + "".join(f" {s:>{width}}" for s in per_system))
        for label, row in cells:
            lines.append(f"{label:<{label_width}}" + "".join(f" {c:>{width}}" for c in row))
        lines.append("")
    lines += [f"{name}: {setting}" for name, setting in report["settings"].items()]
    return "\n".join(lines)


def _names(value: str, choices: Sequence[str], what: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in choices]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown {what} {', '.join(unknown) or '(none)'}: choose from {', '.join(choices)}")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", type=lambda v: _names(v, PAGE_SETS, "set"), default=list(PAGE_SETS),
                        help=f"comma-separated page sets (default: {','.join(PAGE_SETS)})")
    parser.add_argument("--systems", type=lambda v: _names(v, SYSTEMS, "system"), default=list(SYSTEMS),
                        help=f"comma-separated systems (default: {','.join(SYSTEMS)})")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    parser.add_argument("--predictions", type=Path, help="also write the prediction documents as SYSTEM.SET.jsonl here")
    args = parser.parse_args(argv)
    if not PAGES.is_dir():
        parser.error(f"the dev pages are missing ({PAGES})")
    extractors: list[Extractor] = []
    try:
        for name in args.systems:
            extractors.append(EXTRACTORS[name]())
    except MissingDependency as exc:
        print(f"winnow-extraction-benchmark: {exc}", file=sys.stderr)
        return 2
    settings = {}
    for extractor in extractors:
        extractor.extract(WARM_UP, "en", "warm-up")
        if isinstance(extractor, WinnowExtractor):
            settings["winnow"] = extractor.route
        elif isinstance(extractor, TrafilaturaExtractor):
            settings["trafilatura"] = (f"{extractor.version}, extract(fast=False, include_comments=False, "
                                       "include_tables=True, include_formatting=False)")
        elif isinstance(extractor, JustextExtractor):
            settings["justext"] = "default thresholds, stoplist of the page's language"
    report: dict = {"systems": [e.name for e in extractors], "settings": settings, "sets": {}}
    for set_name in args.sets:
        pages = load_pages(set_name, args.limit)
        report["sets"][set_name] = {}
        views = None
        if pages and "must_exclude" in pages[0].gold:
            read = [page.labeling_view() for page in pages]
            views = [gold for gold, _ in read]
            report.setdefault("labeling_view_set_aside", {})[set_name] = sum(n for _, n in read)
        runs = {}
        for extractor in extractors:
            run = runs[extractor.name] = run_system(extractor, pages, f"{set_name} {extractor.name}")
            report["sets"][set_name][extractor.name] = figures(pages, run, extractor.labels_all_text, views)
            if args.predictions:
                args.predictions.mkdir(parents=True, exist_ok=True)
                with open(args.predictions / f"{extractor.name}.{set_name}.jsonl", "w", encoding="utf-8") as fh:
                    fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in run.predictions)
        if views is not None and "winnow" in runs:  # a snippet set: is winnow's gap more than the pages' draw?
            for name, run in runs.items():
                if name != "winnow":
                    report["sets"][set_name][name]["winnow_minus_this"] = snippet_gaps(pages, runs["winnow"], run)
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
