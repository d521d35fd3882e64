"""Synthetic labelled documents: real article sentences framed by boilerplate.

No public data labels Czech or Thai boilerplate, or donation appeals in any language,
and the labelled pages we have may only be measured on. So the role model learns from
documents built here: article paragraphs made of real Universal Dependencies sentences
(`*.train.txt` only; never `*.dev.txt`, `sentences-nc/` or the seeds), and boilerplate
drawn from hand-written phrase banks (`phrasebanks/*.json`), laid out the way web pages
extracted to text lay them out. Every layout choice is a seeded random draw, so the same
seed gives the same documents.

Each block also says which part of the page it belongs to and what it is there (`section`,
`kind`, `group`, `item`), so that `html_render.py` can lay the same document out as an HTML
page; the plain text (`GeneratedDocument.text`) and the gold ignore them.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Every language a generated document or block can be in: the four the service must get
#: right, then languages of pages we are measured on (German above all) that teach the model
#: what menus, teaser headings and donation boxes look like beyond the four. Each one has a
#: `phrasebanks/<lang>.json` and a `<lang>.train.txt` of article sentences.
LANGUAGES = ("en", "cs", "es", "th", "de", "fr", "pt", "ca")
#: How often each language is the document's: the four supported ones keep 75% of the pages
#: (English most: its chrome is mixed into every other language's pages too); German gets
#: the biggest extra share (most of the trafilatura dev pages are German), French,
#: Portuguese and Catalan a little each, enough to learn their chrome, not to crowd out ours.
LANGUAGE_WEIGHTS = (0.3, 0.15, 0.15, 0.15, 0.1, 0.05, 0.05, 0.05)
PHRASEBANKS = Path(__file__).resolve().parent / "phrasebanks"
#: Share of boilerplate phrases taken from the English bank on a non-English page.
ENGLISH_CHROME = 0.15

ARTICLE = "ARTICLE_BODY"
NAVIGATION = "NAVIGATION"
TEASER = "RELATED_TEASER"
DONATION = "DONATION_APPEAL"
OTHER = "OTHER_BOILERPLATE"


#: The parts of a page a block can belong to, so a renderer knows where to lay it out:
#: the site's menu bar, its breadcrumb trail, an ad slot, the article, an in-page or sidebar
#: link list (tags, share links, topics), a list of other articles, a donation box, a comment
#: form, readers' comments, a newsletter sign-up, a scraper/syndication notice, cookie and
#: legal lines, and the footer's link list.
SECTIONS = ("top_nav", "breadcrumbs", "ads", "article", "inline_teasers", "nav", "teasers", "donation",
            "comment_form", "comments", "newsletter", "disclaimer", "cookie", "footer")
#: `inline_teasers` are links to other stories right after the article's last paragraph,
#: which pages put inside the article's own container ("Read on:", "See also:", "Previous
#: story: X Next story: Y", "External Links").
#: What a block is inside its section. `thumb` is a teaser picture's alt text; `see_also`
#: and `ad` are a teaser link and an ad label set between the article's paragraphs;
#: `utility` is a skip/share/print/pagination link among menu items; `name`, `meta`,
#: `comment` and `action` make up one reader's comment.
#: `credit` is a picture credit standing on its own ("Foto: Reuters"); `entry` is a teaser's
#: linked title and its excerpt as one block ("Title – excerpt…"); `prevnext` is a
#: "Previous story: X  Next story: Y" line. A `title` with `anchors` has more than its link
#: ("3. Title", "Title 21 minutes ago", "• Title | 01/14/2008"): only the anchors are linked.
KINDS = ("heading", "item", "utility", "trail", "text", "button",
         "headline", "standfirst", "caption", "credit", "byline", "dateline", "subheading", "media_label",
         "media_title", "paragraph", "ad", "see_also",
         "thumb", "title", "meta", "excerpt", "more", "entry", "prevnext",
         "name", "comment", "action")
#: Share of pages with readers' comments under the article: long threads of prose that
#: is not the article are what real news pages have most of (L3S-GN1's comments).
COMMENT_THREADS = 0.3
#: Share of inline "see also" links in an article that carry their label in the same line
#: ("Lea también: <title>", "Read more: <title>"), as Spanish and German news sites print them.
SEE_ALSO_LABELLED = 0.6
#: Share of in-page navigation sections that are a heading with no links.
HEADING_ALONE = 0.2
#: A section's first line is its heading if it is this short and no sentence.
HEADING_MAX_CHARS = 40


@dataclass
class GeneratedBlock:
    text: str
    role: str
    lang: str
    #: The part of the page it belongs to (one of `SECTIONS`).
    section: str = ""
    #: What it is inside that part (one of `KINDS`).
    kind: str = ""
    #: Which section of its document holds it: blocks of one section share this number, and
    #: the next section has the next one (two teaser lists in a row stay two lists).
    group: int = 0
    #: Which entry of its section it belongs to (a teaser, a comment), from 1; 0 for what
    #: frames the entries (a heading) and in sections without entries.
    item: int = 0
    #: Parts of the text a page would make links: the author's name in a byline.
    anchors: tuple[str, ...] = ()


@dataclass
class Section:
    """One part of a page: its name (one of `SECTIONS`) and its blocks, in order."""

    name: str
    blocks: list[GeneratedBlock] = field(default_factory=list)

    def add(self, text: str, role: str, lang: str, kind: str, item: int = 0,
            anchors: tuple[str, ...] = ()) -> None:
        self.blocks.append(GeneratedBlock(text, role, lang, self.name, kind, 0, item, anchors))


@dataclass
class GeneratedDocument:
    name: str
    language: str
    blocks: list[GeneratedBlock] = field(default_factory=list)

    def add(self, section: Section) -> None:
        """Appends a section's blocks, numbering it as the document's next section."""
        group = self.blocks[-1].group + 1 if self.blocks else 0
        for block in section.blocks:
            block.section, block.group = section.name, group
        self.blocks += section.blocks

    def sections(self) -> list[Section]:
        """The document's sections in order, each with its blocks (as `add` numbered them)."""
        out: list[Section] = []
        for block in self.blocks:
            if not out or out[-1].blocks[-1].group != block.group:
                out.append(Section(block.section))
            out[-1].blocks.append(block)
        return out

    def gold(self) -> dict:
        """The document's gold in the seeds' format (LABELING.md, "Gold files")."""
        return {
            "document": f"{self.name}.txt",
            "blocks": [{"text": b.text, "role": b.role, "lang": b.lang} for b in self.blocks],
        }

    def text(self, rng: random.Random) -> str:
        """The document as seed-style plain text: one block a line, blank lines or not."""
        sep = "\n\n" if rng.random() < 0.5 else "\n"
        return sep.join(b.text for b in self.blocks) + "\n"


