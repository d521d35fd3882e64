"""Block features for the role model, as fastText tokens.

Words alone cannot tell a teaser's excerpt from an article paragraph: both are prose.
What tells them apart is where a block stands and what surrounds it: a short title
before it, a "Read More" after it, a language unlike the document's, the article's
long paragraphs all above it. So every block is described by its own words and shape,
its neighbours' words and shape, and its place in the document's text. Each feature is
one token (`name=value`), so a fastText bag-of-tokens model can weigh them.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from winnow.engine.blocks import UNDETERMINED, Block, on_a_page
from winnow.engine.text_shape import is_thai, letters, thai_count

#: Own words kept per block; more would drown the shape features of long paragraphs.
OWN_WORDS = 12
#: Words kept from a neighbour (nearer neighbours only, see NEIGHBOUR_WORDS_REACH).
NEIGHBOUR_WORDS = 6
NEIGHBOUR_WORDS_REACH = 2
#: How many blocks on each side lend their shape.
NEIGHBOUR_SHAPE_REACH = 3
#: A block of at most this many words is also one token, the whole phrase, repeated this often.
PHRASE_WORDS = 4
PHRASE_REPEAT = 3
#: Letters kept of a word as its stem.
STEM = 5
#: The shorter of two echoing blocks is at least this share of the longer.
ECHO_SHARE = 0.5
#: A block at least this long (characters) counts as a paragraph of prose.
LONG_BLOCK = 150

#: Markup tokens kept per block (its element's and its ancestors', nearest first).
MARKUP_TOKENS = 40
#: Words of a block's image alt text kept ("... thumbnail" marks a teaser).
ALT_WORDS = 4
#: A block with a larger share of its characters in links is a link list, not text.
MAX_LINK_SHARE = 0.3
#: The article container holds at least this share of a page's prose (`main_container`).
MAIN_SHARE = 0.6

LENGTH_BUCKETS = (5, 10, 20, 40, 80, 160, 320, 640)
LINK_DENSITY_BUCKETS = (0.0, 0.1, 0.3, 0.6, 0.9)
SIBLING_BUCKETS = (1, 2, 3, 5, 10, 20)
RUN_BUCKETS = (1, 2, 3, 5, 10)
CONFIDENCE_BUCKETS = (0.5, 0.8, 0.95, 0.99)
SHARE_BUCKETS = (0.0, 0.1, 0.3, 0.5, 0.8)
WORD_BUCKETS = (1, 2, 3, 5, 8, 15, 30)
COUNT_BUCKETS = (0, 1, 2, 3, 5, 8)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’)\]]*)(?:\s|$)")
_SEPARATORS = re.compile(r"\s[|»›>/·•]\s|\s[-–]\s")
_END_CLASSES = (
    ("ellipsis", ("…", "...")),
    ("period", (".",)),
    ("exclaim", ("!",)),
    ("question", ("?",)),
    ("colon", (":",)),
    ("comma", (",",)),
    ("quote", ('"', "”", "’", "'", "»")),
    ("paren", (")", "]")),
)


def _bucket(value: float, bounds: Sequence[float]) -> int:
    return bisect.bisect_left(bounds, value)


def words(text: str) -> list[str]:
    """Lower-cased words; a run of Thai letters is one token (Thai writes no spaces)."""
    return [w.lower() for w in _WORD.findall(text)]


def _end_class(text: str) -> str:
    stripped = text.rstrip()
    for name, endings in _END_CLASSES:
        if stripped.endswith(endings):
            return name
    last = stripped[-1:] or " "
    return "digit" if last.isdigit() else "letter" if last.isalpha() else "other"


def _start_class(text: str) -> str:
    first = text.lstrip()[:1] or " "
    if is_thai(first):
        return "thai"
    if first.isupper():
        return "upper"
    if first.islower():
        return "lower"
    return "digit" if first.isdigit() else "other"


def shape(block: Block, doc_language: str) -> list[str]:
    """What a block looks like, whatever its words: length, punctuation, casing, language."""
    text = block.text
    ws = _WORD.findall(text)
    chars = letters(text)
    feats = [
        f"len={_bucket(len(text), LENGTH_BUCKETS)}",
        f"words={_bucket(len(ws), WORD_BUCKETS)}",
        f"end={_end_class(text)}",
        f"start={_start_class(text)}",
        f"sentences={_bucket(len(_SENTENCE_END.findall(text)), COUNT_BUCKETS)}",
    ]
    if ws:
        capitalised = sum(w[0].isupper() for w in ws) / len(ws)
        feats.append(f"caps={round(capitalised * 4)}")
    if len(chars) >= 3 and chars.isupper() and not thai_count(chars):
        feats.append("allcaps")
    digits = len(_DIGIT.findall(text))
    feats.append(f"digits={_bucket(digits / max(1, len(text)), (0, 0.05, 0.2, 0.5))}")
    if _SEPARATORS.search(text):
        feats.append("separators")
    if block.language == UNDETERMINED:
        feats.append("lang=und")
    elif block.language == doc_language:
        feats.append("lang=same")
    else:
        feats.append("lang=other")
    return feats


def _position(index: int, blocks: Sequence[Block], mass_before: Sequence[int], long_before: Sequence[int]) -> list[str]:
    """Where a block stands: by count, by share of the document's text, among the paragraphs."""
    n = len(blocks)
    total = mass_before[-1] or 1
    long_total = long_before[-1]
    feats = [
        f"pos={round(10 * index / max(1, n - 1))}",
        f"mass={round(10 * mass_before[index] / total)}",
        f"long_before={_bucket(long_before[index], COUNT_BUCKETS)}",
        f"long_after={_bucket(long_total - long_before[index + 1], COUNT_BUCKETS)}",
    ]
    if index < 3:
        feats.append(f"head={index}")
    if n - 1 - index < 3:
        feats.append(f"tail={n - 1 - index}")
    return feats


