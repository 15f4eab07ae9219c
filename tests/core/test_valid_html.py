"""
The Nu HTML checker (the W3C's validator, run here from `vnu.jar`) finds no error on any
kind of public page, the commentary page with a table, a figure, footnotes, an embed and
pull quotes included. `make test-system` fetches the checker; Java runs it.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from blog.models import Post
from tests.pages import PUBLIC_PAGES

pytestmark = [pytest.mark.system, pytest.mark.django_db]

NU_CHECKER = Path(
    os.environ.get("NU_CHECKER_JAR", ".tools/node_modules/vnu-jar/build/dist/vnu.jar")
)


def nu_errors(files):
    """The checker's errors on these files, as "file:line: message" lines."""
    java = shutil.which("java")
    if not java or not NU_CHECKER.exists():
        pytest.fail(
            "The Nu HTML checker needs Java and vnu.jar: `make test-system` installs both.",
            pytrace=False,
        )
    result = subprocess.run(
        [java, "-jar", str(NU_CHECKER), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(message['url']).name}:{message.get('lastLine', '?')}: {message['message']}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


def test_public_pages_have_no_nu_checker_errors(client, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    # A post revised after it appeared, with a correction: its times carry microseconds
    # when stored, which HTML's datetime does not allow.
    revised = Post.objects.get(slug="pipelines-ports-and-the-new-caspian-bargain")
    revised.dek += " Revised."
    revised.save()
    revised.corrections.create(text="An earlier version gave the wrong year.")
    files = []
    for number, path in enumerate(PUBLIC_PAGES):
        response = client.get(path)
        assert response.status_code in (200, 404), f"{path} answered {response.status_code}"
        page = tmp_path / f"{number:02d}-{path.strip('/').replace('/', '_') or 'home'}.html"
        page.write_bytes(response.content)
        files.append(page)
    errors = nu_errors(files)
    assert not errors, "The Nu checker found errors:\n" + "\n".join(errors)