def load_sentences(corpus: Path, languages: tuple[str, ...] = LANGUAGES) -> dict[str, list[str]]:
    """Training sentences per language; refuses any file that is not a `*.train.txt`."""
    out = {}
    for lang in languages:
        path = corpus / f"{lang}.train.txt"
        out[lang] = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def load_phrasebanks(folder: Path = PHRASEBANKS) -> dict[str, dict[str, list[str]]]:
    return {lang: json.loads((folder / f"{lang}.json").read_text(encoding="utf-8")) for lang in LANGUAGES}


_TRAILING_PUNCT = re.compile(r"[\s.,;:!?…\"'“”„«»()\-–—]+$")


class DocumentGenerator:
    """Draws one labelled document at a time from sentences and phrase banks."""

    def __init__(self, sentences: dict[str, list[str]], banks: dict[str, dict[str, list[str]]], seed: int) -> None:
        self.sentences = sentences
        self.banks = banks
        self.english = {key: set(values) for key, values in banks["en"].items()}
        self.rng = random.Random(seed)
        self.count = 0

    # -- small draws -------------------------------------------------------------------

    def phrase(self, lang: str, key: str) -> tuple[str, str]:
        """A phrase and its language, sometimes from the English bank (sites mix them).

        A phrase of another language's bank that the English bank also has ("Read More" on
        a Thai site) is English.
        """
        source = "en" if lang != "en" and self.rng.random() < ENGLISH_CHROME else lang
        text = self.rng.choice(self.banks[source][key])
        return text, "en" if text in self.english[key] else source

    def sentence(self, lang: str) -> str:
        return self.rng.choice(self.sentences[lang])

    def title(self, lang: str) -> str:
        """A headline-like fragment: the start of a real sentence, no final stop."""
        s = self.sentence(lang)
        parts = s.split()
        if lang == "th":
            text = " ".join(parts[: self.rng.randint(1, 3)])[:90]
        else:
            text = " ".join(parts[: self.rng.randint(4, 13)])
        text = _TRAILING_PUNCT.sub("", text) or s
        if lang == "en" and self.rng.random() < 0.3:
            text = " ".join(w[:1].upper() + w[1:] for w in text.split())
        if self.rng.random() < 0.08:
            text += self.rng.choice(("?", ":", "!"))
        return text

    def paragraph(self, lang: str, max_sentences: int = 4) -> str:
        n = self.rng.randint(1, 2 if lang == "th" else max_sentences)
        return " ".join(self.sentence(lang) for _ in range(n))

    # -- sections ----------------------------------------------------------------------

    def top_chrome(self, lang: str) -> list[Section]:
        """The site's menu bar, maybe a breadcrumb trail and an ad slot above the article."""
        bar, trail, ads = Section("top_nav"), Section("breadcrumbs"), Section("ads")
        if self.rng.random() < 0.3:
            text, src = self.phrase(lang, "utility_links")
            bar.add(text, NAVIGATION, src, "utility")
        for item in range(1, self.rng.randint(2, 12) + 1):
            text, src = self.phrase(lang, "nav_items")
            bar.add(text, NAVIGATION, src, "item", item)
        if self.rng.random() < 0.3:
            text, src = self.phrase(lang, "breadcrumbs")
            trail.add(text, NAVIGATION, src, "trail")
        if self.rng.random() < 0.15:
            text, src = self.phrase(lang, "ads")
            ads.add(text, OTHER, src, "text")
        return [bar, trail, ads]

    def article(self, lang: str) -> Section:
        r = self.rng.random
        bank = self.banks[lang]
        out = Section("article")
        if r() < 0.9:
            out.add(self.title(lang), ARTICLE, lang, "headline")
        if r() < 0.3:
            out.add(self.paragraph(lang, 1), ARTICLE, lang, "standfirst")
        if r() < 0.35:
            self.picture(lang, out)
        if r() < 0.5:
            self.byline(lang, out)
        if r() < 0.25:
            line = self.rng.choice(bank["datelines"]).replace("{place}", self.rng.choice(bank["places"]))
            out.add(line, ARTICLE, lang, "dateline")
        for _ in range(self.rng.randint(2, 24)):
            x = r()
            if x < 0.1:
                out.add(self.title(lang), ARTICLE, lang, "subheading")
            elif x < 0.13:
                out.add(self.rng.choice(bank["media_labels"]), ARTICLE, lang, "media_label")
                out.add(self.title(lang), ARTICLE, lang, "media_title")
            elif x < 0.15:
                text, src = self.phrase(lang, "ads")
                out.add(text, OTHER, src, "ad")
            elif x < 0.17:  # an inline "see also" link, often led by its label: "Lea también: ..."
                title = self.title(lang)
                if r() < SEE_ALSO_LABELLED:
                    label = self.rng.choice(bank["link_lists"]).rstrip(" :")
                    label = label.upper() if r() < 0.2 else label
                    out.add(f"{label}: {title}", TEASER, lang, "see_also", anchors=(title,))
                else:
                    out.add(title, TEASER, lang, "see_also")
            elif x < 0.2:
                self.picture(lang, out)
            out.add(self.paragraph(lang), ARTICLE, lang, "paragraph")
        if r() < 0.12:
            self.byline(lang, out)  # "Posted in ... by ..." under the post
        return out

    def picture(self, lang: str, out: Section) -> None:
        """A picture's caption with its credit fused ("...Image source, Reuters"), apart, or a credit alone."""
        r = self.rng.random
        bank = self.banks[lang]
        credit = self.rng.choice(bank["caption_suffixes"])
        if r() < 0.2 and "{name}" not in credit:
            out.add(credit, ARTICLE, lang, "credit")
            return
        caption = self.title(lang) if r() < 0.5 else self.sentence(lang)
        if r() < 0.4:
            out.add(caption, ARTICLE, lang, "caption")
            out.add(credit, ARTICLE, lang, "credit")
        else:
            glue = "" if r() < 0.4 else " "
            out.add(caption + glue + credit, ARTICLE, lang, "caption")

    def byline(self, lang: str, out: Section) -> None:
        """A byline, or a blog's "Posted in X, Y by Author on date" line (its names and sections linked)."""
        bank = self.banks[lang]
        template = self.rng.choice(bank["posted_in"] if self.rng.random() < 0.3 else bank["bylines"])
        anchors = []
        text = template
        while "{" in text:
            at = text.index("{")
            if text.startswith("{name}", at):
                value = self.rng.choice(bank["names"])
            else:
                value = ", ".join(self.rng.sample(bank["nav_items"], self.rng.randint(1, 3)))
            if not value:
                break
            # the anchors: the name, or each section name, in the order they stand
            anchors += [value] if text.startswith("{name}", at) else value.split(", ")
            text = text[:at] + value + text[text.index("}", at) + 1:]
        out.add(text, ARTICLE, lang, "byline", anchors=tuple(anchors))

    def nav_section(self, lang: str, name: str = "nav") -> Section:
        """A heading and a list of links: tags, topics, share links, or the footer's menu."""
        out = Section(name)
        # A fifth of them is a heading alone ("Related Topics"): text extracted from a page
        # often keeps a link list's heading and loses its links.
        alone = self.rng.random() < HEADING_ALONE
        if alone or self.rng.random() < 0.8:
            text, src = self.phrase(lang, "nav_headings")
            out.add(text, NAVIGATION, src, "heading")
        for item in range(1, 0 if alone else self.rng.randint(0, 8) + 1):
            key = self.rng.choice(("nav_items", "nav_items", "utility_links"))
            text, src = self.phrase(lang, key)
            out.add(text, NAVIGATION, src, "item" if key == "nav_items" else "utility", item)
        return out

    def teaser_list(self, lang: str) -> Section:
        r = self.rng.random
        out = Section("teasers")
        if r() < 0.85:
            text, src = self.phrase(lang, "teaser_headings")
            out.add(text, TEASER, src, "heading")
        # plain: title, meta, excerpt, "read more" as blocks of their own; merged: the linked
        # title and its excerpt one block; ranked: "1. Title" (most-read lists); stamped: a
        # date or "21 minutes ago" on the title's line
        style = self.rng.choices(("plain", "merged", "ranked", "stamped"), (0.5, 0.22, 0.13, 0.15))[0]
        thumbs, excerpts, meta, more = r() < 0.5, r() < 0.7, r() < 0.3, r() < 0.6
        if style != "plain":
            thumbs, meta, more = thumbs and r() < 0.5, False, more and style == "merged" and r() < 0.3
            excerpts = style == "merged" or (excerpts and r() < 0.3)
        rank = self.rng.choice(("{k}. ", "{k} ", "{k}) ", "#{k} "))
        stamp_form = self.rng.choice(("{t} {s}", "{t} - {s}", "• {t} | {d}", "{t} ({d})", "{t} | {d}", "{t}, {s}"))
        date_form = self.rng.choice(("{m:02d}/{d:02d}/{y}", "{d:02d}.{m:02d}.{y}", "{y}-{m:02d}-{d:02d}", "{d}/{m}/{y}"))
        for item in range(1, self.rng.randint(1 if style == "plain" else 2, 6 if style != "ranked" else 10) + 1):
            title_lang = lang if r() < 0.6 else self.rng.choice(LANGUAGES)
            title = self.title(title_lang)
            if thumbs:
                suffix, _ = self.phrase(lang, "thumbnail_suffixes")
                out.add(title + suffix, TEASER, title_lang, "thumb", item)
            excerpt, ex_lang = "", title_lang
            if excerpts:
                ex_lang = title_lang if r() < 0.5 else self.rng.choice(LANGUAGES)
                excerpt = self.excerpt(ex_lang)
            if style == "merged":
                glue = self.rng.choice((" ", " ", " – ", " - ", ": ", " — "))
                lang_of = ex_lang if len(excerpt) > len(title) else title_lang
                out.add(title + glue + excerpt, TEASER, lang_of, "entry", item, anchors=(title,))
            elif style == "ranked":
                out.add(rank.format(k=item) + title, TEASER, title_lang, "title", item, anchors=(title,))
            elif style == "stamped":
                y, m, d = self.rng.randint(2006, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)
                stamp, _ = self.phrase(lang, "teaser_meta")
                text = stamp_form.format(t=title, s=stamp, d=date_form.format(y=y, m=m, d=d))
                out.add(text, TEASER, title_lang, "title", item, anchors=(title,))
            else:
                out.add(title, TEASER, title_lang, "title", item)
            if meta:
                text, src = self.phrase(lang, "teaser_meta")
                out.add(text, TEASER, src, "meta", item)
            if excerpt and style != "merged":
                out.add(excerpt, TEASER, ex_lang, "excerpt", item)
            if more:
                text, src = self.phrase(lang, "read_more")
                out.add(text, TEASER, src, "more", item)
        return out

    def excerpt(self, lang: str) -> str:
        r = self.rng.random
        sentences = [self.sentence(lang) for _ in range(self.rng.randint(1, 4))]
        glue = "" if r() < 0.3 else " "
        excerpt = glue.join(sentences)
        if r() < 0.5:
            excerpt = excerpt[: self.rng.randint(120, 400)].rstrip() + self.rng.choice(("…", "...", " […]"))
        return excerpt

    def inline_teasers(self, lang: str) -> Section:
        """Links to other stories right under the article: "Read on:" and a few titles (maybe on
        one line), an "External Links" list, or a "Previous story: X  Next story: Y" line."""
        r = self.rng.random
        out = Section("inline_teasers")
        if r() < 0.25:
            pair, src = self.phrase(lang, "prev_next")
            before, after = pair.split("|")
            first, second = self.title(lang), self.title(lang)
            glue = self.rng.choice((" ", "  ", " | ", " · "))
            if r() < 0.2:
                text, anchors = f"{before} {first}", (first,)
            elif r() < 0.2:
                text, anchors = f"{after} {second}", (second,)
            else:
                text, anchors = f"{before} {first}{glue}{after} {second}", (first, second)
            out.add(" ".join(text.split()), TEASER, lang, "prevnext", 1, anchors=anchors)
            return out
        if r() < 0.9:
            text, src = self.phrase(lang, "link_lists")
            if r() < 0.4 and not text.endswith(":"):
                text += ":"
            out.add(text, TEASER, src, "heading")
        for item in range(1, self.rng.randint(1, 5) + 1):
            title_lang = lang if r() < 0.8 else self.rng.choice(LANGUAGES)
            out.add(self.title(title_lang), TEASER, title_lang, "title", item)
        return out

    def donation_box(self, lang: str) -> Section:
        out = Section("donation")
        if self.rng.random() < 0.8:
            text, src = self.phrase(lang, "donation_titles")
            out.add(text, DONATION, src, "heading")
        for _ in range(self.rng.randint(1, 2)):
            text, src = self.phrase(lang, "donation_appeals")
            out.add(text, DONATION, src, "text")
        if self.rng.random() < 0.8:
            text, src = self.phrase(lang, "donation_buttons")
            out.add(text, DONATION, src, "button")
        return out

    def other_section(self, lang: str, key: str, most: int, name: str) -> Section:
        """`1..most` phrases of one bank; a short first one heads the box."""
        out = Section(name)
        for _ in range(self.rng.randint(1, most)):
            text, src = self.phrase(lang, key)
            out.add(text, OTHER, src, "text")
        _head(out)
        return out

    def comment_thread(self, lang: str) -> Section:
        """Readers' comments: prose, but not the article (the L3S-GN1 gold calls them boilerplate)."""
        bank = self.banks[lang]
        out = self.other_section(lang, "comment_form", 2, "comments")
        for item in range(1, self.rng.randint(1, 8) + 1):
            out.add(self.rng.choice(bank["names"]), OTHER, lang, "name", item)
            if self.rng.random() < 0.6:
                text, src = self.phrase(lang, "teaser_meta")  # "2 hours ago"-style stamps
                out.add(text, OTHER, src, "meta", item)
            out.add(self.paragraph(lang, 3), OTHER, lang, "comment", item)
            if self.rng.random() < 0.5:
                text, src = self.phrase(lang, "comment_form")
                out.add(text, OTHER, src, "action", item)
        return out

    def tail(self, lang: str) -> list[Section]:
        """The sections that follow an article, each drawn or not, in a shuffled order."""
        r = self.rng.random
        sections = []
        if r() < 0.4:
            sections.append(self.nav_section(lang))
        if r() < 0.6:
            sections.append(self.teaser_list(lang))
        if r() < 0.35:
            sections.append(self.donation_box(lang))
        if r() < 0.4:
            sections.append(self.other_section(lang, "comment_form", 6, "comment_form"))
        if r() < COMMENT_THREADS:
            sections.append(self.comment_thread(lang))
        if r() < 0.3:
            sections.append(self.other_section(lang, "newsletter", 4, "newsletter"))
        if r() < 0.25:
            sections.append(self.other_section(lang, "disclaimers", 1, "disclaimer"))
        if r() < 0.3:
            sections.append(self.other_section(lang, "cookie_legal", 3, "cookie"))
        if r() < 0.15:
            sections.append(self.other_section(lang, "ads", 2, "ads"))
        self.rng.shuffle(sections)
        if r() < 0.4:
            sections.append(self.nav_section(lang, "footer"))
        return sections

    # -- documents ---------------------------------------------------------------------

    def document(self) -> GeneratedDocument:
        lang = self.rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
        doc = GeneratedDocument(f"gen_{self.count:05d}_{lang}", lang)
        self.count += 1
        if self.rng.random() < 0.6:
            for section in self.top_chrome(lang):
                doc.add(section)
        if self.rng.random() < 0.08:
            doc.add(self.teaser_list(lang))  # a sidebar extracted before the article
        doc.add(self.article(lang))
        if self.rng.random() < 0.3:
            doc.add(self.inline_teasers(lang))
        if self.rng.random() < 0.9:
            for section in self.tail(lang):
                doc.add(section)
        return doc


def _head(section: Section) -> None:
    """Makes a section's first line its heading when it reads like one (short, no sentence)."""
    first = section.blocks[0] if section.blocks else None
    if first and first.kind == "text" and len(first.text) <= HEADING_MAX_CHARS and not first.text.endswith("."):
        first.kind = "heading"


def generate(corpus: Path, count: int, seed: int) -> list[GeneratedDocument]:
    """`count` documents from the training sentences under `corpus`, reproducibly."""
    gen = DocumentGenerator(load_sentences(corpus), load_phrasebanks(), seed)
    return [gen.document() for _ in range(count)]
