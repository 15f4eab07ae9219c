"""
Uploaded images: checked, oriented, stripped of metadata, and cut into renditions.

Authors' photos and posts' hero images both go through here. An upload is refused with a
message an editor can act on (wrong type, too large, too many pixels, a side too long for
the renditions, damaged) before anything is written to storage; an accepted one is
re-encoded from its pixels, so EXIF (GPS positions included), XMP, comments and colour
profiles never reach a published file.
Originals are stored under random names (`UnguessableName`), never the uploader's.
"""

import datetime
import hashlib
import io
import logging
import os
import posixpath
import re
import secrets
import warnings
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, router, transaction
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

# Every upload is cut into WebP renditions, and WebP cannot encode a side longer than this:
# an image past it would be stored and then fail half-way through its renditions.
MAX_SIDE = 16_383


def max_upload_bytes():
    return settings.IMAGE_MAX_UPLOAD_BYTES


def max_pixels():
    return settings.IMAGE_MAX_PIXELS


def _open_checked(uploaded):
    """Open an upload with Pillow and decode it fully, or raise a ValidationError."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_upload_bytes():
        raise ValidationError(
            f"This file is {size / 1_048_576:.1f} MB; images may be at most "
            f"{max_upload_bytes() / 1_048_576:.0f} MB. Export a smaller JPEG and try again.",
            code="too_large",
        )
    if size == 0:
        raise ValidationError("This file is empty.", code="empty")
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns past MAX_IMAGE_PIXELS and only refuses at twice that; refuse at once.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(uploaded)
            if image.format not in FORMATS:
                raise ValidationError(
                    f"This file is a {image.format} image. Upload a JPEG, PNG or WebP.",
                    code="format",
                )
            if image.width * image.height > max_pixels():
                raise Image.DecompressionBombError
            if max(image.size) > MAX_SIDE:
                side, direction = max((image.width, "wide"), (image.height, "high"))
                raise ValidationError(
                    f"Images may be at most {MAX_SIDE:,} pixels wide or high; this one is "
                    f"{side:,} pixels {direction}. Resize it and try again.",
                    code="too_long_a_side",
                )
            if getattr(image, "n_frames", 1) > 1:
                image.seek(0)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            f"This image has too many pixels (the limit is {max_pixels() / 1e6:.0f} megapixels).",
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "This file is not a readable image, or it is damaged. Upload a JPEG, PNG or WebP.",
            code="invalid",
        ) from error
    return image


def clean_upload(uploaded):
    """
    The upload as a clean file ready to store: right way up, metadata removed, re-encoded
    in its own format, with a safe file name. Raises ValidationError for anything else.
    """
    image = _open_checked(uploaded)
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    if source_format == "JPEG" or image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA" if _has_alpha(image) and source_format != "JPEG" else "RGB")
    buffer = io.BytesIO()
    _save(image, buffer, source_format)
    stem = os.path.splitext(os.path.basename(getattr(uploaded, "name", "") or "image"))[0]
    # Django's get_valid_filename refuses a name with nothing valid left ("<>.jpg"); file
    # systems limit names in bytes (255), and a letter may take four of them in UTF-8.
    stem = re.sub(r"[^-\w]", "", stem.replace(" ", "_"))
    stem = stem.encode()[:100].decode(errors="ignore").strip("._-") or "image"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{FORMATS[source_format]}")


def _has_alpha(image):
    return image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info


def _save(image, target, image_format):
    # Pillow writes back what it read (a JPEG comment, an ICC profile, EXIF) unless told
    # otherwise; only the pixels, and transparency, go out.
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    if image_format == "JPEG":
        image.convert("RGB").save(target, "JPEG", quality=85, optimize=True, progressive=True)
    elif image_format == "WEBP":
        image.save(target, "WEBP", quality=82, method=4)
    else:
        image.save(target, "PNG", optimize=True)


@deconstructible
class UnguessableName:
    """
    An `upload_to` storing each original under `directory` (strftime codes allowed, as in
    a plain `upload_to`) with a random name and only its image extension.
    """

    EXTENSIONS = {"jpg", "jpeg", "png", "webp"}

    def __init__(self, directory):
        self.directory = directory

    def __call__(self, instance, filename):
        # Originals are served by address to anyone: an uploader's name ("embargoed-merger-
        # chart.jpg") would let an unpublished post's image be found by guessing. A content
        # hash, as renditions carry, could be computed by anyone holding the picture, so
        # the name is random instead: 128 bits, never derived from the file.
        extension = os.path.splitext(filename)[1].lower().lstrip(".")
        # Any other extension might make the server announce the file as something else
        # (HTML, SVG); without one it is served as plain bytes.
        suffix = f".{extension}" if extension in self.EXTENSIONS else ""
        directory = datetime.datetime.now().strftime(self.directory)
        return posixpath.join(directory, f"{secrets.token_hex(16)}{suffix}")


# --- Renditions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """A rendition: `width`×`height` cropped around the focal point, or `width` wide at the
    source's own proportions when height is 0."""

    name: str
    width: int
    height: int = 0
    formats: tuple = ("webp", "jpeg")


