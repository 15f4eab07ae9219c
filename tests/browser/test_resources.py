"""The commentary page loads everything it asks for: stylesheet, hero image, author photo."""

POST = "/blog/pipelines-ports-and-the-new-caspian-bargain/"


def test_post_page_loads_its_stylesheet_and_images(site, page):
    failures = []

    def check(response):
        # Chromium asks for /favicon.ico on its own; the site does not link one.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            failures.append(f"{response.status} {response.url}")

    page.on("response", check)
    page.on("requestfailed", lambda request: failures.append(f"failed: {request.url}"))

    page.goto(site + POST)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")

    assert not failures
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    assert page.evaluate("Array.from(document.images).every(img => img.naturalWidth > 0)")
