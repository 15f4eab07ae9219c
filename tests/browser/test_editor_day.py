"""
An editor's whole day in the real browser, from login to the published page:

1. log in to the admin as a member of the "Editors" group (not the superuser);
2. write a post in the body editor (django-prose-editor): typed paragraphs, a bold word, a
   footnote added through its dialog, a paragraph pasted from Word and one from Google
   Docs, both arriving clean, an embedded chart, a figure with an uploaded image, and a
   table with a caption and a header row;
3. pick the program and two authors (autocomplete), topics (one from the suggestions),
   add three pull quotes (two placed by paragraph, one found by its passage), save as a
   draft;
4. preview it (new tab) while the public address still answers 404;
5. schedule it for tomorrow: “Scheduled” in the change list, still 404;
6. publish it: an anonymous reader sees it, with its byline, notes, topics and pull quotes.

Two shorter tests at the end keep fixed bugs fixed: footnotes leave nothing invisible in
the body, and a schedule moved earlier moves the publication date with it.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import expect

from blog.models import Post, PostAuthor
from people.models import Author
from programs.models import Program
from tests.browser.pages import BODY_AREA, choose_autocomplete, next_frames
from tests.factories import role_group

EDITOR = {"username": "eleanor", "password": "correct horse battery staple"}
TITLE = "Freight, Ferries and the Caspian Middle Corridor"
SLUG = "freight-ferries-and-the-caspian-middle-corridor"  # what the server makes of the title
DEK = "Cargo through the Caspian doubled in a year; the ports and ferries have not."
PROGRAM = "Caspian Institute"
AUTHORS = ["Irina Voskresenskaya", "Daniel Okafor"]
TOPICS = ["Logistics", "Trade corridors"]  # an existing topic (suggested) and a new one

# The body, as the editor types it. "doubled" is made bold with the toolbar button, and a
# footnote goes at the end of the first paragraph.
FIRST = "Freight through the Caspian ports doubled last year."
BOLD_WORD = "doubled"
NOTE = "Port authority statistics for 2024, published in January."
SECOND = "The Middle Corridor is no longer a slogan but a timetable that shippers plan around."
# A paragraph copied from Word: classes, inline styles, <o:p>, a style sheet and a script.
WORD_HTML = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>"
    "<style>p.MsoNormal { margin: 0; font-family: Calibri; }</style></head><body>"
    "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->"
    "<p class=MsoNormal style='margin:0in;line-height:115%;font-family:Calibri'>"
    "<span style='font-weight:bold;mso-bidi-font-weight:normal'>Baku</span>"
    "<span style='color:#1F3864'> wants the transit fees; Astana wants the rails.</span>"
    "<o:p></o:p></p>"
    "<script>window.pastedScriptRan = true;</script>"
    "</body></html>"
)
PASTED_BOLD = "Baku"
THIRD = "Baku wants the transit fees; Astana wants the rails."
# A paragraph copied from Google Docs: the <b> wrapper Docs puts round everything, styled
# spans (one bold by font-weight), and an empty paragraph after it.
_DOCS_SPAN = "font-size:11pt;font-family:Arial,sans-serif;color:#000000;"
DOCS_HTML = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-7a1b2c3d">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    f'<span style="{_DOCS_SPAN}font-weight:400;">Containers from China now reach the shore in </span>'
    f'<span style="{_DOCS_SPAN}font-weight:700;">twelve days</span>'
    f'<span style="{_DOCS_SPAN}font-weight:400;">, half the time by sea.</span></p><br>'
    f'<p dir="ltr" style="line-height:1.38;"><span style="{_DOCS_SPAN}"><br></span></p></b>'
)
DOCS_BOLD = "twelve days"
FOURTH = "Containers from China now reach the shore in twelve days, half the time by sea."
# What else the body holds: a chart embedded from Datawrapper, a figure, a table.
CHART = "https://datawrapper.dwcdn.net/Fr8Cs/1/"
CHART_TITLE = "Caspian freight by month"
FIGURE = {
    "description": "Rail wagons waiting at the Aktau ferry terminal",
    "credit": "Photo: Caspian Institute",
    "caption": "The ferry terminal at Aktau, spring 2025",
}
TABLE_CAPTION = "Freight through Caspian ports, million tonnes"
TABLE = [["Port", "2024"], ["Aktau", "4.2"], ["Baku", "6.1"]]

# Pull quotes repeat passages of the body word for word (two from pasted paragraphs). The
# first two are set after a paragraph the editor picks; the third is left to follow the
# paragraph that holds its passage.
PULL_QUOTES = [
    ("The Middle Corridor is no longer a slogan but a timetable", 1),
    ("Astana wants the rails", 2),
    ("Containers from China now reach the shore in twelve days", None),
]
PARAGRAPHS = [FIRST, SECOND, THIRD, FOURTH]


@pytest.fixture
def editor(transactional_db):
    """A staff account in the Editors group: realistic permissions, not the superuser's."""
    user = User.objects.create_user(
        EDITOR["username"],
        password=EDITOR["password"],
        first_name="Eleanor",
        last_name="Marsh",
        is_staff=True,
    )
    user.groups.add(role_group("Editors"))
    assert not user.is_superuser and user.has_perm("blog.publish_post")
    return user


