"""Generated documents laid out as HTML pages, so the role model can learn from page structure.

Once the engine reads HTML (`winnow.engine.html_text`), the role model sees where a block
sits: its element and ancestors, ARIA roles, class and id tokens, links, lists, position. No
labelled pages exist for Czech or Thai, or for donation appeals, so the documents of
`generate.py` are laid out here as pages, each in one of several markup styles (`TEMPLATES`)
drawn at random, in the shapes real sites give each part: menus as link lists, breadcrumb
trails, teaser cards, donation boxes with a button, comment forms, footers.

Class and id names come from `markup_vocab.json`, drawn once per page and slot (repeated
parts share their class, as on real pages), with neutral and misleading draws mixed in so
that class names alone do not give a block's role away; one template hashes them all. Pages
also carry what readers never see: scripts, styles, JSON-LD, hidden menus, templates,
comments, image alt text, icon elements.

`render_html` returns the page and the blocks a reader sees in it, in page order: exactly
what `html_to_blocks` extracts from it (the tests hold it to that). On the way a block may be
split (a breadcrumb trail as list items), merged (menu links on one line, an excerpt with
its "Read more" link) or dropped (a teaser thumbnail's alt text, a submit button's value, a
cookie banner that waits for a script to show it), as on real pages.
"""
from __future__ import annotations

import html
import json
import random
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

from winnow.engine.html_text import WORD_CHAR
from winnow.training.generate import GeneratedBlock, GeneratedDocument, Section

VOCAB_PATH = Path(__file__).resolve().parent / "markup_vocab.json"

#: Where a section after the article may go instead of the main column, if the page has a sidebar.
SIDEBAR_SHARE = {"teasers": 0.4, "nav": 0.35, "donation": 0.35, "newsletter": 0.45, "ads": 0.5}
#: Cookie/legal lines: a fixed banner (else lines in the footer).
COOKIE_BANNER = 0.55
#: A cookie banner that stays hidden until a script shows it (its text is no block).
COOKIE_HIDDEN = 0.15
#: A submit button written as `<input value=...>` (its label is no block).
SUBMIT_AS_INPUT = 0.4
#: A donation button written as an image input (PayPal style; its label is no block).
DONATE_AS_IMAGE = 0.1
#: Chance of one invisible noise element at each place a page may hold one.
NOISE_RATE = 0.45
#: Chance that an article paragraph carries inline links or emphasis.
INLINE_MARKUP = 0.35
#: A class token drawn from the neutral list / from another slot's list instead of the slot's.
NEUTRAL_CLASS = 0.12
CONFUSING_CLASS = 0.06
#: A second, utility class token (`clearfix`, `mt-2`).
EXTRA_CLASS_TOKEN = 0.3
#: Rare article furniture: a quote, a paragraph cut into a list, a drop cap.
QUOTE_RATE, LIST_RATE, DROP_CAP_RATE = 0.04, 0.04, 0.06
#: A top menu item with a hidden drop-down of other items.
SUBMENU_RATE = 0.15
#: A nav heading ending in ":" ("Tags:") written inline before its links.
INLINE_LABEL = 0.6
#: An excerpt with its "Read more" link inside the same paragraph.
MORE_IN_EXCERPT = 0.3
#: A headline that links to the article's own permalink (`<h1><a href="/2008/01/story.html">`).
HEADLINE_LINK = 0.3
#: A teaser list right after the article put inside the article's container, as many CMSs
#: do (in-article "Read on:" lists always are).
TEASERS_INSIDE_ARTICLE = 0.3

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽÑ¿¡\"“])")
_CRUMB_SEPARATOR = re.compile(r"\s+(»|>|›|/|\||→)\s+")
_LABEL_LIKE = re.compile(r"[*:]$")
#: Form fields' names, in the order a form lists them.
_FIELD_NAMES = ("author", "email", "url", "comment", "email_address", "phone")
#: A comment's action ("Reply", "Report") is a link up to this many words; longer ones are notes.
ACTION_MAX_WORDS = 4


@dataclass
class RenderedPage:
    html: str
    #: What a reader sees, in page order: one block per block `html_to_blocks` finds.
    blocks: list[GeneratedBlock]
    #: Which of `TEMPLATES` laid the page out.
    template: str


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return json.loads(VOCAB_PATH.read_text(encoding="utf-8"))


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _merge(blocks: list[GeneratedBlock], text: str) -> GeneratedBlock:
    """One block made of several: the first non-heading's place, the language of most letters."""
    letters: dict[str, int] = {}
    for b in blocks:
        letters[b.lang] = letters.get(b.lang, 0) + sum(c.isalpha() for c in b.text)
    lang = max(letters, key=letters.__getitem__)
    base = next((b for b in blocks if b.kind != "heading"), blocks[0])
    return replace(base, text=text, lang=lang, anchors=())


def _script_json(data: dict) -> str:
    """JSON that cannot end the `<script>` it sits in."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)[:8])


# -- drawing markup ---------------------------------------------------------------------


class _Style:
    """One page's markup choices: its template's knobs and the class names it drew."""

    def __init__(self, template: str, lang: str, rng: random.Random) -> None:
        vocab = _vocab()
        self.template, self.lang, self.rng = template, lang, rng
        self.spec = vocab["templates"][template]
        self.classes = {**vocab["classes"], **self.spec.get("classes", {})}
        by_language = self.spec.get("classes_by_language", {})
        self.classes.update(by_language.get(lang, by_language.get("en", {})))
        self.ids = {**vocab["ids"], **self.spec.get("ids", {})}
        schemes = self.spec.get("hash_schemes")
        self.hash_scheme = rng.choice(schemes) if schemes else ""
        self.testids = rng.random() < self.spec.get("testid_rate", 0.0)
        self.site = rng.choice(vocab["site_names"].get(lang, vocab["site_names"]["en"]))
        self._classes: dict[str, str] = {}
        self._elements: dict[str, str] = {}
        self._testids: dict[str, bool] = {}
        self._used_ids: list[str] = []

    # knobs
    def pick(self, knob: str) -> str:
        return self.rng.choice(self.spec[knob])

    def element(self, slot: str) -> str:
        """The page's element for `slot` (`h3`, `div>small`, ...), drawn once: repeated parts look alike."""
        if slot not in self._elements:
            options = self.spec["elements"].get(slot) or _vocab()["elements"][slot]
            self._elements[slot] = self.rng.choice(options)
        return self._elements[slot]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # names
    def cls(self, slot: str) -> str:
        """The slot's class on this page, drawn the first time it is asked for."""
        if slot not in self._classes:
            if self.rng.random() < self.spec["no_class"]:
                self._classes[slot] = ""
            else:
                self._classes[slot] = self._hashed() if self.hash_scheme else self._named(slot)
        return self._classes[slot]

    def _named(self, slot: str) -> str:
        rng, vocab = self.rng, _vocab()
        x = rng.random()
        if x < NEUTRAL_CLASS or slot not in self.classes:
            token = rng.choice(vocab["neutral"])
        elif x < NEUTRAL_CLASS + CONFUSING_CLASS:
            token = rng.choice(self.classes[rng.choice(list(self.classes))])
        else:
            token = rng.choice(self.classes[slot])
        if rng.random() < EXTRA_CLASS_TOKEN:
            token += " " + rng.choice(vocab["utility_tokens"])
        return token

    def _hashed(self) -> str:
        rng, vocab = self.rng, _vocab()["hash"]
        alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        if self.hash_scheme == "emotion":
            return "css-" + "".join(rng.choice(alnum) for _ in range(rng.randint(5, 7)))
        if self.hash_scheme == "styled":
            return " ".join("sc-" * (i == 0) + "".join(rng.choice(letters) for _ in range(6)) for i in range(2))
        if self.hash_scheme == "tailwind":
            return " ".join(rng.sample(vocab["tailwind"], rng.randint(2, 5)))
        prefix, suffix = rng.choice(vocab["modules_prefix"]), rng.choice(vocab["modules_suffix"])
        return f"{prefix}_{suffix}__{''.join(rng.choice(letters) for _ in range(5))}"

    def _testid(self, slot: str) -> bool:
        """Whether this page's components of `slot` carry a `data-testid` (drawn once)."""
        if slot not in self._testids:
            self._testids[slot] = self.rng.random() < 0.5
        return self._testids[slot]

    def class_attr(self, slot: str) -> str:
        """` class=".."` with the slot's class, or nothing if the page gave it none."""
        cls = self.cls(slot)
        return f' class="{_attr(cls)}"' if cls else ""

    def attrs(self, slot: str, *, aria: bool = True, ident: bool = True, also: str = "", **extra: str | None) -> str:
        """` class=".." id=".." role=".."` for an element of `slot` (each part drawn or not).

        `also` adds the class of a second slot before the slot's own (`widget related-posts`).
        """
        out = []
        if ident and slot in self.ids and self.rng.random() < self.spec["id_rate"]:
            name = self.rng.choice(self.ids[slot])
            if name not in self._used_ids:
                self._used_ids.append(name)
                out.append(("id", name))
        cls = " ".join(c for c in (self.cls(also) if also else "", self.cls(slot)) if c)
        if cls:
            out.append(("class", cls))
        vocab = _vocab()
        if aria and slot in vocab["aria_roles"] and self.rng.random() < self.spec["aria"]:
            out.append(("role", vocab["aria_roles"][slot]))
            if slot in vocab["aria_labels"] and self.rng.random() < 0.5:
                out.append(("aria-label", self.rng.choice(vocab["aria_labels"][slot])))
        if self.testids and self._testid(slot):
            out.append(("data-testid", slot.replace("_", "-")))
        out += [(k.replace("_", "-"), v) for k, v in extra.items() if v is not None]
        return "".join(f' {k}="{_attr(v)}"' for k, v in out)

    def href(self, kind: str, text: str = "") -> str:
        rng = self.rng
        pattern = rng.choice(_vocab()["paths"][kind])
        slug = _slug(text) or f"item-{rng.randint(10, 999)}"
        out = pattern.format(n=rng.randint(100, 99999), slug=slug, y=rng.randint(2006, 2025),
                             m=f"{rng.randint(1, 12):02d}", d=f"{rng.randint(1, 28):02d}")
        if kind == "share" and out.startswith(("http", "mailto")):
            out += "https%3A%2F%2Fexample.com%2Fa%2F" + str(rng.randint(1000, 9999))
        return out

    def image(self) -> str:
        return self.fill(self.rng.choice(_vocab()["noise"]["images"]))

    def img(self, alt: str, extra: str = "") -> str:
        """An `<img>`: its alt text is no block text (LABELING.md), whatever it says."""
        return f'<img src="{_attr(self.image())}" alt="{_attr(alt)}"{extra}>'

    def fill(self, text: str) -> str:
        rng = self.rng
        return (text.replace("{n}", str(rng.randint(1000, 9999999)))
                .replace("{y}", str(rng.randint(2008, 2025))).replace("{m}", f"{rng.randint(1, 12):02d}"))