def _echoes(block: Block, other: Block) -> bool:
    """True when one block repeats most of the other: a teaser title and its image's alt text."""
    short, long = sorted((block.text.lower(), other.text.lower()), key=len)
    return len(short) >= 8 and long.startswith(short) and len(short) >= ECHO_SHARE * len(long)


def own_words(ws: Sequence[str]) -> list[str]:
    """A block's own words, their stems and word pairs.

    Stems (word starts) let "commenting" count as "comment" and Czech or Spanish
    inflections as their lemma; pairs tell "related topics" (navigation) from "related
    posts" (teasers). The neighbours contribute many more tokens than a short block
    has words, so these give a short block's own words their due weight.
    """
    head = list(ws[:OWN_WORDS])
    stems = [f"s:{w[:STEM]}" for w in head if len(w) > STEM]
    pairs = [f"b:{a}_{b}" for a, b in zip(head, head[1:])]
    if 0 < len(ws) <= PHRASE_WORDS:
        # A short block is a stock phrase whose identity is its role: "Related Topics" is
        # navigation although "related" alone says teaser. The whole phrase, repeated, weighs
        # as much as its words do.
        pairs += [f"w:{'_'.join(ws)}"] * PHRASE_REPEAT
    return head + stems + pairs


def _link_density(block: Block) -> str:
    html = block.html
    share = html.link_chars / max(1, len(block.text)) if html is not None else 0.0
    return f"ld={_bucket(share, LINK_DENSITY_BUCKETS)}"


def parent_path(path: str) -> str:
    """The CSS selector of a block element's parent."""
    return path.rpartition(" > ")[0]


_NTH = re.compile(r":nth-of-type\(\d+\)")


def signature(path: str) -> str:
    """A path without its positions: the rows of a teaser table or the items of two menus
    share it, though no two of them share a parent."""
    return _NTH.sub("", path)


def mostly_text(block: Block) -> bool:
    """A block of an HTML page that is not a link list (`MAX_LINK_SHARE`)."""
    html = block.html
    return html is not None and html.link_chars <= MAX_LINK_SHARE * len(block.text)


def is_prose(block: Block) -> bool:
    """A long block of an HTML page that is not mostly links: what articles are made of."""
    return len(block.text) >= LONG_BLOCK and mostly_text(block)


def ancestor_sums(blocks: Sequence[Block], values: Sequence[float]) -> dict[str, float]:
    """Each element's total of `values` over the blocks it contains (a block's own element
    not counted): what an element holds decides whether it is the article's."""
    sums: dict[str, float] = {}
    for block, value in zip(blocks, values):
        steps = block.path.split(" > ")
        prefix = steps[0]
        for step in steps[1:]:
            sums[prefix] = sums.get(prefix, 0) + value
            prefix += " > " + step
    return sums


def parent_prose_shares(blocks: Sequence[Block], parents: Sequence[str]) -> list[float]:
    """Each block's parent's share of the page's prose (`parents`: each block's parent path).

    An article's paragraphs sit side by side in one element that holds most of the page's
    prose; readers' comments, each in its own element, hold a small share apiece.
    """
    held: dict[str, int] = {}
    for block, parent in zip(blocks, parents):
        if is_prose(block):
            held[parent] = held.get(parent, 0) + len(block.text)
    total = sum(held.values()) or 1
    return [held.get(parent, 0) / total for parent in parents]


def main_container(blocks: Sequence[Block]) -> str:
    """The path of the page's article container: the deepest element holding at least
    `MAIN_SHARE` of the page's prose (long blocks that are not mostly links).

    This is readability's insight: the article is one subtree, and teasers and sidebars
    sit outside it even when their text reads like prose.
    """
    prose = [b for b in blocks if is_prose(b)]
    total = sum(len(b.text) for b in prose)
    weight = ancestor_sums(prose, [len(b.text) for b in prose])
    held = [p for p, w in weight.items() if w >= MAIN_SHARE * total]
    return max(held, key=len) if held else ""


