"""
`manage.py rebuild_renditions`: every image's renditions cut again from its stored original
with the current specs (after their sizes change), and renditions no row uses removed.

It lives in `core` and finds its models through the app registry (every model with
`core.images.RenditionsMixin`), so it imports none of our apps and a new model with
renditions is rebuilt without touching it.
"""

import datetime
from collections import Counter

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import images
from core.cache import content_changed

# A rendition no row names may still be about to be: a save stores its renditions before
# its row commits. Strays younger than this are left for the next run.
DEFAULT_GRACE_SECONDS = 3600


class Command(BaseCommand):
    help = (
        "Cut every author photo's and post hero image's renditions again from the stored "
        "originals with the current sizes, and remove renditions no longer used. Safe to "
        "run again; a missing or unreadable original is reported and the rest go on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be re-cut and removed; write and remove nothing.",
        )
        parser.add_argument(
            "--grace",
            type=int,
            default=DEFAULT_GRACE_SECONDS,
            metavar="SECONDS",
            help="Leave unused renditions younger than this: a save in progress may be "
            f"about to use them (default {DEFAULT_GRACE_SECONDS}).",
        )

    def handle(self, *args, dry_run, grace, **options):
        started = timezone.now()
        would = "would be " if dry_run else ""
        failed = 0
        replaced = set()
        for model in images.rendition_models():
            counts = Counter()
            rows = model._meta.base_manager.order_by("pk")
            for row in rows.iterator(chunk_size=200):
                if not getattr(row, model.rendition_image_field) and not getattr(
                    row, model.rendition_field
                ):
                    counts["without an image"] += 1
                    continue
                try:
                    result = row.rebuild_renditions(dry_run=dry_run)
                except images.RenditionSourceError as error:
                    # One lost original must not stop the others; its row keeps the
                    # renditions it has, and pages go on showing them.
                    counts["failed"] += 1
                    self.stderr.write(f"{model._meta.label} {row.pk} “{row}”: {error}")
                    continue
                if result is None:
                    counts["already current"] += 1
                else:
                    counts[f"{would}re-cut"] += 1
                    replaced |= result
            failed += counts["failed"]
            summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
            self.stdout.write(f"{model._meta.label}: {summary or 'no rows'}.")
        if not dry_run and replaced:
            # The renditions were stored by updates, which move no cached page on.
            content_changed()
        strays = self.remove_strays(started - datetime.timedelta(seconds=grace), dry_run)
        if not dry_run:
            replaced = {name for name in replaced if not default_storage.exists(name)}
        self.stdout.write(
            f"{'Would remove' if dry_run else 'Removed'} {len(replaced)} replaced "
            f"rendition file(s) and {len(strays)} unused one(s)."
        )
        if failed:
            raise CommandError(
                f"{failed} original(s) could not be read (listed above); their rows keep "
                "the renditions they had. Upload the image again to fix each."
            )

    def remove_strays(self, older_than, dry_run):
        """Delete the files under the renditions' folders that no row uses, if older than
        `older_than`. Returns their names."""
        used = set()
        for model in images.rendition_models():
            fields = (model.rendition_image_field, model.rendition_field)
            for row in model._meta.base_manager.only(*fields).iterator(chunk_size=500):
                used |= row.rendition_files()
        prefixes = sorted({model.rendition_prefix for model in images.rendition_models()})
        strays = set()
        for prefix in prefixes:
            for name in images.stored_files(prefix):
                if name in used or default_storage.get_modified_time(name) >= older_than:
                    continue
                strays.add(name)
                if not dry_run:
                    default_storage.delete(name)
        return strays
