"""Deployment settings, response headers, sign-in limits, and faults readers never see."""

import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core.security import client_address
from tests.factories import PostFactory, UserFactory
from tests.servers import gunicorn

ROOT = Path(__file__).resolve().parents[2]


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


def fail_until_limited(client, username, limit, address="203.0.113.7"):
    """Sends `limit` wrong passwords for `username`; all but the last are refused as wrong."""
    statuses = [attempt(client, username, address=address).status_code for _ in range(limit)]
    assert statuses[:-1] == [200] * (limit - 1)


def signed_in(client):
    return "_auth_user_id" in client.session


def assert_refused_with_the_right_password(client, username):
    """The right password is refused (429) and no one is signed in: the account waits."""
    response = attempt(client, username, password="correct horse battery staple")
    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_sign_in_is_limited_per_account_and_says_the_same_for_unknown_accounts(client, settings):
    UserFactory(username="editor1", is_staff=True)
    fail_until_limited(client, "editor1", settings.LOGIN_FAILURES_PER_ACCOUNT)
    fail_until_limited(client, "nobody-here", settings.LOGIN_FAILURES_PER_ACCOUNT)
    known = attempt(client, "editor1", password="correct horse battery staple")
    unknown = attempt(client, "nobody-here")
    assert known.status_code == unknown.status_code == 429
    assert "Too many failed sign-in attempts" in known.content.decode()
    assert "Too many failed sign-in attempts" in unknown.content.decode()
    # Even the right password waits: the account is limited, not the guess.
    assert not signed_in(client)


@pytest.mark.django_db
def test_sign_in_is_limited_per_address_across_accounts(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for number in range(6):
        attempt(client, f"guess{number}", address="198.51.100.9")
    assert attempt(client, "another-guess", address="198.51.100.9").status_code == 429
    assert attempt(client, "another-guess", address="198.51.100.10").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["ｖｉｃｔｉｍ", "VICTIM", "Ｖｉｃｔｉｍ"])
def test_a_locked_account_stays_locked_under_look_alike_spellings(client, settings, spelling):
    UserFactory(username="victim", is_staff=True)
    fail_until_limited(client, "victim", settings.LOGIN_FAILURES_PER_ACCOUNT)
    assert_refused_with_the_right_password(client, spelling)


@pytest.mark.django_db
def test_wrong_passwords_in_look_alike_spellings_count_against_the_account(client, settings):
    UserFactory(username="victim", is_staff=True)
    fail_until_limited(client, "ｖｉｃｔｉｍ", settings.LOGIN_FAILURES_PER_ACCOUNT)
    assert_refused_with_the_right_password(client, "victim")


@pytest.mark.django_db
def test_a_right_password_resets_the_accounts_count(client, settings):
    UserFactory(username="editor3", is_staff=True)
    fail_until_limited(client, "editor3", settings.LOGIN_FAILURES_PER_ACCOUNT - 1)
    attempt(client, "editor3", password="correct horse battery staple")
    assert signed_in(client)
    client.logout()
    fail_until_limited(client, "editor3", settings.LOGIN_FAILURES_PER_ACCOUNT - 1)
    attempt(client, "editor3", password="correct horse battery staple")
    assert signed_in(client)


@pytest.mark.django_db
def test_sign_in_limits_survive_a_flood_of_readers_and_a_cleared_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    UserFactory(username="victim", is_staff=True)
    fail_until_limited(client, "victim", settings.LOGIN_FAILURES_PER_ACCOUNT)
    for number in range(450):
        client.get(f"/robots.txt?x={number}")
    cache.clear()
    assert_refused_with_the_right_password(client, "victim")


@pytest.mark.django_db
def test_axes_reset_lifts_a_lockout(client, settings):
    UserFactory(username="victim", is_staff=True)
    fail_until_limited(client, "victim", settings.LOGIN_FAILURES_PER_ACCOUNT)
    call_command("axes_reset", verbosity=0)
    attempt(client, "victim", password="correct horse battery staple")
    assert signed_in(client)


# Client addresses behind proxies -----------------------------------------------------------


def attempt_through_proxy(client, username, forwarded_for, proxy="10.0.0.2"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": "wrong password"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_without_trusted_proxies_one_client_behind_a_proxy_cannot_lock_everyone_out(
    client, settings
):
    settings.TRUSTED_PROXIES = 0
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    for number in range(10):
        attempt_through_proxy(client, f"guess{number}", "198.51.100.66")
    UserFactory(username="editor4", is_staff=True)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor4", "password": "correct horse battery staple"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.77",
    )
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_with_a_trusted_proxy_the_per_address_limit_holds_per_client(client, settings):
    settings.TRUSTED_PROXIES = 1
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    for number in range(4):
        # What a client writes into the header itself is ignored: the proxy appends the
        # address it saw, and that entry is the client's.
        attempt_through_proxy(client, f"guess{number}", f"192.0.2.{number}, 198.51.100.66")
    assert attempt_through_proxy(client, "one-more", "198.51.100.66").status_code == 429
    assert attempt_through_proxy(client, "one-more", "198.51.100.77").status_code == 200


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.5", None, "203.0.113.5"),
        (0, "10.0.0.2", "203.0.113.5", None),
        (1, "10.0.0.2", "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        (2, "10.0.0.2", "192.0.2.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (1, "10.0.0.2", "not an address", None),
        (1, "10.0.0.2", None, "10.0.0.2"),
    ],
)
def test_client_address_comes_from_the_trusted_proxies(
    rf, settings, trusted, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = trusted
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = rf.get("/admin/login/", REMOTE_ADDR=remote, **headers)
    assert client_address(request) == expected


def test_sign_in_failures_are_counted_once_for_all_gunicorn_workers(tmp_path):
    database = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    # Plain HTTP on loopback: cookies may travel without TLS here.
    env = base_env(DATABASE_URL=database, MEDIA_ROOT=str(tmp_path / "media"), SECURE_COOKIES="0")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    with gunicorn(env, 18243, workers=3) as base:
        statuses = [post_sign_in(base, "victim") for _ in range(15)]
    assert statuses.count(200) == 4, statuses
    assert statuses[4:] == [429] * 11, statuses


def post_sign_in(base, username):
    """One sign-in attempt with a fresh session and CSRF token, as a new browser sends it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/admin/login/", timeout=15).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": "wrong", "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(base + "/admin/login/", data=data, headers={"Referer": base})
    try:
        with opener.open(request, timeout=15) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


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
