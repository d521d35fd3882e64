"""`winnow-benchmark`: how fast the engine classifies, in-process, and where the time goes.

Prints documents and megabytes per second and each stage's share of the time, over the
seeds (and, when `../shared` is there, the L3S-GN1 and trafilatura dev pages as HTML,
parsing included). A benchmark,
not a test: it prints figures and asserts nothing, since timings depend on the machine.
For the service's throughput over gRPC, use `winnow-loadtest` against a running server.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

from winnow.engine import Engine
from winnow.engine.html_text import html_to_blocks
from winnow.engine.inputs import Document
from winnow.evaluation.evaluate import SHARED, load_set


def measure(engine: Engine, documents: list[Document], rounds: int) -> dict:
    timings: Counter[str] = Counter()
    blocks = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for document in documents:
            blocks += len(engine.classify_document(document, timings).blocks)
    elapsed = time.perf_counter() - start
    docs = rounds * len(documents)
    chars = rounds * sum(len(d.content.encode("utf-8")) for d in documents)
    return {
        "documents": docs,
        "seconds": round(elapsed, 3),
        "documents_per_second": round(docs / elapsed, 1),
        "ms_per_document": round(1000 * elapsed / docs, 2),
        "mb_per_second": round(chars / elapsed / 1e6, 2),
        "blocks_per_second": round(blocks / elapsed),
        "stage_share": {k: round(v / elapsed, 3) for k, v in sorted(timings.items())},
    }


def _classifiable(engine: Engine, page: Document) -> bool:
    """Whether the engine takes the page (visible text, not too many blocks), found by parsing
    it rather than by classifying every page once more before the clock starts."""
    return 0 < len(html_to_blocks(page.content)) <= engine.max_blocks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20, help="passes over the seeds (default %(default)s)")
    parser.add_argument("--pages", type=int, default=200,
                        help="pages of each page set to time, 0 for none (default %(default)s)")
    args = parser.parse_args(argv)
    engine = Engine()
    sets = {"seeds": ([doc for _, doc, _ in load_set("seeds", None)], args.rounds)}
    if args.pages and SHARED.is_dir():
        for name in ("l3s-gn1", "trafilatura"):
            sets[f"{name} (HTML)"] = ([doc for _, doc, _ in load_set(name, args.pages) if _classifiable(engine, doc)], 1)
    engine.classify("Warm-up.")
    report = {name: measure(engine, documents, rounds) for name, (documents, rounds) in sets.items()}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
