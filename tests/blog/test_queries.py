"""Pages run a fixed number of queries, whatever the number of items on them."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import Correction, Post, ReviewLink
from tests.factories import AuthorFactory, PositionFactory, PostFactory, PullQuoteFactory

pytestmark = pytest.mark.django_db

# The post with its program and series (and whether it has translations or corrections);
# its pull quotes, topics, bylines with their authors, and the authors' positions; then
# related posts (ranked on the tag index) and their bylines with authors.
POST_PAGE_QUERIES = 7
# …and its corrections, where it has some.
CORRECTED_POST_PAGE_QUERIES = 8
# A review link: the link with its post, then the post as the commentary page reads it
# (without related posts, which a review copy does not show).
REVIEW_PAGE_QUERIES = 6
# The admin preview: session, user, the post for the permission check, then the post as
# the commentary page reads it (without related posts).
PREVIEW_PAGE_QUERIES = 9
# A pull quote's share page: the quote with its post and program, then the byline.
QUOTE_PAGE_QUERIES = 2
# The count for the paginator, the page of posts, their bylines with authors, and the
# programs and topics offered as filters.
LISTING_QUERIES = 5
# The topic, the count, the page of posts, their bylines, and the programs offered as a
# filter (a topic's page offers no topic filter).
TOPIC_QUERIES = 5
# The admin post list: session, user, counts, posts, bylines, and the filters' choices.
ADMIN_LIST_QUERIES = 12
# The admin change form: session, user, the post, its bylines with their authors and post,
# topics, the topics again in the order they were added (for the topics field), the byline
# rows, pull quotes, corrections, review links, revisions, the programs offered, the
# chosen authors of every byline row at once, and the versions of its translation group.
ADMIN_FORM_QUERIES = 14


def build_post(authors, pull_quotes, topics):
    people = AuthorFactory.create_batch(authors)
    for person in people:
        PositionFactory.create_batch(2, author=person)
    post = PostFactory(authors=people)
    PostFactory.create_batch(2, program=post.program)  # related posts
    PullQuoteFactory.create_batch(pull_quotes, post=post)
    post.topics.set([f"Topic {n}" for n in range(topics)])
    ContentType.objects.get_for_model(Post)  # cached for the process, as in production
    return post


@pytest.mark.parametrize(
    ("authors", "pull_quotes", "topics"), [(1, 1, 1), (5, 1, 1), (1, 5, 1), (1, 1, 10), (5, 5, 10)]
)
def test_post_page_query_count_is_fixed(
    client, django_assert_num_queries, authors, pull_quotes, topics
):
    post = build_post(authors, pull_quotes, topics)
    with django_assert_num_queries(POST_PAGE_QUERIES):
        response = client.get(post.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("corrections", [1, 5])
def test_a_corrected_post_page_reads_its_corrections_in_one_query(
    client, django_assert_num_queries, corrections
):
    post = build_post(authors=2, pull_quotes=2, topics=2)
    for number in range(corrections):
        Correction.objects.create(post=post, text=f"Correction {number}.")
    with django_assert_num_queries(CORRECTED_POST_PAGE_QUERIES):
        response = client.get(post.get_absolute_url())
    notes = BeautifulSoup(response.content, "html.parser").select(".corrections li")
    assert [note.get_text().rsplit(": ", 1)[-1] for note in notes] == [
        f"Correction {number}." for number in range(corrections)
    ]


@pytest.mark.parametrize(("authors", "pull_quotes", "topics"), [(1, 1, 1), (5, 5, 10)])
def test_pages_showing_one_post_run_a_fixed_number_of_queries(
    client, admin_client, django_assert_num_queries, authors, pull_quotes, topics
):
    post = build_post(authors, pull_quotes, topics)
    link = ReviewLink.objects.create(post=post)
    quote = post.pull_quotes.first()
    preview = f"/admin/blog/post/{post.pk}/preview/"
    admin_client.get(preview)  # warm the session
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        assert client.get(link.get_absolute_url()).status_code == 200
    with django_assert_num_queries(PREVIEW_PAGE_QUERIES):
        assert admin_client.get(preview).status_code == 200
    with django_assert_num_queries(QUOTE_PAGE_QUERIES):
        assert client.get(f"{post.get_absolute_url()}quotes/{quote.pk}/").status_code == 200


@pytest.mark.parametrize("posts", [1, 20])
def test_blog_listing_query_count_is_fixed(client, django_assert_num_queries, posts):
    for _ in range(posts):
        PostFactory(authors=AuthorFactory.create_batch(3))
    with django_assert_num_queries(LISTING_QUERIES):
        response = client.get("/blog/")
    assert response.status_code == 200


@pytest.mark.parametrize("posts", [1, 12])
def test_topic_page_query_count_is_fixed(client, django_assert_num_queries, posts):
    for _ in range(posts):
        PostFactory(authors=AuthorFactory.create_batch(2)).topics.add("Ports", "Rail")
    with django_assert_num_queries(TOPIC_QUERIES):
        response = client.get("/topics/ports/")
    assert response.status_code == 200
    assert response.content.decode().count('class="post-card"') == posts


@pytest.mark.parametrize("path", ["/", "/people/", "/programs/"])
def test_other_pages_do_not_grow_with_their_items(client, path):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    PostFactory(authors=AuthorFactory.create_batch(2))
    few = count()
    for _ in range(6):
        PostFactory(authors=AuthorFactory.create_batch(2))
    assert count() == few


@pytest.mark.parametrize("posts", [2, 12])
def test_admin_post_list_query_count_is_fixed(admin_client, django_assert_num_queries, posts):
    for _ in range(posts):
        post = PostFactory(authors=AuthorFactory.create_batch(3))
        post.topics.set(["Energy", "Water"])
    admin_client.get("/admin/blog/post/")  # warm the session and content types
    with django_assert_num_queries(ADMIN_LIST_QUERIES):
        assert admin_client.get("/admin/blog/post/").status_code == 200


def test_post_page_html_and_css_stay_under_60_kb(client):
    from django.contrib.staticfiles import finders

    post = build_post(authors=3, pull_quotes=3, topics=5)
    html = client.get(post.get_absolute_url()).content
    with open(finders.find("css/site.css"), "rb") as stylesheet:
        css = stylesheet.read()
    assert len(html) + len(css) < 60 * 1024, (len(html), len(css))


@pytest.mark.parametrize(
    ("authors", "pull_quotes", "topics"), [(1, 1, 1), (5, 1, 1), (1, 5, 1), (1, 1, 10), (5, 5, 10)]
)
def test_admin_change_form_query_count_is_fixed(
    admin_client, django_assert_num_queries, authors, pull_quotes, topics
):
    post = build_post(authors, pull_quotes, topics)
    url = f"/admin/blog/post/{post.pk}/change/"
    admin_client.get(url)  # warm the session and content types
    with django_assert_num_queries(ADMIN_FORM_QUERIES):
        response = admin_client.get(url)
    assert response.status_code == 200
    names = [byline.author.name for byline in post.bylines.all()]
    page = response.content.decode()
    assert all(f">{name}</option>" in page for name in names)  # each row shows its author