def _wrap(spec: str, attrs: str, inner: str) -> str:
    """`spec` like `div>font>b`: the first element gets `attrs`, the rest wrap `inner` inline."""
    tags = spec.split(">")
    opens = [f"<{tags[0]}{attrs}>"] + [('<font face="Arial, Helvetica" size="2">' if t == "font" else f"<{t}>")
                                        for t in tags[1:]]
    return "".join(opens) + inner + "".join(f"</{t}>" for t in reversed(tags))


class _Page:
    """The page being written and, in step with it, the blocks its reader will see."""

    def __init__(self, style: _Style) -> None:
        self.st = style
        self.out: list[str] = []
        self.blocks: list[GeneratedBlock] = []

    def raw(self, *parts: str) -> None:
        self.out.extend(parts)

    def block(self, spec: str, attrs: str, block: GeneratedBlock, inner: str | None = None) -> None:
        """One block-level element (`spec` as in `_wrap`) holding exactly `block`."""
        self.raw(_wrap(spec, attrs, _esc(block.text) if inner is None else inner))
        self.record(block)

    def record(self, block: GeneratedBlock) -> None:
        """Notes a block the page shows, its white space collapsed as a reader's parser does."""
        text = " ".join(block.text.split())
        if WORD_CHAR.search(text):
            self.blocks.append(block if text == block.text else replace(block, text=text))

    def link(self, text: str, kind: str, attrs: str = "") -> str:
        st = self.st
        icon = ""
        if kind in ("share", "section") and st.chance(0.08):
            icon = f'<i class="{_attr(st.rng.choice(_vocab()["noise"]["icons"]))}" aria-hidden="true"></i> '
        return f'<a href="{_attr(st.href(kind, text))}"{attrs}>{icon}{_esc(text)}</a>'

    def noise(self, rate: float = NOISE_RATE) -> None:
        """Maybe one element a reader never sees (`_NOISE`)."""
        if self.st.chance(rate):
            self.raw(self.st.rng.choice(_NOISE)(self))


# -- invisible noise --------------------------------------------------------------------


def _noise_script(pg: _Page) -> str:
    st = pg.st
    if st.chance(0.4):
        return f'<script src="{_attr(st.fill(st.rng.choice(_vocab()["noise"]["script_srcs"])))}" async></script>'
    return f"<script>{st.fill(st.rng.choice(_vocab()['noise']['scripts']))}</script>"


def _noise_comment(pg: _Page) -> str:
    return pg.st.rng.choice(_vocab()["noise"]["comments"])


def _noise_noscript(pg: _Page) -> str:
    return f"<noscript>{pg.st.fill(pg.st.rng.choice(_vocab()['noise']['noscript']))}</noscript>"


def _noise_template(pg: _Page) -> str:
    return f"<template>{pg.st.rng.choice(_vocab()['noise']['templates'])}</template>"


def _noise_hidden(pg: _Page) -> str:
    """Hidden text: a copy of something on the page (a mobile menu, a modal) or a UI string."""
    st = pg.st
    texts = [b.text for b in pg.blocks[-6:]] or _vocab()["noise"]["hidden_texts"]
    text = st.rng.choice(texts if st.chance(0.6) else _vocab()["noise"]["hidden_texts"])
    noise = _vocab()["noise"]
    hide = st.rng.choice(noise["hidden_styles"])
    tag = st.rng.choice(_vocab()["elements"]["hidden"])
    inner = f"<li><a href=\"#\">{_esc(text)}</a></li>" if tag == "ul" else _esc(text)
    return f'<{tag} class="{_attr(st.rng.choice(noise["hidden_classes"]))}" {hide}>{inner}</{tag}>'


def _noise_icon(pg: _Page) -> str:
    st = pg.st
    if st.chance(0.5):
        return f'<i class="{_attr(st.rng.choice(_vocab()["noise"]["icons"]))}" aria-hidden="true"></i>'
    return ('<svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16"><title>icon</title>'
            '<path d="M0 0h16v16H0z"></path></svg>')


def _noise_image(pg: _Page) -> str:
    st = pg.st
    alt = st.site if st.chance(0.3) else (st.rng.choice(pg.blocks).text[:60] if pg.blocks and st.chance(0.5) else "")
    return f'<img src="{_attr(st.image())}" alt="{_attr(alt)}" width="1" height="1" loading="lazy">'


def _noise_empty(pg: _Page) -> str:
    return pg.st.fill(pg.st.rng.choice(_vocab()["noise"]["empty"]))


def _noise_style(pg: _Page) -> str:
    return f"<style>{pg.st.rng.choice(_vocab()['noise']['styles'])}</style>"


def _noise_media(pg: _Page) -> str:
    return pg.st.fill(pg.st.rng.choice(_vocab()["noise"]["media"]))


_NOISE: tuple[Callable[[_Page], str], ...] = (
    _noise_script, _noise_script, _noise_comment, _noise_comment, _noise_noscript, _noise_template,
    _noise_hidden, _noise_hidden, _noise_icon, _noise_image, _noise_empty, _noise_empty, _noise_style, _noise_media)


