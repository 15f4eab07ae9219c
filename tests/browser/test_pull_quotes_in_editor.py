"""The body editor shows each pull quote where readers will see it, and follows the quote
rows of the form as an editor changes them."""

from playwright.sync_api import expect

from blog.models import Post
from tests.browser.pages import BODY_AREA, log_in

SLUG = "pipelines-ports-and-the-new-caspian-bargain"
PRECEDING = "quote => quote.previousElementSibling.textContent"


def test_the_editor_places_pull_quotes_as_the_page_does(site, page, new_page):
    reader = new_page()
    reader.goto(f"{site}/blog/{SLUG}/")
    on_page = [
        (q.inner_text(), q.evaluate("q => q.previousElementSibling.textContent"))
        for q in reader.locator(".post-body aside.pull-quote").all()
    ]
    assert len(on_page) == 3

    log_in(page, site)
    post = Post.objects.get(slug=SLUG)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    quotes = page.locator(f"{BODY_AREA} .editor-pull-quote")
    expect(quotes).to_have_count(3)
    in_editor = [(q.inner_text(), q.evaluate(PRECEDING)) for q in quotes.all()]
    assert [(" ".join(text.split()), before) for text, before in in_editor] == [
        (" ".join(text.split()), before) for text, before in on_page
    ]


def test_the_editors_pull_quotes_follow_the_quote_rows(site, page):
    log_in(page, site)
    post = Post.objects.get(slug=SLUG)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    quotes = page.locator(f"{BODY_AREA} .editor-pull-quote")
    expect(quotes).to_have_count(3)

    # A new passage, from the first paragraph: the quote moves there as it is typed.
    page.select_option("#id_pull_quotes-0-after_paragraph", "")
    page.fill("#id_pull_quotes-0-text", "the Caspian Sea was something to be crossed on a map")
    first = quotes.filter(has_text="crossed on a map")
    expect(first).to_have_count(1)
    assert first.evaluate(PRECEDING).startswith("For most of the last thirty years")

    page.check("#id_pull_quotes-1-DELETE")
    expect(quotes).to_have_count(2)
