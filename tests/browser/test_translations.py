"""The versions of one post in three languages, in Chromium: the switcher by keyboard."""

import os

from playwright.sync_api import expect

from tests.browser.test_screenshots import DOCS_SCREENSHOTS, save_png

VERSIONS = {
    "en": "/blog/what-sanctions-cannot-do/",
    "ru": "/blog/chego-ne-mogut-sanktsii/",
    "uk": "/blog/chogo-ne-mozhut-sanktsiyi/",
}


def test_a_reader_switches_language_by_keyboard(site, page):
    page.goto(site + VERSIONS["en"])
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Русский":
            break
    else:
        raise AssertionError("Tab never reached the link to the Russian version")
    page.keyboard.press("Enter")
    page.wait_for_url(site + VERSIONS["ru"])
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text("Чего не могут санкции")
    switcher = page.locator(".language-switcher a")
    expect(switcher).to_have_text(["English", "Українська"])


def test_screenshots_of_the_three_versions(site, page, tmp_path):
    folder = DOCS_SCREENSHOTS if os.environ.get("FOLIO_SCREENSHOTS") == "1" else tmp_path
    page.set_viewport_size({"width": 1280, "height": 900})
    for language, path in VERSIONS.items():
        page.goto(site + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        shot = save_png(page.screenshot(), folder / f"translation-{language}.png")
        assert shot.stat().st_size > 0