def local(moment):
    """A moment as the admin's date and time fields show it, in the site's time zone."""
    moment = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    return moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M:%S")


def log_in(page, site, next_path):
    page.goto(f"{site}/admin/login/?next={next_path}")
    page.fill("#id_username", EDITOR["username"])
    page.fill("#id_password", EDITOR["password"])
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_path}")


def save_and_continue(page):
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()
    errors = page.locator(".errornote, .errorlist li")
    if errors.count():
        pytest.fail("The admin refused to save: " + " | ".join(errors.all_inner_texts()))


def public_status(reader, site):
    return reader.request.get(f"{site}/blog/{SLUG}/").status


def add_footnote(page, note):
    """The toolbar's footnote button asks for the note in a dialog; it goes at the cursor."""
    page.get_by_role("button", name="Add a footnote").click()
    page.get_by_role("textbox", name="Footnote").fill(note)
    page.get_by_role("button", name="Add footnote").click()
    next_frames(page)


def write_body(page):
    """Type the body in the rich-text editor, with the toolbar, then paste from Word."""
    area = page.locator(BODY_AREA)
    keyboard = page.keyboard
    area.click()

    keyboard.type(FIRST)
    # Select "doubled" with the keyboard, as an editor would, and make it bold.
    for _ in range(4):
        keyboard.press("Control+ArrowLeft")
    keyboard.press("Control+Shift+ArrowRight")
    assert page.evaluate("getSelection().toString()") == BOLD_WORD
    next_frames(page)  # the editor reads the selection a moment after the keys
    page.get_by_role("button", name="bold", exact=True).click()
    expect(area).to_be_focused()
    next_frames(page)

    # The footnote goes at the end of the paragraph.
    keyboard.press("End")
    add_footnote(page, NOTE)
    expect(area.locator("span.footnote")).to_have_text(NOTE)

    keyboard.press("Enter")
    keyboard.type(SECOND)
    keyboard.press("Enter")

    area.evaluate(
        """(area, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Baku wants the transit fees; Astana wants the rails.");
            area.dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
            );
        }""",
        WORD_HTML,
    )
    expect(area.locator("p")).to_have_count(3)

    keyboard.press("Enter")
    paste(area, DOCS_HTML, FOURTH)
    expect(area.locator("p", has_text=FOURTH)).to_have_count(1)


def paste(area, html, text):
    """Paste clipboard HTML (and its plain text) where the cursor is, as Ctrl+V does."""
    area.evaluate(
        """(area, [html, text]) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", text);
            area.dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
            );
        }""",
        [html, text],
    )


