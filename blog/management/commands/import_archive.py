from django.core.management.base import BaseCommand, CommandError

from blog import backup


class Command(BaseCommand):
    help = "Restore an archive from `manage.py export_archive` into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the archive to restore")

    def handle(self, *args, archive, **options):
        try:
            rows, files = backup.restore(archive)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {rows} rows and {files} files."))
