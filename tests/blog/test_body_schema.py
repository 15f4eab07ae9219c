"""The body's schema: the sanitizer allows what the editor's extensions write, and reads
other programs' spellings of the same things as the editor writes them."""

import pytest

from blog import body_schema
from blog.html import clean_body


def test_the_allowlist_is_what_the_editors_extensions_write():
    tags = body_schema.ALLOWLIST["tags"]
    # Folio's own extensions (static/js/body-schema.js) and django-prose-editor's.
    assert {"span", "abbr", "q", "caption"} <= tags
    assert {"table", "tbody", "tr", "th", "td", "pre", "code", "hr", "h4"} <= tags
    # Nothing the editor cannot write: it would be lost at the editor's first save.
    assert not {"h1", "h5", "b", "i", "u", "s", "div", "iframe", "video", "thead"} & tags
    assert body_schema.ALLOWLIST["allowed_classes"] == {
        "span": {"footnote"},
        "figure": {"embed", "image"},
    }
    assert body_schema.ALLOWLIST["attributes"]["a"] == {"href", "title"}


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        (
            "<p><b>Bold</b> and <i>italic</i></p>",
            "<p><strong>Bold</strong> and <em>italic</em></p>",
        ),
        ("<ul><li>one</li><li>two</li></ul>", "<ul><li><p>one</p></li><li><p>two</p></li></ul>"),
        ("<blockquote>Quoted</blockquote>", "<blockquote><p>Quoted</p></blockquote>"),
        (
            '<p><a href="www.example.org/report">r</a></p>',
            '<p><a href="https://www.example.org/report">r</a></p>',
        ),
        (
            "<table><thead><tr><th>Year</th></tr></thead><tbody><tr><td>2024</td></tr></tbody></table>",
            "<table><tbody><tr><th>Year</th></tr><tr><td>2024</td></tr></tbody></table>",
        ),
    ],
    ids=["bold and italic", "list items", "block quote", "bare domain", "table header"],
)
def test_other_spellings_are_stored_as_the_editor_writes_them(written, stored):
    assert clean_body(written) == stored


def test_empty_paragraphs_are_dropped():
    assert (
        clean_body("<p>One</p><p><br></p><p>&nbsp;</p><p></p><p>Two</p>")
        == "<p>One</p>\n<p>Two</p>"
    )


def test_a_link_keeps_only_its_address_and_title():
    body = '<p><a href="https://e.org/" title="E" rel="nofollow" target="_blank">e</a></p>'
    assert clean_body(body) == '<p><a href="https://e.org/" title="E">e</a></p>'


def test_an_empty_title_is_not_stored():
    body = '<p><a href="https://e.org/" title="">e</a> <abbr title=" ">EU</abbr></p>'
    assert clean_body(body) == '<p><a href="https://e.org/">e</a> <abbr>EU</abbr></p>'


def test_words_marked_with_their_language_keep_it():
    body = '<p>The <span lang="de">Ostpolitik</span> of <span lang="pt-BR">Itamaraty</span></p>'
    assert clean_body(body) == body


@pytest.mark.parametrize("value", ["", "x y", "english", "en_US", "12", "de--x"])
def test_a_language_mark_that_is_no_language_tag_goes_with_its_span(value):
    assert clean_body(f'<p>A <span lang="{value}">word</span>.</p>') == "<p>A word.</p>"


def test_lang_and_title_stay_only_where_the_editor_keeps_them():
    body = '<p lang="de" title="Note">Text <em title="x">here</em></p>'
    assert clean_body(body) == "<p>Text <em>here</em></p>"


def test_a_span_that_carries_nothing_is_unwrapped_around_its_words():
    body = '<p><span style="color:red">Red</span> and <span><span lang="ru">да</span></span></p>'
    assert clean_body(body) == '<p>Red and <span lang="ru">да</span></p>'
