import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from blog.models import Post

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of Folio's own tables, taggit's and users', serialized."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label in {"blog", "people", "programs", "taggit", "auth"}
    ]
    return {
        model._meta.label: serializers.serialize("json", model.objects.order_by("pk"))
        for model in models
    }


def test_running_load_demo_twice_leaves_the_same_rows():
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first


def test_demo_has_the_shape_of_the_reference_site(client):
    call_command("load_demo", verbosity=0)
    assert Post.objects.published().count() >= 3
    assert Post.objects.filter(status=Post.Status.DRAFT).exists()
    assert (
        Post.objects.filter(status=Post.Status.PUBLISHED)
        .exclude(pk__in=Post.objects.published())
        .exists()
    ), "one post is scheduled for later"
    assert any(len(post.byline) == 2 for post in Post.objects.published())
    for post in Post.objects.published():
        assert post.pull_quotes.exists()
        assert post.topics.exists()
        assert client.get(post.get_absolute_url()).status_code == 200
        for author in post.byline:
            assert author.photo and author.photo_alt and author.titles_display
            assert client.get(author.get_absolute_url()).status_code == 200
            assert client.get(author.photo.url).status_code == 200


def test_demo_has_one_post_in_three_languages_with_translators(client):
    call_command("load_demo", verbosity=0)
    original = Post.objects.get(slug="what-sanctions-cannot-do")
    versions = {post.language: post for post in original.versions}
    assert set(versions) == {"en", "ru", "uk"}
    for code in ("ru", "uk"):
        translation = Post.objects.get(pk=versions[code].pk)
        assert [b.author.name for b in translation.bylines.filter(role="translator")] == [
            "Irina Voskresenskaya"
        ]
        page = client.get(translation.get_absolute_url()).content.decode()
        assert f'<html lang="{code}">' in page
