"""An object's address follows its slug, though an instance keeps the one it reversed."""

import pytest

from tests.factories import AuthorFactory, PostFactory, ProgramFactory, SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "prefix"),
    [
        (AuthorFactory, "/people/"),
        (PostFactory, "/blog/"),
        (ProgramFactory, "/programs/"),
        (SeriesFactory, "/programs/series/"),
    ],
)
def test_an_address_follows_a_changed_slug(factory, prefix):
    thing = factory(slug="first-slug")
    assert thing.get_absolute_url() == f"{prefix}first-slug/"

    thing.slug = "second-slug"

    assert thing.get_absolute_url() == f"{prefix}second-slug/"
