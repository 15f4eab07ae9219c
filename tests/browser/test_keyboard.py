"""Keyboard users can skip the site header straight to the content."""

POST = "/blog/pipelines-ports-and-the-new-caspian-bargain/"


def test_first_tab_focuses_the_skip_link(site, page):
    page.goto(site + POST)

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"


def test_skip_link_moves_focus_into_main(site, page):
    page.goto(site + POST)
    page.keyboard.press("Tab")

    page.keyboard.press("Enter")

    focus = page.evaluate(
        """() => {
            const el = document.activeElement;
            return {inMain: el.closest("main") !== null, tag: el.tagName, id: el.id};
        }"""
    )
    assert focus["inMain"], f"focus went to <{focus['tag'].lower()} id={focus['id']!r}>"
