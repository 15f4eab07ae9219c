"""Pull quotes anchored to their passage: set after the paragraph that holds it, wherever
that paragraph moves, unless the editor chose a paragraph by number (issue 15, item 4)."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command

from blog import backup, revisions
from blog.html import passage_paragraph, split_blocks
from blog.models import Post, PullQuote
from tests.factories import AuthorFactory, PostFactory, ProgramFactory
from tests.forms import change_data, post_form

pytestmark = pytest.mark.django_db

anchoring = importlib.import_module("blog.migrations.0013_pull_quote_anchoring")

PARAGRAPHS = [
    "Ports on both shores are being dredged.",
    "Freight rates tell the story.",
    "Governments promise corridors; traders want a predictable border.",
    "A shallower sea means smaller ships.",
    "The next decade will be negotiated one berth at a time.",
]
BODY = "\n".join(f"<p>{text}</p>" for text in PARAGRAPHS)


def reading_order(client, post):
    """The body as a reader meets it: "¶ first words" for a paragraph, "❝ text" for a quote."""
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    body = BeautifulSoup(response.content, "html.parser").find(class_="post-body")
    order = []
    for child in body.find_all(recursive=False):
        if "pull-quote" in (child.get("class") or []):
            order.append("❝ " + child.get_text(strip=True))
        else:
            order.append("¶ " + " ".join(child.get_text().split()[:2]))
    return order


def parts(post):
    """What `body_parts` sets in order, read afresh from the database."""
    post = Post.objects.get(pk=post.pk)
    return [
        f"❝ {part.pull_quote.text}" if part.pull_quote else f"¶ {part.html}"
        for part in post.body_parts
    ]


def save_body(admin_client, post, body):
    response = admin_client.post(
        f"/admin/blog/post/{post.pk}/change/", change_data(post, body=body)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post.refresh_from_db()


# Where an anchored quote goes ---------------------------------------------------------


def test_a_new_quote_is_anchored_to_its_passage_by_default():
    quote = PullQuote.objects.create(post=PostFactory(body=BODY), text="corridors")
    quote.refresh_from_db()
    assert quote.after_paragraph is None


def test_quote_anchored_to_a_passage_in_paragraph_3_renders_after_paragraph_3(client):
    post = PostFactory(body=BODY)
    PullQuote.objects.create(post=post, text="traders want a predictable border")
    assert reading_order(client, post) == [
        "¶ Ports on",
        "¶ Freight rates",
        "¶ Governments promise",
        "❝ traders want a predictable border",
        "¶ A shallower",
        "¶ The next",
    ]


def test_passage_is_found_across_curly_quotes_dashes_spacing_tags_and_entities():
    blocks = split_blocks(
        "<p>Ports.</p><p>He said: “the <em>port</em>—at&nbsp;last—is"
        ' open.”<span class="footnote">A note.</span></p><p>Then he left.</p>'
    )
    assert passage_paragraph('"The port - at last - is open."', blocks) == 2
    assert passage_paragraph("Words nobody wrote.", blocks) is None
    assert passage_paragraph("rts.", blocks) is None  # whole words only


def test_passage_running_into_the_next_paragraph_is_placed_after_the_one_it_ends_in():
    blocks = split_blocks("<p>One.</p><p>Freight doubled.</p><p>Ferries wait.</p><p>Two.</p>")
    assert passage_paragraph("Freight doubled. Ferries wait.", blocks) == 3


def test_inserting_paragraphs_and_removing_empty_ones_keeps_each_quote_by_its_passage(
    admin_client, client
):
    # The editor's report: quotes placed by number moved when empty paragraphs went.
    body = "<p>&nbsp;</p>\n" + BODY.replace(
        "</p>\n<p>A shallower", "</p>\n<p></p>\n<p>A shallower"
    )
    post = PostFactory(body=body)
    for order, text in enumerate(["Freight rates", "predictable border", "one berth"]):
        PullQuote.objects.create(post=post, text=text, order=order)
    before = [line for line in reading_order(client, post) if line != "¶ "]

    save_body(admin_client, post, BODY)  # the empty paragraphs removed
    assert reading_order(client, post) == before
    inserted = "<p>New opening.</p>\n<p>Another new one.</p>\n"
    save_body(admin_client, post, inserted + BODY)
    assert reading_order(client, post) == ["¶ New opening.", "¶ Another new", *before]
    assert reading_order(client, post).index("❝ predictable border") == 6  # after ¶ 5 now
    assert list(post.pull_quotes.values_list("after_paragraph", flat=True)) == [None] * 3


def test_an_explicit_placement_stays_after_its_paragraph_number(admin_client, client):
    post = PostFactory(body=BODY)
    PullQuote.objects.create(post=post, text="one berth at a time", after_paragraph=1)
    save_body(admin_client, post, "<p>New opening.</p>\n" + BODY)
    assert reading_order(client, post)[:3] == [
        "¶ New opening.",
        "❝ one berth at a time",
        "¶ Ports on",
    ]
    assert post.pull_quotes.get().after_paragraph == 1


def test_two_anchored_quotes_in_one_paragraph_keep_their_order(client):
    post = PostFactory(body=BODY)
    PullQuote.objects.create(post=post, text="predictable border", order=2)
    PullQuote.objects.create(post=post, text="Governments promise corridors", order=1)
    PullQuote.objects.create(post=post, text="traders want", order=3, after_paragraph=3)
    assert reading_order(client, post)[3:6] == [
        "❝ Governments promise corridors",
        "❝ predictable border",
        "❝ traders want",
    ]


# The admin ----------------------------------------------------------------------------


def placement_select(page, index):
    soup = BeautifulSoup(page, "html.parser")
    return soup.find("select", attrs={"name": f"pull_quotes-{index}-after_paragraph"})


def test_placement_offers_after_its_passage_first_and_names_the_paragraph_now(admin_client):
    post = PostFactory(body=BODY)
    PullQuote.objects.create(post=post, text="predictable border", order=0)
    PullQuote.objects.create(post=post, text="Freight rates", order=1, after_paragraph=4)
    page = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    anchored, explicit = placement_select(page, 0), placement_select(page, 1)
    labels = [option.get_text() for option in anchored.find_all("option")]
    assert labels[:3] == [
        "After its passage (now paragraph 3)",
        "Before the first paragraph",
        "After paragraph 1: Ports on both shores are being dredged.",
    ]
    assert anchored.find("option", selected=True).get_text().startswith("After its passage")
    assert explicit.find("option", selected=True)["value"] == "4"
    assert explicit.find("option").get_text() == "After its passage"


def test_a_quote_added_with_no_paragraph_chosen_is_anchored(admin_client):
    data = post_form(ProgramFactory(), [AuthorFactory()], [("Third paragraph on debts.", "")])
    assert admin_client.post("/admin/blog/post/add/", data).status_code == 302
    assert PullQuote.objects.get().after_paragraph is None


def test_choosing_after_its_passage_in_the_change_form_anchors_an_explicit_quote(admin_client):
    post = PostFactory(body=BODY)
    quote = PullQuote.objects.create(post=post, text="Freight rates", after_paragraph=4)
    data = change_data(post)
    data["pull_quotes-0-after_paragraph"] = ""
    assert admin_client.post(f"/admin/blog/post/{post.pk}/change/", data).status_code == 302
    quote.refresh_from_db()
    assert quote.after_paragraph is None


def test_body_edit_removing_an_anchored_quotes_passage_is_refused_and_nothing_lost(
    admin_client,
):
    post = PostFactory(body=BODY)
    PullQuote.objects.create(post=post, text="traders want a predictable border")
    edited = BODY.replace("traders want a predictable border", "traders want calm")
    data = change_data(post, body=edited)
    response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = " ".join(errorlist.get_text() for errorlist in soup.find_all(class_="errorlist"))
    assert "“traders want a predictable border”" in errors
    assert "Edit the quote" in errors and "restore the passage" in errors
    # The editor's text and quote are still in the form; the stored post is unchanged.
    assert soup.find("textarea", attrs={"name": "body"}).get_text().strip() == edited
    quote_field = soup.find("textarea", attrs={"name": "pull_quotes-0-text"})
    assert quote_field.get_text().strip() == "traders want a predictable border"
    post.refresh_from_db()
    assert post.body == BODY
    assert post.pull_quotes.get().after_paragraph is None


# The data migration -------------------------------------------------------------------


def test_data_migration_anchors_only_quotes_whose_place_it_keeps_and_pages_are_unchanged():
    post = PostFactory(body=BODY)
    other = PostFactory(body="<p>Freight rates rose.</p><p>Freight rates rose.</p>")
    placed = {
        "in its paragraph": PullQuote.objects.create(
            post=post, text="predictable border", after_paragraph=3, order=0
        ),
        "with another after its paragraph": PullQuote.objects.create(
            post=post, text="Governments promise", after_paragraph=3, order=1
        ),
        "elsewhere": PullQuote.objects.create(
            post=post, text="Freight rates", after_paragraph=4, order=2
        ),
        "before the first": PullQuote.objects.create(
            post=post, text="Ports on both", after_paragraph=0, order=3
        ),
        "beyond the last, from the last": PullQuote.objects.create(
            post=post, text="one berth", after_paragraph=9, order=4
        ),
        "after a second occurrence": PullQuote.objects.create(
            post=other, text="Freight rates rose", after_paragraph=2
        ),
        "after the first occurrence": PullQuote.objects.create(
            post=other, text="Freight rates rose", after_paragraph=1
        ),
        "passage no longer in the body": PullQuote.objects.create(
            post=other, text="Words nobody wrote", after_paragraph=1
        ),
    }
    pages_before = [parts(post), parts(other)]

    anchoring.anchor_quotes(apps, None)

    assert [parts(post), parts(other)] == pages_before
    after = {
        name: PullQuote.objects.get(pk=quote.pk).after_paragraph for name, quote in placed.items()
    }
    assert after == {
        "in its paragraph": None,
        "with another after its paragraph": None,
        "elsewhere": 4,
        "before the first": 0,
        "beyond the last, from the last": None,
        "after a second occurrence": 2,
        "after the first occurrence": None,
        "passage no longer in the body": 1,
    }

    anchoring.number_quotes(apps, None)  # the way back gives every quote its number again
    assert [parts(post), parts(other)] == pages_before
    assert not PullQuote.objects.filter(after_paragraph=None).exists()


# Revisions and archives ---------------------------------------------------------------


def test_revisions_record_and_restore_an_anchored_placement():
    post = PostFactory(body=BODY)
    quote = PullQuote.objects.create(post=post, text="predictable border")
    first = revisions.record(post)
    assert first.data["pull_quotes"][0]["after_paragraph"] is None
    PullQuote.objects.filter(pk=quote.pk).update(after_paragraph=2)
    second = revisions.record(post)
    found = revisions.render_changes(revisions.compare(first.data, second.data))
    assert "its passage" in found and "None" not in found

    revisions.restore(post, first)
    assert post.pull_quotes.get().after_paragraph is None


def test_archive_export_and_import_round_trip_an_anchored_quote(tmp_path, client):
    post = PostFactory(body=BODY)
    PullQuote.objects.create(post=post, text="predictable border")
    PullQuote.objects.create(post=post, text="Freight rates", after_paragraph=4, order=1)
    rows_before, order_before = backup.rows(), reading_order(client, post)
    archive = tmp_path / "folio.zip"
    call_command("export_archive", str(archive), verbosity=0)
    for model in reversed(backup.backed_up_models()):
        model._meta.default_manager.all().delete()
    call_command("import_archive", str(archive), verbosity=0)
    assert backup.rows() == rows_before
    assert reading_order(client, post) == order_before
    placements = PullQuote.objects.order_by("order").values_list("after_paragraph", flat=True)
    assert list(placements) == [None, 4]
