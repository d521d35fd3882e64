"""Token-level scoring of block predictions, independent of segmentation.

This is the reference scorer's method (`../shared/tools/score.py`), so that figures
printed here and there agree; `tests/test_scoring_agrees_with_reference.py` checks it.
Both sides become token sequences in document order (words; Thai letters one by one,
each weighing a quarter of a word), aligned with difflib; every gold token is judged by
the role of the predicted token it is aligned to. A gold block may accept several roles.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from winnow.engine.blocks import ROLES

MISSING = "MISSING"
TOKEN = re.compile(r"[\u0E00-\u0E7F]|[^\W\u0E00-\u0E7F]+")
#: Thai words average about four letters.
THAI_LETTER_WEIGHT = 0.25


def tokens(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def weight(token: str) -> float:
    return THAI_LETTER_WEIGHT if "\u0e00" <= token[0] <= "\u0e7f" else 1.0


def acceptable(value: str | list[str] | None) -> set[str]:
    if value is None:
        return set()
    return set(value) if isinstance(value, list) else {value}


def snippet_text(text: str) -> str:
    """Text as snippets are compared: NFC, white space collapsed, lower case (trafilatura's `eval_common.py`)."""
    return " ".join(unicodedata.normalize("NFC", text).split()).lower()


@dataclass
class Tally:
    """Running counts over documents; `summary()` turns them into figures."""

    confusion: Counter = field(default_factory=Counter)  # (gold role, predicted role) -> weight
    languages: dict = field(default_factory=lambda: defaultdict(lambda: {"n": 0, "ok": 0}))
    related: float = 0.0
    related_as_body: float = 0.0
    snippets: Counter = field(default_factory=Counter)

    def add_blocks(self, gold: dict, predicted: dict | None) -> None:
        g_tok, g_role, g_block = [], [], []
        for bi, b in enumerate(gold["blocks"]):
            for t in tokens(b["text"]):
                g_tok.append(t)
                g_role.append(acceptable(b.get("role")))
                g_block.append(bi)
        p_tok, p_role, p_lang = [], [], []
        for b in (predicted or {}).get("blocks", []):
            for t in tokens(b.get("text", "")):
                p_tok.append(t)
                p_role.append(b.get("role"))
                p_lang.append(b.get("language"))
        aligned: list[int | None] = [None] * len(g_tok)
        used = [False] * len(p_tok)
        for m in difflib.SequenceMatcher(None, g_tok, p_tok, autojunk=False).get_matching_blocks():
            for k in range(m.size):
                aligned[m.a + k] = m.b + k
                used[m.b + k] = True
        block_langs: dict[int, Counter] = defaultdict(Counter)
        for i, j in enumerate(aligned):
            want = g_role[i]
            got = p_role[j] if j is not None else MISSING
            effective = got if got in want else sorted(want, key=ROLES.index)[0]
            w = weight(g_tok[i])
            self.confusion[(effective, got)] += w
            if want == {"RELATED_TEASER"}:
                self.related += w
                self.related_as_body += w * (got == "ARTICLE_BODY")
            if j is not None:
                block_langs[g_block[i]][p_lang[j]] += 1
        for j, u in enumerate(used):
            if not u:
                self.confusion[(MISSING, p_role[j])] += weight(p_tok[j])
        for bi, b in enumerate(gold["blocks"]):
            want = acceptable(b.get("lang"))
            if not want:
                continue
            got = block_langs[bi].most_common(1)[0][0] if block_langs[bi] else None
            primary = b["lang"][0] if isinstance(b["lang"], list) else b["lang"]
            self.languages[primary]["n"] += 1
            self.languages[primary]["ok"] += got in want

    def add_snippets(self, gold: dict, predicted: dict | None) -> None:
        self.snippets["docs"] += 1
        self.snippets.update(dict(zip(("tp", "fp", "fn"), snippet_counts(gold, predicted))))

    def add(self, gold: dict, predicted: dict | None) -> None:
        (self.add_blocks if "blocks" in gold else self.add_snippets)(gold, predicted)

    def summary(self) -> dict:
        out: dict = {}
        f1s = []
        c = self.confusion
        for role in ROLES:
            tp = c[(role, role)]
            fp = sum(v for (g, p), v in c.items() if p == role and g != role)
            fn = sum(v for (g, p), v in c.items() if g == role and p != role)
            if tp + fp + fn == 0:
                continue
            p, r, f = prf(tp, fp, fn)
            out.update({f"{role}.f1": round(f, 4), f"{role}.p": round(p, 4), f"{role}.r": round(r, 4),
                        f"{role}.gold_tokens": round(tp + fn)})
            if tp + fn:
                f1s.append(f)
        if f1s:
            out["macro_f1"] = round(sum(f1s) / len(f1s), 4)
            total = sum(v for (g, _), v in c.items() if g != MISSING)
            right = sum(v for (g, p), v in c.items() if g == p)
            out["token_accuracy"] = round(right / total, 4) if total else 0.0
        if self.related:
            out["related_leak_into_body"] = round(self.related_as_body / self.related, 4)
        n = sum(v["n"] for v in self.languages.values())
        if n:
            out["lang_block_accuracy"] = round(sum(v["ok"] for v in self.languages.values()) / n, 4)
            for lang, v in sorted(self.languages.items()):
                if v["n"]:
                    out[f"lang.{lang}"] = f'{v["ok"]}/{v["n"]}'
        if self.snippets["docs"]:
            p, r, f = prf(self.snippets["tp"], self.snippets["fp"], self.snippets["fn"])
            out.update({"snippet.p": round(p, 4), "snippet.r": round(r, 4), "snippet.f1": round(f, 4),
                        "snippet.docs": self.snippets["docs"]})
        return out


def snippet_counts(gold: dict, predicted: dict | None) -> tuple[int, int, int]:
    """A snippet-labelled page's true positives (must-include snippets in the predicted body),
    false positives (must-exclude snippets in it) and false negatives."""
    body = snippet_text(" ".join(b.get("text", "") for b in (predicted or {}).get("blocks", [])
                                if b.get("role") == "ARTICLE_BODY"))
    found = sum(snippet_text(s) in body for s in gold.get("must_include", []))
    leaked = sum(snippet_text(s) in body for s in gold.get("must_exclude", []))
    return found, leaked, len(gold.get("must_include", [])) - found


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def document_key(name: str) -> str:
    """A document's name without folders and known extensions: how gold and predictions meet."""
    base = name.rsplit("/", 1)[-1]
    for ext in (".gz", ".html", ".htm", ".txt", ".json"):
        if base.endswith(ext):
            base = base[: -len(ext)]
    return base


def score(gold: Iterable[dict], predictions: Iterable[dict]) -> dict:
    """Figures for predictions (as `winnow classify --format jsonl` prints) against gold."""
    by_key = {document_key(p["document"]): p for p in predictions}
    tally = Tally()
    docs = missing = 0
    for g in gold:
        p = by_key.get(document_key(g["document"]))
        docs += 1
        missing += p is None
        tally.add(g, p)
    out = tally.summary()
    out["documents"] = docs
    out["documents_without_prediction"] = missing
    return out
