"""
`manage.py audit`: every pin of requirements.lock checked by pip-audit against the PyPI
advisory database; fails on any known advisory.

A package the service cannot check (a version it does not know, or the service out of
reach) is listed as unchecked; with --strict that fails the audit too, so that a green
result means every pin was checked.
"""

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# What pip-audit prints when the network, not pip-audit or the lock, is at fault.
UNREACHABLE = re.compile(
    r"ConnectionError|Max retries exceeded|Name or service not known|"
    r"Temporary failure in name resolution|timed out|Connection refused|Network is unreachable"
)


@dataclass
class AuditReport:
    checked: list = field(default_factory=list)
    unchecked: list = field(default_factory=list)  # (name, reason)
    advisories: list = field(default_factory=list)  # (name, version, id, fixed in)


def read_report(data):
    """The findings of pip-audit's JSON report."""
    report = AuditReport()
    for dependency in data.get("dependencies", []):
        name = dependency["name"]
        if "skip_reason" in dependency:
            report.unchecked.append((name, dependency["skip_reason"]))
            continue
        report.checked.append(name)
        for advisory in dependency.get("vulns", []):
            report.advisories.append(
                (
                    name,
                    dependency.get("version", "?"),
                    advisory.get("id", "?"),
                    ", ".join(advisory.get("fix_versions", [])) or "no fixed release",
                )
            )
    return report


class Command(BaseCommand):
    help = "Check requirements.lock for known advisories with pip-audit."

    def add_arguments(self, parser):
        parser.add_argument("--pip-audit", default=".audit-venv/bin/pip-audit")
        parser.add_argument("--requirements", default=str(settings.BASE_DIR / "requirements.lock"))
        parser.add_argument(
            "--strict", action="store_true", help="fail when a pin could not be checked"
        )

    def handle(self, *args, pip_audit, requirements, strict, **options):
        with tempfile.TemporaryDirectory() as scratch:
            output = Path(scratch) / "audit.json"
            result = subprocess.run(
                [
                    pip_audit, "--requirement", requirements, "--no-deps", "--disable-pip",
                    "--progress-spinner", "off", "--format", "json", "--output", str(output),
                ],
                capture_output=True,
                text=True,
            )  # fmt: skip
            if not output.exists():
                detail = result.stderr.strip()[-2000:]
                if not UNREACHABLE.search(detail):
                    raise CommandError(f"pip-audit did not run:\n{detail}")
                message = (
                    f"The advisory service could not be reached; nothing was checked.\n{detail}"
                )
                if strict:
                    raise CommandError(message)
                self.stderr.write(f"WARNING: {message}")
                return
            report = read_report(json.loads(output.read_text()))

        self.stdout.write(
            f"{len(report.checked)} pinned packages checked, {len(report.unchecked)} could "
            f"not be checked, {len(report.advisories)} known advisories."
        )
        for name, reason in report.unchecked:
            self.stdout.write(f"  unchecked  {name}: {reason}")
        for name, version, advisory, fixed in report.advisories:
            self.stdout.write(f"  ADVISORY   {name} {version}: {advisory} (fixed in {fixed})")
        if report.advisories:
            raise CommandError("known advisories affect pinned packages: update them")
        if strict and report.unchecked:
            raise CommandError("some pinned packages could not be checked")
