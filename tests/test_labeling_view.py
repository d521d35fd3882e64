"""The benchmark's LABELING view: trafilatura's must-exclude snippets that the guide puts in the article."""
from __future__ import annotations

from winnow.engine.segment import segment_html
from winnow.evaluation.labeling_view import labeling_view
from winnow.evaluation.scoring import score

PAGE = """<html><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
  <h1>Flood waters recede in the valley</h1>
  <p class="byline">By Anna Novak, 3 March</p>
  <p>The river fell by a metre overnight, and the first families went back to their homes.</p>
  <figure><img src="a.jpg" alt=""><figcaption>Volunteers clear mud from a school yard. Photo: J. Ruiz</figcaption></figure>
  <p>Volunteers cleared mud from the school yard, and lessons will start again on Monday.</p>
</article>
<aside><h2>Flood waters recede in the valley</h2><p>Read the whole story</p></aside>
</body></html>"""


def test_only_snippets_the_guide_puts_in_the_article_are_set_aside() -> None:
    gold = {"document": "p.html", "must_include": ["The river fell by a metre overnight"],
            "must_exclude": ["By Anna Novak", "Photo: J. Ruiz", "Home News",
                             "Flood waters recede in the valley",  # the headline, but also a teaser title
                             "Not on the page at all"]}
    _, blocks = segment_html(PAGE)
    view, set_aside = labeling_view(gold, blocks)
    assert view["must_exclude"] == ["Home News", "Flood waters recede in the valley", "Not on the page at all"]
    assert set_aside == 2
    assert view["must_include"] == gold["must_include"] and gold["must_exclude"][0] == "By Anna Novak"


def test_a_body_that_follows_the_guide_loses_no_precision_in_the_view() -> None:
    _, blocks = segment_html(PAGE)
    gold = {"document": "p.html", "must_include": ["The river fell"], "must_exclude": ["By Anna Novak", "Home News"]}
    body = [b for b in blocks if b.path.startswith("html > body > article")]
    prediction = {"document": "p.html", "blocks": [{"text": b.text, "role": "ARTICLE_BODY"} for b in body]}
    assert score([gold], [prediction])["snippet.p"] == 0.5
    assert score([labeling_view(gold, blocks)[0]], [prediction])["snippet.p"] == 1.0
