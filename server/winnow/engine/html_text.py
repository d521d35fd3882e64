"""HTML pages to block text, so the plain-text engine can read web pages.

The engine classifies plain text, one block per non-empty line. This module turns an HTML
page into exactly that: the visible text of each block-level element on a line of its own,
in page order. It follows the HTML part of "What a block is" in `shared/LABELING.md` and, in
detail, the segmentation that `shared/pages/README.md` ("How the gold was derived" ->
"Segmentation (block sets)") used for the page-level gold:

- a block starts and ends at the start and end of a block-level element (`BLOCK_TAGS`);
- two or more `<br>` in a row (nothing but white space and elements without text, such as
  `<img>`, between them) also end a block; a single
  `<br>` is a space; inline elements (`a`, `span`, `em`, ...) stay inside their block;
- what a reader does not see, or sees only as an annotation, is not block text: the
  subtrees of `SKIPPED_TAGS` (ruby readings among them), elements
  with the `hidden` attribute or an inline `display:none` / `visibility:hidden`, form
  controls' values and image `alt` text;
- soft hyphens (U+00AD, `&shy;`) are dropped: a browser shows one only where it breaks a
  line, and left in the text they hide words from search, translation and language
  detection ("Magdalener" does not match "Mag|da|le|ner" with its hyphenation marks);
- white space is collapsed to single spaces, and blocks with no letter or digit are dropped.

The gold's segmenter was the stdlib `html.parser` with HTML5-like fixes; this one uses
Lexbor (through selectolax), a real HTML5 parser, so the tree is the one a browser builds.

Where the gold's parser and a browser disagree, the browser wins when the text is hidden
(a `<div style="display:none" style="...">` is hidden: the first attribute counts); the
gold wins where a browser would show nothing of a page a crawler still reads (a `<title>`
cut off without its end tag would swallow the page, see `RCDATA_TAGS`).

`decode_html` turns page bytes into text the way a crawler does: a BOM, then valid UTF-8,
then a charset declared in a `<meta>` near the top, then UTF-8 with a few broken bytes,
then cp1252.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from winnow.engine.markup import element_tokens

#: Elements whose start and end end the current block.
BLOCK_TAGS = frozenset({
    "html", "body",
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "td", "th", "dd", "dt", "blockquote", "pre",
    "table", "caption", "thead", "tbody", "tfoot", "tr",
    "ul", "ol", "dl", "menu", "dir",
    "section", "article", "header", "footer", "nav", "aside", "main", "hgroup",
    "form", "fieldset", "legend", "figure", "figcaption", "center", "address",
    "details", "summary", "hr", "frameset", "noframes",
})
#: Elements whose whole subtree is dropped: not shown, a form control's value, or a ruby
#: annotation: `rt` is a reading printed small above its base text (Japanese furigana),
#: `rp` the parentheses only browsers without ruby show. The sentence a reader reads is the
#: base text; spliced into the line, readings garble it ("子こどもへの") for every reader
#: of the extracted text, language detection included.
SKIPPED_TAGS = frozenset({
    "head", "title", "script", "style", "noscript", "template",
    "select", "option", "optgroup", "datalist", "textarea",
    "iframe", "svg", "canvas", "video", "audio", "rt", "rp",
})
#: Elements whose content an HTML5 parser keeps as raw text, though it is the page's text
#: for a crawler: `<noframes>` holds the whole page of a frameset.
REPARSED_TAGS = frozenset({"noframes"})
#: Lexbor's name for text nodes; other names with a leading "-" (comments) hold no text.
TEXT_NODE = "-text"
#: A block must hold one of these to be kept (letters and digits; the gold's test also
#: counts `_`, so a rule of underscores is a block).
WORD_CHAR = re.compile(r"\w")
#: Dropped from block text (see above).
SOFT_HYPHEN = "\u00ad"
#: This many `<br>` in a row end a block; fewer are a space.
BLOCK_BREAK_BRS = 2
#: An inline style that hides its element.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: Elements whose text runs to their end tag (HTML5's RCDATA). Crawled pages cut off a
#: `<title>` without its end tag, which would swallow the whole page: such an element is
#: closed at the next tag instead, as the page's assessors' browser showed it.
RCDATA_TAGS = ("title", "textarea")
RCDATA_START = {tag: re.compile(rf"<{tag}\b[^>]*>", re.IGNORECASE) for tag in RCDATA_TAGS}
RCDATA_END = {tag: re.compile(rf"</{tag}[\s/>]", re.IGNORECASE) for tag in RCDATA_TAGS}
#: Where a tag, a comment or a doctype opens (`<\\/script>` inside a string does not).
TAG_OPEN = re.compile(r"<(?:[A-Za-z!?]|/[A-Za-z])")

#: Only this many bytes at the start of a page are searched for a declared charset.
CHARSET_SNIFF_BYTES = 4096
#: `<meta charset=...>` and `<meta http-equiv="Content-Type" content="...; charset=...">`.
META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
#: Byte-order marks, checked in this order (UTF-8's first: it is no prefix of the others).
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
#: Declared charsets that browsers read as another (WHATWG Encoding Standard), keyed by
#: Python's canonical codec name. A page that declares UTF-16 in ASCII bytes is not UTF-16.
CHARSET_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
#: Charset labels that pages use and Python's codec registry does not know.
CHARSET_LABELS = {
    "windows-874": "cp874",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "x-euc-jp": "euc_jp",
    "x-gbk": "gb18030",
    "x-mac-roman": "mac_roman",
    "x-cp1250": "cp1250",
    "x-cp1251": "cp1251",
}


#: How many of a block's elements, from its own up, `HtmlBlock.near` reads.
NEAR_FRAMES = 4


@dataclass(frozen=True)
class HtmlBlock:
    """One block of a page: its visible text, where it is, and what surrounds it."""

    #: The block's visible text, white space collapsed to single spaces, stripped.
    text: str
    #: A CSS selector for the element the block belongs to (its nearest block-level
    #: ancestor), one step per level from the root (`tag`, or `tag:nth-of-type(k)` where the
    #: parent has several of that tag), so that `document.querySelector(path)` finds it:
    #: `html > body > div:nth-of-type(2) > p`.
    path: str
    #: Structural tokens of the element and its ancestors (`markup.py`): tags, ARIA roles,
    #: class and id words. Nearest first (the element's own, then its parent's, ...), each
    #: once: a deep page has more than the features keep, and the nearest say the most.
    context: tuple[str, ...] = ()
    #: The tokens of the element and its `NEAR_FRAMES - 1` nearest ancestors only: what
    #: the block itself is named, not the page's `<body class="...">`.
    near: tuple[str, ...] = ()
    #: Characters of the text that sit inside links.
    link_chars: int = 0
    #: Characters of link text before the first text outside a link: a teaser's linked title
    #: leads its excerpt in one block, while a paragraph seldom opens with a link.
    lead_link_chars: int = 0
    #: Images inside the block and the words of their `alt` text: not block text (a reader
    #: does not see it), but a teaser's thumbnail says what it is.
    images: int = 0
    alt_text: str = ""
    #: The block-level element's tag and how many element siblings of that tag it has.
    tag: str = ""
    siblings: int = 0


def _declared_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    return m.group(1).decode("ascii").strip(".:-").lower() if m else None


def _mostly_utf8(data: bytes) -> bool:
    """Whether broken UTF-8 is still UTF-8: more valid non-ASCII characters than errors."""
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - errors
    return non_ascii > errors


def decode_html(data: bytes) -> str:
    """The page's text, decoded the way a crawler would.

    In order: a BOM; bytes that are valid UTF-8 are UTF-8, whatever the page declares
    (crawls re-encode pages and keep their old `<meta>`: 176 of the L3S pages declare a
    legacy charset and are UTF-8, while legacy text is practically never valid UTF-8 once
    it has a non-ASCII byte); the charset declared in a `<meta>` within the first
    `CHARSET_SNIFF_BYTES` (read as browsers do, `CHARSET_ALIASES`; an unknown name is
    UTF-8); UTF-8 with a few broken bytes; cp1252. Undecodable bytes become U+FFFD.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            encoding = codecs.lookup(CHARSET_LABELS.get(declared, declared)).name
        except LookupError:
            return data.decode("utf-8", errors="replace")
        encoding = CHARSET_ALIASES.get(encoding, encoding)
        if encoding != "utf-8":
            return data.decode(encoding, errors="replace")
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    return data.decode("cp1252", errors="replace")


