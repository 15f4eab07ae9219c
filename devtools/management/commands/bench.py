"""
`manage.py bench`: requests per second, p50 and p99 latency, queries and peak worker
memory for the public pages, each against the same post's HTML saved as a static file
and served by WhiteNoise from the same gunicorn, measured in one run on loopback (the
ratios hold on a noisy machine where absolute numbers do not).
"""

import cProfile
import http.client
import io
import os
import pstats
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from blog.models import Post


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def python_load(port, path, seconds, concurrency):
    """Keep-alive GETs from `concurrency` threads for `seconds`; latencies in ms."""
    latencies, errors, stop = [], [0], time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - began) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    if not latencies:
        return 0.0, float("nan"), float("nan"), errors[0]
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, p50, p99, errors[0]


def wrk_load(port, path, seconds, concurrency):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{concurrency}",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label):
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, ms("50"), ms("99"), int(errors.group(1)) if errors else 0


def worker_peak_memory_mb(master_pid):
    """The largest peak resident set (VmHWM) among the gunicorn master's workers."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.M):
            match = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
            if match:
                peak = max(peak, int(match.group(1)))
    return peak / 1024


def calls_per_request(address, host):
    """
    The Python function calls one request for `address` makes, counted by cProfile around
    Django's WSGI handler after one request to warm it: unlike a time, the same from run
    to run on a shared machine (within a few calls), so a change to a page can be weighed
    in one measurement.
    """
    handler = WSGIHandler()
    path, _, query = address.partition("?")
    answered = []

    def request():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": host,
            "SERVER_PORT": "80",
            "HTTP_HOST": host,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        response = handler(environ, lambda status, headers, exc_info=None: answered.append(status))
        b"".join(response)
        response.close()

    request()
    if answered[-1] != "200 OK":  # an error page's calls say nothing of the page's
        raise CommandError(f"{address} answered {answered[-1]}")
    profile = cProfile.Profile()
    profile.enable()
    request()
    profile.disable()
    return pstats.Stats(profile).total_calls


def count_pages(client):
    """How many pages /blog/ has, as its pagination says (“Page 1 of N”)."""
    found = re.search(r"Page 1 of (\d+)", client.get("/blog/").content.decode())
    return int(found.group(1)) if found else 1


class Command(BaseCommand):
    help = "Measure the public pages against a static file served by the same server."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=6, help="per page, over all rounds")
        parser.add_argument(
            "--rounds",
            type=int,
            default=3,
            help="the static file and every page are measured this many times, in turn",
        )
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, seconds, rounds, concurrency, workers, **options):
        post = (
            Post.objects.published()
            .filter(pull_quotes__isnull=False)
            .order_by("-publish_at")
            .first()
        )
        if post is None:
            raise CommandError("No published post: run load_demo or generate_bench_data first.")
        topic = post.topics.first()
        # A name, as readers search for people: selective, unlike the generated vocabulary.
        word = post.byline[0].family_name if post.byline else post.title.split()[0]
        pages = [
            ("post page (cached)", post.get_absolute_url(), True),
            ("post page (uncached)", post.get_absolute_url(), False),
            ("/blog/", "/blog/", False),
            ("topic page", f"/topics/{topic.slug}/" if topic else "/blog/", False),
            ("search", f"/search/?q={word}", False),
            ("RSS feed", "/blog/feed/", False),
        ]

        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
        client = Client(HTTP_HOST=host)
        queries = {}
        with override_settings(PAGE_CACHE_SECONDS=0):
            for label, path, _ in pages:
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
                queries[label] = len(captured)
            html = client.get(post.get_absolute_url()).content
            # One request at a time, uncached, in this process: the time a reader waits
            # when nothing else is running (median of 5, after one to warm up), and the
            # Python function calls it makes.
            single, calls = {}, {}
            last_page = max(1, min(500, count_pages(client)))
            for label, path in [
                ("post page", post.get_absolute_url()),
                ("/blog/ page 1", "/blog/"),
                (f"/blog/ page {last_page}", f"/blog/?page={last_page}"),
                ("topic page", pages[3][1]),
                ("search", pages[4][1]),
            ]:
                client.get(path)
                times = []
                for _ in range(5):
                    began = time.perf_counter()
                    client.get(path)
                    times.append((time.perf_counter() - began) * 1000)
                single[label] = sorted(times)[2]
                calls[label] = calls_per_request(path, host)
        static_dir = Path(settings.STATIC_ROOT) / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        (static_dir / "post.html").write_bytes(html)
        # A cached page reads only the content generation: from the database when the
        # cache is private to each process, none with a shared cache (Redis).
        with override_settings(PAGE_CACHE_SECONDS=300):
            client.get(post.get_absolute_url())
            with CaptureQueriesContext(connection) as captured:
                client.get(post.get_absolute_url())
            queries["post page (cached)"] = len(captured)
        css = finders.find("css/site.css")
        self.stdout.write(
            f"post page: {len(html) / 1024:.1f} KB of HTML + {Path(css).stat().st_size / 1024:.1f} KB "
            "of CSS before compression"
        )

        load = wrk_load if shutil.which("wrk") else python_load
        generator = "wrk" if load is wrk_load else "python threads"
        servers = {}
        env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
        env.setdefault("SECRET_KEY", "bench-only-key")
        try:
            for cached in (True, False):
                port = free_port()
                process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "config.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(workers),
                        "--timeout",
                        "60",
                        "--log-level",
                        "warning",
                    ],
                    env={**env, "PAGE_CACHE_SECONDS": "300" if cached else "0"},
                )
                servers[cached] = (port, process)
                self._wait(port)
            for _label, path, cached in pages:
                load(servers[cached][0], path, 1.0, concurrency)  # warm up
            # The machine's speed drifts over a run. In each round the static file is
            # measured, then every page, and a page's ratio is to that round's static
            # file; the round with the median ratio is reported.
            measured = {label: [] for label in ["static", *(label for label, _, _ in pages)]}

            def measure(port, path):
                # Requests a slow page left queued would otherwise be served inside the
                # next measurement's time: each one starts on idle workers.
                for each, _ in servers.values():
                    self._wait(each)
                return load(port, path, seconds / rounds, concurrency)

            for _ in range(rounds):
                static = measure(servers[True][0], "/static/bench/post.html")
                measured["static"].append((static, 1.0))
                for label, path, cached in pages:
                    result = measure(servers[cached][0], path)
                    measured[label].append((result, result[0] / (static[0] or 1)))
            memory = max(worker_peak_memory_mb(process.pid) for _, process in servers.values())
        finally:
            for _, process in servers.values():
                process.send_signal(signal.SIGTERM)
            for _, process in servers.values():
                process.wait(timeout=20)

        def median(label):
            """The round with the median ratio (the static file: the median rate)."""
            ordered = sorted(measured[label], key=lambda each: (each[1], each[0][0]))
            (rps, p50, p99, _), ratio = ordered[len(ordered) // 2]
            errors = sum(result[3] for result, _ in measured[label])
            return (rps, p50, p99, errors), ratio

        rows = [("static file (WhiteNoise)", *median("static"), 0)]
        rows += [(label, *median(label), queries[label]) for label, _, _ in pages]
        vendor = connection.vendor
        count = Post.objects.count()
        self.stdout.write(
            f"\n{vendor}, {count} posts, gunicorn {workers} workers, {generator}, "
            f"{concurrency} connections, {seconds:g} s per page in {rounds} rounds "
            "(the median round's figures)\n"
        )
        header = f"{'page':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'vs static':>11}{'queries':>9}{'errors':>8}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label, (rps, p50, p99, errors), ratio, count_queries in rows:
            self.stdout.write(
                f"{label:<26}{rps:>9.0f}{p50:>9.1f}{p99:>9.1f}{ratio:>10.3f}x{count_queries:>9}{errors:>8}"
            )
        self.stdout.write("\nratio to the static file in each round:")
        for label, _, _ in pages:
            each = "  ".join(f"{ratio:.3f}" for _, ratio in measured[label])
            self.stdout.write(f"  {label:<24}{each}")
        self.stdout.write(f"\npeak worker memory (VmHWM): {memory:.0f} MB")
        self.stdout.write(
            "\nsingle uncached request: median of 5 (ms), Python function calls (cProfile):"
        )
        for label, took in single.items():
            self.stdout.write(f"  {label:<24}{took:>8.1f}{calls[label]:>10,}")

        by_label = {label: (ratio, count) for label, _, ratio, count in rows}
        targets = [
            (
                "cached post page ≥ 0.8 of static, ≤ 1 query",
                by_label["post page (cached)"][0] >= 0.8
                and by_label["post page (cached)"][1] <= 1,
            ),
            (
                "uncached post page ≥ 0.05 of static, ≤ 8 queries",
                by_label["post page (uncached)"][0] >= 0.05
                and by_label["post page (uncached)"][1] <= 8,
            ),
            ("peak worker memory < 120 MB", memory < 120),
            *(
                (f"{label} alone < 50 ms", took < 50)
                for label, took in single.items()
                if label != "post page"
            ),
        ]
        self.stdout.write("")
        for name, met in targets:
            self.stdout.write(f"{'met   ' if met else 'MISSED'} {name}")
        if not all(met for _, met in targets):
            raise CommandError("a target was missed")

    @staticmethod
    def _wait(port):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError(f"gunicorn on port {port} did not answer")
