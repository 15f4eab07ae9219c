"""`manage.py export_archive` and `import_archive`: everything comes back, checked row by row and byte by byte."""

import datetime
import hashlib
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
        model._default_manager.all().delete()


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
