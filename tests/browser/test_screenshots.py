"""
The README's screenshots, taken from the demo site. Each test checks what it shows.

They go to docs/screenshots/ only with FOLIO_SCREENSHOTS=1, so that ordinary and CI runs
leave the working tree clean:

    FOLIO_SCREENSHOTS=1 make browser-test
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from blog.models import Post

SLUG = "pipelines-ports-and-the-new-caspian-bargain"
TITLE = "Pipelines, Ports and the New Caspian Bargain"
AUTHOR = "Irina Voskresenskaya"
ADMIN = {"username": "admin", "password": "folio-demo"}
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MAX_BYTES = 400_000


@pytest.fixture
def screenshot_dir(tmp_path):
    if os.environ.get("FOLIO_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return DOCS_SCREENSHOTS
    return tmp_path


def save_png(png, path):
    """Write the screenshot, reduced to a 256-colour palette if it is large for a README."""
    if len(png) > MAX_BYTES:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        buffer = io.BytesIO()
        image.quantize(colors=256).save(buffer, format="PNG", optimize=True)
        png = buffer.getvalue()
    path.write_bytes(png)
    return path


def load_lazy_images(page):
    """Load every lazy image (a full-page screenshot shows them all), wait for each."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "Array.from(document.images).every(img => img.complete && img.naturalWidth > 0)"
    )
    page.evaluate("window.scrollTo(0, 0)")


def open_change_form(page, site, post):
    """Sign in as the demo admin, straight to the post's change form, fully loaded."""
    page.goto(f"{site}/admin/login/?next=/admin/blog/post/{post.pk}/change/")
    page.fill("#id_username", ADMIN["username"])
    page.fill("#id_password", ADMIN["password"])
    page.click("input[type=submit]")
    page.wait_for_url(f"**/admin/blog/post/{post.pk}/change/")
    page.wait_for_load_state("networkidle")


def test_post_page_screenshot_shows_the_post_with_its_images(site, page, screenshot_dir):
    page.goto(f"{site}/blog/{SLUG}/")
    load_lazy_images(page)

    expect(page.locator("h1")).to_have_text(TITLE)
    shot = save_png(page.screenshot(full_page=True), screenshot_dir / "post-page.png")

    width, height = Image.open(shot).size
    assert width == 1280
    assert height > 800
    assert shot.stat().st_size <= MAX_BYTES


def test_admin_change_form_screenshot_shows_title_and_byline(site, page, screenshot_dir):
    post = Post.objects.get(slug=SLUG)
    open_change_form(page, site, post)
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#bylines-group")).to_contain_text(AUTHOR)
    shot = save_png(page.screenshot(), screenshot_dir / "admin-change-form.png")

    assert Image.open(shot).size == (1280, 800)
    assert shot.stat().st_size <= MAX_BYTES


RICH = "why-the-aral-basin-still-matters"  # a heading, a footnote, a table, a figure, an embed,
# three pull quotes


