"""Querysets compiled once and run with new values give what the queryset itself gives."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Post
from config.precompiled import Precompiled
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

SLUG = Post._meta.get_field("slug")
MOMENT = Post._meta.get_field("publish_at")

by_slug = Precompiled(
    lambda slug, now: Post.objects.filter(slug=slug).published(now).select_related("program"),
    slug=SLUG,
    now=MOMENT,
)


def test_each_call_runs_with_its_own_values():
    first, second = PostFactory(), PostFactory()
    now = timezone.now()

    assert by_slug(slug=first.slug, now=now) == [first]
    assert by_slug(slug=second.slug, now=now) == [second]
    assert by_slug(slug="no-such-post", now=now) == []


def test_rows_carry_their_related_objects_without_a_query(django_assert_num_queries):
    post = PostFactory()

    with django_assert_num_queries(1):
        (found,) = by_slug(slug=post.slug, now=timezone.now())
        assert found.program.name == post.program.name


def test_a_time_value_decides_what_is_published():
    post = PostFactory(publish_at=timezone.now() + datetime.timedelta(hours=1))

    assert by_slug(slug=post.slug, now=timezone.now()) == []
    assert by_slug(slug=post.slug, now=timezone.now() + datetime.timedelta(hours=2)) == [post]


def test_a_value_read_while_building_is_refused_not_frozen():
    # `published()` without `now` reads the clock itself: precompiled, every later call
    # would keep the first call's time.
    frozen = Precompiled(lambda slug: Post.objects.filter(slug=slug).published(), slug=SLUG)

    with pytest.raises(ImproperlyConfigured, match="other than its named values"):
        frozen(slug="any")


def test_a_value_that_does_not_reach_the_parameters_is_refused():
    unused = Precompiled(lambda slug, now: Post.objects.filter(slug=slug), slug=SLUG, now=MOMENT)

    with pytest.raises(ImproperlyConfigured, match="'now' does not reach"):
        unused(slug="any", now=timezone.now())


def test_missing_or_extra_values_are_a_type_error():
    with pytest.raises(TypeError):
        by_slug(slug="any")


def test_the_query_log_shows_the_sql_with_its_values():
    post = PostFactory(slug="logged-post")
    with CaptureQueriesContext(connection) as queries:
        by_slug(slug=post.slug, now=timezone.now())

    (logged,) = queries.captured_queries
    assert "'logged-post'" in logged["sql"]


@pytest.mark.parametrize("prepared", [True, False])
def test_the_commentary_page_reads_the_same_with_or_without_prepared_statements(
    client, monkeypatch, prepared
):
    # DATABASE_PREPARED_STATEMENTS=0 leaves prepare_threshold out of the options.
    options = dict(connection.settings_dict["OPTIONS"])
    if not prepared:
        options.pop("prepare_threshold", None)
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    post = PostFactory(title="Both ways")
    post.topics.set(["Ports"])

    for _ in range(2):  # the second run reuses the statement
        response = client.get(post.get_absolute_url())
        assert response.status_code == 200
        assert '<h1 class="post-title">Both ways</h1>' in response.content.decode()
        assert 'href="/topics/ports/"' in response.content.decode()


def test_topics_read_with_the_page_answer_further_questions_about_topics():
    post = PostFactory()
    post.topics.set(["Ports", "Rail"])

    page = Post.objects.public_page(post.slug)

    assert [topic.name for topic in page.topics.all()] == ["Ports", "Rail"]
    assert sorted(page.topics.names()) == ["Ports", "Rail"]
    assert list(page.topics.filter(slug="rail").values_list("name", flat=True)) == ["Rail"]
