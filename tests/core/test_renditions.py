"""
Renditions kept tidy: a replaced, cleared or re-cropped image's old files leave storage once
the save commits (never when it fails), a row deleted for good takes its files with it, and
`manage.py rebuild_renditions` cuts everything again after the sizes change.

These tests commit for real (transaction=True), since files are removed only on commit.
The tests of posts need `Post` to use `core.images.RenditionsMixin` (see docs/architecture.md).
"""

import dataclasses
import datetime
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from PIL import Image

from blog.models import HERO_SPECS, Post
from core import images
from people.models import PHOTO_SPECS, Author
from tests.factories import AuthorFactory, PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


def picture(colour, size=(600, 400), name="photo.jpg"):
    """A real JPEG made with Pillow, as an upload."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def author_with_photo(colour=(200, 120, 40), **fields):
    author = AuthorFactory(photo_alt="A face", **fields)
    author.photo.save("face.jpg", ContentFile(picture(colour).read()))
    return Author.objects.get(pk=author.pk)


def post_with_hero(colour=(20, 90, 160)):
    post = PostFactory(hero_alt="The docks")
    post.hero_image.save("docks.jpg", ContentFile(picture(colour, (2000, 1000)).read()))
    return Post.objects.get(pk=post.pk)


def on_disk(media_root, names):
    """Which of `names` exist as files under the test's MEDIA_ROOT."""
    return {name for name in names if (media_root / name).is_file()}


def change_form(author, **fields):
    """The author change form as a bio manager submits it."""
    return {
        "name": author.name,
        "family_name": author.family_name,
        "slug": author.slug,
        "photo": "",
        "photo_alt": author.photo_alt,
        "photo_focal_x": str(author.photo_focal_x),
        "photo_focal_y": str(author.photo_focal_y),
        "short_bio": author.short_bio,
        "full_bio": author.full_bio,
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
        **fields,
    }


def change_url(author):
    return f"/admin/people/author/{author.pk}/change/"


@pytest.fixture
def resize():
    """`resize(specs, name, width, height)` changes one spec's size for this test, as an
    edit of the sizes in the code would; the list is the one the model cuts from."""
    changed = []

    def resize(specs, name, width, height=0):
        index = next(i for i, spec in enumerate(specs) if spec.name == name)
        changed.append((specs, index, specs[index]))
        specs[index] = dataclasses.replace(specs[index], width=width, height=height)

    yield resize
    for specs, index, spec in reversed(changed):
        specs[index] = spec


def size_of(name):
    with default_storage.open(name) as stored:
        return Image.open(stored).size


# --- Replacing, clearing, re-cropping --------------------------------------------------


def test_replacing_a_photo_in_the_admin_removes_the_old_files_and_keeps_the_new(
    admin_client, media_root
):
    author = author_with_photo()
    old = author.rendition_files()
    assert len(old) == 12  # the original and 11 renditions
    assert on_disk(media_root, old) == old

    response = admin_client.post(
        change_url(author), change_form(author, photo=picture((10, 200, 60), name="new.jpg"))
    )

    assert response.status_code == 302
    author.refresh_from_db()
    new = author.rendition_files()
    assert not new & old
    assert on_disk(media_root, new) == new
    assert on_disk(media_root, old) == set()


def test_clearing_a_photo_in_the_admin_removes_its_files(admin_client, media_root):
    author = author_with_photo()
    old = author.rendition_files()

    response = admin_client.post(change_url(author), change_form(author, **{"photo-clear": "on"}))

    assert response.status_code == 302
    author.refresh_from_db()
    assert not author.photo
    assert author.photo_renditions == {}
    assert on_disk(media_root, old) == set()


def test_a_new_focal_point_removes_the_old_crops_but_keeps_the_original(admin_client, media_root):
    author = author_with_photo()
    original, old = author.photo.name, images.rendition_names(author.photo_renditions)

    response = admin_client.post(change_url(author), change_form(author, photo_focal_x="0.9"))

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.photo.name == original
    assert on_disk(media_root, {original}) == {original}
    assert on_disk(media_root, old) == set()
    new = images.rendition_names(author.photo_renditions)
    assert on_disk(media_root, new) == new


def test_a_save_that_changes_no_image_removes_nothing(admin_client, media_root):
    author = author_with_photo()
    files = author.rendition_files()

    response = admin_client.post(change_url(author), change_form(author, name="Renamed Person"))

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.rendition_files() == files
    assert on_disk(media_root, files) == files


