"""Keeping renditions tidy: re-cut when an image changes, files removed once no row uses them."""

import logging
import posixpath

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import router, transaction
from PIL import Image

from .renditions import render

logger = logging.getLogger(__name__)


class RenditionSourceError(Exception):
    """A row's original image is missing from storage or cannot be read."""


class RenditionsMixin:
    """
    A model whose uploaded image is cut into renditions, listed in a JSON field, and whose
    files are removed from storage once no row uses them.

    The model names its fields and says which specs to cut:

        class Author(images.RenditionsMixin, models.Model):
            rendition_image_field = "photo"
            rendition_field = "photo_renditions"
            rendition_prefix = "renditions/people"
            rendition_focal_fields = ("photo_focal_x", "photo_focal_y")  # or () for the centre

            def rendition_specs(self):
                return PHOTO_SPECS

    Saving cuts the renditions again when the image or its focal point changed, and once
    the transaction commits removes the files the row used before (old renditions, and the
    old original if no other row names it): a save that fails or is rolled back removes
    nothing. Deleting a row removes its files the same way. `rebuild_renditions()` re-cuts
    from the stored original with the current specs, for `manage.py rebuild_renditions`,
    which finds every model with this mixin through the app registry.
    """

    rendition_image_field = ""
    rendition_field = ""
    rendition_prefix = "renditions"
    rendition_focal_fields = ()
    # The files the stored row used when its renditions were last re-cut in memory; the
    # save that stores the new ones removes those it no longer uses.
    replaced_rendition_files = None

    def rendition_specs(self):
        """The `Spec`s to cut, read at each cut so that changed sizes take effect."""
        raise NotImplementedError

    def rendition_focal(self):
        """The focal point (across, down), from 0 to 1; the centre without focal fields."""
        if not self.rendition_focal_fields:
            return (0.5, 0.5)
        return tuple(getattr(self, name) for name in self.rendition_focal_fields)

    def rendition_source(self):
        """
        What the renditions are cut from, as recorded under their "source" key: the
        original's name, with the focal point when the model has one (the form rows have
        recorded since their first renditions), or None without an image.
        """
        name = getattr(self, self.rendition_image_field).name
        if not name:
            return None
        return [name, *self.rendition_focal()] if self.rendition_focal_fields else name

    def rendition_files(self):
        """The names of every stored file this row uses: its original and renditions."""
        original = getattr(self, self.rendition_image_field).name
        names = rendition_names(getattr(self, self.rendition_field))
        return names | {original} if original else names

    def stored_rendition_files(self):
        """The files the row as stored in the database uses (none for an unsaved row)."""
        if self.pk is None:
            return set()
        stored = (
            type(self)
            ._meta.base_manager.filter(pk=self.pk)
            .values(self.rendition_image_field, self.rendition_field)
            .first()
        )
        if stored is None:
            return set()
        original = stored[self.rendition_image_field]
        names = rendition_names(stored[self.rendition_field])
        return names | {original} if original else names

    def refresh_renditions(self, force=False):
        """Cut the image's renditions again when the image or its focal point changed, or
        always with `force`. The files the stored row used are noted, for `save()`."""
        field = self._meta.get_field(self.rendition_image_field)
        if getattr(self, self.rendition_image_field):
            # A new upload is stored first, as saving the row would store it, so that its
            # renditions are cut from the name it is stored under.
            field.pre_save(self, add=self.pk is None)
        source = self.rendition_source()
        renditions = getattr(self, self.rendition_field) or {}
        if not force and renditions.get("source") == source:
            return
        if self.replaced_rendition_files is None:
            # Read before anything replaces them; kept across several refreshes before
            # one save, since the stored row changes only when the save commits.
            self.replaced_rendition_files = self.stored_rendition_files()
        setattr(self, self.rendition_field, self.cut_renditions() if source else {})

    def cut_renditions(self, write=True):
        """The renditions of the stored original with the current specs (written to
        storage unless `write` is false), with their "source"."""
        return {
            "source": self.rendition_source(),
            **render(
                getattr(self, self.rendition_image_field).name,
                self.rendition_specs(),
                self.rendition_focal(),
                prefix=self.rendition_prefix,
                write=write,
            ),
        }

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.rendition_field not in update_fields:
            # The renditions are not written by this save: nothing they replace may go.
            super().save(*args, **kwargs)
            return
        self.refresh_renditions()
        super().save(*args, **kwargs)
        # Registered only now that the row is written: if the save failed, it raised
        # before this, and a transaction rolled back later drops the callback.
        replaced, self.replaced_rendition_files = self.replaced_rendition_files, None
        if replaced:
            using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
            remove_unused_on_commit(replaced - self.rendition_files(), replaced, using)

    def rebuild_renditions(self, dry_run=False):
        """
        Re-cut the renditions from the stored original with the current specs, store them
        on the row without saving anything else (no new version, no "last revised" date,
        no signals), and remove the renditions they replace once committed. Returns None
        when the renditions were current already (or an editor changed the image
        meanwhile), else the names of the renditions replaced (maybe none, when only new
        ones were added). Raises RenditionSourceError when the original is missing or
        unreadable. With `dry_run`, nothing is written or removed. No signal is sent, so
        the caller makes cached pages old afterwards (`core.cache.content_changed`).
        """
        before = getattr(self, self.rendition_field) or {}
        if not getattr(self, self.rendition_image_field):
            after = {}
        else:
            name = getattr(self, self.rendition_image_field).name
            try:
                after = self.cut_renditions(write=not dry_run)
            except FileNotFoundError as error:
                raise RenditionSourceError(f"the original {name} is missing") from error
            except UNREADABLE as error:
                message = f"the original {name} cannot be read: {error}"
                raise RenditionSourceError(message) from error
        if after == before:
            return None
        replaced = rendition_names(before) - rendition_names(after)
        if dry_run:
            return replaced
        model = type(self)
        # Only if the image and focal point are still those just cut from: an editor who
        # changed them meanwhile has had their own renditions cut by their save.
        unchanged = {
            name: getattr(self, name)
            for name in (self.rendition_image_field, *self.rendition_focal_fields)
        }
        using = router.db_for_write(model, instance=self)
        with transaction.atomic(using=using):
            updated = (
                model._meta.base_manager.using(using)
                .filter(pk=self.pk, **unchanged)
                .update(**{self.rendition_field: after})
            )
            if not updated:
                return None
            setattr(self, self.rendition_field, after)
            remove_unused_on_commit(replaced, self.rendition_files(), using)
        return replaced


