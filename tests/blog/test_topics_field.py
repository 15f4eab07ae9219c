"""The post form's topics field: topics are separated by commas only, shown in the order they
were added, never quoted, and a form saved unchanged leaves them exactly as they were."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from taggit.models import Tag, TaggedItem

from blog.models import Post
from blog.topics import format_topics, parse_topics
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, login
from tests.forms import change_data, post_form

pytestmark = pytest.mark.django_db

TYPED = "Energy, Trade corridors, Baltic states"


def stored_topics(post):
    """The post's topic names in the order they were stored (taggit's rows by id)."""
    return list(rows_of(post).values_list("tag__name", flat=True))


def rows_of(post):
    return TaggedItem.objects.filter(**TaggedItem.lookup_kwargs(post)).order_by("pk")


def topics_input(client, post):
    page = client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    return BeautifulSoup(page, "html.parser").find("input", attrs={"name": "topics"})


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        (TYPED, ["Energy", "Trade corridors", "Baltic states"]),
        ("Baltic states", ["Baltic states"]),
        ("  Energy ,, Trade   corridors,  ", ["Energy", "Trade corridors"]),
        ("Energy, energy, ENERGY", ["Energy"]),
        ('"Baltic states", Energy', ["Baltic states", "Energy"]),
        ("", []),
    ],
)
def test_topics_are_parsed_by_commas_only_in_the_order_typed(typed, names):
    assert parse_topics(typed) == names


def test_topics_are_shown_comma_separated_without_quotes():
    tags = [Tag(name="Energy"), Tag(name="Trade corridors"), Tag(name="Baltic states")]
    assert format_topics(tags) == TYPED


def test_the_post_form_shows_topics_as_typed(editor):
    client = login(editor)
    data = post_form(ProgramFactory(), [AuthorFactory()], [], topics=TYPED)
    assert client.post("/admin/blog/post/add/", data).status_code == 302
    post = Post.objects.get()
    assert stored_topics(post) == ["Energy", "Trade corridors", "Baltic states"]
    assert topics_input(client, post)["value"] == TYPED


def test_help_text_says_topics_are_separated_by_commas_and_cannot_contain_one(editor):
    page = login(editor).get("/admin/blog/post/add/").content.decode()
    soup = BeautifulSoup(page, "html.parser")
    help_text = soup.find(id="id_topics_helptext").get_text()
    assert "comma" in help_text
    assert "cannot contain a comma" in help_text


def test_saving_the_form_unchanged_leaves_the_topics_exactly_as_they_were(editor):
    client = login(editor)
    post = PostFactory()
    for name in ["Trade corridors", "Energy", "Baltic states", "Ports"]:
        post.topics.add(name)
    before = list(rows_of(post).values_list("pk", "tag_id"))
    shown = topics_input(client, post)["value"]
    assert shown == "Trade corridors, Energy, Baltic states, Ports"

    data = change_data(post)
    data["topics"] = shown
    response = client.post(f"/admin/blog/post/{post.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert list(rows_of(post).values_list("pk", "tag_id")) == before
    assert topics_input(client, post)["value"] == shown
    change = LogEntry.objects.latest("pk").get_change_message()
    assert "Topics" not in change


def test_a_new_topic_is_added_after_the_others(editor):
    client = login(editor)
    post = PostFactory()
    post.topics.add("Ports")
    post.topics.add("Energy")
    data = change_data(post)
    data["topics"] = "Ports, Energy, Baltic states"
    assert client.post(f"/admin/blog/post/{post.pk}/change/", data).status_code == 302
    assert stored_topics(post) == ["Ports", "Energy", "Baltic states"]
    assert topics_input(client, post)["value"] == "Ports, Energy, Baltic states"


def test_an_existing_topic_is_reused_whatever_its_capitals(editor):
    existing = Tag.objects.create(name="Baltic states")
    data = post_form(ProgramFactory(), [AuthorFactory()], [], topics="baltic states")
    assert login(editor).post("/admin/blog/post/add/", data).status_code == 302
    assert list(Post.objects.get().topics.all()) == [existing]


def test_a_topic_longer_than_a_topic_name_may_be_is_refused(editor):
    data = post_form(ProgramFactory(), [AuthorFactory()], [], topics="Energy, " + "x" * 101)
    response = login(editor).post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert not Post.objects.exists()
