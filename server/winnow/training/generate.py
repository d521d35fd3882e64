"""Synthetic labelled documents: real article sentences framed by boilerplate.

No public data labels Czech or Thai boilerplate, or donation appeals in any language,
and the labelled pages we have may only be measured on. So the role model learns from
documents built here: article paragraphs made of real Universal Dependencies sentences
(`*.train.txt` only; never `*.dev.txt`, `sentences-nc/` or the seeds), and boilerplate
drawn from hand-written phrase banks (`phrasebanks/*.json`), laid out the way web pages
extracted to text lay them out. Every layout choice is a seeded random draw, so the same
seed gives the same documents.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("en", "cs", "es", "th")
#: How often each language is the document's.
LANGUAGE_WEIGHTS = (0.4, 0.2, 0.2, 0.2)
PHRASEBANKS = Path(__file__).resolve().parent / "phrasebanks"
#: Share of boilerplate phrases taken from the English bank on a non-English page.
ENGLISH_CHROME = 0.15

ARTICLE = "ARTICLE_BODY"
NAVIGATION = "NAVIGATION"
TEASER = "RELATED_TEASER"
DONATION = "DONATION_APPEAL"
OTHER = "OTHER_BOILERPLATE"


@dataclass
class GeneratedBlock:
    text: str
    role: str
    lang: str


@dataclass
class GeneratedDocument:
    name: str
    language: str
    blocks: list[GeneratedBlock] = field(default_factory=list)

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

    def top_chrome(self, lang: str) -> list[GeneratedBlock]:
        blocks = []
        if self.rng.random() < 0.3:
            text, src = self.phrase(lang, "utility_links")
            blocks.append(GeneratedBlock(text, NAVIGATION, src))
        for _ in range(self.rng.randint(2, 12)):
            text, src = self.phrase(lang, "nav_items")
            blocks.append(GeneratedBlock(text, NAVIGATION, src))
        if self.rng.random() < 0.3:
            text, src = self.phrase(lang, "breadcrumbs")
            blocks.append(GeneratedBlock(text, NAVIGATION, src))
        if self.rng.random() < 0.15:
            text, src = self.phrase(lang, "ads")
            blocks.append(GeneratedBlock(text, OTHER, src))
        return blocks

    def article(self, lang: str) -> list[GeneratedBlock]:
        r = self.rng.random
        bank = self.banks[lang]
        blocks = []
        if r() < 0.9:
            blocks.append(GeneratedBlock(self.title(lang), ARTICLE, lang))
        if r() < 0.3:
            blocks.append(GeneratedBlock(self.paragraph(lang, 1), ARTICLE, lang))  # standfirst
        if r() < 0.3:
            caption = self.title(lang) if r() < 0.5 else self.sentence(lang)
            credit = self.rng.choice(bank["caption_suffixes"])
            glue = "" if r() < 0.4 else " "
            blocks.append(GeneratedBlock(caption + glue + credit, ARTICLE, lang))
        if r() < 0.5:
            byline = self.rng.choice(bank["bylines"])
            while "{name}" in byline:
                byline = byline.replace("{name}", self.rng.choice(bank["names"]), 1)
            blocks.append(GeneratedBlock(byline, ARTICLE, lang))
        if r() < 0.25:
            line = self.rng.choice(bank["datelines"]).replace("{place}", self.rng.choice(bank["places"]))
            blocks.append(GeneratedBlock(line, ARTICLE, lang))
        for _ in range(self.rng.randint(2, 24)):
            x = r()
            if x < 0.1:
                blocks.append(GeneratedBlock(self.title(lang), ARTICLE, lang))  # subheading
            elif x < 0.13:
                blocks.append(GeneratedBlock(self.rng.choice(bank["media_labels"]), ARTICLE, lang))
                blocks.append(GeneratedBlock(self.title(lang), ARTICLE, lang))
            elif x < 0.15:
                text, src = self.phrase(lang, "ads")
                blocks.append(GeneratedBlock(text, OTHER, src))
            elif x < 0.17:
                blocks.append(GeneratedBlock(self.title(lang), TEASER, lang))  # inline "see also" link
            blocks.append(GeneratedBlock(self.paragraph(lang), ARTICLE, lang))
        return blocks

    def nav_section(self, lang: str) -> list[GeneratedBlock]:
        blocks = []
        if self.rng.random() < 0.8:
            text, src = self.phrase(lang, "nav_headings")
            blocks.append(GeneratedBlock(text, NAVIGATION, src))
        for _ in range(self.rng.randint(0, 8)):
            key = self.rng.choice(("nav_items", "nav_items", "utility_links"))
            text, src = self.phrase(lang, key)
            blocks.append(GeneratedBlock(text, NAVIGATION, src))
        return blocks

    def teaser_list(self, lang: str) -> list[GeneratedBlock]:
        r = self.rng.random
        blocks = []
        if r() < 0.85:
            text, src = self.phrase(lang, "teaser_headings")
            blocks.append(GeneratedBlock(text, TEASER, src))
        thumbs, excerpts, meta, more = r() < 0.5, r() < 0.7, r() < 0.3, r() < 0.6
        for _ in range(self.rng.randint(1, 6)):
            title_lang = lang if r() < 0.6 else self.rng.choice(LANGUAGES)
            title = self.title(title_lang)
            if thumbs:
                suffix, _ = self.phrase(lang, "thumbnail_suffixes")
                blocks.append(GeneratedBlock(title + suffix, TEASER, title_lang))
            blocks.append(GeneratedBlock(title, TEASER, title_lang))
            if meta:
                text, src = self.phrase(lang, "teaser_meta")
                blocks.append(GeneratedBlock(text, TEASER, src))
            if excerpts:
                ex_lang = title_lang if r() < 0.5 else self.rng.choice(LANGUAGES)
                sentences = [self.sentence(ex_lang) for _ in range(self.rng.randint(1, 4))]
                glue = "" if r() < 0.3 else " "
                excerpt = glue.join(sentences)
                if r() < 0.5:
                    excerpt = excerpt[: self.rng.randint(120, 400)].rstrip() + self.rng.choice(("…", "...", " […]"))
                blocks.append(GeneratedBlock(excerpt, TEASER, ex_lang))
            if more:
                text, src = self.phrase(lang, "read_more")
                blocks.append(GeneratedBlock(text, TEASER, src))
        return blocks

    def donation_box(self, lang: str) -> list[GeneratedBlock]:
        blocks = []
        if self.rng.random() < 0.8:
            text, src = self.phrase(lang, "donation_titles")
            blocks.append(GeneratedBlock(text, DONATION, src))
        for _ in range(self.rng.randint(1, 2)):
            text, src = self.phrase(lang, "donation_appeals")
            blocks.append(GeneratedBlock(text, DONATION, src))
        if self.rng.random() < 0.8:
            text, src = self.phrase(lang, "donation_buttons")
            blocks.append(GeneratedBlock(text, DONATION, src))
        return blocks

    def other_section(self, lang: str, key: str, most: int) -> list[GeneratedBlock]:
        blocks = []
        for _ in range(self.rng.randint(1, most)):
            text, src = self.phrase(lang, key)
            blocks.append(GeneratedBlock(text, OTHER, src))
        return blocks

    def comment_thread(self, lang: str) -> list[GeneratedBlock]:
        """Readers' comments: prose, but not the article (the L3S-GN1 gold calls them boilerplate)."""
        bank = self.banks[lang]
        blocks = self.other_section(lang, "comment_form", 2)
        for _ in range(self.rng.randint(1, 5)):
            blocks.append(GeneratedBlock(self.rng.choice(bank["names"]), OTHER, lang))
            if self.rng.random() < 0.6:
                text, src = self.phrase(lang, "teaser_meta")  # "2 hours ago"-style stamps
                blocks.append(GeneratedBlock(text, OTHER, src))
            blocks.append(GeneratedBlock(self.paragraph(lang, 3), OTHER, lang))
            if self.rng.random() < 0.5:
                text, src = self.phrase(lang, "comment_form")
                blocks.append(GeneratedBlock(text, OTHER, src))
        return blocks

    def tail(self, lang: str) -> list[list[GeneratedBlock]]:
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
            sections.append(self.other_section(lang, "comment_form", 6))
        if r() < 0.15:
            sections.append(self.comment_thread(lang))
        if r() < 0.3:
            sections.append(self.other_section(lang, "newsletter", 4))
        if r() < 0.25:
            sections.append(self.other_section(lang, "disclaimers", 1))
        if r() < 0.3:
            sections.append(self.other_section(lang, "cookie_legal", 3))
        if r() < 0.15:
            sections.append(self.other_section(lang, "ads", 2))
        self.rng.shuffle(sections)
        if r() < 0.4:
            sections.append(self.nav_section(lang))  # footer links
        return sections

    # -- documents ---------------------------------------------------------------------

    def document(self) -> GeneratedDocument:
        lang = self.rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
        doc = GeneratedDocument(f"gen_{self.count:05d}_{lang}", lang)
        self.count += 1
        if self.rng.random() < 0.6:
            doc.blocks += self.top_chrome(lang)
        if self.rng.random() < 0.08:
            doc.blocks += self.teaser_list(lang)  # a sidebar extracted before the article
        doc.blocks += self.article(lang)
        if self.rng.random() < 0.9:
            for section in self.tail(lang):
                doc.blocks += section
        return doc


def generate(corpus: Path, count: int, seed: int) -> list[GeneratedDocument]:
    """`count` documents from the training sentences under `corpus`, reproducibly."""
    gen = DocumentGenerator(load_sentences(corpus), load_phrasebanks(), seed)
    return [gen.document() for _ in range(count)]
