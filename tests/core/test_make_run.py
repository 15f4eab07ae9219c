"""`make run PORT=…` serves the site with canonical and share links on that port."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The env assignments before the server's command in the recipe `make -n` prints.
RUNSERVER = re.compile(r"^(?P<env>.*?)\S+/python manage\.py runserver (?P<address>\S+)$", re.M)

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def clean_environment(**env):
    # A make that runs this test passes its flags down; the recipe must not see them.
    skip = {"SITE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PORT"}
    return {**{k: v for k, v in os.environ.items() if k not in skip}, **env}


def site_url_of_make_run(port, **env):
    """SITE_URL as the shell that `make run PORT=port` starts the server in would see it."""
    recipe = subprocess.run(
        ["make", "-n", "run", f"PORT={port}"],
        cwd=ROOT,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    command = RUNSERVER.search(recipe)
    assert command, f"no runserver line in:\n{recipe}"
    assert command["address"] == f"127.0.0.1:{port}"
    # Run the same assignments, with printenv in place of the server.
    shell = subprocess.run(
        ["sh", "-c", f"{command['env']} printenv SITE_URL"],
        env=clean_environment(**env),
        capture_output=True,
        text=True,
    )
    return shell.stdout.strip()


def test_make_run_links_to_the_port_it_serves():
    assert site_url_of_make_run(8811) == "http://127.0.0.1:8811"


def test_a_site_url_in_the_environment_wins():
    assert site_url_of_make_run(8811, SITE_URL="https://folio.example") == (
        "https://folio.example"
    )
