"""Revisions that tell the truth: no change reported where there is none, footnotes and pull
quotes compared one by one, and a note on each save."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from blog import revisions
from blog.models import Post, Revision
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, PullQuoteFactory
from tests.forms import change_data, post_form

pytestmark = pytest.mark.django_db

FOOTNOTED = (
    '<p>Ports are busy.<span class="footnote">Harbour survey, 2025.</span></p>'
    '<p>Freight rates rose.<span class="footnote">Baltic index, March.</span> Costs too.'
    '<span class="footnote">Shipping ledger, vol. 4.</span></p>'
)


def base(**changes):
    """A snapshot as plain data, without a database, with `changes` applied."""
    data = {
        "title": "Ports and Power",
        "slug": "ports-and-power",
        "post_type": "blog-post",
        "dek": "Who ships what.",
        "body": "<p>Ports are busy.</p>",
        "status": "published",
        "publish_at": "2026-01-15T09:30:00+00:00",
        "program": 1,
        "series": None,
        "authors": [{"id": 1, "name": "Ada Port", "role": "author"}],
        "topics": ["Trade"],
        "pull_quotes": [],
    }
    return {**data, **changes}


def sections(changes):
    """The rendered comparison as {section heading: [the text of each row]}."""
    soup = BeautifulSoup(str(revisions.render_changes(changes)), "html.parser")
    return {
        field.h3.get_text(): [" ".join(row.get_text().split()) for row in field.find_all("p")]
        for field in soup.find_all(class_="revision-diff__field")
    }


def local_form_time(moment):
    """`moment` as the change form's date and time boxes show it (site time, seconds)."""
    local = timezone.localtime(moment)
    return {"publish_at_0": f"{local:%Y-%m-%d}", "publish_at_1": f"{local:%H:%M:%S}"}


# 1. No change where there is none -------------------------------------------------------


@pytest.mark.parametrize(
    "same_moment",
    [
        "2026-01-15T10:30:00+01:00",
        "2026-01-15T04:30:00-05:00",
        "2026-01-15T09:30:00.123456+00:00",
        "2026-01-15T09:30:00.999999+00:00",
    ],
)
def test_the_same_moment_in_another_zone_or_precision_is_no_change(same_moment):
    assert revisions.compare(base(), base(publish_at=same_moment)) == []


def test_a_changed_publication_time_shows_both_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "UTC"
    changes = revisions.compare(base(), base(publish_at="2026-01-16T11:00:00+01:00"))
    assert sections(changes) == {
        "Publication time": ["2026-01-15 09:30 UTC 2026-01-16 10:00 UTC"],
    }
    settings.TIME_ZONE = "America/New_York"
    changes = revisions.compare(base(), base(publish_at=None))
    assert sections(changes) == {"Publication time": ["2026-01-15 04:30 EST —"]}


def test_a_change_of_seconds_shows_the_seconds(settings):
    settings.TIME_ZONE = "UTC"
    changes = revisions.compare(base(), base(publish_at="2026-01-15T09:30:20+00:00"))
    assert sections(changes) == {
        "Publication time": ["2026-01-15 09:30:00 UTC 2026-01-15 09:30:20 UTC"],
    }


def test_opening_and_saving_without_edits_reports_no_change(admin_client):
    body = FOOTNOTED
    data = post_form(ProgramFactory(), [AuthorFactory()], [("Freight rates rose.", 2)], body=body)
    admin_client.post("/admin/blog/post/add/", data)
    post = Post.objects.get()
    for _ in range(2):
        post.refresh_from_db()
        response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", change_data(post))
        assert response.status_code == 302
    older, newer = Revision.objects.order_by("-created_at", "-id")[:2][::-1]
    assert revisions.compare(older.data, newer.data) == []
    # The live post, read back from the database (in UTC), is no change either.
    post.refresh_from_db()
    assert revisions.compare(newer.data, revisions.snapshot(post)) == []
    page = admin_client.get(f"/admin/blog/post/{post.pk}/revisions/?old={newer.pk}&new=live")
    assert "Publication time" not in page.content.decode()
    assert "No differences" in page.content.decode()


def test_saving_a_post_published_to_the_microsecond_is_no_change(admin_client):
    post = PostFactory(publish_at=timezone.now().replace(microsecond=654321))
    PullQuoteFactory(post=post)
    before = revisions.record(post)
    data = change_data(post, **local_form_time(post.publish_at))
    assert admin_client.post(f"/admin/blog/post/{post.pk}/change/", data).status_code == 302
    after = Revision.objects.order_by("-created_at", "-id").first()
    assert after != before
    changes = dict(revisions.compare(before.data, after.data))
    assert "Publication time" not in changes


# 2. Footnotes ---------------------------------------------------------------------------


def test_a_deleted_footnote_shows_as_removed():
    body = FOOTNOTED.replace('<span class="footnote">Baltic index, March.</span>', "")
    found = sections(revisions.compare(base(body=FOOTNOTED), base(body=body)))
    assert found["Footnotes"] == ["Footnote 2 removed: Baltic index, March."]
    assert "Body" not in found  # the words readers see between the notes are the same


