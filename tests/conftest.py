import io
import os

import pytest
from PIL import Image


def own_redis_database_per_worker():
    """
    When pytest-xdist runs the suite in several processes (as `make test` does), each gets
    a Redis database of its own: tests clear the cache, and one database shared by all
    would let one process's clearing or cached pages reach another's test. Runs as this
    file loads, before Django reads its settings.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("CACHE_URL", "")
    if worker and url.startswith("redis://"):
        address, _, database = url.removeprefix("redis://").partition("/")
        number = int(database.strip("/") or 0) + int(worker.removeprefix("gw"))
        os.environ["CACHE_URL"] = f"redis://{address}/{number}"


own_redis_database_per_worker()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of each test go to a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """
    Sign-in works as in production, but hashing a password takes next to no time:
    most tests make a user, and the production hasher's cost is spent on purpose. (Servers
    a test starts in their own process keep the production hasher.)
    """
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
