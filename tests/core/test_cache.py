"""Readers' pages are cached whole and never stale: edits, schedules and staff."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from blog.models import Correction, Post
from core.cache import cache_is_shared
from tests.factories import PositionFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def cache_on_the_test_clock(settings):
    """An in-process cache, whose entries expire by the (travelled) test clock; Redis
    expires them by its own."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }


def test_second_anonymous_request_is_served_from_the_cache(client, page_cache):
    post = PostFactory()
    first = client.get(post.get_absolute_url())
    second = client.get(post.get_absolute_url())
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert first.content == second.content
    assert "s-maxage=300" in first["Cache-Control"] and "public" in first["Cache-Control"]


def test_cached_page_reads_only_the_content_generation(
    client, page_cache, django_assert_num_queries
):
    post = PostFactory()
    client.get(post.get_absolute_url())
    # With a cache private to each process, the generation is read from the database.
    with django_assert_num_queries(0 if cache_is_shared() else 1):
        assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "edit",
    ["post title", "author bio", "author position", "program", "topic", "correction", "unpublish"],
)
def test_any_edit_shown_on_a_page_makes_the_cached_copy_old(client, page_cache, edit):
    post = PostFactory(title="Before")
    post.topics.set(["Energy"])
    author = post.byline[0]
    url = post.get_absolute_url()
    client.get(url)
    if edit == "post title":
        post.title = "After"
        post.save()
    elif edit == "author bio":
        author.short_bio = "After"
        author.save()
    elif edit == "author position":
        PositionFactory(author=author, title="After")
    elif edit == "program":
        post.program.short_description = "After"
        post.program.save()
    elif edit == "topic":
        post.topics.add("After")
    elif edit == "correction":
        Correction.objects.create(post=post, text="After")
    elif edit == "unpublish":
        post.status = Post.Status.DRAFT
        post.save()
        assert client.get(url).status_code == 404
        return
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "After" in response.content.decode()


def test_listing_shows_a_scheduled_post_at_its_moment_despite_the_cache(
    client, page_cache, cache_on_the_test_clock
):
    PostFactory(title="Already out")
    moment = timezone.now() + datetime.timedelta(seconds=90)
    PostFactory(title="Scheduled piece", publish_at=moment)
    first = client.get("/blog/")
    assert "Scheduled piece" not in first.content.decode()
    assert "s-maxage=" in first["Cache-Control"]
    max_age = int(first["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert max_age <= 90  # never kept past the publication moment
    assert client.get("/blog/")["X-Cache"] == "hit"
    with time_machine.travel(moment + datetime.timedelta(seconds=1)):
        # The cached copy has expired by the cache's own clock.
        assert "Scheduled piece" in client.get("/blog/").content.decode()


def test_staff_responses_are_private_and_never_cached(client, page_cache):
    post = PostFactory()
    client.force_login(UserFactory(role="Editors"))
    response = client.get(post.get_absolute_url())
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Cache" not in response
    client.logout()
    reader = client.get(post.get_absolute_url())
    assert reader["X-Cache"] == "miss"


def test_preview_and_review_responses_are_private(admin_client, client, page_cache):
    from blog.models import ReviewLink

    draft = PostFactory(status=Post.Status.DRAFT)
    preview = admin_client.get(f"/admin/blog/post/{draft.pk}/preview/")
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    link = ReviewLink.objects.create(post=draft)
    review = client.get(link.get_absolute_url())
    assert review["Cache-Control"] == "private, no-store"
    assert client.get(link.get_absolute_url()).get("X-Cache") is None


def test_conditional_get_answers_304(client, page_cache):
    post = PostFactory()
    first = client.get(post.get_absolute_url())
    assert first["ETag"]
    again = client.get(post.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_scheduled_moment_passes_without_a_restart_even_on_a_cached_404(
    client, page_cache, cache_on_the_test_clock
):
    moment = timezone.now() + datetime.timedelta(seconds=30)
    post = PostFactory(publish_at=moment)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 404
    assert int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 30
    assert client.get(post.get_absolute_url())["X-Cache"] == "hit"
    with time_machine.travel(moment + datetime.timedelta(seconds=1)):
        assert client.get(post.get_absolute_url()).status_code == 200