def crop_box(size, target, focal):
    """The largest box of the target's proportions that keeps the focal point in view."""
    width, height = size
    ratio = target[0] / target[1]
    crop_w, crop_h = (width, width / ratio) if width / height < ratio else (height * ratio, height)
    centre_x, centre_y = focal[0] * width, focal[1] * height
    left = min(max(centre_x - crop_w / 2, 0), width - crop_w)
    top = min(max(centre_y - crop_h / 2, 0), height - crop_h)
    return (round(left), round(top), round(left + crop_w), round(top + crop_h))


def render(source_name, specs, focal=(0.5, 0.5), prefix="renditions", write=True):
    """
    Write each spec's renditions of a stored image and describe them:
    {spec name: {"width", "height", "webp": storage name, "jpeg": storage name}}.
    Names carry a hash of the source and the focal point, so a new photo or crop gets new
    addresses and caches never serve the old one. A rendition already stored under its name
    is not cut again; with `write=False` nothing is written, only described (a dry run).
    """
    with default_storage.open(source_name, "rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    digest = hashlib.sha256(data + repr(focal).encode()).hexdigest()[:12]
    stem = get_valid_filename(os.path.splitext(os.path.basename(source_name))[0])
    stem = stem.encode()[:60].decode(errors="ignore")
    result = {}
    full_width_done = False
    for spec in specs:
        if not spec.height and spec.width >= image.width:
            # Never enlarge: one rendition at the source's own width is enough.
            if full_width_done:
                continue
            full_width_done = True
        if spec.height:
            size = (spec.width, spec.height)
        else:
            width = min(spec.width, image.width)
            size = (width, max(1, round(image.height * width / image.width)))
        entry = {"width": size[0], "height": size[1]}
        for fmt in spec.formats:
            extension = "jpg" if fmt == "jpeg" else "webp"
            entry[fmt] = f"{prefix}/{stem}-{digest}-{spec.name}-{size[0]}x{size[1]}.{extension}"
        missing = [fmt for fmt in spec.formats if not default_storage.exists(entry[fmt])]
        if write and missing:
            # A name is fixed by the source, focal point and size: a stored one is this
            # very rendition, so a rebuild with unchanged sizes cuts nothing again.
            cropped = image.crop(crop_box(image.size, size, focal)) if spec.height else image
            resized = cropped.resize(size, Image.Resampling.LANCZOS)
            for fmt in missing:
                default_storage.save(entry[fmt], ContentFile(_encode_rendition(resized, fmt)))
        result[spec.name] = entry
    return result


def _encode_rendition(resized, fmt):
    buffer = io.BytesIO()
    if fmt == "jpeg":
        flat = resized
        if flat.mode == "RGBA":  # transparent areas become white, not black
            background = Image.new("RGB", flat.size, (255, 255, 255))
            background.paste(flat, mask=flat.getchannel("A"))
            flat = background
        flat.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        resized.save(buffer, "WEBP", quality=80, method=4)
    return buffer.getvalue()


# --- Fields ----------------------------------------------------------------------------


class ImageUploadFormField(forms.ImageField):
    """An image upload checked and cleaned by `clean_upload`, with its clear messages."""

    def to_python(self, data):
        uploaded = forms.FileField.to_python(self, data)
        if uploaded is None:
            return None
        return clean_upload(uploaded)


class ImageUploadField(models.ImageField):
    """An ImageField whose uploads go through `clean_upload` in every form."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})


def url(name):
    """The public URL of a stored rendition."""
    return default_storage.url(name) if name else ""


# --- Keeping renditions tidy -----------------------------------------------------------

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