def markup_features(blocks: Sequence[Block]) -> list[list[str]]:
    """What each block's markup says: its element, ancestors, links, images, list and run.

    A teaser list or a menu is a run of like elements full of links; the run's length
    (blocks in a row whose paths differ only in positions) and whether a block shares its
    parent with its neighbours say so even where class names say nothing (`css-1q2w3e`). Plain-text blocks have no markup: `fmt=text`.
    """
    if not on_a_page(blocks):
        return [["fmt=text"] for _ in blocks]
    parents = [parent_path(b.path) for b in blocks]
    signatures = [signature(b.path) for b in blocks]
    run_before = [0] * len(blocks)
    for i in range(1, len(blocks)):
        run_before[i] = run_before[i - 1] + 1 if signatures[i] == signatures[i - 1] else 0
    run_after = [0] * len(blocks)
    for i in range(len(blocks) - 2, -1, -1):
        run_after[i] = run_after[i + 1] + 1 if signatures[i] == signatures[i + 1] else 0
    densities = [_link_density(b) for b in blocks]
    shares = parent_prose_shares(blocks, parents)
    main = main_container(blocks)
    main_prefix = main + " > "
    out = []
    for i, block in enumerate(blocks):
        html = block.html
        inside = "main=none" if not main else "main=in" if block.path.startswith(main_prefix) else "main=out"
        feats = ["fmt=html", inside, densities[i], f"tag={html.tag}", f"sibs={_bucket(html.siblings, SIBLING_BUCKETS)}",
                 f"run={_bucket(run_before[i] + run_after[i] + 1, RUN_BUCKETS)}",
                 f"pshare={_bucket(shares[i], SHARE_BUCKETS)}",
                 # Links in a long block make a link list, in a short one a menu item or a title:
                 # the model is linear, so the pair is one token.
                 f"ldlen={densities[i]}:{_bucket(len(block.text), LENGTH_BUCKETS)}"]
        # The nearest tokens, in a fixed order: fastText's sums, and so the trained model,
        # change with the order of a line's tokens, and a page's nesting order should not.
        feats.extend(sorted(html.context[:MARKUP_TOKENS]))
        if html.images:
            feats.append("img")
            feats.extend(f"alt:{w[:STEM]}" for w in words(html.alt_text)[:ALT_WORDS])
        for side, j in (("p1", i - 1), ("n1", i + 1)):
            if 0 <= j < len(blocks):
                feats.append(f"{side}:{densities[j]}")
                if parents[j] == parents[i]:
                    feats.append(f"{side}:same_parent")
        out.append(feats)
    return out


def document_features(blocks: Sequence[Block], doc_language: str) -> list[list[str]]:
    """The stage-one feature tokens of every block of one document."""
    markup = markup_features(blocks)
    shapes = [shape(b, doc_language) for b in blocks]
    heads = [words(b.text) for b in blocks]
    mass_before = [0]
    long_before = [0]
    for b in blocks:
        mass_before.append(mass_before[-1] + len(b.text))
        long_before.append(long_before[-1] + (len(b.text) >= LONG_BLOCK))
    # What a block lends its neighbours: part of its shape and (to the nearer ones) the
    # stems of its first words, not inflections: "read more" and "read the full story" matter.
    lent_shape = [[s for s in sh if s.startswith(("len=", "end=", "lang=", "words="))] for sh in shapes]
    lent_stems = [[w[:STEM] for w in ws[:NEIGHBOUR_WORDS]] for ws in heads]
    out = []
    for i, block in enumerate(blocks):
        feats = own_words(heads[i]) + shapes[i] + _position(i, blocks, mass_before, long_before) + markup[i]
        for d in range(1, NEIGHBOUR_SHAPE_REACH + 1):
            for side, j in (("p", i - d), ("n", i + d)):
                tag = f"{side}{d}"
                if not 0 <= j < len(blocks):
                    feats.append(f"{tag}:none")
                    continue
                feats.extend([f"{tag}:{s}" for s in lent_shape[j]])
                if d <= NEIGHBOUR_WORDS_REACH:
                    feats.extend([f"{tag}:{w}" for w in lent_stems[j]])
                if d == 1 and _echoes(block, blocks[j]):
                    feats.append(f"{tag}:echo")
        out.append(feats)
    return out


def context_features(stage_one: Sequence[str], index: int, reach: int = 3,
                     confidence: float | None = None) -> list[str]:
    """Stage-two tokens: the roles stage one gave the block and its neighbours.

    A teaser list and a donation box are runs of blocks; seeing the neighbours' roles
    lets stage two pull a lone prose excerpt into the run it sits in. How sure stage one
    was of the block itself tells stage two when not to (a disclaimer between two teaser
    headings is still a disclaimer).
    """
    feats = [f"r0={stage_one[index]}"]
    if confidence is not None:
        feats.append(f"r0c={stage_one[index]}:{_bucket(confidence, CONFIDENCE_BUCKETS)}")
    for d in range(1, reach + 1):
        for side, j in (("p", index - d), ("n", index + d)):
            role = stage_one[j] if 0 <= j < len(stage_one) else "none"
            feats.append(f"r{side}{d}={role}")
    window = stage_one[max(0, index - 5) : index] , stage_one[index + 1 : index + 6]
    for side, roles in zip(("p", "n"), window):
        for role in sorted(set(roles)):  # sorted: set order varies with the hash seed
            feats.append(f"w{side}:{role}={_bucket(roles.count(role), (1, 2, 3, 4))}")
    return feats
