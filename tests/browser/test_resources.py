"""Pages load everything they ask for: stylesheet, hero image, author photo, the icon."""

POST = "/blog/pipelines-ports-and-the-new-caspian-bargain/"


def record_failures(page):
    """Every response of 400 or more and every request that failed, as they happen."""
    failures = []

    def check(response):
        if response.status >= 400:
            failures.append(f"{response.status} {response.url}")

    page.on("response", check)
    page.on("requestfailed", lambda request: failures.append(f"failed: {request.url}"))
    return failures


def test_post_page_loads_its_stylesheet_and_images(site, page):
    failures = record_failures(page)

    page.goto(site + POST)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")

    assert not failures
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    assert page.evaluate("Array.from(document.images).every(img => img.naturalWidth > 0)")


def test_home_page_and_its_icon_load_without_a_failed_request(site, page):
    failures = record_failures(page)

    page.goto(site + "/")
    page.wait_for_load_state("networkidle")
    icon = page.get_attribute('link[rel="icon"]', "href")
    # Browsers ask for /favicon.ico on their own (for a feed or an image opened directly).
    legacy = page.request.get(site + "/favicon.ico")

    assert not failures
    assert icon and page.request.get(site + icon).ok
    assert legacy.ok and legacy.headers["content-type"] == "image/svg+xml"
