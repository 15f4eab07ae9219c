"""A link with an address readers could not follow is marked in the editor and named when
the post is saved; the editor corrects it with Ctrl+K and loses nothing."""

from playwright.sync_api import expect

from blog.models import Post
from tests.browser.pages import edit_body_at_end, next_frames, select_back_to
from tests.factories import PostFactory


def link_selected_words(page, address):
    page.locator(".prose-menubar [data-name=link]").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("URL").fill(address)
    dialog.get_by_role("button", name="Update").click()


def test_a_broken_link_is_marked_named_on_save_and_corrected(site, page):
    post = PostFactory(body="<p>Freight doubled.</p>")
    area = edit_body_at_end(page, site, post)
    page.keyboard.type(" See the port data")
    select_back_to(page, "the port data")
    link_selected_words(page, "htp://example.org/ports")

    marked = area.locator(".link-unusable")
    expect(marked).to_have_text("the port data")
    expect(marked).to_have_attribute(
        "title",
        "Not a web or e-mail address: “htp://example.org/ports”. Select the link, then Ctrl+K.",
    )

    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()
    expect(page.locator(".field-body .errorlist")).to_have_text(
        "The link “the port data” goes to “htp://example.org/ports”, which is not a web or "
        "e-mail address. Correct it (select the link, then Ctrl+K) or remove the link."
    )
    assert Post.objects.get(pk=post.pk).body == "<p>Freight doubled.</p>"

    # The form came back with the link as typed; put the cursor in it and correct it.
    area.locator(".link-unusable").click()
    next_frames(page)
    link_selected_words(page, "https://example.org/ports")
    expect(area.locator(".link-unusable")).to_have_count(0)
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Post.objects.get(pk=post.pk).body == (
        '<p>Freight doubled. See <a href="https://example.org/ports">the port data</a></p>'
    )
