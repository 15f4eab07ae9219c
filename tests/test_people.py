import datetime

import pytest

from tests.factories import AuthorFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_titles_display_joins_current_positions_in_order():
    author = AuthorFactory()
    PositionFactory(author=author, title="Editor-at-Large", organization="Review", order=2)
    PositionFactory(author=author, title="Senior Advisor", order=0)
    PositionFactory(author=author, title="Editor-in-Chief", organization="The Letter", order=1)
    assert author.titles_display == (
        "Senior Advisor; Editor-in-Chief, The Letter; Editor-at-Large, Review"
    )


def test_titles_display_leaves_out_past_and_future_positions():
    author = AuthorFactory()
    today = datetime.date.today()
    PositionFactory(author=author, title="Fellow")
    PositionFactory(
        author=author, title="Former Director", end_date=today - datetime.timedelta(days=1)
    )
    PositionFactory(
        author=author, title="Incoming Chair", start_date=today + datetime.timedelta(days=30)
    )
    assert author.titles_display == "Fellow"


def test_author_page_shows_bio_and_only_published_posts(client):
    from blog.models import Post
    from tests.factories import PostFactory

    author = AuthorFactory(full_bio="First paragraph.\n\nSecond paragraph.")
    PostFactory(authors=[author], title="Live commentary")
    PostFactory(authors=[author], title="Unfinished draft", status=Post.Status.DRAFT)
    page = client.get(author.get_absolute_url()).content.decode()
    assert "<p>First paragraph.</p>" in page and "<p>Second paragraph.</p>" in page
    assert "Live commentary" in page
    assert "Unfinished draft" not in page


def test_unknown_author_answers_404(client):
    assert client.get("/people/nobody/").status_code == 404
