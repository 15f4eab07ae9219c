import io

import pytest
from PIL import Image


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
