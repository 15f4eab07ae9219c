"""What the editors' admin says: the byline's refusal, the topics section's name, the
message after publishing, and the labels of pull quote placements."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import timezone

from blog.models import Post
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, login
from tests.forms import change_data, post_form

pytestmark = pytest.mark.django_db


def messages_of(response):
    """The admin's messages as shown: (text, inner HTML) of each item of the message list."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        (" ".join(item.get_text().split()), item.decode_contents())
        for item in soup.select("ul.messagelist li")
    ]


# 1. A post without an author ------------------------------------------------------------


def test_a_post_without_an_author_asks_for_one_and_keeps_the_input(editor):
    data = post_form(ProgramFactory(), [], [], dek="Who ships what.", topics="Energy, Ports")
    response = login(editor).post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert not Post.objects.exists()
    page = response.content.decode()
    assert "Add at least one author." in page
    assert "Please submit" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("input", attrs={"name": "title"})["value"] == "Ports and Power"
    assert soup.find("textarea", attrs={"name": "dek"}).get_text().strip() == "Who ships what."
    assert "Second paragraph on freight." in soup.find("textarea", attrs={"name": "body"}).text
    assert soup.find("input", attrs={"name": "topics"})["value"] == "Energy, Ports"


def test_removing_every_author_of_a_post_asks_for_one(editor):
    post = PostFactory()
    data = change_data(post, **{"bylines-0-DELETE": "on"})
    response = login(editor).post(f"/admin/blog/post/{post.pk}/change/", data)
    assert response.status_code == 200
    assert "Add at least one author." in response.content.decode()
    assert post.bylines.count() == 1


# 2. The topics section of the admin -------------------------------------------------------


def test_taggit_app_is_called_topics_without_changing_its_label():
    config = apps.get_app_config("taggit")
    assert config.label == "taggit"
    assert config.verbose_name == "Topics"


def test_admin_index_heads_the_topics_section_topics(editor):
    soup = BeautifulSoup(login(editor).get("/admin/").content.decode(), "html.parser")
    caption = soup.select_one(".app-taggit caption")
    assert caption.get_text(strip=True) == "Topics"
    assert "Taggit" not in soup.get_text()


@pytest.mark.parametrize("address", ["/admin/taggit/", "/admin/taggit/tag/"])
def test_topics_pages_say_topics_in_their_breadcrumbs(editor, address):
    response = login(editor).get(address)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    crumbs = " ".join(soup.select_one(".breadcrumbs").get_text().split())
    assert "Topics" in crumbs
    assert "Taggit" not in soup.get_text()


# 3. The message after publishing -------------------------------------------------------


def test_publishing_from_the_add_form_links_to_the_live_page(editor):
    data = post_form(ProgramFactory(), [AuthorFactory()], [], publish_at_0="2026-01-15")
    response = login(editor).post("/admin/blog/post/add/", data, follow=True)
    assert messages_of(response) == [
        (
            "“Ports and Power” is published: view it on the site.",
            "“Ports and Power” is published: "
            '<a href="/blog/ports-and-power/">view it on the site</a>.',
        )
    ]


def test_publishing_from_the_change_form_links_to_the_live_page(editor):
    post = PostFactory(title="Ports and Power", slug="ports-and-power", status=Post.Status.DRAFT)
    data = change_data(post, status="published")
    response = login(editor).post(f"/admin/blog/post/{post.pk}/change/", data, follow=True)
    [(text, html)] = messages_of(response)
    assert text == "“Ports and Power” is published: view it on the site."
    assert '<a href="/blog/ports-and-power/">view it on the site</a>' in html


def test_save_and_continue_editing_a_published_post_also_links_to_it(editor):
    post = PostFactory(title="Ports and Power", slug="ports-and-power")
    data = change_data(post, _continue="1")
    response = login(editor).post(f"/admin/blog/post/{post.pk}/change/", data, follow=True)
    assert response.request["PATH_INFO"] == f"/admin/blog/post/{post.pk}/change/"
    [(text, html)] = messages_of(response)
    assert text.startswith("“Ports and Power” is published: view it on the site.")
    assert '<a href="/blog/ports-and-power/">' in html


