"""An imported post, opened in the post form and saved unchanged, keeps its body."""

import io

from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from tests.browser.pages import BODY_AREA, log_in
from tests.wordpress.exports import Item, attachment, export
from tests.wordpress.test_import import BLOCKS, FOOTNOTES
from wordpress.models import ImportedPost


def test_an_imported_post_saved_unchanged_keeps_its_body(site, page, tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2024/03").mkdir(parents=True)
    Image.new("RGB", (1600, 900), (20, 90, 140)).save(uploads / "2024/03/quay.jpg")
    path = tmp_path / "export.xml"
    items = [
        attachment(40, "2024/03/quay.jpg", alt="The quay at Aktau"),
        Item(41, "Blocks", slug="blocks", content=BLOCKS, meta={"footnotes": FOOTNOTES}),
    ]
    path.write_text(export(items), encoding="utf-8")
    call_command(
        "import_wordpress",
        str(path),
        media_dir=str(uploads),
        report=str(tmp_path / "report.txt"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    post = ImportedPost.objects.get(wp_id=41).post
    imported_body = post.body
    for part in ("<table>", "<caption>", 'class="footnote"', 'class="image"', 'class="embed"'):
        assert part in imported_body, part

    log_in(page, site)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    area = page.locator(BODY_AREA)
    expect(area.locator("table")).to_have_count(1)
    expect(area.locator("figure.image img")).to_have_count(1)
    expect(area.locator(".footnote")).to_have_count(1)
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    post.refresh_from_db()
    assert post.body == imported_body
