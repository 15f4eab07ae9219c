import io
import os

import pytest
from PIL import Image


def worker_cache_url():
    """
    When pytest-xdist runs the suite in several processes (as `make test` does), each gets
    a Redis database of its own: tests clear the cache, and one database shared by all
    would let one process's clearing or cached pages reach another's test. The Redis
    CACHE_URL this process uses, or None when it needs none of its own.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("CACHE_URL", "")
    if not (worker and url.startswith("redis://")):
        return None
    address, _, database = url.removeprefix("redis://").partition("/")
    number = int(database.strip("/") or 0) + int(worker.removeprefix("gw"))
    return f"redis://{address}/{number}"


# Servers and commands a test starts read CACHE_URL from the environment.
if WORKER_CACHE_URL := worker_cache_url():
    os.environ["CACHE_URL"] = WORKER_CACHE_URL


@pytest.fixture(scope="session", autouse=True)
def own_redis_database():
    """This process's Redis database (`worker_cache_url`) for the whole session. Django
    has read its settings by the time this file loads, so they are overridden, as tests
    override settings, which also resets Django's cache connections."""
    if WORKER_CACHE_URL is None:
        yield
        return
    from django.conf import settings
    from django.test.utils import override_settings

    default = {**settings.CACHES["default"], "LOCATION": WORKER_CACHE_URL}
    with override_settings(CACHES={**settings.CACHES, "default": default}):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of each test go to a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """
    Sign-in works as in production, but hashing a password takes next to no time: most
    tests make a user, and the production hasher's cost is spent on purpose. The heavy
    system suites keep the production hasher: their servers run in processes of their
    own, which must read the passwords the test wrote.
    """
    if request.node.get_closest_marker("system") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Pages are built afresh in tests; tests of the page cache turn it back on."""
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def jpeg_bytes():
    def make(width=400, height=300, colour=(30, 90, 140)):
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), colour).save(buffer, format="JPEG")
        return buffer.getvalue()

    return make


@pytest.fixture
def editor():
    """A member of the Editors group."""
    from tests.factories import UserFactory

    return UserFactory(role="Editors")


@pytest.fixture
def contributor():
    """A member of the Contributors group, with the author record that puts them in bylines."""
    from tests.factories import AuthorFactory, UserFactory

    user = UserFactory(role="Contributors")
    AuthorFactory(name="Cora Writer", user=user)
    return user
