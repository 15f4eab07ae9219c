"""Addresses built from a route's shape are the ones `reverse()` gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from config.addresses import slug_url


@pytest.mark.parametrize(
    "viewname", ["blog:post", "people:detail", "programs:detail", "programs:series"]
)
@pytest.mark.parametrize("slug", ["a", "trade-corridors-2026", "under_score", "UPPER-9"])
def test_slug_url_is_what_reverse_gives(viewname, slug):
    assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_slug_url_follows_the_script_prefix():
    try:
        set_script_prefix("/think-tank/")
        assert slug_url("blog:post", "a-post") == "/think-tank/blog/a-post/"
    finally:
        set_script_prefix("/")
    assert slug_url("blog:post", "a-post") == "/blog/a-post/"


@pytest.mark.parametrize("slug", ["", "a/b", "ünï", "a b"])
def test_what_is_not_a_slug_is_refused_as_reverse_refuses_it(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("blog:post", slug)
