"""`manage.py bench`'s count of the Python function calls a request makes: the figure a
change to a page is weighed by, where times drift from run to run."""

import pytest

from devtools.management.commands.bench import calls_per_request
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_the_same_request_makes_the_same_number_of_calls(uncached):
    post = PostFactory()
    assert calls_per_request(post.get_absolute_url(), "testserver") == calls_per_request(
        post.get_absolute_url(), "testserver"
    )


def test_a_page_makes_more_calls_than_the_health_check(uncached):
    post = PostFactory()
    health = calls_per_request("/healthz", "testserver")
    assert 0 < health < calls_per_request(post.get_absolute_url(), "testserver")


def test_a_query_string_reaches_the_page(uncached):
    PostFactory(title="Grain corridors")
    # A search that finds the post renders its card; one that finds nothing does not.
    found = calls_per_request("/search/?q=grain", "testserver")
    assert found > calls_per_request("/search/?q=zzzz", "testserver")