# -- inline markup ----------------------------------------------------------------------


def _inline(pg: _Page, text: str, rate: float = INLINE_MARKUP) -> str:
    """`text` escaped, with a few word runs wrapped in links or emphasis now and then."""
    st = pg.st
    words = text.split()
    if len(words) < 5 or not st.chance(rate):
        return _esc(text)
    tags = ("b", "a") if st.template == "table" else ("a", "a", "a", "em", "strong", "i", "b")
    spans = []
    start = 0
    for _ in range(st.rng.randint(1, 3)):
        if start >= len(words) - 1:
            break
        i = st.rng.randint(start, len(words) - 1)
        j = min(len(words), i + st.rng.randint(1, 4))
        spans.append((i, j, st.rng.choice(tags)))
        start = j + 1
    out, pos = [], 0
    for i, j, tag in spans:
        if i > pos:
            out.append(_esc(" ".join(words[pos:i])) + " ")
        opening = f'<a href="{_attr(st.href("article", " ".join(words[i:j])))}">' if tag == "a" else f"<{tag}>"
        out.append(opening + _esc(" ".join(words[i:j])) + f"</{tag}>")
        if j < len(words):
            out.append(" ")
        pos = j
    out.append(_esc(" ".join(words[pos:])))
    return "".join(out)


def _anchored(pg: _Page, text: str, anchors: tuple[str, ...], kind: str,
              kinds: tuple[str, ...] = ()) -> str:
    """`text` escaped, each of `anchors` (first occurrence after the last) as a link (of `kinds[k]`, else `kind`)."""
    out, pos = [], 0
    for k, name in enumerate(anchors):
        this = kinds[k] if k < len(kinds) else kind
        i = text.find(name, pos)
        if i < 0:
            continue
        out.append(_esc(text[pos:i]))
        rel = ' rel="author"' if this == "author" and pg.st.chance(0.5) else ""
        out.append(pg.link(name, this, rel))
        pos = i + len(name)
    out.append(_esc(text[pos:]))
    return "".join(out)


# -- sections ---------------------------------------------------------------------------


def _split_heading(blocks: list[GeneratedBlock]) -> tuple[GeneratedBlock | None, list[GeneratedBlock]]:
    if blocks and blocks[0].kind == "heading":
        return blocks[0], blocks[1:]
    return None, blocks


def _items(blocks: list[GeneratedBlock]) -> list[list[GeneratedBlock]]:
    """Blocks grouped by `item`, in order."""
    out: list[list[GeneratedBlock]] = []
    for b in blocks:
        if not out or out[-1][0].item != b.item:
            out.append([])
        out[-1].append(b)
    return out


def _link_kind(block: GeneratedBlock) -> str:
    return "share" if block.kind == "utility" else "section"


def _menu(pg: _Page, section: Section, slot: str, variant: str, heading_spec: str) -> None:
    """A heading and its links: `ul` items, one `inline` line, `brs` lines, `divs` or `table` cells."""
    st = pg.st
    heading, items = _split_heading(section.blocks)
    if heading and items and variant == "inline" and heading.text.endswith(":") and st.chance(INLINE_LABEL):
        sep = st.rng.choice(_vocab()["separators"]["tags"])
        inner = f"<span{st.attrs('nav_heading')}>{_esc(heading.text)}</span> " + _esc(sep).join(
            pg.link(b.text, _link_kind(b)) for b in items)
        text = heading.text + " " + sep.join(b.text for b in items)
        pg.block(st.element("menu_line"), st.attrs("menu"), _merge([heading, *items], text), inner)
        return
    if heading:
        pg.block(heading_spec, st.attrs("nav_heading" if slot != "footer" else "widget_title"), heading)
    if not items:
        return
    item_attrs = st.attrs("menu_item", aria=False, ident=False)
    if variant in ("inline", "brs"):
        sep = st.rng.choice(_vocab()["separators"]["menu"]) if variant == "inline" else " "
        markup = _esc(sep) if variant == "inline" else "<br>\n"  # one <br> reads as a space
        inner = markup.join(pg.link(b.text, _link_kind(b)) for b in items)
        text = sep.join(b.text for b in items)
        pg.block(st.element("menu_line"), st.attrs("menu"), _merge(items, text), inner)
    elif variant == "table":
        vertical = st.chance(0.5)
        pg.raw(f'<table{st.attrs("menu")} cellpadding="2" cellspacing="0" border="0">', "" if vertical else "<tr>")
        for b in items:
            cell = _wrap("td", item_attrs, pg.link(b.text, _link_kind(b)))
            pg.raw(f"<tr>{cell}</tr>" if vertical else cell)
            pg.record(b)
        pg.raw("</table>" if vertical else "</tr></table>")
    elif variant == "divs":
        pg.raw(f"<div{st.attrs('menu')}>")
        for b in items:
            pg.block("div", item_attrs, b, pg.link(b.text, _link_kind(b)))
        pg.raw("</div>")
    else:
        list_tag = st.element("menu_list")
        pg.raw(f"<{list_tag}{st.attrs('menu')}>")
        others = [b.text for b in items]
        for b in items:
            inner = pg.link(b.text, _link_kind(b), ' class="nav-link"' if st.template == "bootstrap" else "")
            if slot == "top_nav" and st.chance(SUBMENU_RATE):
                sub = "".join(f'<li><a href="{_attr(st.href("section", t))}">{_esc(t)}</a></li>'
                              for t in st.rng.sample(others, min(len(others), 4)))
                inner += f'<ul class="sub-menu dropdown-menu" style="display:none">{sub}</ul>'
            pg.block("li", item_attrs, b, inner)
        pg.raw(f"</{list_tag}>")


def _top_nav(pg: _Page, section: Section) -> None:
    st = pg.st
    utility = [b for b in section.blocks if b.kind == "utility"]
    for b in utility:
        attrs = ' class="skip-link screen-reader-text"' if st.chance(0.3) else ""
        pg.block("div", st.attrs("utility_bar", aria=False), b,
                 f'<a href="{_attr(st.href("anchor"))}"{attrs}>{_esc(b.text)}</a>')
    items = Section(section.name, [b for b in section.blocks if b.kind != "utility"])
    pg.raw(f"<nav{st.attrs('top_nav')}>" if st.template != "table" else f"<div{st.attrs('top_nav')}>")
    _menu(pg, items, "top_nav", st.pick("top_menu"), "div")
    pg.raw("</nav>" if st.template != "table" else "</div>")


def _breadcrumbs(pg: _Page, section: Section) -> None:
    st = pg.st
    for b in section.blocks:
        parts = _CRUMB_SEPARATOR.split(b.text)
        tag = "nav" if st.template in ("semantic", "bootstrap", "amp", "css_in_js") else "div"
        pg.raw(f"<{tag}{st.attrs('breadcrumbs')}>")
        if len(parts) >= 3 and st.chance(0.45):
            pg.raw('<ol class="breadcrumb">' if st.template == "bootstrap" else "<ol>")
            names = parts[::2]
            for k, name in enumerate(names):
                prefix, _, last = name.rpartition(": ")
                label = f"<span>{_esc(prefix)}:</span> " if prefix else ""
                current = f'<span aria-current="page">{_esc(last)}</span>'
                inner = label + (pg.link(last, "section") if k < len(names) - 1 else current)
                pg.block("li", st.attrs("menu_item", aria=False, ident=False), replace(b, text=name), inner)
            pg.raw("</ol>")
        else:
            out = []
            for k, part in enumerate(parts):
                if k % 2:
                    out.append(f" {_esc(part)} ")
                elif k < len(parts) - 1:
                    prefix, _, last = part.rpartition(": ")
                    out.append((f"{_esc(prefix)}: " if prefix else "") + pg.link(last, "section"))
                else:
                    out.append(f"<span>{_esc(part)}</span>" if st.chance(0.5) else _esc(part))
            pg.block(st.element("crumb_line"), "", b, "".join(out))
        pg.raw(f"</{tag}>")


