"""Reading what a reader sees on a page."""

from bs4 import BeautifulSoup


def titles(response):
    """The titles of the post cards on a page, in order."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".post-card__title a")]
