"""The page-level step after the role model: on an HTML page the article is one region.

The role model reads a block with a few neighbours on each side. What it cannot see from
there, and real pages get wrong most often:

- A paragraph among the article's paragraphs is the article's, even when the subheading
  before it looks like a teaser's title ("Klein aber zentral" near a page's end): in a run
  of like elements under one parent that is mostly article text, a prose block that the
  model put in another role is pulled back in (jusText's context pass, on markup).
- Text outside the element that holds the article is not the article, however much it
  reads like prose: a sidebar's excerpt, a comment, a "more from this section" box. This
  is readability's insight, scored on the model's own answers: the region is the element
  whose article text most outweighs the other text it holds (never a quotation within
  the article, however long), and a block outside it that the model called ARTICLE_BODY
  becomes OTHER_BOILERPLATE. Except the article's own
  introduction: when the region is the body inside an `<article>`, that element's
  `<header>` (headline, standfirst, byline, date: the article by LABELING.md, and by
  HTML's meaning of the element) stays the article, however little it weighs. Where the
  page marks up its main content (a `<main>` holding at least `NAMED_ELEMENT_SHARE` of its
  text), the region lies within it: HTML's `<main>` holds "the dominant contents of the
  document", and a site header's blurb beside it is not the article, whatever the models
  made of it. Inside the region, preformatted text (`<pre>`: a code sample, a command, a
  poem) is the article's: the training pages have none, and site chrome is never
  preformatted.
- What is about the article, or named as boilerplate, is not the article: a `<footer>` (or a `footer` class)
  (the posted-in line, the tags, a newsletter prompt), an author's bio box (by the class
  words of its own element and those nearest it: not a byline, not a whole page), and an
  element whose class or id names a comment section, a newsletter, or a cookie, consent or
  legal notice (what LABELING.md lists as OTHER_BOILERPLATE), or a box that sells access
  (a subscription offer, a journal's "buy this article": DONATION_APPEAL by LABELING.md)
  read like prose, but HTML and the page say what they are.
- A form is filled in, not read: a comment or newsletter form, a search box, a petition's
  signature box (OTHER_BOILERPLATE by LABELING.md, however much its text reads like prose).
  Text in a form (among a block's `NEAR_FRAMES` nearest elements) weighs as other text in
  the region score, and the missed-article fallback below leaves it out. Unless the form
  holds more than `MAX_FORM_SHARE` of the page's blocks: then it wraps the page (ASP.NET's
  one `<form>` around everything) and says nothing.
- A page has an article even where the model finds almost none: on a layout unlike any it
  was trained on it can take a whole article for teasers. When under `MISSED_ARTICLE_SHARE`
  of the page's text outside links is article text, the page's own markup stands in: the
  `<article>` or `<main>` element that holds the most of that text (HTML's name for the
  page's main content, and trafilatura's second choice), if it holds at least
  `NAMED_ELEMENT_SHARE`; else readability's choice, the element holding most of the
  page's prose. That element's blocks that are neither link lists nor navigation become
  the article, except what the page names as not the article (the step above, which runs
  after this one). The markup comes first because readability's choice weighs prose only:
  an article of short lines (an agenda, a spec sheet, a recipe's steps) holds little of
  it, and the choice falls on a sidebar's excerpts or on no element at all.

All of them move probability mass rather than overwrite roles, so `role_scores` stay a
distribution whose first entry is the role given. Plain-text documents have no markup and
pass through unchanged.
"""
from __future__ import annotations

from collections.abc import Sequence

from winnow.engine.blocks import ARTICLE_BODY, DONATION_APPEAL, NAVIGATION, OTHER_BOILERPLATE, Block, on_a_page
from winnow.engine.features import ancestor_sums, is_prose, main_container, mostly_text, parent_path, signature
from winnow.engine.html_text import NEAR_FRAMES

