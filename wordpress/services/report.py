"""How an import is asked for (`Options`) and what it says it did (`Report`)."""

import dataclasses
from collections import Counter
from pathlib import Path

from programs.models import Program


@dataclasses.dataclass
class Options:
    """How to import: where the uploads are, which program posts go to, and whether to
    write anything."""

    program: Program | None = None
    category_programs: dict = dataclasses.field(default_factory=dict)
    media_dir: Path | None = None
    dry_run: bool = False

    def fingerprint(self):
        """What of the options shapes an imported post."""
        return (
            self.program and self.program.pk,
            sorted((category, program.pk) for category, program in self.category_programs.items()),
            self.media_dir is not None,  # a copy elsewhere of the same folder changes nothing
        )


class Report:
    """Counts by kind and outcome, and a line for every item skipped, changed or missing."""

    def __init__(self):
        self.counts = Counter()
        self.lines = []

    def count(self, kind, outcome):
        self.counts[(kind, outcome)] += 1

    def note(self, kind, wp_id, text):
        self.lines.append(f"{kind} {wp_id}: {text}")

    def remark(self, text):
        """A line on the import as a whole."""
        self.lines.append(text)

    def render(self, dry_run=False):
        heading = (
            "What the import would do (dry run: nothing was written)"
            if dry_run
            else ("What the import did")
        )
        out = [heading, ""]
        for (kind, outcome), number in sorted(self.counts.items()):
            out.append(f"  {kind:<14} {outcome:<40} {number:>7}")
        if self.lines:
            out += ["", "Items to look at:"]
            out += [f"  {line}" for line in self.lines]
        return "\n".join(out) + "\n"
