"""
Media storage that fails cleanly.

When the disk refuses a write (full, over quota, over a size limit), Django's file system
storage leaves the part already written. `MediaStorage` removes it and raises
`MediaWriteFailed`; `recording()` lists every file saved while it is open, so a save that
fails half-way (the photo stored, one of its renditions refused) can remove them all.
`RefusedMediaWriteAdmin` uses both to turn such a failure into a form error.
"""

import contextlib
import contextvars
import errno
import logging
import os
import tempfile

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage

logger = logging.getLogger(__name__)

REFUSED_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
NOT_STORED_MESSAGE = (
    "The image could not be stored: the server's media storage is full or refused the file. "
    "Nothing was saved. Ask whoever runs the site to free some space, then save again."
)

_written = contextvars.ContextVar("media_written", default=None)


class MediaWriteFailed(OSError):
    """The media storage refused to write a file; nothing of it was left behind."""


class _PartFile(File):
    """A finished part-file, which Django's storage moves into place rather than copying."""

    def __init__(self, path):
        super().__init__(None, name=path)
        self.path = path

    def temporary_file_path(self):
        return self.path


class MediaStorage(FileSystemStorage):
    """The file system storage, leaving no partial file when the disk refuses a write."""

    def save(self, name, content, max_length=None):
        # The bytes go to a part-file of our own beside the target, which Django then moves
        # into place under a free name (a file with a temporary path is moved, not copied):
        # a write the disk refuses is removed without ever touching a name another request
        # may be saving at the same moment.
        if name is None:
            name = content.name
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        descriptor, part = tempfile.mkstemp(dir=directory, prefix=".part-")
        try:
            with os.fdopen(descriptor, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            os.chmod(part, self.file_permissions_mode or 0o644)
            name = super().save(name, _PartFile(part), max_length=max_length)
        except OSError as error:
            if error.errno not in REFUSED_ERRNOS:
                raise
            message = f"Could not store {name}: {error.strerror}"
            raise MediaWriteFailed(error.errno, message) from error
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(part)
        written = _written.get()
        if written is not None:
            written.append(name)
        return name


@contextlib.contextmanager
def recording():
    """Yield the list of names saved to the media storage while the block runs."""
    names = []
    token = _written.set(names)
    try:
        yield names
    finally:
        _written.reset(token)


class RefusedMediaWriteAdmin(admin.ModelAdmin):
    """
    A ModelAdmin whose saves survive a media storage that refuses a write: the database
    changes are rolled back (the admin saves in one transaction), the files written by the
    same save are removed, and the form comes back with the editor's input and a message.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with recording() as written:
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except MediaWriteFailed as failure:
                logger.error("Media storage refused a write: %s", failure)
        for name in written:
            with contextlib.suppress(OSError):
                default_storage.delete(name)
        request.media_write_failed = True
        # Again, with a form that refuses to save, so it shows the message and the input.
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, "media_write_failed", False):
            return form

        class NotStored(form):
            def clean(self):
                super().clean()
                raise ValidationError(NOT_STORED_MESSAGE, code="not_stored")

        return NotStored
