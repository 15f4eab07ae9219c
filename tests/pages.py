"""Reading what a reader sees on a page."""

from bs4 import BeautifulSoup

#: Every kind of public page, on the demo institution (`load_demo`): audited by axe
#: (tests/browser/test_accessibility.py) and the Nu HTML checker (tests/core/test_valid_html.py).
PUBLIC_PAGES = [
    "/blog/pipelines-ports-and-the-new-caspian-bargain/",
    # A heading, footnotes, a table with a caption, a figure, an embed and pull quotes.
    "/blog/why-the-aral-basin-still-matters/",
    # An author, a contributor, a translator and an editor; the translator's page.
    "/blog/a-drought-year-on-the-volga/",
    "/people/tomas-herrera/",
    # One commentary in English, Russian and Ukrainian.
    "/blog/what-sanctions-cannot-do/",
    "/blog/chego-ne-mogut-sanktsii/",
    "/blog/chogo-ne-mozhut-sanktsiyi/",
    # Their author, whose titles and short bio are kept in Russian and Ukrainian too.
    "/people/daniel-okafor/",
    "/blog/?lang=ru",
    # Page words in Ukrainian and Russian: filters, pagination, an empty search.
    "/blog/?lang=uk",
    "/search/?q=zzzz-nothing&lang=ru",
    "/",
    "/blog/",
    "/people/irina-voskresenskaya/",
    "/people/",
    "/people/?program=caspian-institute&q=irina",
    "/programs/",
    "/programs/caspian-institute/",
    "/programs/series/the-caspian-letter/",
    "/topics/energy/",
    "/search/?q=ports",
    "/search/?q=zzzz-nothing",
    "/support/",
    "/blog/no-such-post/",
]


def titles(response):
    """The titles of the post cards on a page, in order."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".post-card__title a")]
