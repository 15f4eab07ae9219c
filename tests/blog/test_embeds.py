"""Embeds: videos and charts from a short list of providers, shown to readers as a titled
link that loads the player only when they choose to."""

import pytest
from bs4 import BeautifulSoup

from blog import embeds
from blog.html import clean_body
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

PLAYERS = [
    (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ),
    ("https://youtu.be/dQw4w9WgXcQ?t=30", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
    ("https://datawrapper.dwcdn.net/AbC12/3/", "https://datawrapper.dwcdn.net/AbC12/"),
    ("https://www.datawrapper.de/_/AbC12/", "https://datawrapper.dwcdn.net/AbC12/"),
    (
        "https://public.flourish.studio/visualisation/1234567/",
        "https://flo.uri.sh/visualisation/1234567/embed",
    ),
]


def embed(href, title="Freight through Aktau, 2020–2024"):
    return (
        f'<p>Before.</p><figure class="embed"><a href="{href}">{title}</a></figure><p>After.</p>'
    )


@pytest.mark.parametrize(("address", "player"), PLAYERS)
def test_a_providers_address_gives_its_player(address, player):
    assert embeds.player(address)[1] == player


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/channels/x",
    ],
)
def test_other_addresses_are_no_embed(address):
    assert embeds.player(address) == (None, None)


def test_readers_see_a_titled_link_and_no_player_until_they_ask(client):
    post = PostFactory(body=embed("https://vimeo.com/76979871"))
    page = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    figure = page.select_one(".post-body figure.embed")
    assert figure["data-embed-src"] == "https://player.vimeo.com/video/76979871"
    link = figure.select_one(".embed__title a")
    assert (link["href"], link.get_text()) == (
        "https://vimeo.com/76979871",
        "Freight through Aktau, 2020–2024",
    )
    assert "Vimeo video" in figure.select_one(".embed__note").get_text()
    assert figure.select_one("button.embed__load").has_attr("hidden")  # shown by the script
    assert page.select("iframe") == []
    assert page.select_one('script[src*="js/embeds"]') is not None


def test_an_address_of_another_site_stays_a_plain_link(client):
    post = PostFactory(body=embed("https://example.org/chart"))
    page = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    figure = page.select_one(".post-body figure.embed")
    assert not figure.has_attr("data-embed-src")
    assert figure.select_one("a")["href"] == "https://example.org/chart"
    assert page.select("button, iframe") == []


def test_a_page_without_embeds_loads_no_embed_script(client):
    post = PostFactory()
    page = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    assert page.select_one('script[src*="js/embeds"]') is None


def test_pages_may_frame_exactly_the_providers_players(client):
    csp = client.get("/")["Content-Security-Policy"]
    frame_src = next(d for d in csp.split("; ") if d.startswith("frame-src "))
    assert frame_src.split()[1:] == [
        "'self'",
        "https://datawrapper.dwcdn.net",
        "https://flo.uri.sh",
        "https://player.vimeo.com",
        "https://www.youtube-nocookie.com",
    ]


def test_an_embed_is_stored_as_its_address_and_title_alone():
    stored = clean_body(
        '<figure class="embed wide" data-x="1"><a href="https://vimeo.com/1" '
        'onclick="x()">T</a><iframe src="https://vimeo.com/1"></iframe></figure>'
    )
    assert stored == '<figure class="embed"><a href="https://vimeo.com/1">T</a></figure>'


def test_other_programs_figures_leave_what_they_hold():
    stored = clean_body(
        '<figure class="wp-block-table"><table><tr><td>1</td></tr></table></figure>'
    )
    assert stored == "<table><tbody><tr><td>1</td></tr></tbody></table>"
