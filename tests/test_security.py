"""Deployment settings, response headers, sign-in limits, and faults readers never see."""

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.factories import PostFactory, UserFactory
from tests.servers import gunicorn

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_check_deploy_without_warnings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "1",
        "ALLOWED_HOSTS": "think.example.org",
        "SITE_URL": "https://think.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/blog/", "/search/?q=x", "/admin/login/"])
def test_every_html_response_carries_the_security_headers(client, path):
    PostFactory()
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_each_response_gets_its_own_nonce(client):
    first = client.get("/admin/login/")["Content-Security-Policy"]
    second = client.get("/admin/login/")["Content-Security-Policy"]
    assert first != second


@pytest.mark.django_db
def test_hsts_is_sent_over_https(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def attempt(client, username, password="wrong password", address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
def test_sign_in_is_limited_per_account_and_says_the_same_for_unknown_accounts(client, settings):
    UserFactory(username="editor1", is_staff=True)
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert attempt(client, "editor1").status_code == 200
        assert attempt(client, "nobody-here").status_code == 200
    known = attempt(client, "editor1", password="correct horse battery staple")
    unknown = attempt(client, "nobody-here")
    assert known.status_code == unknown.status_code == 429
    assert "Too many failed sign-in attempts" in known.content.decode()
    assert "Too many failed sign-in attempts" in unknown.content.decode()
    # Even the right password waits: the account is limited, not the guess.
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_in_is_limited_per_address_across_accounts(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for number in range(6):
        attempt(client, f"guess{number}", address="198.51.100.9")
    assert attempt(client, "another-guess", address="198.51.100.9").status_code == 429
    assert attempt(client, "another-guess", address="198.51.100.10").status_code == 200


@pytest.mark.django_db
def test_failed_sign_in_message_does_not_tell_which_accounts_exist(client):
    UserFactory(username="editor2", is_staff=True)
    known = attempt(client, "editor2", address="192.0.2.1").content.decode()
    unknown = attempt(client, "nobody", address="192.0.2.2").content.decode()
    message = "Please enter the correct username and password"
    assert message in known and message in unknown


# Faults: real servers with a database or cache that does not answer ----------------------


def get(url, timeout=15):
    began = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode(), time.monotonic() - began
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - began


def base_env(**extra):
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "fault-tests",
        "ALLOWED_HOSTS": "127.0.0.1",
        **extra,
    }


def test_readers_get_a_friendly_503_within_seconds_when_postgresql_is_away():
    env = base_env(
        DATABASE_URL="postgres://postgres@127.0.0.1:1/folio",  # nothing listens there
        DATABASE_POOL_TIMEOUT="3",
        PAGE_CACHE_SECONDS="0",
    )
    with gunicorn(env, 18241) as base:
        status, body, elapsed = get(base + "/blog/")
        assert status == 503 and "Back in a moment" in body
        assert "Traceback" not in body
        assert elapsed < 5
        status, body, _ = get(base + "/healthz")
        assert status == 503


def test_pages_and_sign_in_work_when_redis_is_away(tmp_path):
    database = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    env = base_env(
        DATABASE_URL=database,
        CACHE_URL="redis://127.0.0.1:1/0",  # nothing listens there
        MEDIA_ROOT=str(tmp_path / "media"),
        PAGE_CACHE_SECONDS="300",
    )
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    with gunicorn(env, 18242) as base:
        for path in [
            "/",
            "/blog/",
            "/blog/pipelines-ports-and-the-new-caspian-bargain/",
            "/search/?q=ports",
        ]:
            status, body, _ = get(base + path)
            assert status == 200, path
        status, body, _ = get(base + "/admin/login/")
        assert status == 200 and "Log in" in body
