"""Post bodies: sanitized with an allowlist, cut into paragraphs for pull quotes."""

import pytest

from blog.html import clean_body, plain_text, quote_in_body, sanitize_html, split_blocks
from tests.factories import PostFactory, PullQuoteFactory


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>x<script>alert(1)</script></p>", "<script"),
        ('<p><img src=x onerror="alert(1)"></p>', "onerror"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "javascript:"),
        ('<p><a href="JaVaScRiPt&#58;alert(1)">x</a></p>', "alert"),
        ('<p><a href="data:text/html,<script>alert(1)</script>">x</a></p>', "data:"),
        ('<p style="background:url(x)">x</p>', "style"),
        ("<iframe src=https://example.org></iframe><p>x</p>", "iframe"),
        ("<svg><script>alert(1)</script></svg>", "svg"),
        ('<form action="/x"><input name=a></form>', "<input"),
        ("<p>x</p><!-- secret comment -->", "secret"),
    ],
)
def test_sanitizer_removes_dangerous_markup(dirty, forbidden):
    assert forbidden not in sanitize_html(dirty).lower()


def test_sanitizer_keeps_editorial_markup():
    html = (
        '<h2>Heading</h2><p><strong>bold</strong> <em>it</em> <a href="https://e.org/">l</a></p>'
        "<ul><li>one</li></ul><blockquote><p>quoted</p></blockquote>"
    )
    cleaned = sanitize_html(html)
    for fragment in ["<h2>Heading</h2>", "<strong>bold</strong>", "<em>it</em>", "<li>one</li>"]:
        assert fragment in cleaned
    assert 'href="https://e.org/"' in cleaned


def test_split_blocks_returns_top_level_paragraphs_with_nested_markup_intact():
    html = "<p>One <em>a</em></p>\n<ul><li><p>nested</p></li></ul><h2>Two</h2>"
    assert split_blocks(html) == [
        "<p>One <em>a</em></p>",
        "<ul><li><p>nested</p></li></ul>",
        "<h2>Two</h2>",
    ]


def test_stray_top_level_text_is_gathered_into_a_paragraph():
    assert split_blocks("Loose <b>text</b><p>Then a paragraph.</p>") == [
        "<p>Loose <b>text</b></p>",
        "<p>Then a paragraph.</p>",
    ]


def test_plain_text_becomes_paragraphs_at_blank_lines():
    assert (
        clean_body("First line.\n\nSecond & last.")
        == "<p>First line.</p>\n<p>Second &amp; last.</p>"
    )


@pytest.mark.django_db
def test_pull_quotes_are_placed_after_their_paragraph_and_past_the_end_at_the_end():
    post = PostFactory(body="<p>1</p><p>2</p><p>3</p>")
    PullQuoteFactory(post=post, text="before", after_paragraph=0, order=0)
    PullQuoteFactory(post=post, text="after two", after_paragraph=2, order=1)
    PullQuoteFactory(post=post, text="end", after_paragraph=99, order=2)
    parts = [
        part.pull_quote.text if part.pull_quote else str(part.html) for part in post.body_parts
    ]
    assert parts == ["before", "<p>1</p>", "<p>2</p>", "after two", "<p>3</p>", "end"]


def test_plain_text_joins_words_split_by_inline_formatting():
    assert plain_text("<p>a b<strong>old</strong> word, <em>italic</em>.</p>") == (
        "a bold word, italic."
    )


def test_plain_text_keeps_blocks_and_line_breaks_apart():
    html = "<h2>Title</h2><p>One<br>two</p><ul><li><p>three</p></li><li><p>four</p></li></ul>"
    assert plain_text(html) == "Title One two three four"


def test_a_pull_quote_may_run_across_bold_and_italic():
    assert quote_in_body("Freight doubled.", "<p>Freight <strong>doubled</strong>.</p>")


def test_a_pull_quote_may_run_past_a_footnote_reference():
    body = '<p>Freight doubled<span class="footnote">Port data.</span>, and ferries waited.</p>'
    assert quote_in_body("Freight doubled, and ferries waited.", body)
