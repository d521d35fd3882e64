"""`winnow-parser-comparison`: selectolax (Lexbor), Resiliparse and lxml as parsers for winnow's job.

On every dev page of `../shared/pages/` (both sets), each parser builds a tree and a full walk
of it collects the visible text (text nodes outside `html_text.SKIPPED_TAGS` and comments).
It prints, per parser:

- speed: parse time per page (median, p95), pages/s and MB/s for parsing alone, and the same
  for parse + walk (what winnow needs: a tree, then its text);
- robustness: pages whose parse or walk raises, pages with no visible text at all, and pages
  whose visible text differs drastically from Lexbor's (token count below half or above
  double Lexbor's), with a few examples.

Every parser gets the same input: the page decoded the way winnow decodes it
(`html_text.decode_html`), then encoded as UTF-8 bytes and passed with UTF-8 declared, so the
clock measures parsing, not charset sniffing. The raw page is parsed, without winnow's
pre-parse fix for an unterminated `<title>` (`html_text` closes it at the next tag); pages
that need that fix show up as empty for the HTML5 parsers.

- selectolax `LexborHTMLParser(data, scripting=True)`, as winnow calls it: Lexbor, an HTML5
  parser (WHATWG tokenizer and tree construction), the tree a browser builds.
- Resiliparse `HTMLTree.parse_from_bytes(data, "utf-8")`: also Lexbor underneath (its own
  bundled version), with Resiliparse's own node wrappers; it parses with scripting off, so a
  `<noscript>` holds markup (a page wrapped in an unclosed `<noscript>` has no visible text).
- lxml `lxml.html.document_fromstring(data, parser=HTMLParser(encoding="utf-8"))`: libxml2's
  HTML parser, which is an HTML 4 parser, not an HTML5 one. libxml2 2.14 made its tokenizer
  follow HTML5 more closely, but the tree construction is still HTML 4's (no adoption agency,
  no foster parenting, its own implied-end-tag rules), and its maintainers say it does not
  implement HTML5. On broken markup its tree, and so the text's order and nesting, can differ
  from a browser's.

A benchmark, not a test: timings depend on the machine; one thread, one pass per page.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tqdm import tqdm

from winnow.engine.html_text import SKIPPED_TAGS, decode_html
from winnow.evaluation.extraction_benchmark import BENCH_EXTRA, PAGE_SETS, load_pages
from winnow.evaluation.scoring import tokens

PARSERS = ("lexbor", "resiliparse", "lxml")
REFERENCE = "lexbor"
#: A page's text differs drastically from Lexbor's outside these token-count ratios.
RATIO_LOW, RATIO_HIGH = 0.5, 2.0
EXAMPLES = 8


def lexbor() -> tuple[Callable[[bytes], object], Callable[[object], list[str]]]:
    from selectolax.lexbor import LexborHTMLParser

    def parse(data: bytes) -> object:
        return LexborHTMLParser(data, scripting=True)

    def texts(tree) -> list[str]:
        out: list[str] = []
        stack = [tree.root] if tree.root is not None else []
        while stack:
            node = stack.pop()
            tag = node.tag or ""
            if tag == "-text":
                out.append(node.text_content or "")
            elif tag and tag[0] != "-" and tag not in SKIPPED_TAGS:
                stack.extend(reversed(list(node.iter(include_text=True))))
        return out

    return parse, texts


def resiliparse() -> tuple[Callable[[bytes], object], Callable[[object], list[str]]]:
    from resiliparse.parse.html import HTMLTree, NodeType

    def parse(data: bytes) -> object:
        return HTMLTree.parse_from_bytes(data, "utf-8")

    def texts(tree) -> list[str]:
        out: list[str] = []
        stack = [tree.document]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind == NodeType.TEXT:
                out.append(node.text)
            elif kind == NodeType.DOCUMENT or (kind == NodeType.ELEMENT and node.tag not in SKIPPED_TAGS):
                # Siblings by `.next`: indexing `child_nodes` is far slower on wide elements.
                children, child = [], node.first_child
                while child is not None:
                    children.append(child)
                    child = child.next
                stack.extend(reversed(children))
        return out

    return parse, texts


def lxml() -> tuple[Callable[[bytes], object], Callable[[object], list[str]]]:
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8")

    def parse(data: bytes) -> object:
        return lxml.html.document_fromstring(data, parser=parser)

    def texts(root) -> list[str]:
        out: list[str] = []
        stack: list = [root]  # elements, and the tail strings that follow them
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                out.append(item)
                continue
            for child in reversed(item):
                if child.tail:
                    stack.append(child.tail)
                if isinstance(child.tag, str) and child.tag.lower() not in SKIPPED_TAGS:
                    stack.append(child)  # comments and processing instructions: only their tail
            if item.text:
                out.append(item.text)
        return out

    return parse, texts


LOADERS = {"lexbor": lexbor, "resiliparse": resiliparse, "lxml": lxml}


@dataclass
class Tally:
    parse: list[float] = field(default_factory=list)
    total: list[float] = field(default_factory=list)  # parse + walk
    tokens: dict[str, int] = field(default_factory=dict)  # page -> visible tokens (pages that did not raise)
    raised: list[tuple[str, str]] = field(default_factory=list)


def measure(name: str, pages: list[tuple[str, bytes]]) -> Tally:
    parse, texts = LOADERS[name]()
    texts(parse(b"<p>Warm-up</p>"))
    tally = Tally()
    for doc, data in tqdm(pages, desc=name, unit="page", disable=None, leave=False, file=sys.stderr):
        try:
            start = time.perf_counter()
            tree = parse(data)
            parsed = time.perf_counter()
            text = texts(tree)
            done = time.perf_counter()
        except Exception as exc:  # noqa: BLE001 - a parser failing on a page is what is counted
            tally.raised.append((doc, f"{type(exc).__name__}: {str(exc)[:80]}"))
            continue
        tally.parse.append(parsed - start)
        tally.total.append(done - start)
        tally.tokens[doc] = len(tokens(" ".join(text)))
    return tally


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else (values[0] if values else 0.0)


def summarise(tallies: dict[str, Tally], megabytes: float, pages: int) -> dict:
    ref = tallies.get(REFERENCE)
    out = {}
    for name, t in tallies.items():
        fig: dict = {"pages": pages}
        for what, times in (("parse", t.parse), ("parse_walk", t.total)):
            fig.update({f"{what}.median_ms": round(1000 * statistics.median(times), 3) if times else None,
                        f"{what}.p95_ms": round(1000 * _p95(times), 3),
                        f"{what}.pages_per_second": round(len(times) / sum(times), 1) if times else None,
                        f"{what}.mb_per_second": round(megabytes / sum(times), 1) if times else None})
        empty = [doc for doc, n in t.tokens.items() if n == 0]
        fig.update({"raised": len(t.raised), "raised_examples": t.raised[:EXAMPLES],
                    "empty": len(empty), "empty_examples": empty[:EXAMPLES],
                    "visible_tokens": sum(t.tokens.values())})
        if ref is not None and name != REFERENCE:
            low, high = [], []
            for doc, n in t.tokens.items():
                base = ref.tokens.get(doc)
                if base is None or base == 0 and n == 0:
                    continue
                ratio = n / base if base else float("inf")
                if ratio < RATIO_LOW:
                    low.append((doc, base, n))
                elif ratio > RATIO_HIGH:
                    high.append((doc, base, n))
            fig.update({"fewer_than_half": len(low), "fewer_than_half_examples": low[:EXAMPLES],
                        "more_than_double": len(high), "more_than_double_examples": high[:EXAMPLES]})
        out[name] = fig
    return out


ROWS = [
    ("parse median ms", "parse.median_ms", ".2f"), ("parse p95 ms", "parse.p95_ms", ".2f"),
    ("parse pages/s", "parse.pages_per_second", ".1f"), ("parse MB/s", "parse.mb_per_second", ".1f"),
    ("parse+walk median ms", "parse_walk.median_ms", ".2f"), ("parse+walk p95 ms", "parse_walk.p95_ms", ".2f"),
    ("parse+walk pages/s", "parse_walk.pages_per_second", ".1f"),
    ("parse+walk MB/s", "parse_walk.mb_per_second", ".1f"),
    ("visible tokens (all pages)", "visible_tokens", "d"),
    ("pages that raise", "raised", "d"), ("pages with no visible text", "empty", "d"),
    (f"tokens < {RATIO_LOW:g} x lexbor's", "fewer_than_half", "d"),
    (f"tokens > {RATIO_HIGH:g} x lexbor's", "more_than_double", "d"),
]


def format_report(report: dict) -> str:
    figs = report["parsers"]
    width = 13
    label_width = max(len(label) for label, _, _ in ROWS)
    lines = [f"== {report['pages']} pages ({', '.join(report['sets'])}), {report['megabytes']:.1f} MB as UTF-8",
             " " * label_width + "".join(f" {name:>{width}}" for name in figs)]
    for label, key, fmt in ROWS:
        cells = ["-" if f.get(key) is None else format(f[key], fmt) for f in figs.values()]
        lines.append(f"{label:<{label_width}}" + "".join(f" {c:>{width}}" for c in cells))
    for name, f in figs.items():
        for key, what in (("raised_examples", "raise"), ("empty_examples", "no visible text")):
            for item in f[key]:
                lines.append(f"  {name} {what}: {item[0] if isinstance(item, (list, tuple)) else item}"
                             + (f" ({item[1]})" if isinstance(item, (list, tuple)) else ""))
        for key, what in (("fewer_than_half_examples", "< half"), ("more_than_double_examples", "> double")):
            for doc, base, n in f.get(key, []):
                lines.append(f"  {name} {what} of lexbor's tokens: {doc} (lexbor {base}, {name} {n})")
    lines.append("lxml.html is libxml2's HTML 4 parser (libxml2 %s), not an HTML5 parser." % report["libxml2"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--parsers", default=",".join(PARSERS),
                        help=f"comma-separated parsers (default: {','.join(PARSERS)})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.parsers.split(",") if n.strip()]
    if not names or any(n not in PARSERS for n in names):
        parser.error(f"--parsers: choose from {', '.join(PARSERS)}")
    try:
        for name in names:
            LOADERS[name]()
    except ImportError as exc:
        print(f"winnow-parser-comparison: {exc}: {BENCH_EXTRA}", file=sys.stderr)
        return 2
    try:
        import lxml.etree
        libxml2 = ".".join(map(str, lxml.etree.LIBXML_VERSION))
    except ImportError:
        libxml2 = "not installed"
    pages = [(f"{s}/{p.name}", decode_html(p.data).encode("utf-8")) for s in PAGE_SETS for p in load_pages(s, args.limit)]
    megabytes = sum(len(d) for _, d in pages) / 1e6
    tallies = {name: measure(name, pages) for name in names}
    report = {"sets": list(PAGE_SETS), "pages": len(pages), "megabytes": round(megabytes, 2), "libxml2": libxml2,
              "parsers": summarise(tallies, megabytes, len(pages))}
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
