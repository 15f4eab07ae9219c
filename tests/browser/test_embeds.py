"""Embeds in the browser: an editor embeds a chart from the toolbar; a reader's page asks
nothing of the provider until the reader loads the player."""

from urllib.parse import urlparse

from playwright.sync_api import expect

from blog.models import Post
from tests.browser.pages import BODY_AREA, edit_body_at_end, log_in, upload_figure
from tests.factories import PostFactory

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_a_reader_loads_the_player_only_by_choice(site, page):
    post = PostFactory(
        body=f'<p>Before.</p><figure class="embed"><a href="{VIDEO}">Ports at night</a></figure>'
    )
    elsewhere = []
    local = urlparse(site).netloc

    def route(route):
        if urlparse(route.request.url).netloc != local:
            elsewhere.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", route)
    page.goto(site + post.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert elsewhere == []

    load = page.get_by_role("button", name="Load the video")
    expect(load).to_be_visible()
    load.click()
    frame = page.locator("figure.embed iframe")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    expect(frame).to_have_attribute("title", "Ports at night")
    page.wait_for_timeout(300)
    assert elsewhere == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]


def test_an_editor_embeds_a_chart_and_is_told_of_an_address_that_is_not_one(site, page):
    post = PostFactory(body="<p>Freight doubled.</p>")
    log_in(page, site)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    page.locator(BODY_AREA).click()
    page.keyboard.press("Control+End")

    page.get_by_role("button", name="Embed a video or chart").click()
    page.get_by_role("textbox", name="Address of the video or chart").fill("example.org/chart")
    page.get_by_role("textbox", name="Title readers see before loading it").fill("Freight")
    page.get_by_role("button", name="Embed", exact=True).click()
    expect(page.locator("dialog[open]")).to_contain_text("Not an address Folio can embed")

    page.get_by_role("textbox", name="Address of the video or chart").fill(
        "https://datawrapper.dwcdn.net/AbC12/1/"
    )
    page.get_by_role("button", name="Embed", exact=True).click()
    expect(page.locator(f"{BODY_AREA} figure.embed")).to_contain_text("Freight")
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()

    assert Post.objects.get(pk=post.pk).body == (
        "<p>Freight doubled.</p>\n"
        '<figure class="embed"><a href="https://datawrapper.dwcdn.net/AbC12/1/">Freight</a>'
        "</figure>"
    )


def test_what_comes_after_an_embed_never_replaces_it(site, page, jpeg_bytes):
    post = PostFactory(body="<p>Freight doubled.</p>")
    area = edit_body_at_end(page, site, post)

    page.get_by_role("button", name="Embed a video or chart").click()
    page.get_by_role("textbox", name="Address of the video or chart").fill(VIDEO)
    page.get_by_role("textbox", name="Title readers see before loading it").fill("Ports")
    page.get_by_role("button", name="Embed", exact=True).click()
    expect(area.locator("figure.embed")).to_have_count(1)
    # Typing goes on below the embed; an image inserted next goes below that.
    page.keyboard.type("Ferries waited.")
    upload_figure(page, jpeg_bytes(800, 450), "A ferry at its berth")
    expect(area.locator("figure.image")).to_have_count(1)

    # The cursor waits in a paragraph after the image; an empty one is not saved.
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()
    body = Post.objects.get(pk=post.pk).body
    figure = body.index('<figure class="image"')
    assert body.index('<figure class="embed"') < body.index("<p>Ferries waited.</p>") < figure
    assert body.endswith("</figure>"), body
