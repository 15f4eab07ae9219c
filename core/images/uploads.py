"""Checking and cleaning an upload before anything is stored, and the names it is stored under."""

import datetime
import io
import os
import posixpath
import re
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
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
        image = image.convert("RGBA" if has_alpha(image) and source_format != "JPEG" else "RGB")
    buffer = io.BytesIO()
    _save(image, buffer, source_format)
    stem = os.path.splitext(os.path.basename(getattr(uploaded, "name", "") or "image"))[0]
    # Django's get_valid_filename refuses a name with nothing valid left ("<>.jpg"); file
    # systems limit names in bytes (255), and a letter may take four of them in UTF-8.
    stem = re.sub(r"[^-\w]", "", stem.replace(" ", "_"))
    stem = stem.encode()[:100].decode(errors="ignore").strip("._-") or "image"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{FORMATS[source_format]}")


def has_alpha(image):
    """Whether the image has transparency, which JPEG cannot keep."""
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


@deconstructible(path="core.images.UnguessableName")
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
