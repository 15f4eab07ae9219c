"""`manage.py audit` fails on a known advisory in the lock, and lists what it could not check.

pip-audit asks PyPI's advisory service over the network; these tests stand a small script
in for it, which writes the JSON report pip-audit writes, so that the outcome for each kind
of report is certain.
"""

import json
import stat
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

REPORT_WITH_ADVISORY = {
    "dependencies": [
        {"name": "django", "version": "5.2.1", "vulns": [
            {"id": "PYSEC-2025-0001", "fix_versions": ["5.2.2"], "aliases": ["CVE-2025-0001"]}
        ]},
        {"name": "pillow", "version": "11.0.0", "vulns": []},
    ],
    "fixes": [],
}  # fmt: skip
REPORT_CLEAN = {
    "dependencies": [
        {"name": "django", "version": "5.2.8", "vulns": []},
        {
            "name": "asgiref",
            "skip_reason": "Dependency not found on PyPI and could not be audited",
        },
    ],
    "fixes": [],
}


@pytest.fixture
def pip_audit(tmp_path):
    """An executable that writes `report` where pip-audit's --output says (or nothing)."""

    def make(report, error=""):
        script = tmp_path / "pip-audit"
        body = "" if report is None else json.dumps(report)
        script.write_text(
            "#!/bin/sh\n"
            'while [ "$#" -gt 0 ]; do [ "$1" = --output ] && out="$2"; shift; done\n'
            + (
                f"cat > \"$out\" <<'EOF'\n{body}\nEOF\n"
                if report is not None
                else f"echo '{error}' >&2\nexit 1\n"
            )
        )
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        return str(script)

    return make


def run(pip_audit, *options):
    out, err = StringIO(), StringIO()
    call_command("audit", "--pip-audit", pip_audit, *options, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_a_known_advisory_fails_the_audit_and_names_the_fix(pip_audit):
    with pytest.raises(CommandError, match="known advisories"):
        run(pip_audit(REPORT_WITH_ADVISORY))


def test_the_advisory_is_listed_with_its_package_and_fixed_release(pip_audit):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "--pip-audit", pip_audit(REPORT_WITH_ADVISORY), stdout=out)
    assert "ADVISORY   django 5.2.1: PYSEC-2025-0001 (fixed in 5.2.2)" in out.getvalue()


def test_a_clean_report_passes_and_lists_what_was_not_checked(pip_audit):
    output = run(pip_audit(REPORT_CLEAN))
    assert "1 pinned packages checked, 1 could not be checked, 0 known advisories" in output
    assert "unchecked  asgiref" in output


def test_strict_fails_when_a_pin_could_not_be_checked(pip_audit):
    with pytest.raises(CommandError, match="could not be checked"):
        run(pip_audit(REPORT_CLEAN), "--strict")


UNREACHABLE = "requests.exceptions.ConnectionError: Max retries exceeded with url: /pypi/"


def test_an_unreachable_service_warns_and_strict_fails(pip_audit):
    assert "could not be reached" in run(pip_audit(None, UNREACHABLE))
    with pytest.raises(CommandError, match="could not be reached"):
        run(pip_audit(None, UNREACHABLE), "--strict")


def test_pip_audit_failing_for_another_reason_fails_the_audit(pip_audit):
    with pytest.raises(CommandError, match="pip-audit did not run"):
        run(pip_audit(None, "pip-audit: error: unrecognized arguments: --no-deps"))
