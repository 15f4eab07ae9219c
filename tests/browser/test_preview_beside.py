"""On a wide screen the post form has the post, as readers will see it, beside it: what the
editor types shows there within moments, and nothing is saved until they save."""

from playwright.sync_api import expect

from blog.models import Post
from tests.browser.pages import BODY_AREA, log_in
from tests.factories import PostFactory

WIDE = {"width": 1600, "height": 1000}


def test_typing_shows_in_the_preview_beside_the_form_unsaved(site, new_page):
    post = PostFactory(title="Ferries on the Caspian", body="<p>Freight doubled.</p>")
    page = new_page(viewport=WIDE)
    log_in(page, site)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    frame = page.frame_locator("iframe[name=post-preview]")
    expect(frame.locator("h1")).to_have_text("Ferries on the Caspian")

    page.locator("#id_title").fill("Ferries and rails on the Caspian")
    page.locator(BODY_AREA).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Rail did not.")

    expect(frame.locator("h1")).to_have_text("Ferries and rails on the Caspian")
    expect(frame.locator(".post-body")).to_contain_text("Freight doubled. Rail did not.")
    expect(frame.locator(".preview-banner")).to_have_text("Preview of unsaved changes")
    assert Post.objects.get(pk=post.pk).title == "Ferries on the Caspian"

    # The form and the preview sit side by side, neither squeezed.
    form_box = page.locator("#content-main").bounding_box()
    frame_box = page.locator("iframe[name=post-preview]").bounding_box()
    assert form_box["x"] + form_box["width"] <= frame_box["x"]
    assert frame_box["width"] >= 420 and form_box["width"] >= 600


def test_narrow_screens_keep_the_preview_in_its_own_tab(site, page):
    post = PostFactory()
    log_in(page, site)
    previews = []
    page.on("request", lambda request: "/preview/" in request.url and previews.append(request))
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("iframe[name=post-preview]")).to_be_hidden()
    assert previews == [], "the hidden preview was built all the same"
    expect(page.locator(".object-tools").get_by_role("link", name="Preview")).to_be_visible()


def test_refresh_preview_works_without_javascript(site, browser):
    post = PostFactory(title="Ferries on the Caspian")
    context = browser.new_context(viewport=WIDE, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, site)
        page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
        page.locator("#id_title").fill("Ferries, typed without scripts")
        page.get_by_role("button", name="Refresh preview").click()
        frame = page.frame_locator("iframe[name=post-preview]")
        expect(frame.locator("h1")).to_have_text("Ferries, typed without scripts")
        assert page.url.endswith(f"/admin/blog/post/{post.pk}/change/")
        assert Post.objects.get(pk=post.pk).title == "Ferries on the Caspian"
    finally:
        context.close()
