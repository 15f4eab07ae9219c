"""
`manage.py loadtest`: readers and an editor at once, on loopback, through gunicorn.

Readers on `--concurrency` connections request a mix of public pages (posts, listings,
search, feeds, author and topic pages) for `--seconds`, while an editor signs in to the
admin and publishes a new post every `--publish-every` seconds, then corrects its title,
which empties every cached page again. Every answer is counted: the run fails on any error,
any 5xx, or any save the admin refused. The editor's account and posts are removed after.
"""

import datetime
import http.client
import http.cookiejar
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from blog.models import Post
from devtools.management.commands.bench import Command as Bench
from devtools.management.commands.bench import free_port
from people.models import Author
from programs.models import Program

EDITOR = "loadtest-editor"
TITLE_PREFIX = "Load test dispatch"
INLINES = ("bylines", "pull_quotes", "corrections", "review_links")
# The admin's messages on a refused form, to say why in the report.
MESSAGES = re.compile(r'<ul class="messagelist">(.*?)</ul>', re.S)
ADMIN_ERRORS = re.compile(r'class="(?:errornote|errorlist)[^"]*"[^>]*>(.*?)</(?:p|ul)>', re.S)


def refusal(page):
    """“: <the admin's reasons>”, from a refused form's page, or ""."""
    reasons = [" ".join(re.sub(r"<[^>]+>", " ", m).split()) for m in ADMIN_ERRORS.findall(page)]
    if not reasons:
        reasons = [" ".join(re.sub(r"<[^>]+>", " ", m).split()) for m in MESSAGES.findall(page)]
    return f": {'; '.join(reasons)}" if reasons else ""


def reader_paths():
    """The pages readers ask for, weighted roughly as a commentary site's traffic is."""
    posts = list(
        Post.objects.published().order_by("-publish_at").values_list("slug", flat=True)[:200]
    )
    if not posts:
        raise CommandError("No published post: run load_demo or generate_bench_data first.")
    authors = list(
        Author.objects.filter(posts__isnull=False).distinct().values_list("slug", flat=True)[:50]
    )
    topics = list(Post.objects.published().values_list("topics__slug", flat=True).distinct()[:50])
    words = ["ports", "energy", "election", "border", "grain", "sanctions"]
    mix = [(f"/blog/{slug}/", 10) for slug in posts[:20]] + [
        (f"/blog/{slug}/", 1) for slug in posts[20:]
    ]
    mix += [("/", 6), ("/blog/", 6), ("/blog/feed/", 3)]
    if len(posts) > 20:
        mix.append(("/blog/?page=2", 2))
    mix += [(f"/people/{slug}/", 1) for slug in authors]
    mix += [(f"/topics/{slug}/", 1) for slug in topics if slug]
    mix += [(f"/search/?q={word}", 2) for word in words]
    paths, weights = zip(*mix, strict=True)
    return list(paths), list(weights)


