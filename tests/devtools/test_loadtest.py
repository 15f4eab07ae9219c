"""`manage.py loadtest` against the test database: readers and a publishing editor at
once, through gunicorn, with no error (a short run; `make loadtest` runs for a minute)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import role_group

pytestmark = [
    pytest.mark.system,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="gunicorn's workers need a database server they can share (PostgreSQL)",
    ),
]


def test_readers_and_a_publishing_editor_at_once_see_no_error(monkeypatch, tmp_path):
    db = connection.settings_dict
    monkeypatch.setenv(
        "DATABASE_URL",
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
    )
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path))
    monkeypatch.delenv("CACHE_URL", raising=False)
    role_group("Editors")  # a live-server test before this one may have emptied the roles
    call_command("load_demo", stdout=io.StringIO())
    output = io.StringIO()

    try:
        call_command(
            "loadtest", seconds=4, concurrency=16, workers=2, publish_every=1, stdout=output
        )
    except CommandError as error:
        pytest.fail(f"{error}\n{output.getvalue()}")  # the report says what went wrong

    report = output.getvalue()
    assert "reader errors: 0 (5xx: 0)" in report
    assert "0 refused or failed" in report
    assert "editor: 0 posts" not in report