def add_embed_figure_and_table(page, jpeg_bytes):
    """At the end of the body: a chart, a figure with an image uploaded, then a table."""
    area = page.locator(BODY_AREA)
    area.click()
    page.keyboard.press("Control+End")

    page.get_by_role("button", name="Embed a video or chart").click()
    page.get_by_role("textbox", name="Address of the video or chart").fill(CHART)
    page.get_by_role("textbox", name="Title readers see before loading it").fill(CHART_TITLE)
    page.get_by_role("button", name="Embed", exact=True).click()
    expect(area.locator("figure.embed")).to_contain_text(CHART_TITLE)

    page.get_by_role("button", name="Add an image").click()
    dialog = page.locator("dialog.figure-dialog")
    dialog.get_by_label("Image file").set_input_files(
        {"name": "aktau.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(1600, 900)}
    )
    dialog.get_by_label("Description").fill(FIGURE["description"])
    dialog.get_by_label("Credit").fill(FIGURE["credit"])
    dialog.get_by_label("Caption").fill(FIGURE["caption"])
    dialog.get_by_role("button", name="Insert image").click()
    expect(area.locator("figure.image img")).to_have_attribute("alt", FIGURE["description"])

    page.get_by_role("button", name="Insert table").click()
    table_dialog = page.locator("dialog[open]")
    table_dialog.get_by_label("Rows").fill(str(len(TABLE)))
    table_dialog.get_by_label("Columns").fill(str(len(TABLE[0])))
    table_dialog.get_by_label("Include header row").select_option("Yes")
    table_dialog.get_by_role("button", name="Insert Table").click()
    cells = [cell for row in TABLE for cell in row]
    for number, cell in enumerate(cells):
        page.keyboard.type(cell)
        if number < len(cells) - 1:
            page.keyboard.press("Tab")
    page.get_by_role("button", name="Table caption").click()
    page.get_by_role("textbox", name="Table caption").fill(TABLE_CAPTION)
    page.get_by_role("button", name="Set caption").click()
    expect(area.locator(".editor-table-caption")).to_have_text(TABLE_CAPTION)
    expect(area.locator("table th")).to_have_text(TABLE[0])


def assert_body_is_clean(page):
    """The pasted paragraph, and the body the form will send, carry none of Word's markup."""
    area = page.locator(BODY_AREA)
    paragraphs = area.locator("p")
    expect(paragraphs.nth(0)).to_contain_text(FIRST)
    expect(paragraphs.nth(1)).to_have_text(SECOND)
    expect(paragraphs.nth(2)).to_have_text(THIRD)
    expect(paragraphs.nth(3)).to_have_text(FOURTH)
    expect(area.locator("p:empty")).to_have_count(0)
    assert not page.evaluate("window.pastedScriptRan === true"), "the pasted script ran"

    pasted = paragraphs.nth(2).evaluate("p => p.outerHTML")
    assert pasted == f"<p><strong>{PASTED_BOLD}</strong>{THIRD[len(PASTED_BOLD) :]}</p>"
    expect(area.locator("script, style, meta, o\\:p, [class*=Mso]")).to_have_count(0)

    body = page.locator("textarea#id_body").input_value()
    assert "style=" not in body, body
    assert "<script" not in body and "pastedScriptRan" not in body, body
    assert "Mso" not in body and "o:p" not in body, body
    assert re.findall(r'class="[^"]*"', body) == ['class="footnote"'], body
    assert f"<strong>{BOLD_WORD}</strong>" in body, body
    assert f"<strong>{PASTED_BOLD}</strong>" in body, body
    assert f"<strong>{DOCS_BOLD}</strong>" in body, body
    assert "docs-internal-guid" not in body and "<br" not in body, body
    assert f'<span class="footnote">{NOTE}</span>' in body, body


def add_byline_and_pull_quotes(page):
    # The byline starts with one empty row (a post needs an author); add a second.
    choose_autocomplete(page, "id_bylines-0-author", "Irina", AUTHORS[0])
    page.fill("#id_bylines-0-position", "0")
    page.get_by_role("button", name="Add another Author", exact=True).click()
    choose_autocomplete(page, "id_bylines-1-author", "Okafor", AUTHORS[1])
    page.fill("#id_bylines-1-position", "1")

    for number, (text, after) in enumerate(PULL_QUOTES):
        page.get_by_role("button", name="Add another Pull quote", exact=True).click()
        page.fill(f"#id_pull_quotes-{number}-text", text)
        if after is not None:
            page.fill(f"#id_pull_quotes-{number}-after_paragraph", str(after))
        page.fill(f"#id_pull_quotes-{number}-order", str(number))


def add_topics(page):
    """Pick an existing topic from the suggestions, then type a new one: each is a chip."""
    typing = page.get_by_role("combobox", name="Topics")
    typing.press_sequentially("Trade c")
    page.get_by_role("option", name="Trade corridors", exact=True).click()
    typing.press_sequentially("Logistics")
    typing.press("Enter")
    chips = page.get_by_role("list", name="Topics of this post").get_by_role("listitem")
    expect(chips).to_have_text(["Trade corridors×", "Logistics×"])
    expect(page.locator("#id_topics")).to_have_value("Trade corridors, Logistics")


def assert_post_page(page, *, preview):
    """The commentary page: byline, bold words, numbered footnote, pull quotes in place."""
    expect(page.locator("h1.post-title")).to_have_text(TITLE)
    expect(page.locator(".post-dek")).to_have_text(DEK)
    banner = page.locator(".preview-banner")
    if preview:
        expect(banner).to_contain_text("Preview — not published")
    else:
        expect(banner).to_have_count(0)

    byline = page.locator(".post-header .byline")
    expect(byline).to_contain_text(re.compile(f"{AUTHORS[0]}.*{AUTHORS[1]}"))

    body = page.locator(".post-body")
    expect(body.locator("strong", has_text=BOLD_WORD)).to_have_count(1)
    expect(body.locator("strong", has_text=PASTED_BOLD)).to_have_count(1)
    expect(body.locator("strong", has_text=DOCS_BOLD)).to_have_count(1)
    expect(body.locator("script")).to_have_count(0)
    expect(body.locator("p:empty")).to_have_count(0)

    # The chart: a titled link and a button to load it, nothing loaded from the provider.
    chart = body.locator("figure.embed")
    expect(chart.get_by_role("link", name=CHART_TITLE)).to_have_attribute("href", CHART)
    expect(chart.locator("iframe")).to_have_count(0)

    # The figure: WebP and JPEG renditions, its description, caption and credit.
    figure = body.locator("figure", has=page.locator("picture"))
    expect(figure.locator("picture source[type='image/webp']")).to_have_count(1)
    image = figure.locator("img")
    expect(image).to_have_attribute("alt", FIGURE["description"])
    # A lazy image below the fold loads once scrolled to, and may still be loading.
    image.scroll_into_view_if_needed()
    loaded = image.evaluate(
        """img => img.complete ? img.naturalWidth > 0 : new Promise(done => {
            img.addEventListener("load", () => done(img.naturalWidth > 0));
            img.addEventListener("error", () => done(false));
        })"""
    )
    assert loaded, f"the image is broken: {image.evaluate('img => img.currentSrc')}"
    expect(figure.locator("figcaption")).to_contain_text(FIGURE["caption"])
    expect(figure.locator("figcaption")).to_contain_text(FIGURE["credit"])

    # The table: its caption and a header row.
    table = body.locator("table")
    expect(table.locator("caption")).to_have_text(TABLE_CAPTION)
    expect(table.locator("th")).to_have_text(TABLE[0])
    expect(table.locator("td")).to_have_text([cell for row in TABLE[1:] for cell in row])

    reference = body.locator("sup.footnote-ref a")
    expect(reference).to_have_count(1)
    expect(reference).to_have_attribute("href", "#fn-1")
    expect(reference).to_have_attribute("id", "fnref-1")
    expect(reference).to_contain_text("1")
    note = page.locator("section.footnotes li#fn-1")
    expect(note).to_contain_text(NOTE)
    expect(note.locator("a.footnote-back")).to_have_attribute("href", "#fnref-1")

    topics = page.locator(".post-topics li")
    expect(topics).to_have_count(len(TOPICS))
    shown = sorted(topics.all_inner_texts())
    assert shown == TOPICS, f"the page lists the topics {shown}, not {TOPICS}"

    quotes = body.locator("aside.pull-quote")
    expect(quotes).to_have_count(len(PULL_QUOTES))
    for number, (text, after) in enumerate(PULL_QUOTES):
        expect(quotes.nth(number)).to_have_text(text)
        # Set right after the paragraph the editor chose, or the one holding the passage.
        before = quotes.nth(number).locator("xpath=preceding-sibling::p[1]")
        expect(before).to_contain_text(PARAGRAPHS[after - 1] if after else text)


def test_an_editors_day_from_draft_to_published_post(site, page, new_page, editor, jpeg_bytes):
    reader = new_page()  # an anonymous reader, in a context of their own

    # 1. Log in as an editor, straight to a new post.
    log_in(page, site, "/admin/blog/post/add/")
    expect(page.locator("h1")).to_have_text("Add post")

    # 2. Type, title (the address is left empty: the server makes it from the title), dek,
    # and the body written in the editor.
    page.select_option("#id_post_type", label="Analysis")
    page.locator("#id_title").press_sequentially(TITLE)
    expect(page.locator("#id_slug")).to_have_value("")
    page.fill("#id_dek", DEK)
    write_body(page)
    assert_body_is_clean(page)
    add_embed_figure_and_table(page, jpeg_bytes)

    # 3. Program, topics, byline, pull quotes; saved as a draft.
    choose_autocomplete(page, "id_program", "Caspian", PROGRAM)
    add_topics(page)
    add_byline_and_pull_quotes(page)
    page.select_option("#id_status", "draft")
    save_and_continue(page)

    expect(page.locator(".messagelist .success")).to_contain_text(
        f"The post “{TITLE}” was added successfully. You may edit it again below."
    )
    post = Post.objects.get(slug=SLUG)
    assert post.status == Post.Status.DRAFT
    assert [b.author.name for b in post.bylines.all()] == AUTHORS
    assert public_status(reader, site) == 404

    # 4. Preview in a new tab: the page as readers will see it, marked as a preview.
    with page.context.expect_page() as new_tab:
        page.locator(".object-tools").get_by_role("link", name="Preview").click()
    preview = new_tab.value
    preview.wait_for_load_state()
    assert preview.url.endswith(f"/admin/blog/post/{post.pk}/preview/")
    assert_post_page(preview, preview=True)
    preview.close()

    # 5. Schedule it for tomorrow: published, but not yet.
    tomorrow = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    date, time = local(tomorrow.replace(microsecond=0))
    page.select_option("#id_status", "published")
    page.fill("#id_publish_at_0", date)
    page.fill("#id_publish_at_1", time)
    save_and_continue(page)

    expect(page.locator(".messagelist .success")).to_contain_text(
        f"“{TITLE}” is scheduled: it will appear on the site on {date} at"
    )
    expect(page.locator("#id_publish_at_0")).to_have_value(date)
    expect(page.locator("#id_publish_at_1")).to_have_value(time)
    page.goto(f"{site}/admin/blog/post/")
    row = page.locator("#result_list tbody tr", has=page.get_by_role("link", name=TITLE))
    expect(row.locator(".status-badge")).to_have_text("Scheduled")
    assert public_status(reader, site) == 404

    # 6. Publish it now: a publication time an hour ago.
    page.get_by_role("link", name=TITLE).click()
    an_hour_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    date, time = local(an_hour_ago.replace(microsecond=0))
    page.fill("#id_publish_at_0", date)
    page.fill("#id_publish_at_1", time)
    save_and_continue(page)
    published = page.locator(".messagelist .success")
    expect(published).to_contain_text(f"“{TITLE}” is published: view it on the site.")
    expect(published.get_by_role("link", name="view it on the site")).to_have_attribute(
        "href", f"/blog/{SLUG}/"
    )

    page.goto(f"{site}/admin/blog/post/")
    expect(row.locator(".status-badge")).to_have_text("Published")

    # The reader finds it on the blog and opens it.
    response = reader.goto(f"{site}/blog/")
    assert response.ok
    reader.get_by_role("link", name=TITLE).first.click()
    reader.wait_for_url(f"**/blog/{SLUG}/")
    assert_post_page(reader, preview=False)


# --- Regressions ---------------------------------------------------------------------


def test_pull_quote_may_run_across_a_footnote(site, page, editor):
    log_in(page, site, "/admin/blog/post/add/")
    page.locator("#id_title").press_sequentially("Ferries and footnotes")
    page.locator(BODY_AREA).click()
    page.keyboard.type("Freight doubled last year.")
    add_footnote(page, NOTE)
    page.keyboard.type(" Ferries cannot keep up.")
    choose_autocomplete(page, "id_program", "Caspian", PROGRAM)
    choose_autocomplete(page, "id_bylines-0-author", "Irina", AUTHORS[0])
    page.get_by_role("button", name="Add another Pull quote", exact=True).click()
    page.fill("#id_pull_quotes-0-text", "Freight doubled last year. Ferries cannot keep up.")

    save_and_continue(page)

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")


def test_post_scheduled_then_published_early_shows_when_it_appeared(site, page, new_page, editor):
    tomorrow = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    tomorrow += datetime.timedelta(days=1)
    post = Post.objects.create(
        title=TITLE,
        slug=SLUG,
        body=f"<p>{FIRST}</p>",
        program=Program.objects.get(name=PROGRAM),
        status=Post.Status.PUBLISHED,
        publish_at=tomorrow,
    )
    PostAuthor.objects.create(post=post, author=Author.objects.get(name=AUTHORS[0]))

    log_in(page, site, f"/admin/blog/post/{post.pk}/change/")
    an_hour_ago = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    an_hour_ago -= datetime.timedelta(hours=1)
    date, time = local(an_hour_ago)
    page.fill("#id_publish_at_0", date)
    page.fill("#id_publish_at_1", time)
    save_and_continue(page)

    post.refresh_from_db()
    assert post.publish_at == an_hour_ago
    assert post.published_on == an_hour_ago, f"readers are told {post.published_on}"
    reader = new_page()
    reader.goto(f"{site}/blog/{SLUG}/")
    shown = reader.locator(".post-dates time").first.get_attribute("datetime")
    assert shown == an_hour_ago.astimezone(ZoneInfo(settings.TIME_ZONE)).isoformat()
