"""
One-file backups of a Folio site: every row of content and accounts, and every media
file, in a zip archive that `manage.py import_archive` restores into an empty database.

The archive holds `data.json` (Django's serializer, with natural keys so that content
types, permissions and groups match whatever ids the new database gives them), the media
files under `media/`, and `manifest.json`, listing each file with its SHA-256, checked
on import. Media are read and written through Django's default storage, so a site whose
media live in a bucket is backed up the same way.
"""

import datetime
import hashlib
import json
import zipfile
import zlib

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction

from core.cache import content_changed
from people.models import Author
from programs.models import Program

from . import search
from .models import Post

FORMAT = "folio-backup-1"
# What a backup holds: Folio's content, topics, accounts and roles, the admin's history.
# Content types and permissions are made by `migrate`; the search entries are rebuilt.
APPS = ("programs", "people", "blog", "taggit", "auth", "admin")
LEFT_OUT = {"blog.SearchEntry", "auth.Permission"}
MATCHED_BY_NAME = {"auth.Group"}


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


def backed_up_models():
    """The models a backup holds, in an order that loads (what a row points to first)."""
    chosen = [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.label not in LEFT_OUT
    ]
    ordered = []
    while chosen:
        # A model whose foreign keys point only to models already placed (or outside).
        ready = next(
            model
            for model in chosen
            if all(
                field.related_model in ordered
                or field.related_model not in chosen
                or field.related_model is model
                for field in model._meta.concrete_fields
                if field.is_relation
            )
        )
        ordered.append(ready)
        chosen.remove(ready)
    return ordered


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to the millisecond (as ECMAScript dates hold them); a
    backup keeps every microsecond the database stored."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


def rows():
    """Every backed-up row, serialized as JSON. Rows keep their ids, except roles, which
    `migrate` has already made in the new database and are matched by name."""
    serialized = []
    for model in backed_up_models():
        serialized += json.loads(
            serializers.serialize(
                "json",
                model._meta.default_manager.order_by("pk").iterator(),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=model._meta.label in MATCHED_BY_NAME,
                cls=FullPrecisionEncoder,
            )
        )
    return json.dumps(serialized, ensure_ascii=False)


def media_files(directory=""):
    """Names of every file in the default storage, recursively."""
    folders, files = default_storage.listdir(directory) if _exists(directory) else ([], [])
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for folder in sorted(folders):
        yield from media_files(f"{directory}/{folder}" if directory else folder)


def _exists(directory):
    try:
        default_storage.listdir(directory)
    except FileNotFoundError:
        return False
    return True


def export(path):
    """Write the archive to `path`. Returns (rows, files) counted."""
    data = rows()
    manifest = {"format": FORMAT, "files": {}}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data)
        for name in media_files():
            digest = hashlib.sha256()
            with default_storage.open(name) as source, archive.open(f"media/{name}", "w") as out:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    digest.update(chunk)
                    out.write(chunk)
            manifest["files"][name] = digest.hexdigest()
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return len(json.loads(data)), len(manifest["files"])


def restore(path):
    """
    Restore the archive at `path` into this (migrated, empty) database and storage.
    Every part of the archive is read and checked before anything is written: a damaged
    archive is refused with one message. The rows go in one transaction; the media are
    written, and read back, before it commits, and a failure anywhere removes the files
    written and rolls the rows back: nothing is left behind. Returns (rows, files).
    """
    if Post.objects.exists() or Author.objects.exists() or Program.objects.exists():
        raise BackupError(
            "This database already holds content; an archive is restored into an empty "
            "one (run `manage.py migrate` on a new database first)."
        )
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path} is not a Folio backup: {error}") from error
    with archive:
        manifest, data = _read_checked(archive, path)
        written = []
        try:
            with transaction.atomic():
                objects = _load_rows(data)
                for name, expected in manifest["files"].items():
                    if _write_media(archive, name, expected):
                        written.append(name)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    _after_restore()
    return len(objects), len(manifest["files"])


DAMAGED = "The archive is damaged ({}); nothing was restored."


def _read_checked(archive, path):
    """The manifest and the rows, once every member of the archive reads whole and every
    media file matches its checksum."""
    try:
        manifest = json.loads(archive.read("manifest.json"))
        data = archive.read("data.json")
        json.loads(data)
    except KeyError as error:
        raise BackupError(f"{path} is not a Folio backup: {error}") from error
    except ValueError as error:  # JSON that does not parse, cut short or altered
        raise BackupError(DAMAGED.format(f"unreadable data: {error}")) from error
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BackupError(DAMAGED.format(error)) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a {FORMAT} archive.")
    for name, expected in manifest.get("files", {}).items():
        if _digest(archive, f"media/{name}") != expected:
            raise BackupError(DAMAGED.format(f"media/{name} does not match its checksum"))
    return manifest, data


def _load_rows(data):
    """Save every row of `data`, inside the caller's transaction; a row that points at a
    record the archive does not hold is refused before anything commits."""
    objects = []
    try:
        # Saved as they are read: a natural key is looked up in rows saved before it.
        for obj in serializers.deserialize("json", data, handle_forward_references=True):
            obj.save()
            objects.append(obj)
        for obj in objects:
            if obj.deferred_fields:
                obj.save_deferred_fields()
        # Foreign keys are checked at commit; checked now, the message can say so.
        connection.check_constraints()
    except (DeserializationError, DatabaseError, ValidationError, ValueError) as error:
        raise BackupError(DAMAGED.format(f"a row does not load: {error}")) from error
    return objects


def _write_media(archive, name, expected):
    """
    Write media file `name` from the archive and read it back; True if it was written,
    False if the storage already held the same file. A different file under that name
    is never overwritten.
    """
    if default_storage.exists(name):
        if _stored_digest(name) == expected:
            return False
        raise BackupError(
            f"The media folder already holds a different media/{name}; move it away, "
            "then restore again. Nothing was restored."
        )
    try:
        saved = default_storage.save(name, ContentFile(archive.read(f"media/{name}")))
    except OSError as error:
        raise BackupError(
            f"Could not write media/{name} ({error}); nothing was restored."
        ) from error
    if saved != name or _stored_digest(saved) != expected:
        default_storage.delete(saved)
        raise BackupError(f"media/{name} did not store intact; nothing was restored.")
    return True


def _stored_digest(name):
    digest = hashlib.sha256()
    with default_storage.open(name) as stored:
        for chunk in iter(lambda: stored.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _digest(archive, member):
    digest = hashlib.sha256()
    try:
        with archive.open(member) as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                digest.update(chunk)
    except KeyError:
        return None
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BackupError(DAMAGED.format(f"{member}: {error}")) from error
    return digest.hexdigest()


def _after_restore():
    """What loading rows bypasses: the search entries and the page cache."""
    search.reindex_all()
    content_changed()
    _reset_sequences()


def _reset_sequences():
    """PostgreSQL's id sequences, moved past the restored ids so new rows do not clash."""
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
