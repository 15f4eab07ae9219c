"""The admin's "view on site" shortcut answers only for what an account may see."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from blog.models import Post, ReviewLink
from tests.factories import AuthorFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["Editors", "Contributors", "Bio managers", None]


def signed_in(role):
    user = UserFactory(role=role) if role else UserFactory()
    if role == "Contributors":
        # The contributor is in the byline of every post below: the strongest case.
        user.author = AuthorFactory(user=user)
    client = Client()
    client.force_login(user)
    return client, user


def make_post(kind, author=None):
    post = PostFactory(authors=[author] if author else [])
    if kind == "draft":
        post.status = Post.Status.DRAFT
    elif kind == "scheduled":
        post.publish_at = timezone.now() + datetime.timedelta(days=3)
    elif kind == "trashed":
        post.deleted_at = timezone.now()
    post.save()
    return post


def shortcut(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return f"/admin/r/{content_type.pk}/{obj.pk}/"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["draft", "scheduled", "trashed"])
def test_view_on_site_shortcut_gives_no_unpublished_posts_address_to_any_role(role, kind):
    client, user = signed_in(role)
    post = make_post(kind, getattr(user, "author", None))
    response = client.get(shortcut(post))
    assert response.status_code == 404
    assert post.slug not in response.get("Location", "")
    assert post.slug not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_view_on_site_shortcut_gives_no_review_links_signed_address(role):
    client, user = signed_in(role)
    post = make_post("draft", getattr(user, "author", None))
    link = ReviewLink.objects.create(post=post)
    response = client.get(shortcut(link))
    assert response.status_code == 404
    assert link.token not in response.get("Location", "")


@pytest.mark.parametrize("role", ["Bio managers", None])
def test_view_on_site_shortcut_answers_404_to_accounts_that_may_not_view_posts(role):
    client, _ = signed_in(role)
    post = PostFactory()
    assert client.get(shortcut(post)).status_code == 404


def test_view_on_site_shortcut_takes_an_editor_to_a_published_post():
    client, _ = signed_in("Editors")
    post = PostFactory()
    response = client.get(shortcut(post))
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()


def test_review_link_rows_offer_no_view_on_site_link(admin_client):
    post = make_post("draft")
    ReviewLink.objects.create(post=post)
    page = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    assert post.get_absolute_url() not in page
    assert "/admin/r/" not in page


def test_trashed_post_is_not_public():
    assert make_post("trashed").is_public is False
