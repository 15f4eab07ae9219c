"""Filters and searches answer what they may: no unpublished topic's name, no error page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from blog.models import Post
from tests.factories import PostFactory, SeriesFactory, login

pytestmark = pytest.mark.django_db

MALFORMED_IDS = ["99999999999999999999999", "-1", "abc", "1e5"]


def unpublished_post(state):
    """A post readers do not see: a draft, in review, scheduled for tomorrow or trashed."""
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    return {
        "draft": lambda: PostFactory(status=Post.Status.DRAFT),
        "review": lambda: PostFactory(status=Post.Status.IN_REVIEW),
        "scheduled": lambda: PostFactory(publish_at=tomorrow),
        "trashed": lambda: PostFactory(deleted_at=timezone.now()),
    }[state]()


# Row 8: a topic filter names only topics of published posts ------------------------------


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "trashed"])
@pytest.mark.parametrize("path", ["/blog/?topic=embargoed", "/search/?q=ports&topic=embargoed"])
def test_topic_filter_of_an_unpublished_only_topic_answers_404(client, state, path):
    PostFactory()
    unpublished_post(state).topics.set(["Embargoed"])
    response = client.get(path)
    assert response.status_code == 404
    assert "Embargoed" not in response.content.decode()


def test_topic_filter_on_a_topic_page_answers_404_for_an_unpublished_only_topic(client):
    PostFactory().topics.set(["Energy"])
    unpublished_post("draft").topics.set(["Embargoed"])
    assert client.get("/topics/energy/?topic=embargoed").status_code == 404


# Row 9: contributors read the topics of published posts and of their own posts -----------


@pytest.fixture
def topics_of_each_kind(contributor):
    """A published topic, the contributor's own draft topic and a colleague's draft topic."""
    PostFactory().topics.set(["Ports published"])
    mine = PostFactory(status=Post.Status.DRAFT, authors=[contributor.author])
    mine.topics.set(["Ports of mine"])
    PostFactory(status=Post.Status.DRAFT).topics.set(["Ports of a colleague"])


@pytest.mark.parametrize(
    "role, expected",
    [
        ("contributor", ["Ports of mine", "Ports published"]),
        ("editor", ["Ports of a colleague", "Ports of mine", "Ports published"]),
    ],
)
def test_topic_suggestions_offer_each_role_only_the_topics_it_may_read(
    request, topics_of_each_kind, role, expected
):
    client = login(request.getfixturevalue(role))
    assert client.get("/admin/blog/post/topics/?q=ports").json()["topics"] == expected


def test_contributor_topic_list_leaves_out_a_colleagues_draft_only_topic(
    contributor, topics_of_each_kind
):
    page = login(contributor).get("/admin/taggit/tag/")
    names = [
        cell.get_text()
        for cell in BeautifulSoup(page.content, "html.parser").select("#result_list .field-name")
    ]
    assert names == ["Ports of mine", "Ports published"]


def test_contributor_topic_autocomplete_leaves_out_a_colleagues_draft_only_topic(
    contributor, topics_of_each_kind
):
    response = login(contributor).get(
        "/admin/autocomplete/",
        {"app_label": "blog", "model_name": "post", "field_name": "topics", "term": "ports"},
    )
    assert response.status_code == 200
    assert sorted(r["text"] for r in response.json()["results"]) == [
        "Ports of mine",
        "Ports published",
    ]


def test_contributor_cannot_open_a_colleagues_draft_only_topic(contributor):
    from taggit.models import Tag

    PostFactory(status=Post.Status.DRAFT).topics.set(["Ports of a colleague"])
    topic = Tag.objects.get(name="Ports of a colleague")
    response = login(contributor).get(f"/admin/taggit/tag/{topic.pk}/change/", follow=True)
    assert "Ports of a colleague" not in response.content.decode()


# Row 11: malformed and out-of-range filter values never answer 500 ----------------------


ADMIN_LIST_FILTERS = [
    "/admin/blog/post/?author={}",
    "/admin/blog/post/?program__id__exact={}",
    "/admin/blog/post/?series__id__exact={}",
    "/admin/blog/post/?topic={}",
    "/admin/blog/post/?status={}",
    "/admin/blog/post/?trash={}",
    "/admin/blog/post/?post_type__exact={}",
    "/admin/blog/post/?publish_at__year={}",
    "/admin/blog/post/?publish_at__year=2024&publish_at__month={}",
    "/admin/blog/post/?publish_at__year=2024&publish_at__month=1&publish_at__day={}",
    "/admin/blog/post/?p={}",
    "/admin/blog/post/?o={}",
    "/admin/people/author/?positions__program__id__exact={}",
    "/admin/programs/series/?program__id__exact={}",
]


@pytest.mark.parametrize("value", MALFORMED_IDS)
@pytest.mark.parametrize("url", ADMIN_LIST_FILTERS)
def test_admin_list_filter_ignores_a_malformed_or_out_of_range_value(editor, url, value):
    PostFactory(series=SeriesFactory())
    response = login(editor).get(url.format(value), follow=True)
    assert response.status_code == 200


def test_admin_date_filter_past_the_last_day_a_date_holds_is_ignored(editor):
    url = "/admin/blog/post/?publish_at__year=9999&publish_at__month=12&publish_at__day=31"
    assert login(editor).get(url, follow=True).status_code == 200


@pytest.mark.parametrize("value", MALFORMED_IDS)
def test_admin_author_filter_ignores_a_value_that_is_no_offered_author(editor, value):
    PostFactory(title="Still listed")
    response = login(editor).get(f"/admin/blog/post/?author={value}")
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


@pytest.mark.parametrize("value", MALFORMED_IDS)
@pytest.mark.parametrize("parameter", ["program", "author"])
def test_calendar_ignores_a_malformed_or_out_of_range_filter(editor, parameter, value):
    PostFactory(status=Post.Status.DRAFT, title="Waiting draft", publish_at=None)
    response = login(editor).get("/admin/blog/post/calendar/", {parameter: value})
    assert response.status_code == 200
    assert "Waiting draft" in response.content.decode()


# Row 12: an overlong search or too many parameters answer 400 with the reason -----------


@pytest.mark.parametrize("debug", [False, True])
def test_overlong_admin_search_answers_400_with_the_reason(editor, settings, debug):
    settings.DEBUG = debug
    PostFactory()
    response = login(editor).get("/admin/blog/post/", {"q": "a " * 25_000})
    assert response.status_code == 400
    assert "search is longer than" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/taggit/tag/?q=",
        "/admin/people/author/?q=",
        "/admin/programs/program/?q=",
        "/admin/programs/series/?q=",
        "/admin/autocomplete/?app_label=blog&model_name=post&field_name=program&term=",
        "/admin/autocomplete/?app_label=blog&model_name=post&field_name=topics&term=",
    ],
)
def test_overlong_search_in_every_admin_list_answers_400(admin_client, path):
    PostFactory().topics.set(["Energy"])
    response = admin_client.get(path + "a+" * 25_000)
    assert response.status_code == 400
    assert "search is longer than" in response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/admin/blog/post/", "/search/", "/blog/"])
def test_too_many_query_parameters_answer_400_with_the_reason(editor, settings, debug, path):
    settings.DEBUG = debug
    params = {f"x{number}": "1" for number in range(1_100)}
    response = login(editor).get(path, {"q": "ports", **params})
    assert response.status_code == 400
    assert f"more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} parameters" in (
        response.content.decode()
    )
