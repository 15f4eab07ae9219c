from django.core.management.base import BaseCommand, CommandError

from blog import backup


class Command(BaseCommand):
    help = (
        "Write all content, accounts and media to one zip archive, which "
        "`manage.py import_archive` restores into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the archive to write, e.g. folio.zip")

    def handle(self, *args, archive, **options):
        try:
            rows, files = backup.export(archive)
        except OSError as error:
            raise CommandError(f"Could not write {archive}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Wrote {rows} rows and {files} files to {archive}."))
