"""
Importing a WordPress export: authors, posts, their images, topics and old addresses.

`import_export(path, options)` reads the export twice, as a stream. The first pass reads
the site's users, Co-Authors Plus guest authors and attachments (a few fields each), and
reads the whole file, so a malformed one stops the import before anything is written. The
second imports the posts, each in its own transaction. Re-running the same or a newer
export updates what changed, keyed by the WordPress post ID, and never duplicates; a post
edited in Folio since it was imported is left as it is, and listed. No network request is
made: images come from a copy of `wp-content/uploads` (`--media-dir`) or not at all.
"""

from .. import wxr
from .catalogue import read_catalogue
from .posts import Importer
from .report import Options, Report


def import_export(path, options, progress=None):
    """Import the export at `path`; the `Report` says what was done (or would be)."""
    report = Report()
    catalogue = read_catalogue(path, progress=progress and (lambda done: progress(done / 2)))
    unknown = sorted(set(options.category_programs) - catalogue.categories)
    if unknown:
        known = ", ".join(sorted(catalogue.categories)) or "none"
        raise wxr.ExportError(
            f"The export has no category {', '.join(unknown)} (--category-program takes a "
            f"category's slug; the export's are: {known}). Nothing was imported."
        )
    importer = Importer(catalogue, options, report)
    for kind, wp_id, title in catalogue.skipped:
        report.count(kind, "skipped (not a post)")
        report.note(kind, wp_id, f"skipped (not a post): {title}")
    for record in wxr.read(path, progress=progress and (lambda done: progress(0.5 + done / 2))):
        if isinstance(record, wxr.Item) and record.post_type == "post":
            importer.post(record)
    importer.note_media()
    return report


__all__ = ["Options", "Report", "import_export", "read_catalogue"]
