"""An editor adds an image to a body from the editor, uploading it; readers see it."""

from playwright.sync_api import expect

from blog.models import Figure, Post
from tests.browser.pages import BODY_AREA, edit_body_at_end, log_in, upload_figure
from tests.factories import PostFactory


def test_an_editor_uploads_a_figure_and_readers_see_it(site, page, new_page, jpeg_bytes):
    post = PostFactory(body="<p>Freight doubled.</p>")
    log_in(page, site)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    page.locator(BODY_AREA).click()
    page.keyboard.press("Control+End")

    page.get_by_role("button", name="Add an image").click()
    dialog = page.locator("dialog.figure-dialog")
    dialog.get_by_label("Image file").set_input_files(
        {"name": "ports.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(1600, 900)}
    )
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Describe the image for readers who cannot see it."
    )
    dialog.get_by_label("Description").fill("Container ships at the Alat terminal")
    dialog.get_by_label("Credit").fill("Photo: Port of Baku")
    dialog.get_by_label("Caption").fill("The new berths at Alat, 2024")
    dialog.get_by_role("button", name="Insert image").click()
    expect(page.locator(f"{BODY_AREA} figure.image img")).to_have_attribute(
        "alt", "Container ships at the Alat terminal"
    )
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()

    figure = Figure.objects.get(description="Container ships at the Alat terminal")
    assert f'data-image="{figure.pk}"' in Post.objects.get(pk=post.pk).body

    reader = new_page()
    reader.goto(site + post.get_absolute_url())
    shown = reader.locator(".post-body figure.image")
    expect(shown.locator("picture img")).to_have_attribute(
        "alt", "Container ships at the Alat terminal"
    )
    expect(shown.locator("figcaption")).to_have_text(
        "The new berths at Alat, 2024 Photo: Port of Baku"
    )
    assert shown.locator("picture img").evaluate("img => img.complete && img.naturalWidth") > 0


def test_an_editor_changes_a_figures_caption_in_the_body(site, page, new_page, jpeg_bytes):
    post = PostFactory(body="<p>Freight doubled.</p>")
    area = edit_body_at_end(page, site, post)
    upload_figure(page, jpeg_bytes(800, 450), "Cranes over the Alat terminal", "Alat, 2024")

    area.locator("figure.image img").dblclick()
    caption = page.get_by_role("textbox", name="Image caption")
    expect(caption).to_have_value("Alat, 2024")
    caption.fill("The Alat terminal in spring 2024")
    page.get_by_role("button", name="Set caption").click()
    expect(area.locator("figure.image figcaption")).to_have_text(
        "The Alat terminal in spring 2024"
    )
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()

    reader = new_page()
    reader.goto(site + post.get_absolute_url())
    expect(reader.locator(".post-body figure.image figcaption")).to_contain_text(
        "The Alat terminal in spring 2024"
    )
    expect(reader.locator(".post-body figure.image figcaption")).not_to_contain_text("Alat, 2024")
