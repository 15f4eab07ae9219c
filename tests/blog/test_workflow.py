"""The editorial workflow: preview, review links, verified pull quotes, revisions,
concurrent edits, trash, slugs and corrections."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from blog.models import Correction, Post, PostSlug, ReviewLink, Revision
from blog.slugs import slug_from_title
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, UserFactory
from tests.forms import change_data, post_form

pytestmark = pytest.mark.django_db


# Preview and review links -------------------------------------------------------------


def test_staff_preview_shows_a_draft_with_banner_and_noindex(admin_client, client):
    draft = PostFactory(status=Post.Status.DRAFT, title="Embargoed analysis")
    response = admin_client.get(f"/admin/blog/post/{draft.pk}/preview/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(class_="preview-banner").get_text(strip=True) == "Preview — not published"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert soup.find("h1").get_text() == "Embargoed analysis"
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_review_link_shows_the_draft_read_only_to_anyone_holding_it(client):
    draft = PostFactory(status=Post.Status.DRAFT, title="For outside review")
    link = ReviewLink.objects.create(post=draft)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "For outside review" in response.content.decode()
    assert "Review copy — not published" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_review_link_expires_after_seven_days(client):
    link = ReviewLink.objects.create(post=PostFactory(status=Post.Status.DRAFT))
    url = link.get_absolute_url()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        assert client.get(url).status_code == 404


def test_revoking_one_review_link_leaves_the_others_working(client):
    post = PostFactory(status=Post.Status.DRAFT)
    first, second = ReviewLink.objects.create(post=post), ReviewLink.objects.create(post=post)
    first.revoked_at = timezone.now()
    first.save()
    assert client.get(first.get_absolute_url()).status_code == 404
    assert client.get(second.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("token", ["nonsense", "eyJsaW5rIjoxfQ:forged:signature", "1"])
def test_forged_review_tokens_answer_404(client, token):
    ReviewLink.objects.create(post=PostFactory(status=Post.Status.DRAFT))
    assert client.get(f"/blog/review/{token}/").status_code == 404


def test_review_links_are_created_and_revoked_from_the_change_form(admin_client):
    post = PostFactory(status=Post.Status.DRAFT)
    data = change_data(post)
    data.update(
        {
            "review_links-TOTAL_FORMS": "1",
            "review_links-0-note": "Ambassador K.",
            "review_links-0-expires_at_0": (timezone.now() + datetime.timedelta(days=3)).strftime(
                "%Y-%m-%d"
            ),
            "review_links-0-expires_at_1": "12:00:00",
        }
    )
    response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", data)
    assert response.status_code == 302
    link = ReviewLink.objects.get()
    assert link.note == "Ambassador K." and link.created_by.username == "admin"
    page = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    assert link.get_absolute_url() in page


# Verified pull quotes -----------------------------------------------------------------


def test_pull_quote_not_in_the_body_is_refused_naming_the_quote(admin_client):
    data = post_form(ProgramFactory(), [AuthorFactory()], [("Words nobody wrote.", 1)])
    response = admin_client.post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert "This pull quote is not a passage of the body: “Words nobody wrote.”" in (
        response.content.decode()
    )
    assert not Post.objects.exists()


def test_pull_quote_matches_across_curly_quotes_dashes_and_spacing(admin_client):
    body = "<p>He said: “the port—at last—is open.”  Then he left.</p>"
    quote = '"The port - at last - is open."'
    data = post_form(ProgramFactory(), [AuthorFactory()], [(quote, 1)], body=body)
    assert admin_client.post("/admin/blog/post/add/", data).status_code == 302


def test_body_edit_that_breaks_a_pull_quote_is_refused_with_the_nearest_passage(admin_client):
    data = post_form(ProgramFactory(), [AuthorFactory()], [("Second paragraph on freight.", 1)])
    assert admin_client.post("/admin/blog/post/add/", data).status_code == 302
    post = Post.objects.get()
    edited = post.body.replace("Second paragraph on freight.", "Second paragraph on cargo.")
    response = admin_client.post(
        f"/admin/blog/post/{post.pk}/change/", change_data(post, body=edited)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "not a passage of the body: “Second paragraph on freight.”" in page
    assert "The nearest passage in the body reads: “Second paragraph on cargo.”" in page
    post.refresh_from_db()
    assert "freight" in post.body


def test_placement_is_offered_by_paragraph_number_and_first_words(admin_client):
    post = PostFactory(body="<p>Ports are busy this year.</p><p>Freight rates rose.</p>")
    page = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    assert "After paragraph 2: Freight rates rose." in page


# Revisions ----------------------------------------------------------------------------


def test_every_admin_save_stores_a_revision_and_restoring_keeps_everything(admin_client):
    data = post_form(ProgramFactory(), [AuthorFactory()], [], title="First title")
    admin_client.post("/admin/blog/post/add/", data)
    post = Post.objects.get()
    admin_client.post(f"/admin/blog/post/{post.pk}/change/", change_data(post, title="Second"))
    post.refresh_from_db()
    assert post.title == "Second"
    first, second = Revision.objects.order_by("created_at", "id")
    assert (first.data["title"], second.data["title"]) == ("First title", "Second")
    assert first.user.username == "admin"

    diff = admin_client.get(
        f"/admin/blog/post/{post.pk}/revisions/?old={first.pk}&new=live"
    ).content.decode()
    assert "<del>First title</del>" in diff and "<ins>Second</ins>" in diff

    response = admin_client.post(f"/admin/blog/post/{post.pk}/revisions/{first.pk}/restore/")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "First title"
    titles = list(
        Revision.objects.order_by("created_at", "id").values_list("data__title", flat=True)
    )
    assert titles == ["First title", "Second", "First title"]


def test_revision_diff_shows_changed_body_words_and_pull_quotes(admin_client):
    body = "<p>Ports are busy.</p><p>Freight rates rose sharply.</p>"
    data = post_form(ProgramFactory(), [AuthorFactory()], [("Freight rates rose", 2)], body=body)
    admin_client.post("/admin/blog/post/add/", data)
    post = Post.objects.get()
    new_body = body.replace("sharply", "slowly")
    admin_client.post(f"/admin/blog/post/{post.pk}/change/", change_data(post, body=new_body))
    old = Revision.objects.order_by("created_at", "id").first()
    page = admin_client.get(f"/admin/blog/post/{post.pk}/revisions/?old={old.pk}").content.decode()
    assert "<del>sharply.</del>" in page and "<ins>slowly.</ins>" in page


# Concurrent edits ---------------------------------------------------------------------


def test_second_save_from_a_stale_form_is_refused_and_keeps_its_text():
    author = AuthorFactory()
    anna, ben = UserFactory(role="Editors", first_name="Anna"), UserFactory(role="Editors")
    anna_client, ben_client = Client(), Client()
    anna_client.force_login(anna)
    ben_client.force_login(ben)
    anna_client.post("/admin/blog/post/add/", post_form(ProgramFactory(), [author], []))
    post = Post.objects.get()
    opened_version = post.version  # both open the form now

    saved = anna_client.post(
        f"/admin/blog/post/{post.pk}/change/", change_data(post, title="Anna's title")
    )
    assert saved.status_code == 302
    refused = ben_client.post(
        f"/admin/blog/post/{post.pk}/change/",
        change_data(post, title="Ben's title", loaded_version=opened_version),
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Anna saved this post while you were editing it" in page
    soup = BeautifulSoup(page, "html.parser")
    assert "Anna's title" in [inserted.get_text() for inserted in soup.find_all("ins")]
    assert soup.find("input", attrs={"name": "title"})["value"] == "Ben's title"
    post.refresh_from_db()
    assert post.title == "Anna's title"

    # Having seen the other edit, Ben can save deliberately.
    current = soup.find("input", attrs={"name": "loaded_version"})["value"]
    post.refresh_from_db()
    again = ben_client.post(
        f"/admin/blog/post/{post.pk}/change/",
        change_data(post, title="Ben's title", loaded_version=current),
    )
    assert again.status_code == 302
    post.refresh_from_db()
    assert post.title == "Ben's title"


# Trash and protected deletes ------------------------------------------------------------


def test_deleting_a_post_moves_it_to_the_trash_and_restoring_brings_it_back(admin_client, client):
    post = PostFactory()
    admin_client.post(f"/admin/blog/post/{post.pk}/delete/", {"post": "yes"})
    post.refresh_from_db()
    assert post.deleted_at is not None
    assert client.get(post.get_absolute_url()).status_code == 404

    def listed(url):
        page = BeautifulSoup(admin_client.get(url).content, "html.parser")
        results = page.find(id="result_list")
        return results is not None and post.title in results.get_text()

    assert not listed("/admin/blog/post/")
    assert listed("/admin/blog/post/?trash=yes")
    admin_client.post(
        "/admin/blog/post/?trash=yes",
        {"action": "restore_from_trash", "_selected_action": [post.pk]},
    )
    assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("kind", ["author", "program"])
def test_authors_and_programs_with_posts_cannot_be_deleted(admin_client, kind):
    post = PostFactory(title="Holding post")
    target = post.byline[0] if kind == "author" else post.program
    url = f"/admin/{target._meta.app_label}/{kind}/{target.pk}/delete/"
    page = admin_client.get(url).content.decode()
    assert "Holding post" in page
    assert "would require deleting the following protected related objects" in page
    admin_client.post(url, {"post": "yes"})
    assert type(target).objects.filter(pk=target.pk).exists()


# Slugs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Россия и Китай: новый союз?", "rossiya-i-kitay-novyy-soyuz"),
        ("Щедрость Юга", "shchedrost-yuga"),
        ("Львів і Одеса", "lviv-i-odesa"),
        ("Žižek über Łódź", "zizek-uber-lodz"),
        ("!!!", "post"),
    ],
)
def test_slugs_are_transliterated_from_titles(title, slug):
    assert slug_from_title(title) == slug


def test_empty_slug_is_made_from_the_title_and_kept_unique():
    first = PostFactory(title="Россия и Китай", slug="")
    second = PostFactory(title="Россия и Китай", slug="")
    assert (first.slug, second.slug) == ("rossiya-i-kitay", "rossiya-i-kitay-2")


def test_changing_a_published_posts_slug_redirects_the_old_address(client):
    post = PostFactory(slug="old-address")
    post.slug = "new-address"
    post.save()
    response = client.get("/blog/old-address/")
    assert response.status_code == 301
    assert response["Location"] == "/blog/new-address/"
    assert PostSlug.objects.filter(slug="old-address", post=post).exists()


def test_old_address_of_an_unpublished_post_does_not_redirect(client):
    post = PostFactory(slug="old-address")
    post.slug = "new-address"
    post.status = Post.Status.DRAFT
    post.save()
    assert client.get("/blog/old-address/").status_code == 404


# Corrections and footnotes ------------------------------------------------------------


def test_corrections_show_on_the_page_and_move_date_modified(client):
    import json

    post = PostFactory(publish_at=timezone.now() - datetime.timedelta(days=5))
    Correction.objects.create(post=post, text="An earlier version misstated the tonnage.")
    response = client.get(post.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find("section", class_="corrections")
    assert "An earlier version misstated the tonnage." in section.get_text()
    assert "Correction," in section.get_text()
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["dateModified"] > data["datePublished"]
    assert soup.find(class_="updated") is not None


def test_footnotes_render_as_numbered_notes_with_back_links(client):
    post = PostFactory(
        body='<p>Trade grew<span class="footnote">Customs data, 2025.</span> fast.</p>'
        '<p>Then slowed<span class="footnote">See <em>Annual Review</em>.</span>.</p>'
    )
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    refs = soup.select(".post-body sup.footnote-ref a")
    assert [a["href"] for a in refs] == ["#fn-1", "#fn-2"]
    notes = soup.select("section.footnotes li")
    assert [li["id"] for li in notes] == ["fn-1", "fn-2"]
    assert notes[1].find("em").get_text() == "Annual Review"
    assert notes[0].find("a", class_="footnote-back")["href"] == "#fnref-1"
