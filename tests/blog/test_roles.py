"""Who may do what, enforced on the server whatever the browser sends."""

import pytest

from blog.models import Post
from tests.factories import PostFactory, ProgramFactory, UserFactory, login
from tests.forms import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def bio_manager():
    return UserFactory(role="Bio managers")


def test_roles_exist_as_groups():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editors",
        "Contributors",
        "Bio managers",
    }


def test_contributor_sees_only_posts_they_author(contributor):
    own = PostFactory(authors=[contributor.author], status=Post.Status.DRAFT, title="Mine")
    PostFactory(status=Post.Status.DRAFT, title="Someone else's draft")
    page = login(contributor).get("/admin/blog/post/").content.decode()
    assert own.title in page
    assert "Someone else&#x27;s draft" not in page and "Someone else's draft" not in page


def test_contributor_cannot_open_another_authors_post(contributor):
    other = PostFactory(status=Post.Status.DRAFT)
    client = login(contributor)
    assert client.get(f"/admin/blog/post/{other.pk}/change/").status_code == 302
    assert client.get(f"/admin/blog/post/{other.pk}/preview/").status_code == 404


def test_contributor_can_create_a_draft_and_is_put_in_the_byline(contributor):
    data = post_form(ProgramFactory(), [], [], status="draft")
    data.pop("publish_at_0")
    data.pop("publish_at_1")
    response = login(contributor).post("/admin/blog/post/add/", data)
    assert response.status_code == 200  # a byline is required …
    data = post_form(ProgramFactory(), [contributor.author], [], status="draft")
    response = login(contributor).post("/admin/blog/post/add/", data)
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT
    assert post.byline == [contributor.author]


def test_contributor_cannot_publish_by_posting_the_status(contributor):
    data = post_form(ProgramFactory(), [contributor.author], [], status="published")
    response = login(contributor).post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Post.objects.exists()


def test_contributor_cannot_set_the_publication_time(contributor):
    data = post_form(ProgramFactory(), [contributor.author], [], status="review")
    assert login(contributor).post("/admin/blog/post/add/", data).status_code == 302
    assert Post.objects.get().publish_at is None


def test_contributor_can_submit_for_review(contributor):
    post = PostFactory(authors=[contributor.author], status=Post.Status.DRAFT, publish_at=None)
    response = login(contributor).post(
        "/admin/blog/post/",
        {"action": "submit_for_review", "_selected_action": [post.pk]},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.IN_REVIEW


def test_contributor_cannot_use_the_publish_action(contributor):
    post = PostFactory(authors=[contributor.author], status=Post.Status.IN_REVIEW)
    login(contributor).post(
        "/admin/blog/post/", {"action": "publish", "_selected_action": [post.pk]}
    )
    post.refresh_from_db()
    assert post.status == Post.Status.IN_REVIEW


def test_contributor_cannot_edit_their_post_once_published(contributor):
    post = PostFactory(authors=[contributor.author], title="Live")
    data = post_form(post.program, [contributor.author], [], title="Changed", slug=post.slug)
    data["loaded_version"] = str(post.version)
    response = login(contributor).post(f"/admin/blog/post/{post.pk}/change/", data)
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Live"


def test_contributor_cannot_delete_or_trash(contributor):
    post = PostFactory(authors=[contributor.author], status=Post.Status.DRAFT)
    client = login(contributor)
    assert client.post(f"/admin/blog/post/{post.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post("/admin/blog/post/", {"action": "move_to_trash", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert post.deleted_at is None


def test_editor_publishes_and_unpublishes_with_actions(editor):
    post = PostFactory(status=Post.Status.IN_REVIEW, publish_at=None)
    client = login(editor)
    client.post("/admin/blog/post/", {"action": "publish", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert post.is_public
    client.post("/admin/blog/post/", {"action": "unpublish", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT and not post.is_public


def test_editor_cannot_grant_roles(editor):
    client = login(editor)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


def test_bio_manager_reaches_people_and_never_posts(bio_manager):
    client = login(bio_manager)
    assert client.get("/admin/people/author/").status_code == 200
    assert client.get("/admin/blog/post/").status_code == 403
    assert client.get("/admin/blog/post/calendar/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "Authors" in index and "Posts" not in index


def test_staff_without_permissions_reaches_no_custom_view():
    post = PostFactory()
    client = login(UserFactory())
    for url in [
        "/admin/blog/post/calendar/",
        f"/admin/blog/post/{post.pk}/preview/",
        f"/admin/blog/post/{post.pk}/revisions/",
    ]:
        assert client.get(url).status_code in {403, 404}, url