def test_the_title_in_the_message_is_escaped(editor):
    data = post_form(
        ProgramFactory(), [AuthorFactory()], [], title="Ports & <b>Power</b>", slug="ports"
    )
    response = login(editor).post("/admin/blog/post/add/", data, follow=True)
    [(text, html)] = messages_of(response)
    assert text == "“Ports & <b>Power</b>” is published: view it on the site."
    assert "“Ports &amp; &lt;b&gt;Power&lt;/b&gt;” is published" in html
    assert "<b>" not in html


def test_scheduling_says_when_the_post_will_appear_in_the_sites_time_zone(editor, settings):
    settings.TIME_ZONE = "America/New_York"
    data = post_form(
        ProgramFactory(), [AuthorFactory()], [], publish_at_0="2099-06-01", publish_at_1="09:30"
    )
    response = login(editor).post("/admin/blog/post/add/", data, follow=True)
    [(text, html)] = messages_of(response)
    assert text == (
        "“Ports and Power” is scheduled: it will appear on the site on 2099-06-01 at 09:30 EDT."
    )
    assert "<a " not in html


def test_saving_a_draft_keeps_the_admins_own_message(editor):
    data = post_form(ProgramFactory(), [AuthorFactory()], [], status="draft")
    response = login(editor).post("/admin/blog/post/add/", data, follow=True)
    [(text, _html)] = messages_of(response)
    assert "was added successfully" in text
    assert "view it on the site" not in text


def test_publish_action_links_to_each_live_page_and_says_when_scheduled_ones_appear(editor):
    now = timezone.now()
    live = PostFactory(
        title="Ports & Power",
        slug="ports-and-power",
        status=Post.Status.DRAFT,
        publish_at=now - datetime.timedelta(days=1),
    )
    later = PostFactory(
        title="Tides",
        slug="tides",
        status=Post.Status.DRAFT,
        publish_at=timezone.make_aware(datetime.datetime(2099, 1, 10, 8, 0)),
    )
    response = login(editor).post(
        "/admin/blog/post/",
        {"action": "publish", "_selected_action": [live.pk, later.pk]},
        follow=True,
    )
    [(text, html)] = messages_of(response)
    # In the list's order: newest publication time first.
    assert text == (
        "Published 2 posts: “Tides” (it will appear on the site on 2099-01-10 at 08:00 EST); "
        "“Ports & Power” (view it on the site)."
    )
    assert '“Ports &amp; Power” (<a href="/blog/ports-and-power/">view it on the site</a>)' in html


def test_publish_action_on_one_post_says_what_the_form_says(editor):
    post = PostFactory(title="Ports and Power", slug="ports-and-power", status=Post.Status.DRAFT)
    response = login(editor).post(
        "/admin/blog/post/", {"action": "publish", "_selected_action": [post.pk]}, follow=True
    )
    [(text, html)] = messages_of(response)
    assert text == "“Ports and Power” is published: view it on the site."
    assert '<a href="/blog/ports-and-power/">view it on the site</a>' in html


def test_publish_action_on_posts_in_the_trash_publishes_nothing_and_says_so(editor):
    post = PostFactory(status=Post.Status.DRAFT, deleted_at=timezone.now())
    response = login(editor).post(
        "/admin/blog/post/?trash=yes",
        {"action": "publish", "_selected_action": [post.pk]},
        follow=True,
    )
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT
    [(text, _html)] = messages_of(response)
    assert text == "No post was published: restore posts from the trash first."


# 4. Pull quote placements ----------------------------------------------------------------


ENTITIES_BODY = "<p>Tea&nbsp;time &amp; tide &lt; three</p><p>Second&nbsp;one.</p>"


def test_placement_labels_show_characters_not_entities():
    choices = Post(body=ENTITIES_BODY).paragraph_choices()
    assert choices == [
        (0, "Before the first paragraph"),
        (1, "After paragraph 1: Tea time & tide < three"),
        (2, "After paragraph 2: Second one."),
    ]


def test_placement_labels_in_the_change_form_show_characters_not_entities(editor):
    post = PostFactory(body=ENTITIES_BODY)
    page = login(editor).get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    soup = BeautifulSoup(page, "html.parser")
    select = soup.find("select", attrs={"name": "pull_quotes-__prefix__-after_paragraph"})
    labels = [option.get_text() for option in select.find_all("option")]
    assert "After paragraph 1: Tea time & tide < three" in labels
    assert "&nbsp;" not in " ".join(labels)