def _is_hidden(attributes: dict[str, str | None]) -> bool:
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    return bool(style) and HIDDEN_STYLE.search(style) is not None


@dataclass(frozen=True)
class _Frame:
    """An open element on the way from the root to the current node."""

    step: str  # its CSS selector step
    tokens: tuple[str, ...]  # its structural tokens
    tag: str
    siblings: int  # element siblings with its tag


class _BlockMaker:
    """Collects text into blocks while the tree walk reports text, `<br>`s and boundaries."""

    def __init__(self) -> None:
        self.blocks: list[HtmlBlock] = []
        self._parts: list[str] = []
        self._frames: list[_Frame] = []
        self._link_chars = 0
        self._lead_link_chars = 0
        self._lead_open = True
        self._images = 0
        self._alts: list[str] = []
        self._brs = 0

    def text(self, text: str, frames: list[_Frame], path_end: int, in_link: bool) -> None:
        """A text node; `frames[:path_end]` lead to the block-level element it is in."""
        text = text.replace(SOFT_HYPHEN, "")
        if not text or text.isspace():
            if self._parts:
                self._parts.append(" ")
            return
        self._brs = 0
        if not self._parts:
            self._frames = frames[:path_end]
        self._parts.append(text)
        if in_link:
            self._link_chars += len(text.strip())
            if self._lead_open:
                self._lead_link_chars += len(text.strip())
        else:
            self._lead_open = False

    def image(self, alt: str) -> None:
        self._images += 1
        if alt:
            self._alts.append(alt)

    def br(self) -> None:
        self._brs += 1
        if self._brs >= BLOCK_BREAK_BRS:
            self.flush()
        elif self._parts:
            self._parts.append(" ")

    def flush(self) -> None:
        self._brs = 0
        parts, self._parts = self._parts, []
        link_chars, self._link_chars = self._link_chars, 0
        lead_link_chars, self._lead_link_chars, self._lead_open = self._lead_link_chars, 0, True
        images, self._images = self._images, 0
        alts, self._alts = self._alts, []
        if not parts:
            return
        text = " ".join("".join(parts).split())
        if not WORD_CHAR.search(text):
            return
        frames = self._frames
        context = tuple(dict.fromkeys(token for frame in reversed(frames) for token in frame.tokens))
        near = tuple(dict.fromkeys(token for frame in reversed(frames[-NEAR_FRAMES:]) for token in frame.tokens))
        own = frames[-1] if frames else None
        self.blocks.append(HtmlBlock(
            text=text,
            path=" > ".join(frame.step for frame in frames),
            context=context,
            near=near,
            link_chars=min(link_chars, len(text)),
            lead_link_chars=min(lead_link_chars, len(text)),
            images=images,
            alt_text=" ".join(" ".join(alts).split()),
            tag=own.tag if own else "",
            siblings=own.siblings if own else 0,
        ))


