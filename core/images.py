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
import os
import posixpath
import re
import secrets
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
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


def render(source_name, specs, focal=(0.5, 0.5), prefix="renditions"):
    """
    Write each spec's renditions of a stored image and describe them:
    {spec name: {"width", "height", "webp": storage name, "jpeg": storage name}}.
    Names carry a hash of the source and the focal point, so a new photo or crop gets new
    addresses and caches never serve the old one.
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
            cropped = image.crop(crop_box(image.size, (spec.width, spec.height), focal))
            size = (spec.width, spec.height)
        else:
            width = min(spec.width, image.width)
            cropped, size = image, (width, max(1, round(image.height * width / image.width)))
        resized = cropped.resize(size, Image.Resampling.LANCZOS)
        entry = {"width": size[0], "height": size[1]}
        for fmt in spec.formats:
            buffer = io.BytesIO()
            if fmt == "jpeg":
                flat = resized
                if flat.mode == "RGBA":  # transparent areas become white, not black
                    background = Image.new("RGB", flat.size, (255, 255, 255))
                    background.paste(flat, mask=flat.getchannel("A"))
                    flat = background
                flat.convert("RGB").save(
                    buffer, "JPEG", quality=82, optimize=True, progressive=True
                )
                extension = "jpg"
            else:
                resized.save(buffer, "WEBP", quality=80, method=4)
                extension = "webp"
            name = f"{prefix}/{stem}-{digest}-{spec.name}-{size[0]}x{size[1]}.{extension}"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(buffer.getvalue()))
            entry[fmt] = name
        result[spec.name] = entry
    return result


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
