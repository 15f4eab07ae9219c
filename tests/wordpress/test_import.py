"""`manage.py import_wordpress`: a WordPress export becomes posts, people, topics, figures
and redirects, and running it again changes only what changed."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from PIL import Image

from blog.models import Figure, Post
from people.models import Author
from tests.factories import ProgramFactory
from tests.wordpress.exports import Item, attachment, export
from wordpress.models import ImportedAuthor, ImportedPost

pytestmark = pytest.mark.django_db

CATEGORY = ("category", "shipping", "Shipping")
TAG = ("post_tag", "ports", "Ports")
UNCATEGORIZED = ("category", "uncategorized", "Uncategorized")


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads with real images in WordPress's year/month folders."""
    folder = tmp_path / "uploads"

    def add(file, size=(1600, 900), colour=(20, 90, 140)):
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, colour).save(path, format="JPEG")
        return file

    add.folder = folder
    folder.mkdir()
    return add


@pytest.fixture
def run(tmp_path):
    """Write an export of `items` and import it; the command's output."""

    def run_import(items, *, media_dir=None, name="export.xml", text=None, **options):
        path = tmp_path / name
        path.write_text(text if text is not None else export(items), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        options.setdefault("report", str(tmp_path / "report.txt"))
        call_command(
            "import_wordpress",
            str(path),
            media_dir=str(media_dir) if media_dir else None,
            stdout=out,
            stderr=err,
            **options,
        )
        return out.getvalue()

    return run_import


def post(wp_id):
    return ImportedPost.objects.select_related("post").get(wp_id=wp_id).post


def body(wp_id):
    return BeautifulSoup(post(wp_id).body, "html.parser")


# -- Posts ------------------------------------------------------------------------------


def test_a_classic_post_keeps_its_words_dates_author_and_topics(run):
    run(
        [
            Item(
                10,
                "Ports &amp; Power",
                slug="ports-and-power",
                content="Freight doubled.\n\nThe ferries\nwaited.",
                excerpt="<p>Who ships what.</p>",
                categories=[CATEGORY, TAG, UNCATEGORIZED],
            )
        ]
    )
    imported = post(10)
    assert imported.title == "Ports & Power"
    assert imported.slug == "ports-and-power"
    assert imported.dek == "Who ships what."
    assert imported.body == "<p>Freight doubled.</p>\n<p>The ferries<br>waited.</p>"
    assert imported.status == Post.Status.PUBLISHED
    assert imported.publish_at == datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC)
    assert imported.byline == [Author.objects.get(name="Harriet Vance")]
    assert sorted(imported.topics.names()) == ["Ports", "Shipping"]
    assert imported.program.name == "Harbour Policy Institute"
    assert Post.objects.published().filter(pk=imported.pk).exists()


@pytest.mark.parametrize(
    ("wp_status", "password", "status"),
    [
        ("draft", "", Post.Status.DRAFT),
        ("pending", "", Post.Status.IN_REVIEW),
        ("private", "", Post.Status.DRAFT),
        ("publish", "secret", Post.Status.DRAFT),
    ],
)
def test_statuses_are_mapped(run, wp_status, password, status):
    run([Item(11, "Status", slug="status", status=wp_status, password=password)])
    assert post(11).status == status
    assert not Post.objects.published().exists()


def test_private_and_password_protected_posts_are_listed_in_the_report(run, tmp_path):
    output = run(
        [
            Item(12, "Private", slug="private", status="private"),
            Item(13, "Locked", slug="locked", password="secret"),
        ]
    )
    assert "post 12: private in WordPress: imported as a draft" in output
    assert "post 13: password-protected in WordPress: imported as a draft" in output
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") in output


def test_a_future_post_is_scheduled(run):
    run([Item(14, "Soon", slug="soon", status="future", date_gmt="2999-01-01 08:00:00")])
    scheduled = post(14)
    assert scheduled.status == Post.Status.PUBLISHED
    assert scheduled.publish_at.year == 2999
    assert not Post.objects.published().exists()


def test_a_sticky_post_is_featured(run):
    run([Item(15, "Sticky", slug="sticky", sticky=True), Item(16, "Plain", slug="plain")])
    assert post(15).featured_rank == 1
    assert post(16).featured_rank is None