def _figure(pg: _Page, b: GeneratedBlock) -> None:
    st = pg.st
    alt = _attr(" ".join(b.text.split()[:8]) if st.chance(0.6) else "")
    img = f'<img src="{_attr(st.image())}" alt="{alt}" width="{st.rng.choice((640, 800, 1200))}" height="450">'
    if st.template == "table":
        pg.raw(f'<table{st.attrs("figure")} align="right" width="300"><tr><td>{img}</td></tr><tr>')
        pg.block("td", st.attrs("caption", ident=False), b, f'<font size="1">{_esc(b.text)}</font>')
        pg.raw("</tr></table>")
    elif st.template in ("semantic", "css_in_js", "amp") or st.chance(0.5):
        pg.raw(f"<figure{st.attrs('figure')}>{img}")
        pg.block("figcaption", st.attrs("caption", ident=False), b)
        pg.raw("</figure>")
    else:
        pg.raw(f"<div{st.attrs('figure')}>{img}")
        pg.block(st.element("caption_box"), st.attrs("caption", ident=False), b)
        pg.raw("</div>")


def _paragraph(pg: _Page, b: GeneratedBlock, br_mode: bool, first: bool) -> None:
    st = pg.st
    text = " ".join(b.text.split())
    if br_mode:
        pg.raw(_inline(pg, text), "<br><br>\n" if st.chance(0.7) else "<br />\n<br />\n")
        pg.record(b)
        return
    sentences = _SENTENCE_END.split(text)
    if b.lang != "th" and len(sentences) >= 2 and st.chance(LIST_RATE):
        pg.raw("<ul>")
        for s in sentences:
            pg.block("li", "", replace(b, text=s), _inline(pg, s))
        pg.raw("</ul>")
    elif st.chance(QUOTE_RATE):
        pg.raw("<blockquote>")
        pg.block("p", "", b, _inline(pg, text))
        pg.raw("</blockquote>")
    elif first and len(text) > 1 and text[0].isalpha() and text[1].isalpha() and st.chance(DROP_CAP_RATE):
        pg.block("p", "", b, f'<span class="dropcap">{_esc(text[0])}</span>{_inline(pg, text[1:], 0)}')
    else:
        pg.block(st.element("paragraph"), "", b, _inline(pg, text))


def _credit(pg: _Page, b: GeneratedBlock) -> None:
    """A picture credit as its own block: under the caption just written, or under a picture of its own."""
    st = pg.st
    spec = st.rng.choice(("p", "div", "div>small", "p>small"))
    after_caption = bool(pg.blocks) and pg.blocks[-1].kind == "caption" and pg.blocks[-1].group == b.group
    if after_caption:
        pg.block(spec, st.attrs("caption", ident=False), b)
        return
    box = "figure" if st.chance(0.5) else "div"
    pg.raw(f"<{box}{st.attrs('figure')}>", f'<img src="{_attr(st.image())}" alt="" width="800" height="450">')
    pg.block(spec, st.attrs("caption", ident=False), b)
    pg.raw(f"</{box}>")


def _byline(pg: _Page, b: GeneratedBlock) -> None:
    """A byline, its names (or a "Posted in" line's sections) as links."""
    st = pg.st
    # a "Posted in" line also links its sections: a person's name has two words or more
    kinds = tuple("author" if len(a.split()) > 1 and "&" not in a else "section" for a in b.anchors)
    inner = _anchored(pg, b.text, b.anchors, "author", kinds if len(b.anchors) > 1 else ())
    if st.chance(0.2):
        inner = st.img(" ".join(b.anchors), ' class="avatar" width="32"') + " " + inner
    pg.block(st.element("byline"), st.attrs("byline"), b, inner)


def _article(pg: _Page, section: Section, inside: list[Section] | None = None) -> None:
    st = pg.st
    head_kinds = ("headline", "standfirst", "caption", "credit", "byline", "dateline")
    blocks = section.blocks
    n_head = next((k for k, b in enumerate(blocks) if b.kind not in head_kinds), len(blocks))
    head, body = blocks[:n_head], blocks[n_head:]
    tag = st.pick("article_tags")
    pg.raw(f"<{tag}{st.attrs('article')}>")
    header = tag == "article" and st.chance(0.6)
    if header:
        pg.raw(f"<header{st.attrs('article_header', aria=False)}>")
    meta_open = False
    for b in head:
        if b.kind in ("byline", "dateline") and not meta_open and st.chance(0.5):
            pg.raw(f"<div{st.attrs('meta')}>")
            meta_open = True
        if b.kind == "headline":
            inner = None
            if st.chance(HEADLINE_LINK):
                rel = ' rel="bookmark"' if st.chance(0.5) else ""
                inner = f'<a href="{_attr(st.href("article", b.text))}"{rel}>{_esc(b.text)}</a>'
            pg.block(st.element("headline"), st.attrs("headline"), b, inner)
        elif b.kind == "standfirst":
            pg.block(st.element("standfirst"), st.attrs("standfirst"), b, _inline(pg, b.text, 0.1))
        elif b.kind == "caption":
            _figure(pg, b)
        elif b.kind == "credit":
            _credit(pg, b)
        elif b.kind == "byline":
            _byline(pg, b)
        else:
            stamp = f"{st.rng.randint(2008, 2025)}-{st.rng.randint(1, 12):02d}-{st.rng.randint(1, 28):02d}"
            pg.block(st.element("dateline"), st.attrs("dateline"), b,
                     f'<time datetime="{stamp}">{_esc(b.text)}</time>' if st.chance(0.6) else _esc(b.text))
    if meta_open:
        pg.raw("</div>")
    if header:
        pg.raw("</header>")
    pg.noise()
    br_mode = st.pick("paragraphs") == "br"
    pg.raw(f"<div{st.attrs('body')}>")
    if br_mode and st.template == "table":
        pg.raw('<font face="Verdana, Arial" size="2">')
    first = True
    for b in body:
        if b.kind == "paragraph":
            _paragraph(pg, b, br_mode, first)
            first = False
        elif b.kind == "subheading":
            spec = st.element("subheading")
            if br_mode:
                pg.raw(f"<b>{_esc(b.text)}</b><br><br>\n")
                pg.record(b)
            else:
                pg.block(spec, st.attrs("subheading", ident=False), b)
        elif b.kind == "media_label":
            pg.raw(f"<div{st.attrs('media')}>", st.fill(st.rng.choice(_vocab()["noise"]["media"])))
            pg.block("div", st.attrs("media_label", ident=False), b)
            pg.raw("</div>")
        elif b.kind == "media_title":
            pg.block(st.element("media_title"), st.attrs("media", ident=False), b)
        elif b.kind == "ad":
            _ad_slot(pg, b, "inline_ad")
        elif b.kind == "see_also":
            link = _anchored(pg, b.text, b.anchors, "article") if b.anchors else pg.link(b.text, "article")
            inner = f"<strong>{link}</strong>" if st.chance(0.4) else link
            pg.block(st.element("see_also"), st.attrs("see_also", ident=False), b, inner)
        elif b.kind == "caption":
            _figure(pg, b)
        elif b.kind == "credit":
            _credit(pg, b)
        elif b.kind == "byline":
            _byline(pg, b)
        else:
            pg.block("p", "", b)
        if not br_mode:
            pg.noise(NOISE_RATE / 4)
    in_body = st.chance(0.6)
    if in_body:  # after the last paragraph, in the article's body element
        _sections(pg, inside or [], "main")
    if br_mode and st.template == "table":
        pg.raw("</font>")
    pg.raw("</div>")
    if not in_body:  # after the body element, still in the article's
        _sections(pg, inside or [], "main")
    pg.raw(f"</{tag}>")


def _ad_slot(pg: _Page, b: GeneratedBlock, slot: str) -> None:
    st = pg.st
    pg.raw(f"<div{st.attrs(slot)}>")
    pg.block(st.element("ad_label"), st.attrs("ad_label", ident=False), b)
    pg.raw(st.fill(st.rng.choice(_vocab()["noise"]["ad_fills"])), "</div>")


