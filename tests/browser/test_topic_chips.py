"""The topics field as chips: added in the order typed, removed by their button, and
sent as the comma-separated field the server reads."""

from playwright.sync_api import expect

from blog.models import Post
from tests.browser.pages import log_in
from tests.factories import PostFactory


def test_topics_are_chips_in_the_order_typed_and_are_saved_so(site, page):
    post = PostFactory()
    post.topics.set(["Water", "Central Asia"])
    log_in(page, site)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    chips = page.get_by_role("list", name="Topics of this post").get_by_role("listitem")
    expect(chips).to_have_count(2)

    page.get_by_role("button", name="Remove the topic Water").click()
    typing = page.get_by_role("combobox", name="Topics")
    typing.press_sequentially("Energy, Dams, Kazakhstan")  # a comma ends each name
    expect(chips).to_have_text(["Central Asia×", "Energy×", "Dams×"])
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()  # the name still typed counts

    saved = Post.objects.get(pk=post.pk)
    assert sorted(saved.topics.names()) == ["Central Asia", "Dams", "Energy", "Kazakhstan"]
    expect(chips).to_have_text(["Central Asia×", "Energy×", "Dams×", "Kazakhstan×"])