def test_pages_menus_and_attachments_are_skipped_and_counted(run):
    output = run(
        [
            Item(20, "About us", post_type="page", slug="about"),
            Item(21, "Home", post_type="nav_menu_item", slug="home"),
            attachment(22, "2024/03/ports.jpg"),
            Item(23, "A post", slug="a-post"),
        ]
    )
    assert Post.objects.count() == 1
    assert "page" in output and "nav_menu_item" in output
    lines = {" ".join(line.split()) for line in output.splitlines()}
    assert "page skipped (not a post) 1" in lines
    assert "nav_menu_item skipped (not a post) 1" in lines
    assert "post created (published) 1" in lines
    assert "page 20: skipped (not a post): About us" in lines


def test_a_slug_written_in_another_script_is_transliterated(run):
    run([Item(24, "Порты", slug="%d0%bf%d0%be%d1%80%d1%82%d1%8b")])
    assert post(24).slug == "porty"


def test_a_slug_taken_by_another_post_gets_a_number(run):
    from tests.factories import PostFactory

    PostFactory(slug="ports")
    run([Item(25, "Ports", slug="ports")])
    assert post(25).slug == "ports-2"


# -- Bodies: classic content ------------------------------------------------------------


def test_a_caption_shortcode_becomes_a_figure_with_its_caption(run, uploads):
    uploads("2024/03/alat.jpg")
    content = (
        'Before.\n\n[caption id="attachment_30" align="aligncenter" width="1024"]'
        '<a href="https://harbour.example/wp-content/uploads/2024/03/alat.jpg">'
        '<img class="size-large wp-image-30" src="https://harbour.example/wp-content/uploads/'
        '2024/03/alat-1024x576.jpg" alt="" width="1024" height="576" /></a> The new berths '
        "at Alat[/caption]\n\nAfter."
    )
    run(
        [
            attachment(30, "2024/03/alat.jpg", alt="Cranes over the Alat terminal"),
            Item(31, "Alat", slug="alat", content=content),
        ],
        media_dir=uploads.folder,
    )
    figure = body(31).select_one("figure.image")
    image = figure.find("img")
    stored = Figure.objects.get(pk=image["data-image"])
    assert stored.description == "Cranes over the Alat terminal"
    assert image["alt"] == "Cranes over the Alat terminal"
    assert figure.figcaption.get_text() == "The new berths at Alat"
    assert [p.get_text() for p in body(31).find_all("p")] == ["Before.", "After."]


def test_an_image_not_found_leaves_its_caption_and_is_listed(run, uploads):
    content = (
        '[caption id="attachment_32" width="800"]<img class="wp-image-32" '
        'src="https://harbour.example/wp-content/uploads/2019/01/gone.jpg" alt="A quay" /> '
        "The old quay[/caption]\n\n"
        '<img src="https://elsewhere.example/chart.png" alt="A chart from elsewhere" />'
    )
    output = run([Item(33, "Gone", slug="gone", content=content)], media_dir=uploads.folder)
    assert not body(33).find("img")
    assert [p.get_text() for p in body(33).find_all("p")] == [
        "The old quay",
        "A chart from elsewhere",
    ]
    assert (
        "post 33: image not found: attachment 32 "
        "(https://harbour.example/wp-content/uploads/2019/01/gone.jpg)" in output
    )
    assert "post 33: image not found: https://elsewhere.example/chart.png" in output


def test_a_gallery_shortcode_becomes_figures(run, uploads):
    uploads("2024/03/one.jpg")
    uploads("2024/03/two.jpg", colour=(200, 120, 20))
    run(
        [
            attachment(34, "2024/03/one.jpg", alt="First ferry"),
            attachment(35, "2024/03/two.jpg", alt="Second ferry"),
            Item(36, "Gallery", slug="gallery", content='Ferries.\n\n[gallery ids="34,35"]'),
        ],
        media_dir=uploads.folder,
    )
    assert [img["alt"] for img in body(36).select("figure.image img")] == [
        "First ferry",
        "Second ferry",
    ]
    assert Figure.objects.count() == 2


