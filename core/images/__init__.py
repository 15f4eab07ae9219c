"""
Uploaded images: checked, oriented, stripped of metadata, and cut into renditions.

Authors' photos and posts' hero images both go through here. An upload is refused with a
message an editor can act on (wrong type, too large, too many pixels, a side too long for
the renditions, damaged) before anything is written to storage; an accepted one is
re-encoded from its pixels, so EXIF (GPS positions included), XMP, comments and colour
profiles never reach a published file.
Originals are stored under random names (`UnguessableName`), never the uploader's.
"""

from .fields import ImageUploadField, ImageUploadFormField
from .renditions import Spec, crop_box, render, url
from .tidying import (
    UNREADABLE,
    RenditionsMixin,
    RenditionSourceError,
    files_in_use,
    remove_files_of_deleted_row,
    remove_unused,
    remove_unused_on_commit,
    rendition_models,
    rendition_names,
    stored_files,
)
from .uploads import (
    FORMATS,
    MAX_SIDE,
    UnguessableName,
    clean_upload,
    max_pixels,
    max_upload_bytes,
)

__all__ = [
    "FORMATS",
    "MAX_SIDE",
    "UNREADABLE",
    "ImageUploadField",
    "ImageUploadFormField",
    "RenditionSourceError",
    "RenditionsMixin",
    "Spec",
    "UnguessableName",
    "clean_upload",
    "crop_box",
    "files_in_use",
    "max_pixels",
    "max_upload_bytes",
    "remove_files_of_deleted_row",
    "remove_unused",
    "remove_unused_on_commit",
    "render",
    "rendition_models",
    "rendition_names",
    "stored_files",
    "url",
]
