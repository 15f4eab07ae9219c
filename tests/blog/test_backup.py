"""`manage.py export_archive` and `import_archive`: everything comes back, checked row by row and byte by byte."""

import datetime
import hashlib
import json
import shutil
import zipfile

import pytest
from django.core.management import CommandError, call_command

from blog import backup
from blog.models import Post
from tests.factories import AuthorFactory, PostFactory

pytestmark = pytest.mark.django_db


def media_checksums(media_root):
    return {
        str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }


def empty_database():
    """What a new, migrated database holds of the backed-up tables: nothing."""
    for model in reversed(backup.backed_up_models()):
        model._meta.default_manager.all().delete()


def test_export_then_import_into_an_empty_database_restores_every_row_and_file(
    tmp_path, media_root, client
):
    call_command("load_demo", verbosity=0)
    post = Post.objects.published().first()
    # A time whose milliseconds are zero: Django's own encoder would drop its microseconds.
    created = datetime.datetime(2026, 1, 2, 3, 4, 5, 250, tzinfo=datetime.UTC)
    Post.objects.filter(pk=post.pk).update(created_at=created)
    rows_before, files_before = backup.rows(), media_checksums(media_root)
    assert files_before, "the demo has photos"
    archive = tmp_path / "folio.zip"
    call_command("export_archive", str(archive), verbosity=0)

    empty_database()
    shutil.rmtree(media_root)
    assert client.get(post.get_absolute_url()).status_code == 404
    call_command("import_archive", str(archive), verbosity=0)

    assert backup.rows() == rows_before
    assert Post.objects.get(pk=post.pk).created_at == created
    assert media_checksums(media_root) == files_before
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200
    assert post.title in page.content.decode()


def test_import_refuses_a_database_that_holds_content(tmp_path):
    PostFactory()
    archive = tmp_path / "folio.zip"
    call_command("export_archive", str(archive), verbosity=0)
    with pytest.raises(CommandError, match="already holds content"):
        call_command("import_archive", str(archive), verbosity=0)


def test_import_refuses_a_damaged_file_and_writes_no_row(tmp_path, media_root):
    AuthorFactory(name="Ann Ames")
    (media_root / "people").mkdir(parents=True)
    (media_root / "people" / "note.txt").write_bytes(b"original")
    archive = tmp_path / "folio.zip"
    call_command("export_archive", str(archive), verbosity=0)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"tampered" if item.filename.endswith("note.txt") else data)
    empty_database()
    with pytest.raises(CommandError, match="damaged"):
        call_command("import_archive", str(damaged), verbosity=0)
    assert not backup.rows().count('"model": "people.author"')


def test_import_of_something_not_an_archive_says_so(tmp_path):
    bogus = tmp_path / "notes.zip"
    bogus.write_text("not a zip")
    with pytest.raises(CommandError, match="not a Folio backup"):
        call_command("import_archive", str(bogus), verbosity=0)


def export_with(tmp_path, change):
    """An archive of the current site, then a copy with `change(name, data)` applied to
    each member's bytes."""
    archive, damaged = tmp_path / "folio.zip", tmp_path / "damaged.zip"
    call_command("export_archive", str(archive), verbosity=0)
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            target.writestr(item, change(item.filename, source.read(item)))
    return archive, damaged


def test_corrupted_bytes_inside_the_archive_are_refused_with_one_message(tmp_path, media_root):
    AuthorFactory(name="Ann Ames")
    archive = tmp_path / "folio.zip"
    call_command("export_archive", str(archive), verbosity=0)
    raw = bytearray(archive.read_bytes())
    start = raw.index(b"data.json") + 40  # inside data.json's compressed bytes
    raw[start : start + 16] = b"\xff" * 16
    archive.write_bytes(bytes(raw))
    empty_database()
    with pytest.raises(CommandError, match="The archive is damaged"):
        call_command("import_archive", str(archive), verbosity=0)
    assert '"model": "people.author"' not in backup.rows()


def test_a_row_pointing_at_a_missing_record_is_refused_before_anything_is_written(
    tmp_path, media_root
):
    PostFactory(title="Ports and Power")
    (media_root / "people").mkdir(parents=True)
    (media_root / "people" / "photo.txt").write_bytes(b"a photo")

    def orphan(name, data):
        if name != "data.json":
            return data
        rows = json.loads(data)
        for row in rows:
            if row["model"] == "blog.post":
                row["fields"]["program"] = 999_999
        return json.dumps(rows).encode()

    _, damaged = export_with(tmp_path, orphan)
    empty_database()
    shutil.rmtree(media_root)
    with pytest.raises(CommandError, match="The archive is damaged .*a row does not load"):
        call_command("import_archive", str(damaged), verbosity=0)
    assert not Post.objects.exists()
    assert not media_root.exists() or media_checksums(media_root) == {}


def test_an_unwritable_media_folder_leaves_nothing_behind_and_a_retry_works(
    tmp_path, media_root, settings
):
    PostFactory(title="Ports and Power")
    AuthorFactory(name="Ann Ames")
    (media_root / "people").mkdir(parents=True)
    (media_root / "people" / "photo.txt").write_bytes(b"a photo")
    (media_root / "posts").mkdir()
    (media_root / "posts" / "hero.txt").write_bytes(b"a hero image")
    archive = tmp_path / "folio.zip"
    call_command("export_archive", str(archive), verbosity=0)
    empty_database()
    shutil.rmtree(media_root)
    # A file where the "posts" folder must go: the second file cannot be written.
    media_root.mkdir()
    (media_root / "posts").write_bytes(b"in the way")
    with pytest.raises(CommandError, match="Could not write media/posts/hero.txt"):
        call_command("import_archive", str(archive), verbosity=0)
    assert not Post.objects.exists()
    assert sorted(p.name for p in media_root.rglob("*") if p.is_file()) == ["posts"]

    (media_root / "posts").unlink()
    call_command("import_archive", str(archive), verbosity=0)
    assert Post.objects.get().title == "Ports and Power"
    assert (media_root / "posts" / "hero.txt").read_bytes() == b"a hero image"
