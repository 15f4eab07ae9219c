"""Edges of the editorial workflow: what a crafted request, a restore or a race must not do."""

import datetime

import pytest
from django.utils import timezone

from blog import revisions
from blog.models import Correction, Post, PostAuthor
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, UserFactory, login
from tests.forms import change_data, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor():
    user = UserFactory(role="Contributors")
    AuthorFactory(user=user)
    return user


def test_revisions_are_not_browsable_outside_their_post(contributor):
    other = PostFactory(status=Post.Status.DRAFT, title="Someone else's plan")
    revisions.record(other)
    client = login(contributor)
    assert client.get("/admin/blog/revision/").status_code == 404
    assert client.get(f"/admin/blog/post/{other.pk}/revisions/").status_code == 404


def test_trash_action_makes_cached_pages_old_at_once(admin_client, client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    post = PostFactory()
    assert client.get(post.get_absolute_url()).status_code == 200
    admin_client.post(
        "/admin/blog/post/", {"action": "move_to_trash", "_selected_action": [post.pk]}
    )
    assert client.get(post.get_absolute_url()).status_code == 404
    admin_client.post(
        "/admin/blog/post/?trash=yes",
        {"action": "restore_from_trash", "_selected_action": [post.pk]},
    )
    assert client.get(post.get_absolute_url()).status_code == 200


def test_bio_manager_deleting_an_author_sees_no_post_titles():
    post = PostFactory(status=Post.Status.DRAFT, title="Unannounced merger plan")
    author = post.byline[0]
    page = login(UserFactory(role="Bio managers")).get(f"/admin/people/author/{author.pk}/delete/")
    assert "Unannounced merger plan" not in page.content.decode()
    assert "byline(s) in posts" in page.content.decode()


def test_conflict_shows_a_change_of_status(admin_client):
    post = PostFactory(status=Post.Status.IN_REVIEW)
    opened = post.version
    revisions.record(post)
    post.status = Post.Status.PUBLISHED
    post.save()
    revisions.record(post)
    response = admin_client.post(
        f"/admin/blog/post/{post.pk}/change/",
        change_data(post, status="review", loaded_version=opened),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Status" in page and "<ins>published</ins>" in page


def test_a_change_form_without_its_version_is_refused(admin_client):
    post = PostFactory(title="Kept")
    data = change_data(post, title="Overwritten")
    data.pop("loaded_version")
    response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", data)
    assert "This form is out of date" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Kept"


def test_restore_keeps_byline_credits_and_skips_people_deleted_since(admin_client):
    writer, translator, gone = AuthorFactory(), AuthorFactory(), AuthorFactory()
    post = PostFactory(authors=[])
    PostAuthor.objects.create(post=post, author=writer, position=0)
    PostAuthor.objects.create(post=post, author=translator, role="translator", position=1)
    PostAuthor.objects.create(post=post, author=gone, position=2)
    old = revisions.record(post)
    PostAuthor.objects.filter(author=gone).delete()
    gone.delete()
    response = admin_client.post(f"/admin/blog/post/{post.pk}/revisions/{old.pk}/restore/")
    assert response.status_code == 302
    assert list(post.bylines.values_list("author_id", "role")) == [
        (writer.pk, "author"),
        (translator.pk, "translator"),
    ]


def test_review_links_cannot_outlive_seven_days(admin_client):
    post = PostFactory(status=Post.Status.DRAFT)
    data = change_data(post)
    data.update(
        {
            "review_links-TOTAL_FORMS": "1",
            "review_links-0-note": "Forever",
            "review_links-0-expires_at_0": "2099-01-01",
            "review_links-0-expires_at_1": "12:00:00",
        }
    )
    response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", data)
    assert response.status_code == 200
    assert "at most 7 days" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/blog/post/?author=abc",
        "/admin/blog/post/calendar/?program=%C2%B2&author=%C2%B2",
        "/admin/blog/post/{pk}/revisions/?new=999999",
    ],
)
def test_malformed_admin_parameters_never_answer_500(admin_client, url):
    post = PostFactory()
    revisions.record(post)
    assert admin_client.get(url.format(pk=post.pk)).status_code in {200, 302, 404}


def test_pull_quote_must_be_whole_words_of_the_stored_body(admin_client):
    body = "<p>Ports on both shores are dredged.</p><style>Hidden words here</style>"
    for quote in ["rts on both shores are dredg", "Hidden words here"]:
        data = post_form(ProgramFactory(), [AuthorFactory()], [(quote, 1)], body=body)
        response = admin_client.post("/admin/blog/post/add/", data)
        assert response.status_code == 200, quote
        assert "not a passage of the body" in response.content.decode()


def test_contributor_cannot_edit_once_submitted_for_review(contributor):
    post = PostFactory(authors=[contributor.author], status=Post.Status.IN_REVIEW, title="Sent")
    data = change_data(post, title="Changed after review", status="review")
    assert login(contributor).post(f"/admin/blog/post/{post.pk}/change/", data).status_code == 403
    post.refresh_from_db()
    assert post.title == "Sent"


def test_corrections_dated_in_the_future_wait_for_their_date(client):
    post = PostFactory()
    Correction.objects.create(
        post=post, text="Not yet", published_at=timezone.now() + datetime.timedelta(days=2)
    )
    assert "Not yet" not in client.get(post.get_absolute_url()).content.decode()
