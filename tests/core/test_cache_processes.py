"""An edit saved by any process is seen by every other process's next request, on the
embedded default (SQLite, each process with a cache of its own)."""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.servers import gunicorn

ROOT = Path(__file__).resolve().parents[2]
SLUG = "pipelines-ports-and-the-new-caspian-bargain"
PAGES = ["/", "/blog/", f"/blog/{SLUG}/", "/blog/feed/"]


def manage(env, *arguments):
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip


def read(url):
    with urllib.request.urlopen(url, timeout=15) as response:
        return response.read().decode()


def test_a_title_changed_by_a_management_command_shows_on_every_cached_page(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "cache-process-tests",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "CACHE_URL": "locmem://",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PAGE_CACHE_SECONDS": "300",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    with gunicorn(env, 18251, workers=2) as base:
        for _ in range(4):  # every page cached, in both workers
            for page in PAGES:
                assert "Pipelines, Ports" in read(base + page)
        manage(
            env,
            "shell",
            "-c",
            "from blog.models import Post; "
            f"post = Post.objects.get(slug='{SLUG}'); "
            "post.title = 'Renamed by a Command'; post.save()",
        )
        for _ in range(4):
            for page in PAGES:
                assert "Renamed by a Command" in read(base + page), page