#: Where the article region's boundary falls: each character of non-article text inside
#: an element costs this much of a character of article prose (`article_region`).
OTHER_TEXT_COST = 0.5
#: ... and a short non-article block (a menu item, a date) costs this share of that again.
SHORT_TEXT_COST = 0.5
#: A run of like siblings counts from this many blocks, when at least this share of its
#: characters is article text (`rejoin_paragraph_runs`).
MIN_RUN = 3
RUN_ARTICLE_SHARE = 0.5
#: Below this share of the page's text (outside link lists) called article, the model has
#: missed the article.
MISSED_ARTICLE_SHARE = 0.2
#: Where it has, an `<article>` or `<main>` element holding at least this share of that text
#: is the article (`named_element`); and the region never reaches beyond, or lies beside, a
#: `<main>` that does.
ARTICLE_ELEMENTS = frozenset({"article", "main"})
MAIN_ELEMENTS = frozenset({"main"})
NAMED_ELEMENT_SHARE = 0.3
#: Markup of what is about the article rather than the article: a `<footer>` (in HTML,
#: "information about its section such as who wrote it, links to related documents,
#: copyright data"), or an element classed `footer` as pages written before HTML5 have it,
#: and an author's bio box. Unless it holds more than `MAX_ABOUT_SHARE` of the article text:
#: then the page's markup is broken (an unclosed `<footer>` that swallows the page) and says
#: nothing.
ABOUT_TOKENS = frozenset({"t:footer", "c:footer", "c:bio"})
MAX_ABOUT_SHARE = 0.5
#: A form holding more than this share of the page's blocks wraps the page rather than
#: being one a reader fills in (`in_a_form`).
MAX_FORM_SHARE = 0.5
#: Whole class and id words (`c:` tokens; not parts, so "commentary" is not a comment) that
#: name OTHER_BOILERPLATE: comments and their forms, newsletters, cookie, consent and legal
#: notices, in the languages of the pages we see most. Under a guard of their own
#: (`MAX_BOILERPLATE_SHARE`).
BOILERPLATE_TOKENS = frozenset(f"c:{word}" for word in (
    "comment", "comments", "kommentar", "kommentare", "comentario", "comentarios", "komentar", "komentare",
    "respond", "reply", "replies", "disqus", "newsletter", "disclaimer", "cookie", "cookies", "consent",
    "gdpr", "copyright", "legal", "impressum",
))
#: Elements so named are not the article unless they hold more than this share of the article
#: text: a readers' thread under a short post often holds more text than the post (on L3S-GN1,
#: most of what was taken for the article and was not), so the footer's half would keep it in;
#: only a name on an element around nearly all of it says nothing (a gallery whose captions
#: are classed "item__comment").
MAX_BOILERPLATE_SHARE = 0.9
#: Whole class and id words that name a pitch for paid access: a journal's "buy this article"
#: box, a subscription offer. LABELING.md makes "subscription-for-money pitches"
#: DONATION_APPEAL. Under the same guard as `BOILERPLATE_TOKENS`. Not "paywall": sites
#: put the article's free opening in an element classed "behind-paywall".
PAID_ACCESS_TOKENS = frozenset(f"c:{word}" for word in ("buybox", "subscribe", "subscription"))
#: Whole class and id words that name a list of the article's tags or topics, which
#: LABELING.md makes NAVIGATION ("tag and topic lists"). Read only on the block's own element
#: and its nearest ancestors (`HtmlBlock.near`), and only on blocks that are not prose, under
#: the same guard as `BOILERPLATE_TOKENS`. Whole words: WordPress classes an `<article>`
#: `tag-<name>` for each of its tags (`c:tag`, not listed).
TAG_LIST_TOKENS = frozenset(f"c:{word}" for word in (
    "tags", "topics", "keywords", "tagcloud", "taglist", "schlagworte", "schlagwoerter", "stichworte",
    "etiquetas", "temas", "stitky", "tagy",
))
#: Whole class and id words of an author box ("About the author", a bio under the
#: article). Read only on the block's own element and its nearest ancestors
#: (`HtmlBlock.near`), and only on prose: a byline ("By Anna Smith", in an element named
#: "author") is the article by LABELING.md, and a page's `<body>` may carry an
#: "author-12" class far above everything.
AUTHOR_BOX_TOKENS = frozenset(f"c:{word}" for word in (
    "author", "authors", "authorbox", "aboutauthor", "abouttheauthor", "authorbio", "authorinfo",
    "autor", "autoren", "autorin", "autorbox", "autorinfo", "biography",
))


