"""Words in another language marked in the body editor, as readers' screen readers need."""

from playwright.sync_api import expect

from blog.models import Post
from tests.browser.pages import caret_after, edit_body_at_end, next_frames, select_back_to
from tests.factories import PostFactory


def save(page):
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()


def test_an_editor_marks_a_word_german_and_readers_get_it_marked(site, page):
    post = PostFactory(body="<p>The Ostpolitik of the seventies.</p>")
    area = edit_body_at_end(page, site, post)
    caret_after(page, "The Ostpolitik")
    select_back_to(page, "Ostpolitik")

    page.get_by_role("button", name="Words in another language").click()
    page.get_by_role("textbox", name="Their language").fill("de")
    page.get_by_role("button", name="Mark the language").click()
    next_frames(page)
    expect(area.locator('span[lang="de"]')).to_have_text("Ostpolitik")

    save(page)
    assert Post.objects.get(pk=post.pk).body == (
        '<p>The <span lang="de">Ostpolitik</span> of the seventies.</p>'
    )
    page.goto(site + post.get_absolute_url())
    expect(page.locator('.post-body span[lang="de"]')).to_have_text("Ostpolitik")


def test_the_mark_comes_off_with_the_same_button(site, page):
    post = PostFactory(body='<p>The <span lang="de">Ostpolitik</span> of the seventies.</p>')
    area = edit_body_at_end(page, site, post)
    area.locator('span[lang="de"]').click()
    next_frames(page)
    page.get_by_role("button", name="Words in another language").click()
    next_frames(page)
    expect(area.locator("span[lang]")).to_have_count(0)
    save(page)
    assert Post.objects.get(pk=post.pk).body == "<p>The Ostpolitik of the seventies.</p>"