def test_other_shortcodes_are_removed_with_their_text_kept_and_listed(run):
    content = '[su_note note_color="#eee"]Freight doubled.[/su_note]\n\n[contact-form-7 id="4"]'
    output = run([Item(37, "Shortcodes", slug="shortcodes", content=content)])
    assert post(37).body == "<p>Freight doubled.</p>"
    assert "post 37: shortcode [su_note] removed, its text kept" in output
    assert "post 37: shortcode [contact-form-7] removed, its text kept" in output


def test_a_bare_address_on_its_own_line_becomes_an_embed_or_a_link(run):
    content = (
        "Watch this.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"
        "https://example.org/report\n\nThat was it."
    )
    run([Item(38, "Video", slug="video", content=content)])
    assert post(38).body == (
        "<p>Watch this.</p>\n"
        '<figure class="embed"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">YouTube '
        "video</a></figure>\n"
        '<p><a href="https://example.org/report">https://example.org/report</a></p>\n'
        "<p>That was it.</p>"
    )


# -- Bodies: block-editor content -------------------------------------------------------

BLOCKS = """<!-- wp:paragraph -->
<p>Freight through the Caspian doubled<sup data-fn="7f1c" class="fn"><a href="#7f1c" id="7f1c-link">1</a></sup> in a year.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">The ports</h3>
<!-- /wp:heading -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>Aktau</li>
<!-- /wp:list-item --><!-- wp:list-item -->
<li>Baku</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>Freight through the Caspian doubled</p><cite>Harriet Vance</cite></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>Nobody planned for this.</p></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:table -->
<figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr><th>Port</th><th>2024</th></tr></thead><tbody><tr><td>Aktau</td><td>4.2</td></tr></tbody></table><figcaption class="wp-element-caption">Freight, million tonnes</figcaption></figure>
<!-- /wp:table -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:embed {"url":"https://vimeo.com/76979871","type":"video","providerNameSlug":"vimeo"} -->
<figure class="wp-block-embed is-type-video is-provider-vimeo wp-block-embed-vimeo"><div class="wp-block-embed__wrapper">
https://vimeo.com/76979871
</div><figcaption class="wp-element-caption">The shoreline from above</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:embed {"url":"https://www.tiktok.com/@port/video/1","providerNameSlug":"tiktok"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://www.tiktok.com/@port/video/1
</div></figure>
<!-- /wp:embed -->

<!-- wp:image {"id":40,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://harbour.example/wp-content/uploads/2024/03/quay-1024x576.jpg" alt="" class="wp-image-40"/><figcaption class="wp-element-caption">The quay</figcaption></figure>
<!-- /wp:image -->

<!-- wp:code -->
<pre class="wp-block-code"><code>tonnes = 4.2</code></pre>
<!-- /wp:code -->

<!-- wp:footnotes /-->"""

FOOTNOTES = '[{"content":"Port authority statistics, 2024.","id":"7f1c"}]'


@pytest.fixture
def block_post(run, uploads):
    uploads("2024/03/quay.jpg")
    return run(
        [
            attachment(40, "2024/03/quay.jpg", alt="The quay at Aktau"),
            Item(41, "Blocks", slug="blocks", content=BLOCKS, meta={"footnotes": FOOTNOTES}),
        ],
        media_dir=uploads.folder,
    )


def test_block_content_keeps_headings_lists_tables_code_and_separators(block_post):
    page = body(41)
    assert page.h3.get_text() == "The ports"
    assert [li.get_text(strip=True) for li in page.select("ul li")] == ["Aktau", "Baku"]
    table = page.table
    assert table.caption.get_text() == "Freight, million tonnes"
    assert [th.get_text() for th in table.find_all("th")] == ["Port", "2024"]
    assert page.find("pre").get_text() == "tonnes = 4.2"
    assert page.find("hr") is not None
    assert "wp-block" not in post(41).body and "<!--" not in post(41).body


def test_block_footnotes_become_footnotes(block_post):
    note = body(41).select_one("p span.footnote")
    assert note.get_text() == "Port authority statistics, 2024."
    assert "data-fn" not in post(41).body


def test_a_pull_quote_of_the_body_is_a_pull_quote_else_a_block_quote(block_post):
    assert [q.text for q in post(41).pull_quotes.all()] == ["Freight through the Caspian doubled"]
    assert post(41).pull_quotes.get().after_paragraph is None
    assert [q.get_text() for q in body(41).find_all("blockquote")] == ["Nobody planned for this."]