def _children(node: LexborNode, depth: int) -> list[tuple[LexborNode, str, int, int, int]]:
    """Stack entries for the node's children: each with its tag, depth, `nth-of-type`
    index and its tag's sibling count (0 for text and comments)."""
    counts: dict[str, int] = {}
    entries = []
    for child in node.iter(include_text=True):
        tag = child.tag or ""
        if tag and tag[0] != "-":
            nth = counts[tag] = counts.get(tag, 0) + 1
        else:
            nth = 0
        entries.append((child, tag, depth, nth))
    return [(child, tag, d, nth, counts[tag] if nth else 0) for child, tag, d, nth in reversed(entries)]


def _walk(root: LexborNode, maker: _BlockMaker) -> None:
    """Depth-first, in page order, without recursion (pages nest deeper than Python's stack)."""
    reparsed: list[LexborHTMLParser] = []
    frames: list[_Frame] = []  # the open elements, for HtmlBlock.path and .context
    block_depth: list[int] = [0]  # depth of each open block-level element (the root's first)
    links: list[int] = []  # depths of the open `<a>` elements
    stack: list[tuple[LexborNode | None, str, int, int, int]] = [(root, root.tag or "", 0, 1, 1)]
    while stack:
        node, tag, depth, nth, siblings = stack.pop()
        if node is None:  # end of an element
            del frames[depth:]
            while links and links[-1] >= depth:
                links.pop()
            if block_depth[-1] == depth and len(block_depth) > 1:
                block_depth.pop()
                maker.flush()
            continue
        if tag == TEXT_NODE:
            maker.text(node.text_content or "", frames, block_depth[-1] + 1, bool(links))
            continue
        if not tag or tag[0] == "-" or tag in SKIPPED_TAGS:
            continue
        if tag == "br":
            maker.br()
            continue
        attributes = node.attributes
        if _is_hidden(attributes):
            if tag in BLOCK_TAGS:
                maker.flush()  # a hidden block still parts the text around it, as in the gold
            continue
        if tag == "img":
            maker.image(attributes.get("alt") or "")
            continue
        del frames[depth:]
        step = tag if siblings <= 1 else f"{tag}:nth-of-type({nth})"
        frames.append(_Frame(step, element_tokens(tag, attributes), tag, siblings))
        if tag == "a":
            links.append(depth)
        if tag in BLOCK_TAGS and depth:
            maker.flush()
            block_depth.append(depth)
        stack.append((None, "", depth, 0, 0))
        if tag in REPARSED_TAGS:
            # Its markup arrives as one text node: parse it; the walk keeps the parser alive.
            reparsed.append(LexborHTMLParser(node.text(deep=True), scripting=True))
            node = reparsed[-1].body
            if node is None:
                continue
        stack.extend(_children(node, depth + 1))


def _close_unterminated_rcdata(html: str) -> str:
    """Closes a `<title>` or `<textarea>` that has no end tag at the next tag."""
    for tag in RCDATA_TAGS:
        start, end = RCDATA_START[tag], RCDATA_END[tag]
        pos = 0
        while (m := start.search(html, pos)) is not None:
            if end.search(html, m.end()) is not None:
                break  # this and every later one has an end tag somewhere after it
            tag_open = TAG_OPEN.search(html, m.end())
            cut = len(html) if tag_open is None else tag_open.start()
            html = f"{html[:cut]}</{tag}>{html[cut:]}"
            pos = cut
    return html


def html_to_blocks(html: str) -> list[HtmlBlock]:
    """The page's blocks in page order: the visible text of each block-level element."""
    tree = LexborHTMLParser(_close_unterminated_rcdata(html), scripting=True)
    maker = _BlockMaker()
    root = tree.root
    if root is not None:
        _walk(root, maker)
    maker.flush()
    return maker.blocks


def html_to_text(html: str) -> str:
    """The page as the plain-text engine reads it: one block a line."""
    return "\n".join(block.text for block in html_to_blocks(html))