@pytest.mark.parametrize("width", [1280, 390])
def test_rich_post_screenshot_shows_table_figure_embed_and_notes(
    site, new_page, width, screenshot_dir
):
    page = new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
    page.goto(f"{site}/blog/{RICH}/")
    load_lazy_images(page)

    body = page.locator(".post-body")
    for part in ["table caption", "figure.image picture img", "figure.embed", ".footnotes li"]:
        expect(body.locator(part)).to_have_count(1)
    expect(body.locator("aside.pull-quote")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot = save_png(page.screenshot(full_page=True), screenshot_dir / f"rich-post-{width}.png")
    assert Image.open(shot).size[0] == width


def test_body_editor_screenshot_shows_the_body_as_the_page_does(site, page, screenshot_dir):
    post = Post.objects.get(slug=RICH)
    open_change_form(page, site, post)

    editor = page.locator(".field-body .prose-editor")
    for part in [".editor-table-caption", "figure.image img", "figure.embed", ".footnote"]:
        expect(editor.locator(part)).to_have_count(1)
    expect(editor.locator(".editor-pull-quote")).to_have_count(3)
    # A quote set before a table stands above the table's caption, as on the page.
    before_caption = editor.locator(".editor-table-caption").evaluate(
        "caption => caption.previousElementSibling.className"
    )
    assert "editor-pull-quote" in before_caption
    shot = save_png(editor.screenshot(), screenshot_dir / "body-editor.png")
    assert Image.open(shot).size[0] > 600


def test_post_form_screenshot_shows_the_preview_beside_it(site, new_page, screenshot_dir):
    post = Post.objects.get(slug=RICH)
    page = new_page(viewport={"width": 1600, "height": 1000})
    open_change_form(page, site, post)
    preview = page.frame_locator("iframe[name=post-preview]")
    expect(preview.locator("h1")).to_have_text(post.title)
    expect(page.locator("#id_title")).to_have_value(post.title)
    shot = save_png(page.screenshot(), screenshot_dir / "post-form-with-preview.png")
    assert Image.open(shot).size == (1600, 1000)
    assert shot.stat().st_size <= MAX_BYTES


def test_credited_post_screenshot_shows_four_credits_and_the_cite_box(site, page, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site}/blog/a-drought-year-on-the-volga/")
    byline = page.locator(".post-header .byline")
    expect(byline).to_have_text(
        "By Marta Lindqvist, with Daniel Okafor; translated by Tomás Herrera; "
        "edited by Irina Voskresenskaya"
    )
    page.locator(".cite summary").click()
    expect(page.locator(".cite")).to_contain_text("Translated by Tomás Herrera.")
    cite = page.locator(".cite")
    cite.scroll_into_view_if_needed()
    header = save_png(
        page.locator(".post-header").screenshot(),
        screenshot_dir / "credited-post-byline.png",
    )
    box = save_png(cite.screenshot(), screenshot_dir / "credited-post-cite.png")
    assert Image.open(header).width >= 600 and Image.open(box).width >= 600


def test_calendar_screenshot_shows_a_month_of_the_plan(site, page, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 1000})
    open_change_form(page, site, Post.objects.get(slug=SLUG))
    page.goto(f"{site}/admin/blog/post/calendar/")
    expect(page.locator("td[aria-current=date]")).to_contain_text("Today")
    shot = save_png(page.screenshot(full_page=True), screenshot_dir / "editorial-calendar.png")
    assert Image.open(shot).width == 1280


@pytest.mark.django_db
def test_share_card_screenshots_in_russian_ukrainian_and_accented_latin(site, screenshot_dir):
    from blog import cards
    from blog.models import PullQuote
    from people.models import Author

    post = Post.objects.get(slug="a-drought-year-on-the-volga")
    texts = {
        "ru": (
            "Засуха на Волге — это предупреждение для всех, кто живёт ниже по течению.",
            "Марта Линдквист",
        ),
        "uk": (
            "Посуха на Волзі — це попередження для всіх, хто живе нижче за течією: ґрунт, їжа, вода.",
            "Марта Ліндквіст",
        ),
        "latin": (
            "Ein trockenes Jahr flussaufwärts: ça se paie en aval, según los expertos.",
            "Tomás Herrera-Müller",
        ),
    }
    author = Author.objects.get(slug="marta-lindqvist")
    for language, (text, name) in texts.items():
        post.body += f"<p>{text}</p>"
        post.save()
        quote = PullQuote.objects.create(post=post, text=text, after_paragraph=1)
        author.name = name
        author.save()
        post = Post.objects.get(pk=post.pk)
        quote = PullQuote.objects.select_related("post__program").get(pk=quote.pk)
        path = screenshot_dir / f"share-card-{language}.jpg"
        path.write_bytes(cards.render_card(quote))
        assert Image.open(path).size == (cards.WIDTH, cards.HEIGHT)
