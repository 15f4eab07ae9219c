"""Renditions: an image cut to the sizes and formats pages use, and their addresses."""

import hashlib
import io
import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename
from PIL import Image

from .uploads import has_alpha


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
    image = image.convert("RGBA" if has_alpha(image) else "RGB")
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


def url(name):
    """The public URL of a stored rendition."""
    return default_storage.url(name) if name else ""
