"""Editors saving at the same moment: each gets a clear answer and nothing is overwritten.

These run two admin requests in two threads, each with its own database connection, so they
need a database server that handles several connections at once (PostgreSQL).
"""

import pytest
from django.db import connection
from django.test import Client

from blog.models import Post
from tests.concurrency import at_once
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, UserFactory
from tests.forms import change_data, post_form

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent requests need a database server (PostgreSQL)",
    ),
]


def editor_client():
    client = Client()
    client.force_login(UserFactory(role="Editors"))
    return client


@pytest.mark.parametrize("attempt", range(3))
def test_two_editors_renaming_two_posts_to_one_slug_get_one_save_and_one_form_error(attempt):
    first, second = PostFactory(title="Grain routes"), PostFactory(title="Grain prices")
    wanted = f"grain-{attempt}"

    outcomes = at_once(
        (editor_client(), f"/admin/blog/post/{first.pk}/change/", change_data(first, slug=wanted)),
        (
            editor_client(),
            f"/admin/blog/post/{second.pk}/change/",
            change_data(second, slug=wanted),
        ),
    )

    assert all(not isinstance(outcome, Exception) for outcome in outcomes), outcomes
    assert sorted(outcome.status_code for outcome in outcomes) == [200, 302]
    refused = next(outcome for outcome in outcomes if outcome.status_code == 200)
    assert "Post with this Slug already exists." in refused.content.decode()
    assert Post.objects.filter(slug=wanted).count() == 1


def test_two_new_posts_with_one_title_at_once_both_save_with_distinct_slugs():
    data = post_form(ProgramFactory(), [AuthorFactory()], [], title="Fishing rights", slug="")
    outcomes = at_once(
        (editor_client(), "/admin/blog/post/add/", data),
        (editor_client(), "/admin/blog/post/add/", data),
    )

    assert all(not isinstance(outcome, Exception) for outcome in outcomes), outcomes
    assert [outcome.status_code for outcome in outcomes] == [302, 302]
    assert sorted(Post.objects.filter(title="Fishing rights").values_list("slug", flat=True)) == [
        "fishing-rights",
        "fishing-rights-2",
    ]


def test_two_editors_saving_one_post_at_once_get_one_save_and_one_conflict():
    post = PostFactory(title="Harbour fees")

    outcomes = at_once(
        (editor_client(), f"/admin/blog/post/{post.pk}/change/", change_data(post, title="A")),
        (editor_client(), f"/admin/blog/post/{post.pk}/change/", change_data(post, title="B")),
    )

    assert all(not isinstance(outcome, Exception) for outcome in outcomes), outcomes
    assert sorted(outcome.status_code for outcome in outcomes) == [200, 302]
    saved, refused = sorted(outcomes, key=lambda outcome: outcome.status_code, reverse=True)
    assert "saved this post while you were editing it" in refused.content.decode()
    post.refresh_from_db()
    assert post.title in {"A", "B"} and post.version == 2