def refine_roles(blocks: Sequence[Block]) -> None:
    """Applies the rules, in place, to a page's blocks whose roles the model has given."""
    if not on_a_page(blocks):
        return
    rejoin_paragraph_runs(blocks)
    forms = in_a_form(blocks)
    region = article_region(blocks, forms)
    if region:
        inside = region + " > "
        article = enclosing_article(region)
        for block in blocks:
            if block.path.startswith(inside):
                if block.role != ARTICLE_BODY and block.html.tag == "pre" and mostly_text(block):
                    block.move_role(block.role, ARTICLE_BODY)
            elif block.role == ARTICLE_BODY and not _in_header(block.path, article):
                block.move_role(ARTICLE_BODY, OTHER_BOILERPLATE)
    recover_missed_article(blocks, forms)
    for block, role in not_the_article(blocks):
        block.move_role(ARTICLE_BODY, role)


def in_a_form(blocks: Sequence[Block]) -> list[bool]:
    """For each block of a page: is it in a form a reader fills in? By its nearest elements,
    so that a form somewhere above the article says nothing, and not when the form wraps
    most of the page (`MAX_FORM_SHARE`)."""
    forms = []
    for block in blocks:
        steps = block.path.split(" > ")
        forms.append(nearest(steps, "form", range(len(steps) - 1, max(0, len(steps) - NEAR_FRAMES) - 1, -1)))
    held = {form: sum(b.path.startswith(form) for b in blocks) for form in set(forms) if form}
    return [bool(form) and held[form] <= MAX_FORM_SHARE * len(blocks) for form in forms]


def enclosing_article(region: str) -> str:
    """The path of the nearest `<article>` element around the region (not the region
    itself), followed by " > "; "" when there is none."""
    steps = region.split(" > ")
    return nearest(steps, "article", range(len(steps) - 2, -1, -1))


def nearest(steps: Sequence[str], tag: str, indexes: range) -> str:
    """The path, followed by " > ", of the first element among `steps[i]` (a path split at
    " > ") for `i` in `indexes` (nearest first) that is a `tag`; "" when none is."""
    return next((" > ".join(steps[: i + 1]) + " > " for i in indexes if signature(steps[i]) == tag), "")


def _tag(path: str) -> str:
    """The tag of the element at `path` (its last step, without its position)."""
    return signature(path.rpartition(" > ")[2])


def _in_header(path: str, article: str) -> bool:
    """Is the element at `path` a `<header>` child of `article` (from `enclosing_article`), or inside one?"""
    return bool(article) and path.startswith(article) and signature(path[len(article):].split(" > ", 1)[0]) == "header"


def not_the_article(blocks: Sequence[Block]) -> list[tuple[Block, str]]:
    """Article blocks in a footer, an author's bio or an element named as boilerplate, as a
    pitch for paid access or as a list of tags, each with the role it takes: what the model
    took for the article because it reads like prose or sits inside it ("Anna covers science
    for the paper since 2015", a reader's comment, "Instant access to the full article PDF",
    "Tags: libraries, council"). Each kind under its own guard against markup that wraps the
    article itself."""
    article = sum(len(b.text) for b in blocks if b.role == ARTICLE_BODY)
    about = [b for b in blocks if b.role == ARTICLE_BODY and (
        not ABOUT_TOKENS.isdisjoint(b.html.context)
        or (is_prose(b) and not AUTHOR_BOX_TOKENS.isdisjoint(b.html.near)))]
    named = [b for b in blocks if b.role == ARTICLE_BODY and not BOILERPLATE_TOKENS.isdisjoint(b.html.context)]
    paid = [b for b in blocks if b.role == ARTICLE_BODY and not PAID_ACCESS_TOKENS.isdisjoint(b.html.context)]
    tags = [b for b in blocks
            if b.role == ARTICLE_BODY and not is_prose(b) and not TAG_LIST_TOKENS.isdisjoint(b.html.near)]
    out: dict[int, str] = {}
    for kind, most, role in ((about, MAX_ABOUT_SHARE, OTHER_BOILERPLATE),
                             (named, MAX_BOILERPLATE_SHARE, OTHER_BOILERPLATE),
                             (paid, MAX_BOILERPLATE_SHARE, DONATION_APPEAL),
                             (tags, MAX_BOILERPLATE_SHARE, NAVIGATION)):
        if sum(len(b.text) for b in kind) <= most * article:
            out.update((id(b), role) for b in kind if id(b) not in out)
    return [(b, out[id(b)]) for b in blocks if id(b) in out]