# --- A save that fails loses nothing ---------------------------------------------------


def test_a_form_error_in_the_admin_leaves_the_old_files(admin_client, media_root):
    author = author_with_photo()
    files = author.rendition_files()
    stored_before = sorted(media_root.rglob("*"))

    response = admin_client.post(
        change_url(author), change_form(author, photo=picture((0, 0, 0)), photo_alt="")
    )

    assert response.status_code == 200
    assert "Describe the photo" in response.content.decode()
    author.refresh_from_db()
    assert author.rendition_files() == files
    assert on_disk(media_root, files) == files
    assert sorted(media_root.rglob("*")) == stored_before  # the refused upload stored nothing


def test_a_rolled_back_transaction_leaves_the_old_files(media_root):
    author = author_with_photo()
    files = author.rendition_files()

    with pytest.raises(RuntimeError), transaction.atomic():
        author.photo = ContentFile(picture((0, 0, 255)).read(), name="other.jpg")
        author.save()
        raise RuntimeError("something after the save failed")

    author.refresh_from_db()
    assert author.rendition_files() == files
    assert on_disk(media_root, files) == files


def test_a_save_the_database_refuses_leaves_the_old_files(media_root):
    """Outside any transaction, where a callback registered too early would run at once."""
    AuthorFactory(slug="taken")
    author = author_with_photo()
    files = author.rendition_files()

    author.slug = "taken"
    author.photo = ContentFile(picture((0, 0, 255)).read(), name="other.jpg")
    with pytest.raises(IntegrityError):
        author.save()

    assert Author.objects.get(pk=author.pk).rendition_files() == files
    assert on_disk(media_root, files) == files


# --- Files shared or deleted -----------------------------------------------------------


def test_files_another_row_still_uses_are_kept(media_root):
    first = author_with_photo()
    # A script pointed a second author at the same stored photo: same crops, same names.
    second = AuthorFactory(photo=first.photo.name, photo_alt="The same face")
    assert second.rendition_files() == first.rendition_files()
    shared = first.rendition_files()

    first.photo = ContentFile(picture((0, 0, 255)).read(), name="other.jpg")
    first.save()

    assert on_disk(media_root, shared) == shared
    second.delete()
    assert on_disk(media_root, shared) == set()