def test_embed_blocks_become_embeds_or_links(block_post):
    page = body(41)
    embed = page.select_one("figure.embed a")
    assert (embed["href"], embed.get_text()) == (
        "https://vimeo.com/76979871",
        "The shoreline from above",
    )
    link = page.find("a", href="https://www.tiktok.com/@port/video/1")
    assert link is not None and link.find_parent("figure") is None


def test_an_image_block_becomes_a_figure(block_post):
    figure = body(41).select_one("figure.image")
    assert figure.img["alt"] == "The quay at Aktau"
    assert figure.figcaption.get_text() == "The quay"


# -- Authors ----------------------------------------------------------------------------

GUEST = Item(
    50,
    "Ines Duarte",
    post_type="guest-author",
    status="publish",
    slug="cap-ines-duarte",
    meta={
        "cap-user_login": "ines-duarte",
        "cap-display_name": "Inês Duarte",
        "cap-first_name": "Inês",
        "cap-last_name": "Duarte",
        "cap-user_email": "ines@elsewhere.example",
        "cap-description": "Inês Duarte writes on Atlantic ports.",
    },
)


def test_co_authors_plus_bylines_keep_their_order_and_guest_authors(run):
    coauthored = Item(
        51,
        "Two hands",
        slug="two-hands",
        creator="harriet",
        categories=[
            ("author", "cap-ines-duarte", "ines-duarte"),
            ("author", "cap-tomas", "tomas"),
            ("author", "cap-harriet", "harriet"),
        ],
    )
    run([GUEST, coauthored])
    assert [a.name for a in post(51).byline] == ["Inês Duarte", "Tomás Ferreira", "Harriet Vance"]
    ines = Author.objects.get(name="Inês Duarte")
    assert ines.family_name == "Duarte"
    assert ines.short_bio == "Inês Duarte writes on Atlantic ports."
    assert ImportedAuthor.objects.get(author=ines).email == "ines@elsewhere.example"


def test_an_authors_email_is_never_shown(run, client):
    run([Item(52, "Mine", slug="mine")])
    page = client.get(post(52).get_absolute_url()).content.decode()
    assert "Harriet Vance" in page
    assert "harriet@harbour.example" not in page


# -- Running again ----------------------------------------------------------------------


def test_running_the_same_export_again_changes_nothing(run):
    items = [GUEST, Item(60, "Again", slug="again", categories=[CATEGORY])]
    run(items)
    first = (Post.objects.count(), Author.objects.count(), post(60).version)
    output = run(items)
    assert (Post.objects.count(), Author.objects.count(), post(60).version) == first
    assert "post unchanged 1" in " ".join(output.split())


def test_a_newer_export_updates_what_changed(run):
    run([Item(61, "First title", slug="first")])
    run([Item(61, "Second title", slug="first", content="New words.")])
    assert Post.objects.count() == 1
    assert (post(61).title, post(61).body) == ("Second title", "<p>New words.</p>")


def test_a_post_edited_in_folio_is_not_overwritten(run):
    run([Item(62, "WordPress title", slug="wp")])
    edited = post(62)
    edited.title = "Edited in Folio"
    edited.save()
    output = run([Item(62, "WordPress title, changed", slug="wp")])
    assert post(62).title == "Edited in Folio"
    assert "post 62: changed in WordPress and in Folio: Folio's version kept" in output


def test_a_dry_run_writes_nothing(run, uploads):
    uploads("2024/03/alat.jpg")
    output = run(
        [
            attachment(30, "2024/03/alat.jpg", alt="Cranes"),
            Item(63, "Dry", slug="dry", content='<img class="wp-image-30" src="x.jpg" />'),
        ],
        media_dir=uploads.folder,
        dry_run=True,
    )
    assert "dry run: nothing was written" in output
    assert "post would be created (published) 1" in " ".join(output.split())
    assert not Post.objects.exists() and not Author.objects.exists()
    assert not Figure.objects.exists() and not ImportedPost.objects.exists()