def recover_missed_article(blocks: Sequence[Block], forms: Sequence[bool]) -> None:
    """Takes the page's article element, or else its main container, for the article when
    the model found almost none (not the text of a form in it: `forms`, from `in_a_form`)."""
    # Text, not only long paragraphs: Thai articles, and short news items, are made of short
    # blocks.
    text = [b for b in blocks if mostly_text(b)]
    total = sum(len(b.text) for b in text)
    article = sum(len(b.text) for b in text if b.role == ARTICLE_BODY)
    if not total or article >= MISSED_ARTICLE_SHARE * total:
        return
    container = named_element(text, ARTICLE_ELEMENTS) or main_container(blocks)
    if not container:
        return
    inside = container + " > "
    for block, in_form in zip(blocks, forms):
        if (block.role != ARTICLE_BODY and block.path.startswith(inside) and mostly_text(block)
                and (block.role != NAVIGATION or is_prose(block)) and not in_form):
            block.move_role(block.role, ARTICLE_BODY)


def named_element(text: Sequence[Block], tags: frozenset[str]) -> str:
    """The path of the element, of one of `tags`, that holds the most of `text` (a page's
    blocks that are not link lists), when it holds at least `NAMED_ELEMENT_SHARE` of it; ""
    when none does. On a tie the inner element, as in `main_container`."""
    held = ancestor_sums(text, [len(b.text) for b in text])
    named = [path for path in held if _tag(path) in tags]
    best = max(named, key=lambda path: (held[path], len(path)), default="")
    return best if best and held[best] >= NAMED_ELEMENT_SHARE * sum(len(b.text) for b in text) else ""


def rejoin_paragraph_runs(blocks: Sequence[Block]) -> None:
    """Gives a run of same-tag siblings that is mostly article text back its stray members."""
    runs: dict[tuple[str, str], list[Block]] = {}
    for block in blocks:
        runs.setdefault((parent_path(block.path), block.html.tag), []).append(block)
    for run in runs.values():
        if len(run) < MIN_RUN:
            continue
        article = sum(len(b.text) for b in run if b.role == ARTICLE_BODY)
        if article < RUN_ARTICLE_SHARE * sum(len(b.text) for b in run):
            continue
        for block in run:
            if block.role != ARTICLE_BODY and mostly_text(block):
                block.move_role(block.role, ARTICLE_BODY)


def article_region(blocks: Sequence[Block], forms: Sequence[bool] | None = None) -> str:
    """The CSS path of the element that best holds the article, or "" when nothing does.

    Every ancestor of a block gains the block's characters if it is article prose outside a
    form (`forms`, from `in_a_form`) and loses `OTHER_TEXT_COST` of them (times
    `SHORT_TEXT_COST` for a short block) if it is not; the element with the greatest gain
    wins. On a tie the outer element wins: what it adds is only short article text (the
    headline and byline in the article's header, a caption in its figure), which the guide
    counts as the article's. Then a region beyond or beside the page's `<main>` becomes it.
    """
    forms = forms if forms is not None else in_a_form(blocks)
    gain = ancestor_sums(blocks, [_region_value(b, in_form) for b, in_form in zip(blocks, forms)])
    if not gain:
        return ""
    best = max(gain, key=lambda path: (gain[path], -len(path)))
    if gain[best] <= 0:
        return ""
    # A quotation is part of an article, never what holds it: when a long quote outweighs
    # the short paragraphs around it, the article is the element that holds the quote.
    while " > " in best and _tag(best) == "blockquote":
        best = parent_path(best)
    # HTML's `<main>` holds "the dominant contents of the document", and nothing outside it
    # does: a region that reaches beyond it, or lies beside it (a site header the models
    # took for prose), is taken in to it.
    main = named_element([b for b in blocks if mostly_text(b)], MAIN_ELEMENTS)
    if main and not (best + " > ").startswith(main + " > "):
        return main
    return best


def _region_value(block: Block, in_form: bool) -> float:
    size = len(block.text)
    if block.role == ARTICLE_BODY and not in_form:
        return float(size) if is_prose(block) else 0.0
    return -OTHER_TEXT_COST * size * (1.0 if is_prose(block) else SHORT_TEXT_COST)

