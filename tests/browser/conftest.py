"""
Real-browser tests: the system Chromium driven through Playwright's sync API against
pytest-django's live server, with the demo content loaded.

Every test in this folder is marked `browser` (`make browser-test` runs only these).
Without Chromium at /usr/bin/chromium they are skipped, except on CI (CI=true), where a
missing browser is a failure rather than a silently green run.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an asyncio event loop in the test thread; Django would
# otherwise refuse ORM calls made from that thread (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
BROWSER_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items, not only this folder's.
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"Chromium not found at {CHROMIUM}: the browser tests cannot run on CI. "
                "Install it (apt-get install chromium).",
                pytrace=False,
            )
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)"
        )

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context (own cookies) with the given viewport."""
    contexts = []

    def open_page(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, device_scale_factor=1, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-width page (1280×800)."""
    return new_page()


@pytest.fixture(scope="session")
def live_server(request):
    """
    pytest-django's live server, except that static files go through WhiteNoise and the
    collected, hashed files exactly as in production. (pytest-django's default handler
    looks files up with the finders, which know nothing of the hashed names that the
    manifest storage of DEBUG=0 puts in the pages, so every stylesheet would be a 404.)
    """
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
    from pytest_django.live_server_helper import LiveServer

    if isinstance(staticfiles_storage, ManifestFilesMixin) and not staticfiles_storage.exists(
        staticfiles_storage.manifest_name
    ):
        pytest.fail(
            "Static files are not collected: run `make browser-test`, which runs "
            "collectstatic first.",
            pytrace=False,
        )

    addr = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(live_server):
    """The live server's base URL, with the demo institution loaded."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url
