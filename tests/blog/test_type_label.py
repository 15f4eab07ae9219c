"""A post's type as readers see it (“Op-ed”): on its page and on every card, in the page's
language, and never an error for a type no longer offered."""

import pytest
from bs4 import BeautifulSoup

from blog.models import Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def type_labels(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [
        label.get_text(strip=True)
        for label in BeautifulSoup(response.content, "html.parser").find_all(class_="post-type")
    ]


def test_the_page_and_a_card_name_the_type_as_editors_chose_it(client):
    post = PostFactory(post_type=Post.PostType.OP_ED)
    assert type_labels(client, post.get_absolute_url()) == ["Op-ed"]
    assert type_labels(client, "/blog/") == ["Op-ed"]


def test_a_russian_posts_page_names_its_type_in_russian(client):
    post = PostFactory(post_type=Post.PostType.OP_ED, language="ru")
    assert type_labels(client, post.get_absolute_url()) == ["Колонка"]


def test_a_type_no_longer_offered_is_shown_as_stored(client):
    post = PostFactory()
    # A value from before the list of types changed, left in the database.
    Post.objects.filter(pk=post.pk).update(post_type="podcast")
    assert type_labels(client, post.get_absolute_url()) == ["podcast"]
    assert type_labels(client, "/blog/") == ["podcast"]
