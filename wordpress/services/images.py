"""The importer's images: attachments found under `--media-dir` (never downloaded) become
figure images and hero images, each once."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from blog.models import Figure
from core.images.uploads import clean_upload

from ..models import ImportedImage

MAX_WP_ID = 2**63  # WordPress's IDs are unsigned 64-bit; ours are signed


def read_image(source):
    """The image file at `source`, checked and cleaned as an upload (`clean_upload`), read
    into memory so that the file is closed again at once."""
    with source.open("rb") as file:
        return clean_upload(File(file, name=source.name))


class ImagesMixin:
    """The importer's images: attachments read from the uploads folder, as figure images
    and hero images."""

    def source_file(self, attachment):
        self.images_wanted += 1
        path = self.find_file(attachment)
        self.images_found += path is not None
        return path

    def find_file(self, attachment):
        if self.options.media_dir is None or not attachment.file:
            return None
        try:
            path = (self.options.media_dir / attachment.file).resolve()
            # An attachment's recorded path never leads out of the uploads folder.
            if self.options.media_dir.resolve() not in path.parents or not path.is_file():
                return None
            with path.open("rb"):
                return path
        except (OSError, ValueError):  # a name too long, unreadable, a NUL in it
            return None

    def figure_for(self, wp_id, address):
        attachment = self.catalogue.attachment_for(wp_id, address)
        if attachment is None:
            return None
        if attachment.wp_id in self.figures:
            return self.figures[attachment.wp_id]
        imported = (
            ImportedImage.objects.select_related("figure").filter(wp_id=attachment.wp_id).first()
        )
        figure = imported.figure if imported else None
        if figure is None:
            source = self.source_file(attachment)
            if source is None:
                return None
            description = attachment.alt or attachment.title or source.stem
            if self.options.dry_run:
                figure = Figure(description=description)
                self.report.count("image", "would be imported")
            else:
                try:
                    cleaned = read_image(source)
                except ValidationError as error:
                    self.report.note(
                        "attachment", attachment.wp_id, f"refused: {error.messages[0]}"
                    )
                    return None
                figure = Figure(description=description[:300])
                figure.image.save(cleaned.name, cleaned, save=False)
                figure.save()
                ImportedImage.objects.create(wp_id=attachment.wp_id, figure=figure)
                transaction.on_commit(lambda: self.report.count("image", "imported"))
        self.figures[attachment.wp_id] = figure
        return figure

    def hero(self, item, post, imported):
        """The featured image as the hero image; a later import replaces it only when
        WordPress's featured image changed."""
        wp_id = item.meta.get("_thumbnail_id", "")
        if not (wp_id.isascii() and wp_id.isdigit()) or int(wp_id) >= MAX_WP_ID:
            return None
        if imported and imported.hero_wp_id == int(wp_id) and post.hero_image:
            return int(wp_id)
        attachment = self.catalogue.attachments.get(int(wp_id))
        source = self.source_file(attachment) if attachment else None
        if source is None:
            self.report.note("post", item.wp_id, f"featured image not found: attachment {wp_id}")
            return None
        try:
            cleaned = read_image(source)
        except ValidationError as error:
            self.report.note("post", item.wp_id, f"featured image refused: {error.messages[0]}")
            return None
        post.hero_image.save(cleaned.name, cleaned, save=False)
        post.hero_alt = (attachment.alt or attachment.title or post.title)[:300]
        return int(wp_id)

    def note_media(self):
        """One line on the images as a whole, when the folder looks wrong or is missing."""
        if not self.images_wanted:
            return
        if self.options.media_dir is None:
            self.report.remark(
                "No --media-dir was given, so no image was imported; a re-run with it brings "
                "them in."
            )
        elif not self.images_found:
            self.report.remark(
                f"None of the images was found under {self.options.media_dir}: give the "
                "uploads folder itself (wp-content/uploads, whose folders are years)."
            )