def _box(pg: _Page, slot: str, where: str) -> str:
    """Opens a section's container (a sidebar widget or a box in the column); returns its end tag."""
    st = pg.st
    tag = st.pick("box_tags")
    pg.raw(f"<{tag}{st.attrs(slot, also='widget' if where == 'side' else '')}>")
    return f"</{tag}>"


def _heading_spec(pg: _Page, where: str) -> str:
    return pg.st.element("widget" if where == "side" else "section")


def _nav_section(pg: _Page, section: Section, where: str) -> None:
    st = pg.st
    end = _box(pg, "nav", where)
    _menu(pg, section, "nav", st.pick("menu"), _heading_spec(pg, where))
    pg.raw(end)


def _teasers(pg: _Page, section: Section, where: str) -> None:
    st = pg.st
    end = _box(pg, "teasers", where)
    heading, rest = _split_heading(section.blocks)
    if heading:
        spec = _heading_spec(pg, where)
        if st.template == "wordpress" and st.chance(0.5):
            pg.block("h3", ' class="jp-relatedposts-headline"', heading, f"<em>{_esc(heading.text)}</em>")
        else:
            pg.block(spec, st.attrs("teaser_heading", ident=False), heading)
    layout = st.pick("teasers")
    items = _items(rest)
    list_tag = {"ul": "ul", "table": "table"}.get(layout, "div")
    pg.raw(f"<{list_tag}{st.attrs('teaser_list', ident=False)}>")
    for item in items:
        _teaser(pg, item, layout)
    pg.raw(f"</{list_tag}>")
    pg.raw(end)


def _teaser(pg: _Page, item: list[GeneratedBlock], layout: str) -> None:
    """One teaser: thumbnail (alt text only), title link, meta, excerpt, "read more"."""
    st = pg.st
    item_tag = {"ul": "li", "articles": "article"}.get(layout, "div")
    title_text = next((b.text for b in item if b.kind == "title"), "")
    href = _attr(st.href("article", title_text))
    if layout == "table":
        pg.raw("<tr>")
        if any(b.kind == "thumb" for b in item):
            thumb = next(b for b in item if b.kind == "thumb")
            pg.raw(f'<td width="90"><a href="{href}">{st.img(thumb.text, " width=80 border=0")}</a></td>')
        pg.raw(f"<td{st.attrs('teaser', ident=False)}>")
    else:
        pg.raw(f"<{item_tag}{st.attrs('teaser', ident=False)}>")
    body_open = False
    rest = [b for b in item if not (layout == "table" and b.kind == "thumb")]
    shown = [b for b in rest if b.kind != "thumb"]
    # one block for the whole teaser: the item element itself holds it (`<li><a>Title</a> – excerpt</li>`)
    single = len(shown) == 1 and shown[0].kind in ("title", "entry") and (
        layout in ("ul", "table") or shown[0].anchors or st.chance(0.5))
    only_title = single
    for k, b in enumerate(rest):
        nxt = rest[k + 1] if k + 1 < len(rest) else None
        if b.kind == "thumb":
            pg.raw(f'<a href="{href}"{st.class_attr("teaser_thumb")}>{st.img(b.text, " loading=lazy")}</a>')
            if layout in ("cards", "media"):
                pg.raw(f'<div class="{"card-body" if st.template == "bootstrap" else _attr(st.cls("teaser"))}">')
                body_open = True
        elif b.kind in ("title", "entry"):
            inner = _teaser_line(pg, b, href)
            if only_title:  # the item element itself is the block
                pg.raw(inner)
                pg.record(b)
            elif b.kind == "entry":
                pg.block(st.rng.choice(("p", "div")), st.attrs("teaser_excerpt", ident=False), b, inner)
            else:
                pg.block(st.element("teaser_title"), st.attrs("teaser_title", ident=False), b, inner)
        elif b.kind == "meta":
            pg.block(st.element("teaser_meta"), st.attrs("teaser_meta", ident=False), b)
        elif b.kind == "excerpt":
            if nxt is not None and nxt.kind == "more" and st.chance(MORE_IN_EXCERPT):
                more = nxt
                inner = _esc(b.text) + f' <a{st.class_attr("teaser_more")} href="{href}">{_esc(more.text)}</a>'
                merged = _merge([b, more], b.text + " " + more.text)
                pg.block("p", st.attrs("teaser_excerpt", ident=False), merged, inner)
                rest[k + 1] = replace(more, kind="merged")
            else:
                pg.block(st.element("teaser_excerpt"), st.attrs("teaser_excerpt", ident=False), b)
        elif b.kind == "more":
            link = f'<a{st.class_attr("teaser_more")} href="{href}">{_esc(b.text)}</a>'
            pg.block(st.element("teaser_more"), "", b, link)
    if body_open:
        pg.raw("</div>")
    pg.raw("</td></tr>" if layout == "table" else f"</{item_tag}>")


def _teaser_line(pg: _Page, b: GeneratedBlock, href: str) -> str:
    """A teaser title's markup: the title a link; the rank, date or excerpt around it plain text."""
    st = pg.st
    if not b.anchors:
        return f'<a href="{href}">{_esc(b.text)}</a>'
    title = b.anchors[0]
    at = b.text.find(title)
    before, after = b.text[:at], b.text[at + len(title):]
    link = f"<b>{_esc(title)}</b>" if st.chance(0.3) else _esc(title)
    link = f'<a href="{href}">{link}</a>'
    if before.strip() and st.chance(0.5):
        before = f'<span class="{_attr(st.rng.choice(("rank", "num", "count", "number")))}">{_esc(before.strip())}</span> '
    else:
        before = _esc(before)
    if b.kind == "entry" and after.startswith(" ") and not after.startswith((" –", " -", " —")) and st.chance(0.5):
        after = "<br>" + _esc(after[1:])  # one <br> reads as a space
    elif after.strip() and b.kind != "entry" and st.chance(0.5):
        after = f' <span class="{_attr(st.rng.choice(("date", "time", "timestamp", "meta")))}">{_esc(after.strip())}</span>' \
            if after.startswith(" ") else _esc(after)
    else:
        after = _esc(after)
    return before + link + after


def _inline_teasers(pg: _Page, section: Section, where: str) -> None:
    """Links to other stories under the article's text: "Read on:" with a list, paragraphs of links or
    one line of them, an "External Links" list, or a "Previous story: X  Next story: Y" line."""
    st = pg.st
    blocks = section.blocks
    if blocks and blocks[0].kind == "prevnext":
        b = blocks[0]
        inner = _anchored(pg, b.text, b.anchors, "article")
        pg.block(st.rng.choice(("p", "div", "p>small", "div>b")), st.attrs("see_also", ident=False), b, inner)
        return
    heading, items = _split_heading(blocks)
    boxed = st.chance(0.4)
    if boxed:
        pg.raw(f"<div{st.attrs('teasers', ident=False)}>")
    form = st.rng.choice(("ul", "ul", "ps", "line", "dl"))
    if form == "line" and items:
        sep = st.rng.choice((", ", " | ", " · ", "; ", " "))
        links = _esc(sep).join(pg.link(b.text, "article") for b in items)
        label = ""
        if heading:
            tag = st.rng.choice(("strong", "b", "em", "span"))
            label = f"<{tag}>{_esc(heading.text)}</{tag}> "
        text = (heading.text + " " if heading else "") + sep.join(b.text for b in items)
        pg.block(st.rng.choice(("p", "div")), st.attrs("see_also", ident=False),
                 _merge([*([heading] if heading else []), *items], text), label + links)
    else:
        if heading:
            spec = st.rng.choice(("p>strong", "p>b", "h3", "h4", "div>strong", st.element("section")))
            pg.block(spec, st.attrs("teaser_heading", ident=False), heading)
        if form == "ps":
            for b in items:
                pg.block("p", "", b, pg.link(b.text, "article"))
        elif form == "dl":
            pg.raw("<dl>")
            for b in items:
                pg.block("dt", "", b, pg.link(b.text, "article"))
            pg.raw("</dl>")
        else:
            pg.raw(f"<ul{st.attrs('teaser_list', ident=False)}>")
            for b in items:
                pg.block("li", "", b, pg.link(b.text, "article"))
            pg.raw("</ul>")
    if boxed:
        pg.raw("</div>")


