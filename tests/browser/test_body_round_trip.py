"""
Opening a body in the post form, editing elsewhere and saving stores the same document
(DOM-equal: the same elements, attributes and text), for every element and attribute the
body's schema allows, for the demo bodies and for bodies in WordPress's shapes.

The editor writes its whole document into the form as soon as anything changes, so each
test types a character at the end of the body and deletes it before saving: what is
saved is then the editor's reading of the body, not the textarea as it was sent.
"""

import pytest

from blog.html import clean_body
from blog.models import Post
from tests.browser.pages import BODY_AREA, log_in
from tests.factories import PostFactory

# Every element and attribute of blog.body_schema.ALLOWLIST, in the places editors put them.
EVERY_ELEMENT = {
    "inline marks": (
        "<p>Plain, <strong>bold</strong>, <em>italic</em>, <strong><em>both</em></strong>, "
        "H<sub>2</sub>O, 10<sup>3</sup>, <code>manage.py</code>, "
        '<abbr title="Organization of the Petroleum Exporting Countries">OPEC</abbr>, '
        '<q cite="https://example.org/speech">a quoted phrase</q>, '
        '<a href="https://example.org/report" title="The report">a link</a>, '
        '<a href="mailto:press@example.org">mail</a>, <a href="/about/">a local page</a>, '
        '<span lang="de">Ostpolitik</span>, <em><span lang="ru">перестройка</span></em>.<br>'
        "A second line after a break.</p>"
    ),
    "headings": "<h2>Two</h2><h3>Three</h3><h4>Four</h4><p>After the headings.</p>",
    "nested lists": (
        "<ul><li><p>First</p><ol><li><p>One</p></li><li><p>Two</p>"
        "<ul><li><p>Deep</p></li></ul></li></ol></li><li><p>Second</p></li></ul>"
        '<ol start="3"><li><p>Third</p></li><li><p>Fourth</p></li></ol>'
    ),
    "block quote": "<blockquote><p>A quoted paragraph.</p><p>And another.</p></blockquote>",
    "code block and separator": "<pre><code>for port in ports:\n    print(port)</code></pre><hr>",
    "table": (
        "<table><caption>Freight through the ports</caption><tbody>"
        '<tr><th scope="col">Year</th><th scope="col">Tonnes</th></tr>'
        '<tr><th scope="row">2024</th><td>2.1 million</td></tr>'
        '<tr><td colspan="2">Source: port authorities</td></tr></tbody></table>'
    ),
    "table without caption": (
        "<table><tbody><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr>"
        '<tr><td rowspan="2">3</td><td>4</td></tr><tr><td>5</td></tr></tbody></table>'
    ),
    "embed": (
        "<p>Before the chart.</p>"
        '<figure class="embed"><a href="https://vimeo.com/76979871">Ports at night</a></figure>'
    ),
    "figure": (
        "<p>Before the figures.</p>"
        '<figure class="image"><img src="/media/renditions/figures/map-w1200.jpg" '
        'alt="A map of the ports" width="1200" height="750" data-image="7">'
        "<figcaption>The ports, 2024</figcaption></figure>"
        '<figure class="image"><img src="/media/renditions/figures/chart.jpg" alt="A chart" '
        'width="800" height="600" data-image="8"></figure>'
    ),
    "footnotes": (
        '<p>A claim.<span class="footnote">A source, <em>in italics</em>, '
        '<span lang="uk">українською</span>, with '
        '<a href="https://example.org/data">its data</a>.</span> Another claim.'
        '<span class="footnote">A second note.</span></p>'
    ),
}

# Bodies as WordPress stores them, once through the sanitizer (as an import saves them).
WORDPRESS = {
    "classic editor": (
        "<p>The <strong>classic</strong> editor wrote paragraphs and <em>emphasis</em>.</p>\n"
        '<p>With a <a href="https://example.org/">link</a> and a list:</p>\n'
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<blockquote><p>A quotation.</p></blockquote>"
    ),
    "block editor": (
        '<!-- wp:heading -->\n<h2 class="wp-block-heading">Ports</h2>\n<!-- /wp:heading -->\n'
        "<!-- wp:paragraph -->\n<p>Freight <b>doubled</b>.</p>\n<!-- /wp:paragraph -->\n"
        '<!-- wp:table -->\n<figure class="wp-block-table"><table class="has-fixed-layout">'
        "<thead><tr><th>Year</th><th>Flow</th></tr></thead><tbody><tr><td>2024</td>"
        "<td>210 km<sup>3</sup></td></tr></tbody><figcaption>Flows</figcaption></table>"
        "</figure>\n<!-- /wp:table -->\n"
        '<!-- wp:list -->\n<ul class="wp-block-list"><li>First</li><li>Second</li></ul>\n'
        '<!-- /wp:list -->\n<!-- wp:separator -->\n<hr class="wp-block-separator"/>\n'
        "<!-- /wp:separator -->"
    ),
}

# The document a body is, as a browser parses it: element names, attributes, and text;
# whitespace between blocks is not part of it.
CANONICAL = """(html) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    const walk = (node) => {
        if (node.nodeType === Node.TEXT_NODE) return node.data;
        const attributes = Array.from(node.attributes || [])
            .map((a) => `${a.name}=${a.value}`)
            .sort();
        const children = Array.from(node.childNodes)
            .filter((c) => c.nodeType === Node.ELEMENT_NODE ||
                           (c.nodeType === Node.TEXT_NODE &&
                            (node.localName === "pre" || c.data.trim() !== "")))
            .map(walk);
        return [node.localName || "#root", attributes, children];
    };
    return JSON.stringify(walk(template.content));
}"""


def open_and_save(page, site, post):
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    editor = page.locator(BODY_AREA).first
    # Into text: a click on a figure or embed selects it, and typing would replace it.
    editor.locator("p, h2, h3, h4, pre, th, td").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("x")
    page.keyboard.press("Backspace")
    assert page.locator("textarea#id_body").input_value() != "", "the editor wrote nothing"
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()
    assert page.locator(".errornote").count() == 0, page.locator(".errornote").inner_text()


@pytest.fixture
def logged_in(site, page):
    log_in(page, site)
    return page


def assert_round_trip(page, site, body):
    post = PostFactory(body=body)
    before = Post.objects.get(pk=post.pk).body
    open_and_save(page, site, post)
    after = Post.objects.get(pk=post.pk).body
    assert page.evaluate(CANONICAL, after) == page.evaluate(CANONICAL, before), (before, after)


@pytest.mark.parametrize("body", EVERY_ELEMENT.values(), ids=EVERY_ELEMENT.keys())
def test_every_element_of_the_schema_survives_an_unchanged_save(site, logged_in, body):
    assert_round_trip(logged_in, site, body)


@pytest.mark.parametrize("body", WORDPRESS.values(), ids=WORDPRESS.keys())
def test_wordpress_bodies_survive_an_unchanged_save(site, logged_in, body):
    assert_round_trip(logged_in, site, clean_body(body))


def test_demo_bodies_survive_an_unchanged_save(site, logged_in):
    for post in Post.objects.exclude(body="").order_by("pk"):
        before = post.body
        open_and_save(logged_in, site, post)
        after = Post.objects.get(pk=post.pk).body
        assert logged_in.evaluate(CANONICAL, after) == logged_in.evaluate(CANONICAL, before), (
            post.slug
        )
