import resource
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programs.models import Program
from wordpress import services
from wordpress.wxr import ExportError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, WXR 1.1 or 1.2): posts, authors "
        "(Co-Authors Plus included), topics, images and old addresses. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The export's XML file.")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of the site's wp-content/uploads folder; images are read from it, "
            "never downloaded.",
        )
        parser.add_argument(
            "--program",
            help="The slug of the program posts go to (default: one named after the site, "
            "made if needed).",
        )
        parser.add_argument(
            "--category-program",
            action="append",
            default=[],
            metavar="CATEGORY=PROGRAM",
            help="Posts in this WordPress category (its slug) go to this program (its slug). "
            "May be given several times; the first match wins.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; write nothing."
        )
        parser.add_argument(
            "--report",
            type=Path,
            default=Path("wordpress-import-report.txt"),
            help="Where to write the report (default: wordpress-import-report.txt).",
        )

    def handle(self, *args, export, media_dir, program, category_program, dry_run, report, **o):
        # call_command passes options as given, not through the parser's types.
        export, report = Path(export), Path(report)
        media_dir = Path(media_dir) if media_dir else None
        if not report.parent.is_dir():
            raise CommandError(f"--report {report}: no folder {report.parent} to write it in.")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder.")
        options = services.Options(
            program=self.program(program) if program else None,
            category_programs=dict(self.mapping(value) for value in category_program),
            media_dir=media_dir,
            dry_run=dry_run,
        )
        started = time.monotonic()
        try:
            result = services.import_export(export, options, progress=self.progress)
        except ExportError as error:
            self.stderr.write("")
            raise CommandError(str(error)) from error
        self.stderr.write("")
        text = result.render(dry_run=dry_run)
        self.stdout.write(text)
        report.write_text(text, encoding="utf-8")
        seconds = time.monotonic() - started
        # ru_maxrss is in kilobytes on Linux (the platform Folio runs on).
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"Took {seconds:.1f} s; peak memory {peak:.0f} MB.")
        self.stdout.write(self.style.SUCCESS(f"The report is in {report}."))

    def program(self, slug):
        try:
            return Program.objects.get(slug=slug)
        except Program.DoesNotExist:
            raise CommandError(f"No program with the slug “{slug}”.") from None

    def mapping(self, value):
        category, equals, program = value.partition("=")
        if not equals or not category or not program:
            raise CommandError(f"--category-program {value}: write it CATEGORY=PROGRAM.")
        return category, self.program(program)

    shown = -1

    def progress(self, fraction):
        """A progress bar on standard error, where it does not mix with the report."""
        if int(fraction * 100) == self.shown:
            return
        self.shown = int(fraction * 100)
        width = 40
        done = int(fraction * width)
        self.stderr.write(f"\r[{'#' * done}{' ' * (width - done)}] {fraction:4.0%}", ending="")
        sys.stderr.flush()