def _donation(pg: _Page, section: Section, where: str) -> None:
    st = pg.st
    end = _box(pg, "donation", where)
    for b in section.blocks:
        if b.kind == "heading":
            pg.block(st.element("box"), st.attrs("donation_title", ident=False), b)
        elif b.kind == "text":
            pg.block("p", st.attrs("donation_text", ident=False), b)
        elif st.chance(DONATE_AS_IMAGE):
            pg.raw('<form action="https://www.paypal.com/donate" method="post">',
                   f'<input type="hidden" name="hosted_button_id" value="{st.rng.randint(10**5, 10**6)}">',
                   f'<input type="image" src="/img/btn_donate.gif" alt="{_attr(b.text)}" value="{_attr(b.text)}">',
                   "</form>")
        else:
            link = f'<a href="{_attr(st.href("donate", b.text))}"{st.class_attr("donation_button")}>{_esc(b.text)}</a>'
            pg.block(st.element("donation_button"), "", b, link)
    pg.raw(end)


def _form(pg: _Page, section: Section, where: str) -> None:
    """A comment form or a newsletter sign-up: heading, notices, labelled fields, a submit button."""
    st = pg.st
    slot = "comment_form" if section.name == "comment_form" else "newsletter"
    end = _box(pg, slot, where)
    heading, lines = _split_heading(section.blocks)
    if heading:
        pg.block(st.element("box") if where != "side" else st.element("widget"), st.attrs("form_title"), heading)
    action = "/wp-comments-post.php" if slot == "comment_form" else "/subscribe"
    form_id = ' id="commentform"' if slot == "comment_form" and st.chance(0.5) else ""
    pg.raw(f'<form action="{action}" method="post"{form_id}>')
    for k, b in enumerate(lines):
        short = len(b.text.split()) <= 3 and not b.text.endswith(".")
        if k == len(lines) - 1 and short and not _LABEL_LIKE.search(b.text):
            if st.chance(SUBMIT_AS_INPUT):
                submit = f'<input type="submit" name="submit" value="{_attr(b.text)}">'
                pg.raw(f'<p{st.class_attr("form_submit")}>{submit}</p>')
            else:
                pg.block(st.element("form_submit"), st.attrs("form_submit", ident=False), b,
                         f'<button type="submit"{st.class_attr("donation_button")}>{_esc(b.text)}</button>')
        elif _LABEL_LIKE.search(b.text) or short:
            name = _FIELD_NAMES[k % len(_FIELD_NAMES)]
            kind = "email" if "email" in name else "text"
            field = (f'<textarea id="{name}" name="{name}" rows="6" placeholder="…"></textarea>' if name == "comment"
                     else f'<input id="{name}" name="{name}" type="{kind}" size="30">')
            pg.block(st.element("form_field"), st.attrs("form_field", ident=False), b,
                     f'<label for="{name}">{_esc(b.text)}</label> {field}')
        else:
            pg.block("p", st.attrs("form_notice", ident=False), b)
    if slot == "comment_form" and st.chance(0.5):
        pg.raw(f'<textarea name="comment" rows="8" placeholder="{_attr(lines[0].text if lines else "")}"></textarea>')
    pg.raw(f'<input type="hidden" name="nonce" value="{st.rng.randint(10**8, 10**9)}">', "</form>")
    pg.raw(end)


def _comments(pg: _Page, section: Section, where: str) -> None:
    st = pg.st
    end = _box(pg, "comments", where)
    for b in section.blocks:
        if b.item:
            break
        if b.kind == "heading":
            pg.block(st.element("box"), st.attrs("comments_title", ident=False), b)
        else:
            pg.block("p", st.attrs("form_notice", ident=False), b)
    entries = _items([b for b in section.blocks if b.item])
    as_dl = st.template == "blog" and st.chance(0.7)
    list_tag = "dl" if as_dl else st.element("comment_list")
    entry_tag = "li" if list_tag == "ol" else "div"
    pg.raw(f"<{list_tag}{st.attrs('comment_list')}>")
    for entry in entries:
        if not as_dl:
            entry_id = f"comment-{st.rng.randint(1000, 99999)}"
            pg.raw(f"<{entry_tag}{st.attrs('comment', ident=False, id=entry_id)}>")
        for b in entry:
            if b.kind == "name":
                if as_dl:
                    pg.block("dt", st.attrs("comment_author", ident=False), b)
                else:
                    avatar = st.img("", ' class="avatar" width="48"') + " " if st.chance(0.4) else ""
                    spec = st.element("comment_author")
                    pg.block(spec, st.attrs("comment_author", ident=False), b, avatar + _esc(b.text))
            elif b.kind == "meta":
                pg.block("dd" if as_dl else "div", st.attrs("comment_meta", ident=False), b,
                         f'<a href="#comment-{st.rng.randint(1000, 99999)}">{_esc(b.text)}</a>')
            elif b.kind == "comment":
                if as_dl:
                    pg.block("dd", st.attrs("comment_text", ident=False), b, f"<p>{_esc(b.text)}</p>")
                else:
                    pg.raw(f"<div{st.attrs('comment_text', ident=False)}>")
                    pg.block("p", "", b)
                    pg.raw("</div>")
            elif len(b.text.split()) <= ACTION_MAX_WORDS:
                pg.block("dd" if as_dl else "div", st.attrs("comment_reply", ident=False), b,
                         f'<a rel="nofollow" class="comment-reply-link" href="#respond">{_esc(b.text)}</a>')
            else:
                pg.block("dd" if as_dl else "p", st.attrs("form_notice", ident=False), b)
        if not as_dl:
            pg.raw(f"</{entry_tag}>")
    pg.raw(f"</{list_tag}>", end)


def _notes(pg: _Page, section: Section, where: str) -> None:
    """Disclaimers, ad slots and legal lines: short notes in a small box."""
    st = pg.st
    if section.name == "ads":
        for b in section.blocks:
            _ad_slot(pg, b, "ads")
        return
    slot = section.name if section.name == "disclaimer" else "footer_legal"
    end = _box(pg, slot, where)
    for b in section.blocks:
        if b.kind == "heading" and st.chance(0.6):
            pg.block(st.element("box"), "", b)
        else:
            pg.block(st.element("note"), "", b)
    pg.raw(end)


def _cookie_banner(pg: _Page, section: Section) -> None:
    """A fixed consent banner; some stay hidden until a script shows them."""
    st = pg.st
    hidden = st.chance(COOKIE_HIDDEN)
    style = "display:none" if hidden else st.rng.choice(("position:fixed;bottom:0;left:0;right:0;z-index:9999",
                                                        "position: fixed; top: 0; width: 100%"))
    pg.raw(f'<div{st.attrs("cookie", aria_modal="true" if st.chance(0.3) else None)} style="{style}">')
    start = len(pg.blocks)
    for b in section.blocks:
        if len(b.text.split()) <= 3 and not b.text.endswith("."):
            pg.block("div", "", b, f'<button type="button"{st.class_attr("cookie_button")}>{_esc(b.text)}</button>')
        else:
            pg.block("p", "", b)
    pg.raw("</div>")
    if hidden:
        del pg.blocks[start:]


_RENDERERS: dict[str, Callable[[_Page, Section, str], None]] = {
    "nav": _nav_section, "footer": _nav_section, "teasers": _teasers, "inline_teasers": _inline_teasers,
    "donation": _donation,
    "comment_form": _form, "newsletter": _form, "comments": _comments, "disclaimer": _notes,
    "cookie": _notes, "ads": _notes,
}


def _sections(pg: _Page, sections: list[Section], where: str) -> None:
    for section in sections:
        _RENDERERS[section.name](pg, section, where)
        pg.noise()