def test_deleting_an_author_in_the_admin_removes_their_files(admin_client, media_root):
    author = author_with_photo()
    files = author.rendition_files()

    response = admin_client.post(f"/admin/people/author/{author.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Author.objects.filter(pk=author.pk).exists()
    assert on_disk(media_root, files) == set()


def test_a_delete_rolled_back_keeps_the_files(media_root):
    author = author_with_photo()
    files = author.rendition_files()

    with pytest.raises(RuntimeError), transaction.atomic():
        author.delete()
        raise RuntimeError("changed our mind")

    assert on_disk(media_root, files) == files


# --- Posts (need the Post change: `Post` with `images.RenditionsMixin`) ----------------


def test_replacing_and_clearing_a_hero_image_removes_the_old_files(media_root):
    post = post_with_hero()
    first = post.rendition_files()
    assert on_disk(media_root, first) == first

    post.hero_image = ContentFile(picture((250, 250, 0), (1600, 900)).read(), name="new.jpg")
    post.save()
    second = post.rendition_files()
    assert on_disk(media_root, first) == set()
    assert on_disk(media_root, second) == second

    post.hero_image = None
    post.save()
    assert post.hero_renditions == {}
    assert on_disk(media_root, second) == set()


def test_a_post_in_the_trash_keeps_its_files_and_a_hard_delete_removes_them(
    admin_client, media_root
):
    post = post_with_hero()
    files = post.rendition_files()

    response = admin_client.post(f"/admin/blog/post/{post.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert Post.objects.in_trash().filter(pk=post.pk).exists()
    assert on_disk(media_root, files) == files  # it can be restored, picture and all
    Post.objects.filter(pk=post.pk).delete()
    assert on_disk(media_root, files) == set()


def test_rebuild_cuts_hero_images_at_new_widths_without_touching_the_post(resize, media_root):
    post = post_with_hero()
    before = post.hero_renditions
    version, updated_at = post.version, post.updated_at
    resize(HERO_SPECS, "w640", 600)

    call_command("rebuild_renditions", stdout=io.StringIO())

    post.refresh_from_db()
    assert size_of(post.hero_renditions["w640"]["jpeg"]) == (600, 300)
    assert on_disk(media_root, {before["w640"]["jpeg"], before["w640"]["webp"]}) == set()
    assert post.hero_renditions["w960"] == before["w960"]
    assert (post.version, post.updated_at) == (version, updated_at)  # not a new revision


# --- manage.py rebuild_renditions ------------------------------------------------------


def rebuild(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rebuild_after_the_sizes_change_cuts_new_files_and_removes_the_old(resize, media_root):
    author = author_with_photo()
    before = author.photo_renditions
    modified_at = author.modified_at
    resize(PHOTO_SPECS, "square-80", 96, 96)

    out, _ = rebuild()

    author.refresh_from_db()
    square = author.photo_renditions["square-80"]
    assert (square["width"], square["height"]) == (96, 96)
    assert size_of(square["jpeg"]) == (96, 96)
    assert size_of(square["webp"]) == (96, 96)
    old = {before["square-80"]["jpeg"], before["square-80"]["webp"]}
    assert on_disk(media_root, old) == set()
    kept = images.rendition_names(before) - old
    assert on_disk(media_root, kept) == kept
    assert author.photo_renditions["square-120"] == before["square-120"]
    assert author.modified_at == modified_at
    assert "people.Author: 1 re-cut." in out
    assert "Removed 2 replaced rendition file(s) and 0 unused one(s)." in out

    again, _ = rebuild()

    assert "people.Author: 1 already current." in again
    assert "Removed 0 replaced rendition file(s) and 0 unused one(s)." in again
    author.refresh_from_db()
    assert author.photo_renditions["square-80"] == square


def test_a_dry_run_reports_and_changes_nothing(resize, media_root):
    author = author_with_photo()
    files = sorted(media_root.rglob("*"))
    resize(PHOTO_SPECS, "square-80", 96, 96)

    out, _ = rebuild("--dry-run")

    assert "people.Author: 1 would be re-cut." in out
    assert "Would remove 2 replaced rendition file(s)" in out
    assert sorted(media_root.rglob("*")) == files
    assert Author.objects.get(pk=author.pk).photo_renditions == author.photo_renditions


@pytest.mark.parametrize(
    ("damage", "reported"),
    [("delete", "is missing"), ("overwrite", "cannot be read")],
)
def test_rebuild_reports_a_lost_original_and_carries_on(resize, media_root, damage, reported):
    lost = author_with_photo(name="Lost Original")
    fine = author_with_photo((0, 160, 90))
    lost_renditions = lost.photo_renditions
    if damage == "delete":
        default_storage.delete(lost.photo.name)
    else:
        (media_root / lost.photo.name).write_bytes(b"not a picture any more")
    resize(PHOTO_SPECS, "square-80", 96, 96)

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 original"):
        call_command("rebuild_renditions", stdout=out, stderr=err)

    assert f"people.Author {lost.pk} “Lost Original”: the original " in err.getvalue()
    assert reported in err.getvalue()
    assert "people.Author: 1 failed, 1 re-cut." in out.getvalue()
    fine.refresh_from_db()
    assert size_of(fine.photo_renditions["square-80"]["jpeg"]) == (96, 96)
    # The lost one keeps the renditions pages show until the photo is uploaded again.
    lost.refresh_from_db()
    assert lost.photo_renditions == lost_renditions
    kept = images.rendition_names(lost_renditions)
    assert on_disk(media_root, kept) == kept


def test_rebuild_removes_unused_renditions_left_behind_but_not_fresh_ones(media_root):
    author = author_with_photo()
    old_stray = media_root / "renditions/people/left-by-a-failed-save-square-80-80x80.jpg"
    fresh_stray = media_root / "renditions/people/being-saved-now-square-80-80x80.jpg"
    old_stray.write_bytes(b"x")
    fresh_stray.write_bytes(b"x")
    long_ago = (datetime.datetime.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(old_stray, (long_ago, long_ago))

    out, _ = rebuild()

    assert "and 1 unused one(s)." in out
    assert not old_stray.exists()
    assert fresh_stray.exists()  # a save in progress may be about to name it
    files = author.rendition_files()
    assert on_disk(media_root, files) == files
