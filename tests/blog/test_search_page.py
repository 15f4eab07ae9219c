"""The search page: what readers find, in which order, with which snippets."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import timezone

from blog import services
from blog.models import Post
from tests.factories import (
    AuthorFactory,
    PostFactory,
    ProgramFactory,
    PullQuoteFactory,
)
from tests.pages import titles

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking and accent folding need PostgreSQL"
)


# Search -----------------------------------------------------------------------------


def test_search_finds_published_posts_by_words_and_never_drafts(client):
    PostFactory(title="Caspian ports", body="<p>Dredging at Aktau.</p>")
    PostFactory(title="Secret draft on ports", status=Post.Status.DRAFT)
    PostFactory(title="Scheduled ports", publish_at=timezone.now() + datetime.timedelta(days=1))
    PostFactory(title="Trashed ports", deleted_at=timezone.now())
    found = titles(client.get("/search/?q=ports"))
    assert found == ["Caspian ports"]
    assert titles(client.get("/search/?q=dredging")) == ["Caspian ports"]


def test_search_finds_posts_by_author_and_topic(client):
    post = PostFactory(title="An essay", authors=[AuthorFactory(name="Marta Lindqvist")])
    post.topics.set(["Hydrology"])
    assert titles(client.get("/search/?q=Lindqvist")) == ["An essay"]
    assert titles(client.get("/search/?q=hydrology")) == ["An essay"]


def test_search_snippet_comes_from_the_body_with_highlights_and_escaped(client):
    post = PostFactory(
        title="Harbours",
        body="<p>Long ago &lt;script&gt; was typed here. The tanker fleet grew.</p>",
    )
    PullQuoteFactory(post=post, text="The tanker fleet grew.", after_paragraph=1)
    soup = BeautifulSoup(client.get("/search/?q=tanker").content, "html.parser")
    snippet = soup.find(class_="search-snippet")
    assert snippet.find("mark").get_text().lower() == "tanker"
    assert snippet.find("script") is None
    if connection.vendor == "sqlite":
        assert "<script>" in snippet.get_text()  # shown as text, never as markup


def test_search_combines_with_filters(client):
    program = ProgramFactory()
    PostFactory(title="Ports one", program=program)
    PostFactory(title="Ports two")
    assert titles(client.get(f"/search/?q=ports&program={program.slug}")) == ["Ports one"]


@pytest.mark.parametrize("query", ["", "   ", "\x01\x02", "a" * 100_000, "ports " * 20_000])
def test_empty_and_overlong_queries_are_handled(client, query):
    PostFactory(title="Ports")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_overlong_query_is_shortened_with_a_notice(client):
    response = client.get("/search/", {"q": "ports " * 200})
    assert "only its first words were used" in response.content.decode()


def test_russian_words_are_found(client):
    PostFactory(title="Каспийские порты", body="<p>Танкерный флот растёт.</p>")
    assert titles(client.get("/search/?q=порты")) == ["Каспийские порты"]


@postgres_only
def test_title_match_outranks_body_match(client):
    PostFactory(title="Notes from the coast", body="<p>A word about pipelines here.</p>")
    PostFactory(
        title="Pipelines and power",
        body="<p>Nothing else.</p>",
        publish_at=timezone.now() - datetime.timedelta(days=30),
    )
    assert titles(client.get("/search/?q=pipelines")) == [
        "Pipelines and power",
        "Notes from the coast",
    ]


@postgres_only
def test_search_follows_a_post_out_of_and_back_into_view(client):
    post = PostFactory(title="Harbour tariffs")
    assert titles(client.get("/search/?q=harbour")) == ["Harbour tariffs"]
    services.trash_posts(Post.objects.filter(pk=post.pk))
    response = client.get("/search/?q=harbour")
    assert titles(response) == []
    assert "No commentary matches" in response.content.decode()
    services.restore_posts(Post.objects.filter(pk=post.pk))
    assert titles(client.get("/search/?q=harbour")) == ["Harbour tariffs"]
    post.refresh_from_db()
    post.status = Post.Status.DRAFT
    post.save()
    assert titles(client.get("/search/?q=harbour")) == []


@postgres_only
def test_search_leaves_out_a_scheduled_post_until_its_time(client):
    PostFactory(title="Harbour futures", publish_at=timezone.now() + datetime.timedelta(hours=2))
    response = client.get("/search/?q=harbour")
    assert titles(response) == []
    assert "No commentary matches" in response.content.decode()


@postgres_only
def test_search_counts_and_pages_through_every_match(client):
    for number in range(23):
        PostFactory(
            title=f"Harbour note {number}",
            publish_at=timezone.now() - datetime.timedelta(hours=number),
        )
    first = client.get("/search/?q=harbour")
    assert "23 results" in first.content.decode()
    second = client.get("/search/?q=harbour&page=2")
    assert titles(second) == ["Harbour note 20", "Harbour note 21", "Harbour note 22"]
    assert client.get("/search/?q=harbour&page=3").status_code == 404


@postgres_only
def test_search_is_accent_insensitive_and_stems_russian(client):
    PostFactory(title="Café politics in Zürich")
    PostFactory(title="Порты и танкеры", body="<p>Новые порты.</p>")
    assert titles(client.get("/search/?q=cafe zurich")) == ["Café politics in Zürich"]
    assert titles(client.get("/search/?q=порт")) == ["Порты и танкеры"]


@postgres_only
def test_a_russian_query_finds_the_inflected_forms_of_a_russian_post(client):
    PostFactory(
        title="Транзит и фрахт",
        language="ru",
        body="<p>Итоги санкций для транзитных государств.</p>",
    )
    assert titles(client.get("/search/?q=санкции&lang=ru")) == ["Транзит и фрахт"]
