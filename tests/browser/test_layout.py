"""The commentary page fits a phone screen."""

POST = "/blog/pipelines-ports-and-the-new-caspian-bargain/"
PHONE = {"width": 375, "height": 812}

# Elements whose right edge passes the viewport, to name the culprit when the test fails.
OVERFLOWING = """limit => Array.from(document.querySelectorAll("body *"))
    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
    .slice(0, 10)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))"""


def test_post_page_has_no_horizontal_scroll_at_375px(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site + POST)
    page.wait_for_load_state("networkidle")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")

    assert scroll_width <= PHONE["width"], (
        f"page is {scroll_width}px wide at {PHONE['width']}px; overflowing: "
        f"{page.evaluate(OVERFLOWING, PHONE['width'])}"
    )