# -- The file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "scheme"), [("1.2", "http"), ("1.2", "https"), ("1.1", "http")]
)
def test_both_namespace_spellings_and_wxr_1_1_are_read(run, version, scheme):
    run([], text=export([Item(70, "Read", slug="read")], version=version, scheme=scheme))
    assert post(70).title == "Read"


def test_a_truncated_export_stops_naming_the_line_and_imports_nothing(run):
    text = export([Item(71, "Whole", slug="whole"), Item(72, "Cut", slug="cut")])
    truncated = text[: text.index("<wp:post_name><![CDATA[cut")]
    with pytest.raises(CommandError, match=r"line \d+, column \d+: the file is not well-formed"):
        run([], text=truncated)
    assert not Post.objects.exists() and not Author.objects.exists()


def test_a_file_that_is_not_an_export_is_refused(run):
    with pytest.raises(CommandError, match="not a WordPress export"):
        run([], text="<html><body>Not an export</body></html>")
    with pytest.raises(CommandError, match="not a WordPress export"):
        run([], text='<rss version="2.0"><channel><title>A feed</title></channel></rss>')


def test_an_export_declaring_entities_is_refused(run):
    text = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>&a;</channel></rss>'
    )
    with pytest.raises(CommandError, match="document type"):
        run([], text=text)


# -- Old addresses ----------------------------------------------------------------------