# -- page plan --------------------------------------------------------------------------


@dataclass
class _Plan:
    """Which region of the page each section goes to."""

    #: Above the article: the menu bar, a breadcrumb trail, an ad slot.
    header: list[Section]
    #: Teasers that came before the article and found no sidebar: above it in the column.
    early: list[Section]
    article: Section
    #: Teasers right after the article's text, inside its container.
    inside: list[Section]
    #: After the article, in its column.
    main: list[Section]
    #: A sidebar's widgets, and whether the sidebar comes before the column in the source.
    side: list[Section]
    side_first: bool
    #: The footer's link list and legal lines; cookie banners fixed to the window.
    footer: list[Section]
    banners: list[Section]

    def header_of(self, *names: str) -> list[Section]:
        return [s for s in self.header if s.name in names]

    def header_without(self, *names: str) -> list[Section]:
        return [s for s in self.header if s.name not in names]


def _plan(doc: GeneratedDocument, st: _Style) -> _Plan:
    sections = doc.sections()
    at = next(k for k, s in enumerate(sections) if s.name == "article")
    header = [s for s in sections[:at] if s.name != "teasers"]
    early = [s for s in sections[:at] if s.name == "teasers"]
    main: list[Section] = []
    side: list[Section] = []
    footer: list[Section] = []
    banners: list[Section] = []
    has_side = st.chance(st.spec["sidebar"]) or bool(early and st.spec["sidebar"])
    inside: list[Section] = []
    adjacent = True  # still right after the article
    for s in sections[at + 1:]:
        if adjacent and (s.name == "inline_teasers" or (s.name == "teasers" and st.chance(TEASERS_INSIDE_ARTICLE))):
            inside.append(s)
            continue
        adjacent = False
        if s.name == "inline_teasers":
            main.append(s)
        elif s.name == "footer":
            footer.insert(0, s)
        elif s.name == "cookie":
            (banners if st.chance(COOKIE_BANNER) else footer).append(s)
        elif has_side and st.chance(SIDEBAR_SHARE.get(s.name, 0.0)):
            side.append(s)
        else:
            main.append(s)
    side_first = bool(side or early) and (bool(early) or st.chance(st.spec["sidebar_first"]))
    if early and has_side:  # a sidebar the text extraction met before the article
        side, early = early + side, []
    return _Plan(header, early, sections[at], inside, main, side, side_first, footer, banners)


# -- templates --------------------------------------------------------------------------


def _header_sections(pg: _Page, sections: list[Section]) -> None:
    for s in sections:
        if s.name == "top_nav":
            _top_nav(pg, s)
        elif s.name == "breadcrumbs":
            _breadcrumbs(pg, s)
        else:
            _notes(pg, s, "header")
        pg.noise()


def _logo(pg: _Page) -> None:
    st = pg.st
    pg.raw(f'<div{st.attrs("logo", ident=False)}><a href="/" rel="home">'
           f'<img src="/img/logo.png" alt="{_attr(st.site)}"></a></div>')


def _main_column(pg: _Page, plan: _Plan) -> None:
    _sections(pg, plan.early, "main")
    _article(pg, plan.article, plan.inside)
    pg.noise()
    _sections(pg, plan.main, "main")


def _sidebar(pg: _Page, plan: _Plan, tag: str, first: bool, attrs: str = "") -> None:
    """The sidebar, if the page has one and it belongs here (before or after the column)."""
    if plan.side and plan.side_first == first:
        pg.raw(f"<{tag}{attrs or pg.st.attrs('sidebar')}>")
        _sections(pg, plan.side, "side")
        pg.raw(f"</{tag}>")


def _footer_content(pg: _Page, plan: _Plan, nav_tag: str = "div") -> None:
    st = pg.st
    for s in plan.footer:
        if s.name == "footer":
            pg.raw(f"<{nav_tag}{st.attrs('footer_nav')}>")
            _menu(pg, s, "footer", st.pick("footer_menu"), st.element("widget"))
            pg.raw(f"</{nav_tag}>")
        else:
            _notes(pg, s, "footer")
        pg.noise()


def _semantic(pg: _Page, plan: _Plan) -> None:
    """HTML5 landmarks with ARIA roles: header/nav, main/article, aside, footer."""
    st = pg.st
    pg.raw(f"<header{st.attrs('header')}>")
    _logo(pg)
    _header_sections(pg, plan.header)
    pg.raw("</header>", f"<div{st.attrs('layout')}>")
    _sidebar(pg, plan, "aside", True)
    pg.raw(f"<main{st.attrs('main')}>")
    _main_column(pg, plan)
    pg.raw("</main>")
    _sidebar(pg, plan, "aside", False)
    pg.raw("</div>", f"<footer{st.attrs('footer')}>")
    _footer_content(pg, plan, "nav")
    pg.raw("</footer>")


def _wordpress(pg: _Page, plan: _Plan) -> None:
    """A WordPress theme: div#page, header#masthead, div#content, main#main, aside#secondary, footer#colophon."""
    st = pg.st
    pg.raw(f'<div id="page"{st.attrs("page", ident=False)}>')
    pg.raw(f"<header{st.attrs('header')}>", '<div class="site-branding">')
    _logo(pg)
    pg.raw("</div>")
    _header_sections(pg, plan.header)
    pg.raw("</header>", f"<div{st.attrs('layout')}>")
    _sidebar(pg, plan, "aside", True)
    pg.raw('<div id="primary" class="content-area">', f"<main{st.attrs('main')}>")
    _main_column(pg, plan)
    pg.raw("</main>", "</div>")
    _sidebar(pg, plan, "aside", False)
    pg.raw("</div>", f"<footer{st.attrs('footer')}>", '<div class="footer-widgets">')
    _footer_content(pg, plan)
    pg.raw("</div>", "</footer>", "</div>")


def _table(pg: _Page, plan: _Plan) -> None:
    """A 2000s news portal: nested tables, a column of links, font/b/center tags."""
    st = pg.st
    pg.raw('<table width="100%" border="0" cellspacing="0" cellpadding="0">',
           f'<tr><td colspan="3" bgcolor="#003366"><img src="/images/logo.gif" alt="{_attr(st.site)}" '
           'width="300" height="60" border="0"></td></tr>')
    navs = plan.header_of("top_nav")
    left_nav = bool(navs) and st.chance(0.5)
    if navs and not left_nav:
        pg.raw('<tr><td colspan="3" class="topnav">')
        _top_nav(pg, navs[0])
        pg.raw("</td></tr>")
    pg.raw("<tr>")
    if left_nav or (plan.side and plan.side_first):
        pg.raw(f'<td width="160" valign="top"{st.attrs("menu", aria=False)}>')
        if left_nav:
            _top_nav(pg, navs[0])
        _sidebar(pg, plan, "div", True)
        pg.raw("</td>")
    pg.raw(f'<td valign="top"{st.attrs("main", aria=False)}>')
    _header_sections(pg, plan.header_without("top_nav"))
    _main_column(pg, plan)
    pg.raw("</td>")
    if plan.side and not plan.side_first:
        pg.raw(f'<td width="200" valign="top" bgcolor="#eeeeee"{st.attrs("sidebar", aria=False)}>')
        _sections(pg, plan.side, "side")
        pg.raw("</td>")
    pg.raw("</tr>", '<tr><td colspan="3" align="center">', f"<center{st.attrs('footer', aria=False)}>")
    _footer_content(pg, plan)
    pg.raw("</center>", "</td></tr>", "</table>")