def test_footnotes_added_and_changed_are_compared_by_number():
    body = FOOTNOTED.replace("Harbour survey, 2025.", "Harbour survey, 2026.").replace(
        "vol. 4.</span>",
        'vol. 4.</span> More.<span class="footnote">Port authority, <em>Annual</em> report.</span>',
    )
    changes = revisions.compare(base(body=FOOTNOTED), base(body=body))
    assert sections(changes)["Footnotes"] == [
        "Footnote 1 changed: Harbour survey, 2025. 2026.",
        "Footnote 4 added: Port authority, Annual report.",
    ]
    html = str(revisions.render_changes(changes))
    assert "<del>2025.</del>" in html and "<ins>2026.</ins>" in html


def test_the_footnotes_section_escapes_what_editors_wrote():
    body = '<p>Ports.<span class="footnote">&lt;script&gt;x&lt;/script&gt;</span></p>'
    html = str(revisions.render_changes(revisions.compare(base(), base(body=body))))
    assert "<script>" not in html and "&lt;script&gt;" in html


# 3. Pull quotes -------------------------------------------------------------------------


def quote(text, after, order=0, pk=None):
    data = {"text": text, "after_paragraph": after, "order": order}
    return data if pk is None else {"id": pk, **data}


def test_each_pull_quote_is_its_own_row_matched_by_id():
    old = [quote("Ports are busy", 1, 0, pk=7), quote("Rates rose", 2, 1, pk=8)]
    new = [quote("Rates rose sharply", 3, 1, pk=8), quote("Costs too", 2, 2, pk=9)]
    found = sections(revisions.compare(base(pull_quotes=old), base(pull_quotes=new)))
    assert found["Pull quotes"] == [
        "Removed: Ports are busy (after paragraph 1)",
        "Changed: Rates rose sharply (after paragraph 2 3)",
        "Added: Costs too (after paragraph 2)",
    ]


def test_pull_quotes_stored_without_ids_are_matched_by_position():
    old = [quote("Ports are busy", 1), quote("Rates rose", 2, 1)]
    new = [quote("Ports are busy", 1)]
    found = sections(revisions.compare(base(pull_quotes=old), base(pull_quotes=new)))
    assert found["Pull quotes"] == ["Removed: Rates rose (after paragraph 2)"]


def test_a_pull_quote_edited_in_the_admin_is_one_changed_row(admin_client):
    body = "<p>Ports are busy.</p><p>Freight rates rose sharply.</p>"
    quotes = [("Ports are busy", 1), ("Freight rates rose", 2)]
    data = post_form(ProgramFactory(), [AuthorFactory()], quotes, body=body)
    admin_client.post("/admin/blog/post/add/", data)
    post = Post.objects.get()
    topics = data["topics"]
    data = change_data(post)
    data["topics"] = topics  # change_data sends none; these are the post's as added
    data["pull_quotes-1-text"] = "Freight rates rose sharply"
    assert admin_client.post(f"/admin/blog/post/{post.pk}/change/", data).status_code == 302
    older, newer = Revision.objects.order_by("-created_at", "-id")[:2][::-1]
    found = sections(revisions.compare(older.data, newer.data))
    assert found == {
        "Pull quotes": ["Changed: Freight rates rose sharply (after paragraph 2)"],
    }


def test_restoring_keeps_pull_quotes_matched_to_their_revision(admin_client):
    post = PostFactory()
    PullQuoteFactory(post=post)
    first = revisions.record(post)
    post.pull_quotes.update(after_paragraph=2)
    revisions.record(post)
    response = admin_client.post(f"/admin/blog/post/{post.pk}/revisions/{first.pk}/restore/")
    assert response.status_code == 302
    restored = Revision.objects.order_by("-created_at", "-id").first()
    assert revisions.compare(first.data, restored.data) == []


# 4. A note on each save -----------------------------------------------------------------


def test_the_change_form_offers_a_labelled_blank_note(admin_client):
    post = PostFactory()
    page = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    soup = BeautifulSoup(page, "html.parser")
    field = soup.find("input", attrs={"name": "revision_note"})
    assert field is not None and not field.get("value")
    assert field["maxlength"] == "200"
    label = soup.find("label", attrs={"for": field["id"]})
    assert label.get_text(strip=True).rstrip(":") == "Note on this change"
    help_text = soup.find(id=field["aria-describedby"])
    assert "revisions" in help_text.get_text()


def test_the_note_is_stored_on_the_revision_and_shown_but_not_carried_over(admin_client):
    post = PostFactory()
    data = change_data(post, title="Sharper title", revision_note="Tightened the headline")
    assert admin_client.post(f"/admin/blog/post/{post.pk}/change/", data).status_code == 302
    revision = Revision.objects.get(post=post)
    assert revision.note == "Tightened the headline"

    page = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find("input", attrs={"name": "revision_note"}).get("value")
    row = soup.find(class_="revision-list").find("tbody").find("tr")
    assert "Tightened the headline" in row.get_text()

    post.refresh_from_db()
    revisions.record(post, note="Checked the figures")
    url = f"/admin/blog/post/{post.pk}/revisions/?old={revision.pk}"
    soup = BeautifulSoup(admin_client.get(url).content.decode(), "html.parser")
    heading = soup.find(class_="revision-diff").h2.get_text()
    assert "Tightened the headline" in heading
    options = [option.get_text() for option in soup.find("select", id="old").find_all("option")]
    assert any("Checked the figures" in option for option in options)


def test_a_note_over_200_characters_is_refused(admin_client):
    post = PostFactory(title="Kept")
    data = change_data(post, title="Changed", revision_note="x" * 201)
    response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", data)
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Kept"
