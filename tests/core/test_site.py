import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import PostFactory, SeriesFactory

ROOT = Path(__file__).resolve().parents[2]


def run_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_starts_without_secret_key_in_debug():
    assert run_settings(DEBUG="1").returncode == 0


def test_unknown_cache_url_is_refused_with_a_clear_message():
    result = run_settings(DEBUG="1", CACHE_URL="memcached://x")
    assert "CACHE_URL scheme 'memcached' is not supported" in result.stderr


@pytest.mark.django_db
def test_healthz_answers_200_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["x", "0", "999", "-1"])
def test_malformed_or_missing_page_numbers_answer_404_not_500(client, page):
    PostFactory()
    assert client.get(f"/blog/?page={page}").status_code == 404


@pytest.mark.django_db
def test_listing_paginates_newest_first(client):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    for day in range(25):
        PostFactory(title=f"Day {day:02d}", publish_at=now - datetime.timedelta(days=day + 1))
    first = client.get("/blog/").content.decode()
    assert first.index("Day 00") < first.index("Day 01")
    assert "Day 24" not in first
    second = client.get("/blog/?page=2").content.decode()
    assert "Day 24" in second and 'rel="prev"' in second


@pytest.mark.django_db
def test_every_read_more_lands_on_a_real_page(client):
    series = SeriesFactory()
    post = PostFactory(program=series.program, series=series)
    pages_listing_the_post = [
        post.byline[0].get_absolute_url(),
        post.program.get_absolute_url(),
        series.get_absolute_url(),
        "/",
    ]
    for url in pages_listing_the_post:
        response = client.get(url)
        assert response.status_code == 200, url
        assert post.title in response.content.decode(), url
    for url in ["/people/", "/programs/", "/support/"]:
        assert client.get(url).status_code == 200, url