def _bootstrap(pg: _Page, plan: _Plan) -> None:
    """Bootstrap grid: nav.navbar, div.container > div.row > div.col-md-8 / div.col-md-4, cards."""
    st = pg.st
    pg.raw(f'<nav{st.attrs("header", aria=False)}><div class="container">',
           f'<a class="navbar-brand" href="/"><img src="/img/logo.svg" alt="{_attr(st.site)}" height="30"></a>',
           '<button class="navbar-toggler" type="button" data-toggle="collapse" aria-label="Toggle navigation">'
           '<span class="navbar-toggler-icon"></span></button>')
    _header_sections(pg, plan.header_of("top_nav"))
    pg.raw("</div></nav>", f'<div{st.class_attr("page")}>')
    _header_sections(pg, plan.header_without("top_nav"))
    pg.raw(f"<div{st.attrs('layout', aria=False)}>")
    _sidebar(pg, plan, "div", True)
    pg.raw(f"<div{st.attrs('main')}>" if plan.side else '<div class="col-12">')
    _main_column(pg, plan)
    pg.raw("</div>")
    _sidebar(pg, plan, "div", False)
    pg.raw("</div></div>", f'<footer{st.attrs("footer")}>',
           '<div class="container"><div class="row"><div class="col-md-6">')
    _footer_content(pg, plan)
    pg.raw("</div></div></div></footer>")


def _css_in_js(pg: _Page, plan: _Plan) -> None:
    """A client-rendered app: div#__next, hashed class names, landmarks on half the pages."""
    st = pg.st
    landmarks = st.chance(0.5)

    def tag(name: str) -> str:
        return name if landmarks else "div"

    pg.raw('<div id="__next">' if st.chance(0.6) else '<div id="root">', f"<div{st.attrs('page', aria=False)}>")
    pg.raw(f"<{tag('header')}{st.attrs('header')}>")
    _header_sections(pg, plan.header)
    pg.raw(f"</{tag('header')}>", f"<{tag('main')}{st.attrs('main')}>")
    _sidebar(pg, plan, tag("aside"), True)
    _main_column(pg, plan)
    _sidebar(pg, plan, tag("aside"), False)
    pg.raw(f"</{tag('main')}>", f"<{tag('footer')}{st.attrs('footer')}>")
    _footer_content(pg, plan)
    pg.raw(f"</{tag('footer')}>", "</div></div>")
    state = _script_json({"props": {"pageProps": {"id": st.rng.randint(1, 10**6), "site": st.site}}})
    pg.raw(f'<script id="__NEXT_DATA__" type="application/json">{state}</script>')


def _portal(pg: _Page, plan: _Plan) -> None:
    """A local news portal: div columns named in Czech or Spanish (English on Thai and English pages)."""
    st = pg.st
    pg.raw(f"<div{st.attrs('page')}>", f"<div{st.attrs('header')}>")
    _logo(pg)
    _header_sections(pg, plan.header)
    pg.raw("</div>", f"<div{st.attrs('layout', aria=False)}>")
    _sidebar(pg, plan, "div", True)
    pg.raw(f"<div{st.attrs('main')}>")
    _main_column(pg, plan)
    pg.raw("</div>")
    _sidebar(pg, plan, "div", False)
    pg.raw('<div style="clear:both"></div>', "</div>", f"<div{st.attrs('footer')}>")
    _footer_content(pg, plan)
    pg.raw("</div>", "</div>")


def _blog(pg: _Page, plan: _Plan) -> None:
    """A Blogger-style blog: the sidebar often first in the source, posts with `<br>` paragraphs."""
    st = pg.st
    pg.raw(f"<div{st.attrs('page')}>", f"<div{st.attrs('header')}>")
    _logo(pg)
    _header_sections(pg, plan.header)
    pg.raw("</div>", f"<div{st.attrs('layout', aria=False)}>")
    _sidebar(pg, plan, "div", True, st.attrs("sidebar", aria=False))
    pg.raw(f"<div{st.attrs('main', aria=False)}>", '<div class="blog-posts hfeed">')
    _main_column(pg, plan)
    pg.raw("</div>", "</div>")
    _sidebar(pg, plan, "div", False, st.attrs("sidebar", aria=False))
    pg.raw("</div>", f"<div{st.attrs('footer', aria=False)}>")
    _footer_content(pg, plan)
    pg.raw("</div>", "</div>")


def _amp(pg: _Page, plan: _Plan) -> None:
    """An AMP page: the menu in an amp-sidebar before everything, one column, amp-* elements."""
    st = pg.st
    navs = plan.header_of("top_nav")
    if navs:
        pg.raw('<amp-sidebar id="sidebar" layout="nodisplay" side="left">')
        _top_nav(pg, navs[0])
        pg.raw("</amp-sidebar>")
    pg.raw(f"<header{st.attrs('header')}>",
           '<button on="tap:sidebar.toggle" aria-label="Menu" class="hamburger"></button>',
           f'<a href="/"><amp-img src="/logo.png" width="190" height="36" alt="{_attr(st.site)}"></amp-img></a>')
    _header_sections(pg, plan.header_without("top_nav"))
    pg.raw("</header>")
    _main_column(pg, plan)
    pg.raw(f"<footer{st.attrs('footer')}>")
    _footer_content(pg, plan, "nav")
    pg.raw("</footer>", '<amp-analytics type="gtag" data-credentials="include"><script type="application/json">'
           '{"vars": {"gtag_id": "G-1"}}</script></amp-analytics>')


#: The page layouts, one drawn per page; each one's docstring says what it looks like.
TEMPLATES: dict[str, Callable[[_Page, _Plan], None]] = {
    "semantic": _semantic, "wordpress": _wordpress, "table": _table, "bootstrap": _bootstrap,
    "css_in_js": _css_in_js, "portal": _portal, "blog": _blog, "amp": _amp,
}


# -- the page ---------------------------------------------------------------------------


def _head(pg: _Page, plan: _Plan) -> str:
    """`<head>`: title, meta tags, styles, scripts and JSON-LD (none of it block text)."""
    st = pg.st
    headline = next((b.text for b in plan.article.blocks if b.kind == "headline"), st.site)
    parts = ['<meta charset="utf-8">' if st.template != "table" else
             '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
             f"<title>{_esc(headline)} | {_esc(st.site)}</title>"]
    if st.template != "table":
        parts.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    if st.chance(0.6):
        parts.append(f'<meta property="og:title" content="{_attr(headline)}">'
                     f'<meta property="og:site_name" content="{_attr(st.site)}">')
    parts += _vocab()["head_extras"].get(st.template, [])
    parts.append(f'<link rel="stylesheet" href="/css/style.css?v={st.rng.randint(1, 999)}">')
    if st.chance(0.5):
        parts.append(_noise_style(pg))
    if st.chance(0.6):
        ld = {"@context": "https://schema.org", "@type": st.rng.choice(("NewsArticle", "Article", "BlogPosting")),
              "headline": headline, "publisher": {"@type": "Organization", "name": st.site}}
        parts.append(f'<script type="application/ld+json">{_script_json(ld)}</script>')
    for _ in range(st.rng.randint(0, 3)):
        parts.append(_noise_script(pg))
    return "<head>" + "".join(parts) + "</head>"


def render_html(doc: GeneratedDocument, rng: random.Random) -> RenderedPage:
    """`doc` as an HTML page in a template drawn from `TEMPLATES`, and the blocks it shows."""
    template = rng.choice(list(TEMPLATES))
    st = _Style(template, doc.language, rng)
    pg = _Page(st)
    plan = _plan(doc, st)
    head = _head(pg, plan)
    body_class = st.fill(st.rng.choice(_vocab()["wordpress_body_classes"])) if template == "wordpress" else ""
    lang = doc.language if st.chance(0.85) else st.rng.choice(("en-US", "en", ""))
    pg.raw(f'<body class="{_attr(body_class)}">' if body_class else "<body>")
    pg.noise()
    TEMPLATES[template](pg, plan)
    for section in plan.banners:
        _cookie_banner(pg, section)
    for _ in range(st.rng.randint(1, 3)):
        pg.raw(_noise_script(pg))
    pg.raw("</body>")
    doctype = st.pick("doctype")
    amp = " amp" if template == "amp" else ""
    lang_attr = f' lang="{lang}"' if lang else ""
    page = f'{doctype}\n<html{amp}{lang_attr}>{head}\n' + "\n".join(pg.out) + "\n</html>\n"
    return RenderedPage(page, pg.blocks, template)