def test_old_addresses_answer_301_to_the_new_one(run, client):
    run([Item(80, "Ports", slug="ports", date="2023-07-14 11:00:00")])
    new = post(80).get_absolute_url()
    for old in ("/2023/07/ports/", "/2023/07/ports", "/?p=80"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new


def test_an_old_address_follows_a_later_slug_change(run, client):
    run([Item(81, "Ports", slug="ports", date="2023-07-14 11:00:00")])
    renamed = post(81)
    renamed.slug = "ports-renamed"
    renamed.save()
    assert client.get("/2023/07/ports/")["Location"] == "/blog/ports-renamed/"


def test_an_old_address_of_a_draft_stays_404(run, client):
    run([Item(82, "Draft", slug="draft", status="draft", date="2023-07-14 11:00:00")])
    assert client.get("/2023/07/draft/").status_code == 404
    assert client.get("/?p=82").status_code == 200  # the home page, telling nothing


def test_the_featured_image_becomes_the_hero_image(run, uploads):
    uploads("2024/03/hero.jpg", size=(1800, 1000))
    run(
        [
            attachment(90, "2024/03/hero.jpg", alt="Ships at anchor"),
            Item(91, "Hero", slug="hero", meta={"_thumbnail_id": "90"}),
        ],
        media_dir=uploads.folder,
    )
    hero = post(91)
    assert hero.hero_image and hero.hero_alt == "Ships at anchor"
    assert hero.hero_renditions


def test_posts_go_to_the_program_their_category_names(run):
    ProgramFactory(slug="caspian", name="Caspian Institute")
    run(
        [Item(92, "Mapped", slug="mapped", categories=[CATEGORY])],
        category_program=["shipping=caspian"],
    )
    assert post(92).program.slug == "caspian"


def test_a_gallery_block_of_image_blocks_becomes_figures(run, uploads):
    uploads("2024/03/one.jpg")
    uploads("2024/03/two.jpg", colour=(200, 120, 20))
    gallery = (
        '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images">'
        '<!-- wp:image {"id":34} -->\n<figure class="wp-block-image"><img src="https://harbour.'
        'example/wp-content/uploads/2024/03/one.jpg" alt="" class="wp-image-34"/></figure>\n'
        "<!-- /wp:image -->\n"
        '<!-- wp:image {"id":35} -->\n<figure class="wp-block-image"><img src="https://harbour.'
        'example/wp-content/uploads/2024/03/two-300x200.jpg" alt=""/></figure>\n'
        "<!-- /wp:image --></figure>\n<!-- /wp:gallery -->"
    )
    run(
        [
            attachment(34, "2024/03/one.jpg", alt="First ferry"),
            attachment(35, "2024/03/two.jpg", alt="Second ferry"),
            Item(37, "Gallery", slug="gallery", content=gallery),
        ],
        media_dir=uploads.folder,
    )
    # The second image is found by its address: a resized copy names its original.
    assert [img["alt"] for img in body(37).select("figure.image img")] == [
        "First ferry",
        "Second ferry",
    ]


def test_an_unknown_block_keeps_its_content_and_is_listed(run):
    content = (
        '<!-- wp:acme/callout {"tone":"info"} -->\n<div class="acme-callout"><p>Freight '
        "doubled.</p></div>\n<!-- /wp:acme/callout -->"
    )
    output = run([Item(38, "Callout", slug="callout", content=content)])
    assert "Freight doubled." in body(38).get_text()
    assert "post 38: block acme/callout kept as plain content" in output


def test_an_image_outside_the_media_folder_is_never_read(run, uploads, tmp_path):
    (tmp_path / "secret.jpg").write_bytes(b"not for import")
    output = run(
        [
            attachment(39, "../secret.jpg", alt="Escape"),
            Item(40, "Escape", slug="escape", content='<img class="wp-image-39" src="x" />'),
        ],
        media_dir=uploads.folder,
    )
    assert not Figure.objects.exists()
    assert "post 40: image not found: attachment 39" in output


# -- What a review of the import found --------------------------------------------------


def test_words_in_brackets_are_not_shortcodes(run):
    content = (
        "The port [sic] was closed [emphasis added].\n\n"
        "Costs rose (see [Annex 2 of the report).\n\n"
        '<a href="https://example.org/data?filter[topic]=ports&amp;page[size]=10">Data</a>'
        "\n\nTable [1] shows it."
    )
    output = run([Item(100, "Brackets", slug="brackets", content=content)])
    text = body(100).get_text()
    assert "The port [sic] was closed [emphasis added]." in text
    assert "Costs rose (see [Annex 2 of the report)." in text
    assert "Table [1] shows it." in text
    assert body(100).a["href"] == "https://example.org/data?filter[topic]=ports&page[size]=10"
    assert "shortcode" not in output


def test_a_pre_keeps_its_blank_lines_and_addresses(run):
    content = "Code:\n\n<pre>def f():\n\n    return 1\nhttps://example.org</pre>\n\nAfter."
    run([Item(101, "Pre", slug="pre", content=content)])
    assert body(101).pre.get_text() == "def f():\n\n    return 1\nhttps://example.org"
    assert [p.get_text() for p in body(101).find_all("p")] == ["Code:", "After."]


def test_a_list_after_a_line_of_text_is_a_list_and_a_tag_over_lines_is_one_tag(run):
    content = 'Key points:\n<ul>\n<li>Aktau</li>\n<li>Baku</li>\n</ul>\nSee <a\nhref="https://e.org/">the data</a>.'
    run([Item(102, "List", slug="list", content=content)])
    page = body(102)
    assert [li.get_text() for li in page.select("ul > li")] == ["Aktau", "Baku"]
    assert page.find("br") is None
    assert page.find("a", href="https://e.org/").get_text() == "the data"


def test_an_export_with_two_posts_of_one_id_keeps_the_first_and_says_so(run):
    output = run([Item(103, "First", slug="first"), Item(103, "Second", slug="second")])
    assert post(103).title == "First"
    assert "post 103: skipped: the export has a second post with this ID" in output


def test_long_names_and_topics_are_kept_within_their_fields(run):
    long_name = "Anna " + "Maria" * 60
    users = [("anna", "anna@harbour.example", long_name, "Anna", "Maria" * 30)]
    tag = ("post_tag", "t", "Shipping " * 15)
    run(
        [],
        text=export(
            [Item(104, "Long", slug="long", creator="anna", categories=[tag])], users=users
        ),
    )
    author = post(104).byline[0]
    assert len(author.name) <= 200 and len(author.family_name) <= 100
    assert all(len(name) <= 100 for name in post(104).topics.names())


def test_a_topic_with_a_comma_becomes_two_topics(run):
    run([Item(105, "Comma", slug="comma", categories=[("category", "ts", "Trade, Shipping")])])
    assert sorted(post(105).topics.names()) == ["Shipping", "Trade"]


def test_a_refused_post_leaves_no_broken_image_in_the_next(run, uploads):
    from blog.html import BODY_MAX_CHARACTERS

    uploads("2024/03/alat.jpg")
    image = '<img class="wp-image-30" src="https://harbour.example/wp-content/uploads/2024/03/alat.jpg" alt="" />'
    huge = image + "\n\n" + "Freight. " * (BODY_MAX_CHARACTERS // 9 + 10)
    output = run(
        [
            attachment(30, "2024/03/alat.jpg", alt="Cranes"),
            Item(106, "Huge", slug="huge", content=huge),
            Item(107, "Next", slug="next", content=image),
        ],
        media_dir=uploads.folder,
    )
    assert "post 106: refused:" in output
    figure_id = body(107).select_one("figure.image img")["data-image"]
    assert Figure.objects.filter(pk=figure_id).exists()


def test_a_second_run_with_the_media_folder_brings_the_images_in(run, uploads):
    uploads("2024/03/alat.jpg")
    items = [
        attachment(30, "2024/03/alat.jpg", alt="Cranes"),
        Item(108, "Later", slug="later", content='<img class="wp-image-30" src="a.jpg" />'),
    ]
    run(items)
    assert body(108).find("img") is None
    run(items, media_dir=uploads.folder)
    assert body(108).select_one("figure.image img")["alt"] == "Cranes"


def test_a_co_author_whose_login_has_a_dot_or_is_an_address_is_found(run):
    users = [
        ("h.vance", "harriet@harbour.example", "Harriet Vance", "Harriet", "Vance"),
        ("tomas@harbour.example", "tomas@harbour.example", "Tomás Ferreira", "Tomás", "Ferreira"),
    ]
    terms = [
        ("author", "cap-h-vance", "h.vance"),
        ("author", "cap-tomasharbour-example", "tomas@harbour.example"),
    ]
    run(
        [],
        text=export(
            [Item(109, "Dots", slug="dots", creator="h.vance", categories=terms)], users=users
        ),
    )
    assert [a.name for a in post(109).byline] == ["Harriet Vance", "Tomás Ferreira"]
    assert not Author.objects.filter(name__contains="@").exists()


def test_an_old_address_in_another_script_redirects(run, client):
    link = "https://harbour.example/2024/03/%d0%bf%d0%be%d1%80%d1%82%d1%8b/"
    run([Item(110, "Порты", slug="%d0%bf%d0%be%d1%80%d1%82%d1%8b", link=link)])
    response = client.get("/2024/03/порты/")
    assert response.status_code == 301
    assert response["Location"] == post(110).get_absolute_url()


def test_a_p_parameter_that_is_not_a_number_is_the_home_page(run, client):
    assert client.get("/?p=²").status_code == 200
    assert client.get("/?p=99999999999999999999999").status_code == 200


def test_a_draft_has_no_date_and_an_unreadable_date_is_listed(run):
    output = run(
        [
            Item(111, "Draft", slug="draft", status="draft"),
            Item(
                112, "Odd", slug="odd", date_gmt="2015-13-45 00:00:00", date="2015-13-45 00:00:00"
            ),
        ]
    )
    assert post(111).publish_at is None
    assert (
        "post 112: no readable date ('2015-13-45 00:00:00'): published as of the import" in output
    )


def test_odd_inputs_give_messages_not_tracebacks(run, tmp_path):
    block = '<!-- wp:image {"id":"abc"} -->\n<figure class="wp-block-image"><img src="x.jpg" alt="A"/></figure>\n<!-- /wp:image -->'
    run([Item(113, "Odd id", slug="odd-id", content=block)])
    assert post(113).body == "<p>A</p>"
    with pytest.raises(CommandError, match="no folder"):
        run([], report=str(tmp_path / "missing" / "report.txt"))
    text = export([Item(114, "Encoded", slug="encoded")]).replace(
        'encoding="UTF-8"', 'encoding="GB2312"'
    )
    with pytest.raises(CommandError, match="encoding cannot be read"):
        run([], text=text)


def test_a_post_trashed_in_wordpress_goes_to_the_trash_on_the_next_run(run, client):
    run([Item(115, "Gone soon", slug="gone-soon")])
    output = run([Item(115, "Gone soon", slug="gone-soon", status="trash")])
    assert "post 115: in WordPress's trash: moved to Folio's" in output
    assert client.get(post(115).get_absolute_url()).status_code == 404
    assert post(115).deleted_at is not None


def test_a_post_in_the_trash_is_not_imported(run):
    output = run([Item(116, "Binned", slug="binned", status="trash")])
    assert not Post.objects.exists()
    assert "post skipped (in the trash) 1" in " ".join(output.split())


def test_a_post_deleted_in_folio_is_not_brought_back(run, client):
    items = [Item(117, "Unwanted", slug="unwanted", date="2023-07-14 11:00:00")]
    run(items)
    post(117).delete()
    output = run([Item(117, "Unwanted, edited", slug="unwanted", date="2023-07-14 11:00:00")])
    assert not Post.objects.exists()
    assert "post 117: deleted in Folio since it was imported: not brought back" in output
    assert client.get("/2023/07/unwanted/").status_code == 404
    assert client.get("/?p=117").status_code == 200


def test_a_changed_featured_image_replaces_the_hero_image_and_an_unchanged_one_stays(run, uploads):
    uploads("2024/03/hero.jpg", size=(1800, 1000))
    uploads("2024/03/other.jpg", size=(1800, 1000), colour=(200, 40, 40))
    pictures = [
        attachment(90, "2024/03/hero.jpg", alt="Ships at anchor"),
        attachment(93, "2024/03/other.jpg", alt="A red hull"),
    ]
    run(
        [*pictures, Item(94, "Hero", slug="hero", meta={"_thumbnail_id": "90"})],
        media_dir=uploads.folder,
    )
    first = post(94).hero_image.name
    run(
        [*pictures, Item(94, "Hero, retitled", slug="hero", meta={"_thumbnail_id": "90"})],
        media_dir=uploads.folder,
    )
    assert post(94).hero_image.name == first
    run(
        [*pictures, Item(94, "Hero", slug="hero", meta={"_thumbnail_id": "93"})],
        media_dir=uploads.folder,
    )
    assert post(94).hero_image.name != first
    assert post(94).hero_alt == "A red hull"


def test_the_same_uploads_in_another_folder_change_nothing(run, uploads, tmp_path):
    import shutil

    uploads("2024/03/alat.jpg")
    items = [
        attachment(30, "2024/03/alat.jpg", alt="Cranes"),
        Item(118, "Copy", slug="copy", content='<img class="wp-image-30" src="a.jpg" />'),
    ]
    run(items, media_dir=uploads.folder)
    copy = shutil.copytree(uploads.folder, tmp_path / "copy")
    output = run(items, media_dir=copy)
    assert "post unchanged 1" in " ".join(output.split())


def test_a_re_import_that_changes_nothing_readers_see_does_not_say_updated(run):
    run([Item(119, "Quiet", slug="quiet", categories=[CATEGORY])])
    run([Item(119, "Quiet", slug="quiet", categories=[CATEGORY, TAG])])
    quiet = post(119)
    assert sorted(quiet.topics.names()) == ["Ports", "Shipping"]
    assert quiet.updated_at is None


def test_a_quote_blocks_attribution_is_not_part_of_the_quote(run):
    quote = (
        '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>We intend to double it.</p>'
        "<cite>Energy minister</cite></blockquote>\n<!-- /wp:quote -->"
    )
    run([Item(120, "Quote", slug="quote", content=quote)])
    assert [p.get_text() for p in body(120).blockquote.find_all("p")] == [
        "We intend to double it.",
        "— Energy minister",
    ]


def test_a_category_program_mapping_of_a_category_not_in_the_export_stops(run):
    ProgramFactory(slug="caspian")
    with pytest.raises(CommandError, match="no category shiping .* shipping"):
        run(
            [Item(121, "Typo", slug="typo", categories=[CATEGORY])],
            category_program=["shiping=caspian"],
        )
    assert not Post.objects.exists()


def test_the_report_says_when_no_image_could_be_found_at_all(run, uploads):
    items = [
        attachment(30, "2024/03/alat.jpg", alt="Cranes"),
        Item(122, "Pics", slug="pics", content='<img class="wp-image-30" src="a.jpg" />'),
    ]
    assert "No --media-dir was given, so no image was imported" in run(items)
    output = run(items, media_dir=uploads.folder)
    assert f"None of the images was found under {uploads.folder}" in output
