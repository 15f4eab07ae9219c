"""Only published posts whose time has come reach readers; everything else is a 404."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from blog.models import Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Post.Status.DRAFT, Post.Status.IN_REVIEW])
def test_unpublished_post_answers_404(client, status):
    post = PostFactory(status=status)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_post_scheduled_for_later_answers_404(client):
    post = PostFactory(publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(post.get_absolute_url()).status_code == 404


def test_unknown_post_answers_404(client):
    assert client.get("/blog/no-such-post/").status_code == 404


def test_scheduled_post_appears_at_its_moment_without_a_restart(client):
    moment = timezone.now() + datetime.timedelta(days=2)
    post = PostFactory(publish_at=moment)
    with time_machine.travel(moment - datetime.timedelta(seconds=1), tick=False):
        assert client.get(post.get_absolute_url()).status_code == 404
        assert post.title not in client.get("/blog/").content.decode()
    with time_machine.travel(moment, tick=False):
        assert client.get(post.get_absolute_url()).status_code == 200
        assert post.title in client.get("/blog/").content.decode()


def test_drafts_never_appear_in_listings(client):
    draft = PostFactory(status=Post.Status.DRAFT, title="Secret embargoed draft")
    author = draft.byline[0]
    for url in ["/", "/blog/", author.get_absolute_url(), draft.program.get_absolute_url()]:
        assert "Secret embargoed draft" not in client.get(url).content.decode(), url


def test_published_only_returns_published_posts_whose_time_has_come():
    live = PostFactory()
    PostFactory(status=Post.Status.DRAFT)
    PostFactory(status=Post.Status.IN_REVIEW)
    PostFactory(publish_at=timezone.now() + datetime.timedelta(minutes=5))
    assert list(Post.objects.published()) == [live]


def test_publishing_without_a_time_publishes_now_and_records_first_publication():
    post = PostFactory(status=Post.Status.DRAFT, publish_at=None)
    post.status = Post.Status.PUBLISHED
    post.save()
    assert post.publish_at is not None
    assert post.first_published_at == post.publish_at
    assert post.is_public