# What reading an original can raise besides a missing file: damaged or not an image.
UNREADABLE = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


def rendition_names(renditions):
    """The storage names of the files a renditions dict lists (not its source)."""
    return {
        name
        for key, entry in (renditions or {}).items()
        if key != "source" and isinstance(entry, dict)
        for fmt, name in entry.items()
        if fmt not in {"width", "height"} and name
    }


def rendition_models():
    """Every installed model with `RenditionsMixin`."""
    return [model for model in apps.get_models() if issubclass(model, RenditionsMixin)]


def files_in_use(originals):
    """
    The files used by any row of any model with renditions whose original is among
    `originals`. Rendition names are made from the original's name, so only such rows
    can use a rendition of it.
    """
    originals = [name for name in originals if name]
    used = set()
    for model in rendition_models():
        rows = model._meta.base_manager.filter(**{f"{model.rendition_image_field}__in": originals})
        for row in rows.only(model.rendition_image_field, model.rendition_field):
            used |= row.rendition_files()
    return used


def remove_unused(names, originals=()):
    """
    Delete the files among `names` that no row uses now. `originals` are the originals
    the files were cut from (or are), whose rows are asked. Returns the names deleted.
    """
    unused = set(names) - files_in_use({*names, *originals})
    for name in sorted(unused):
        try:
            default_storage.delete(name)
        except OSError as error:
            # The row is saved already: a file left behind costs only space (and the next
            # `rebuild_renditions` removes it if it is a rendition).
            logger.warning("Could not remove %s: %s", name, error)
    return unused


def remove_unused_on_commit(names, originals=(), using=None):
    """Run `remove_unused` once the current transaction commits (at once outside one):
    a failed or rolled-back save removes nothing."""
    if not names:
        return
    names, originals = frozenset(names), frozenset(originals)
    transaction.on_commit(lambda: remove_unused(names, originals), using=using, robust=True)


def remove_files_of_deleted_row(sender, instance, using, **kwargs):
    """A post_delete receiver (connected in `core.apps`): a row deleted for good takes
    its original and renditions with it, once the delete commits."""
    files = instance.rendition_files()
    remove_unused_on_commit(files, files, using)


def stored_files(directory):
    """Names of every file under `directory` in the default storage, recursively."""
    try:
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield posixpath.join(directory, name)
    for folder in folders:
        yield from stored_files(posixpath.join(directory, folder))
