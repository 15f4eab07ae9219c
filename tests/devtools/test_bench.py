"""`manage.py bench`'s count of the Python function calls a request makes: the figure a
change to a page is weighed by, where times drift from run to run."""

import pytest
from django.core.management.base import CommandError

from devtools.management.commands.bench import calls_per_request
from tests.factories import PostFactory

# Django's WSGI handler closes the database connection after each request, as it does in
# production, so the test cannot run inside a transaction that must stay open.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_the_same_request_makes_the_same_number_of_calls_within_half_a_percent(uncached):
    # A change to a page worth weighing moves the count by far more: a percent or more.
    # (A pool of database connections may take a few calls more one time than another.)
    post = PostFactory()
    first = calls_per_request(post.get_absolute_url(), "testserver")
    second = calls_per_request(post.get_absolute_url(), "testserver")
    assert abs(first - second) <= first * 0.005


def test_a_page_makes_more_calls_than_the_health_check(uncached):
    post = PostFactory()
    health = calls_per_request("/healthz", "testserver")
    assert 0 < health < calls_per_request(post.get_absolute_url(), "testserver")


def test_a_query_string_reaches_the_page(uncached):
    PostFactory(title="Grain corridors")
    # A search that finds the post renders its card; one that finds nothing does not.
    found = calls_per_request("/search/?q=grain", "testserver")
    assert found > calls_per_request("/search/?q=zzzz", "testserver")


def test_a_page_that_does_not_answer_200_is_not_counted(uncached):
    with pytest.raises(CommandError, match="answered 404"):
        calls_per_request("/blog/no-such-post/", "testserver")