class Readers:
    """Keep-alive GETs over `concurrency` connections until told to stop."""

    def __init__(self, port, paths, weights, concurrency):
        self.port, self.paths, self.weights = port, paths, weights
        self.latencies, self.statuses, self.failures = [], {}, []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.read, args=(n,), daemon=True) for n in range(concurrency)
        ]

    def read(self, number):
        choose = random.Random(number)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        latencies, statuses, failures = [], {}, []
        while not self.stopping.is_set():
            path = choose.choices(self.paths, self.weights)[0]
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                failures.append(f"{path}: {error!r}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                continue
            latencies.append((time.perf_counter() - began) * 1000)
            statuses[response.status] = statuses.get(response.status, 0) + 1
            if response.status >= 400:
                failures.append(f"{path}: {response.status}")
        with self.lock:
            self.latencies.extend(latencies)
            self.failures.extend(failures)
            for status, count in statuses.items():
                self.statuses[status] = self.statuses.get(status, 0) + count

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            if thread.ident is not None:  # started
                thread.join(timeout=90)


class Editor:
    """Signs in to the admin and publishes posts, then corrects each one's title."""

    def __init__(self, port, password, program, author):
        self.base = f"http://127.0.0.1:{port}"
        self.password, self.program, self.author = password, program, author
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.published, self.corrected, self.failures = 0, 0, []

    def _form(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def _post(self, path, data):
        page = self._form(path)
        data["csrfmiddlewaretoken"] = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', page
        ).group(1)
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=60) as response:
            return page, response.url, response.read().decode()

    def sign_in(self):
        _, url, _ = self._post(
            "/admin/login/?next=/admin/", {"username": EDITOR, "password": self.password}
        )
        if not url.endswith("/admin/"):
            raise CommandError("The editor could not sign in to the admin.")

    def post_data(self, number, title, version=None, byline_id=None, post_id=None):
        moment = timezone.localtime() - datetime.timedelta(minutes=1)
        data = {
            "post_type": "blog-post",
            "language": "en",
            "translation_of": "",
            "title": title,
            "slug": "",
            "dek": "A short dispatch written while readers are reading.",
            "body": "<p>Freight moved through the strait all week.</p>"
            f"<p>Dispatch number {number} was published under load.</p>",
            "program": str(self.program.pk),
            "series": "",
            "topics": "Shipping",
            "hero_alt": "",
            "hero_caption": "",
            "hero_credit": "",
            "status": "published",
            "publish_at_0": moment.strftime("%Y-%m-%d"),
            "publish_at_1": moment.strftime("%H:%M:%S"),
        }
        for prefix in INLINES:
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        data.update(
            {
                "bylines-TOTAL_FORMS": "1",
                "bylines-0-author": str(self.author.pk),
                "bylines-0-role": "author",
                "bylines-0-position": "0",
            }
        )
        if version is not None:
            data.update(
                {
                    "loaded_version": str(version),
                    "bylines-INITIAL_FORMS": "1",
                    "bylines-0-id": str(byline_id),
                    "bylines-0-post": str(post_id),
                }
            )
        return data

    def publish_and_correct(self, number):
        title = f"{TITLE_PREFIX} {number}"
        try:
            _, url, page = self._post("/admin/blog/post/add/", self.post_data(number, title))
            # The admin says where readers find a post it published (blog.admin.posts).
            if not url.endswith("/admin/blog/post/") or f"“{title}” is published" not in page:
                self.failures.append(f"publishing {title} was refused ({url}){refusal(page)}")
                return
            self.published += 1
            post = Post.objects.get(title=title)
            change = f"/admin/blog/post/{post.pk}/change/"
            data = self.post_data(
                number, f"{title}, corrected", post.version, post.bylines.get().pk, post.pk
            )
            _, url, page = self._post(change, data)
            corrected = f"“{title}, corrected” is published"
            if not url.endswith("/admin/blog/post/") or corrected not in page:
                self.failures.append(f"correcting {title} was refused{refusal(page)}")
                return
            self.corrected += 1
        except Exception as error:  # counted and reported, never left to stop the readers
            self.failures.append(f"{title}: {error!r}")


def gunicorn(port, workers, threads):
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    env.setdefault("SECRET_KEY", "loadtest-only-key")
    # The editor signs in over plain HTTP on loopback: cookies may travel without TLS.
    env.setdefault("SECURE_COOKIES", "0")
    return subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(threads),
            "--timeout", "30", "--log-level", "warning",
        ],
        env=env,
    )  # fmt: skip


class Command(BaseCommand):
    help = "Readers on many connections and an editor publishing, at once; fails on any error."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--concurrency", type=int, default=64)
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--publish-every", type=float, default=3)

    def handle(self, *args, seconds, concurrency, workers, threads, publish_every, **options):
        paths, weights = reader_paths()
        program = Program.objects.filter(posts__isnull=False).first()
        author = Author.objects.filter(posts__isnull=False).first()
        password = secrets.token_urlsafe(18)
        user, _ = get_user_model().objects.update_or_create(
            username=EDITOR, defaults={"is_staff": True, "is_active": True}
        )
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))

        port = free_port()
        server = gunicorn(port, workers, threads)
        editor = Editor(port, password, program, author)
        readers = Readers(port, paths, weights, concurrency)
        try:
            Bench._wait(port)
            editor.sign_in()
            began = time.monotonic()
            readers.start()
            number = 0
            while time.monotonic() - began < seconds:
                number += 1
                editor.publish_and_correct(number)
                time.sleep(max(0.0, began + number * publish_every - time.monotonic()))
            elapsed = time.monotonic() - began
        finally:
            readers.stop()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            Post.objects.filter(title__startswith=TITLE_PREFIX).delete()
            user.delete()

        latencies = sorted(readers.latencies)
        total = len(latencies)
        p50 = latencies[total // 2] if total else float("nan")
        p99 = latencies[min(total - 1, int(total * 0.99))] if total else float("nan")
        server_errors = sum(count for status, count in readers.statuses.items() if status >= 500)
        statuses = ", ".join(f"{s}: {c}" for s, c in sorted(readers.statuses.items()))
        self.stdout.write(
            f"{total} reader requests in {elapsed:.0f} s over {concurrency} connections "
            f"({total / elapsed:.0f} req/s), p50 {p50:.0f} ms, p99 {p99:.0f} ms\n"
            f"statuses: {statuses}\n"
            f"reader errors: {len(readers.failures)} (5xx: {server_errors})\n"
            f"editor: {editor.published} posts published and {editor.corrected} corrected, "
            f"{len(editor.failures)} refused or failed"
        )
        for failure in (readers.failures + editor.failures)[:20]:
            self.stdout.write(f"  {failure}")
        if readers.failures or editor.failures or not editor.published:
            raise CommandError("the load test saw errors")
