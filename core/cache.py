"""
Whole-page caching for readers.

Anonymous GET responses of public pages are kept in Django's cache (Redis when the site
runs on several machines) under a key that includes a *content generation*: one number
that every save or delete of anything a page shows (posts, bylines, pull quotes, people,
positions, programs, topics…) moves on. So an edit makes every cached page old at once;
nothing is ever stale after an edit, and no dependency graph has to be kept right.

The generation lives where every process that may save content can move it on: in the
shared cache when there is one (Redis), else in the database (`ContentGeneration`), which
costs each cacheable request one primary-key read. A save made by another gunicorn worker,
a management command or another server is then seen by the next request everywhere.

A page is also never kept past the moment the next scheduled post goes live, so scheduled
posts appear on time on cached listings. The apps that schedule content say when
(`register_next_change`); this module imports none of them.

Staff (anyone with a session), previews and review links are never cached and are sent
`Cache-Control: private, no-store`.
"""

import contextlib
import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .models import ContentGeneration

logger = logging.getLogger(__name__)

GENERATION_KEY = "folio:content-generation"
NEXT_PUBLISH_KEY = "folio:next-publish:{}"
CONTENT_APPS = {"blog", "people", "programs", "taggit"}
NEVER_CACHED_PREFIXES = ("/admin/", "/blog/review/", "/healthz", "/static/", "/media/")


class CacheUnavailable(Exception):
    """The shared cache did not answer; pages are then built from the database."""


def _safely(operation, *args, **kwargs):
    try:
        return getattr(cache, operation)(*args, **kwargs)
    except Exception as error:  # Redis down or unreachable: never an error for readers
        logger.warning("Cache %s failed: %s", operation, error)
        raise CacheUnavailable from error


def cache_is_shared():
    """Whether every process reads the same cache (Redis), rather than one of its own."""
    # `cache` is a proxy; the backend itself is what tells.
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


def generation():
    if not cache_is_shared():
        return ContentGeneration.current()
    value = _safely("get", GENERATION_KEY)
    if value is None:
        # A counter lost to eviction or a restart starts far above any number an older
        # page could have been stored under.
        _safely("add", GENERATION_KEY, int(time.time() * 1000), timeout=None)
        value = _safely("get", GENERATION_KEY)
    return value


def content_changed(**kwargs):
    """Make every cached page old. Connected to saves and deletes of content models."""
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.app_label not in CONTENT_APPS:
        return
    if not cache_is_shared():
        ContentGeneration.advance()
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet: the next read starts a new one
        pass
    except Exception as error:
        # The change cannot be announced; cached pages live at most PAGE_CACHE_SECONDS.
        logger.error("Could not invalidate cached pages: %s", error)


_next_change_sources = []


def register_next_change(source):
    """Register `source()`: the next moment content it knows of changes by itself (a
    scheduled post going live), or None. Apps call this from `AppConfig.ready()`."""
    if source not in _next_change_sources:
        _next_change_sources.append(source)


def seconds_until_next_publication():
    """Seconds until the next scheduled change goes live (None if none is scheduled)."""
    key = NEXT_PUBLISH_KEY.format(generation())
    moment = _safely("get", key)
    if moment is None:
        moments = [moment for source in _next_change_sources if (moment := source())]
        moment = min(moments) if moments else "none"
        _safely("set", key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    if moment == "none":
        return None
    return max(0, math.floor((moment - timezone.now()).total_seconds()))


# The query parameters public pages read: listings' filters and page, search's query.
PAGE_PARAMETERS = frozenset({"page", "q", "type", "program", "topic", "author", "lang"})


def has_stray_parameters(request):
    """Whether the query string holds a parameter no page reads (a tracking tag, a
    cache-buster). Such a request may be served the page's cached copy, but what it
    caused is never stored: readers' traffic cannot fill the cache with keys."""
    return any(name not in PAGE_PARAMETERS for name in request.GET)


def page_key(request):
    # Pages use SITE_URL for absolute links, so the host a request came in on (one of
    # several servers, a port) does not change the page, and is not in the key.
    query = "&".join(
        sorted(
            f"{name}={value}"
            for name in PAGE_PARAMETERS.intersection(request.GET)
            for value in request.GET.getlist(name)
        )
    )
    raw = f"{request.path}|{query}"
    return f"folio:page:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


class PublicPageCacheMiddleware:
    """Serve and store readers' pages from the cache; mark staff responses private."""

    CACHEABLE_STATUSES = {200, 301, 404}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if self._cacheable_request(request):
            try:
                key = page_key(request)
                cached = _safely("get", key)
            except CacheUnavailable:
                key = None
            else:
                if cached is not None:
                    cached["X-Cache"] = "hit"
                    return cached
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(
            ("/admin/", "/blog/review/")
        ):
            response["Cache-Control"] = "private, no-store"
            return response
        if key and not has_stray_parameters(request) and self._cacheable_response(response):
            with contextlib.suppress(CacheUnavailable):
                response = self._store(key, response)
        return response

    def _store(self, key, response):
        timeout = settings.PAGE_CACHE_SECONDS
        until_next = seconds_until_next_publication()
        if until_next is not None:
            timeout = min(timeout, until_next)
        patch_cache_control(response, public=True, max_age=min(60, timeout), s_maxage=timeout)
        if timeout > 0:
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            response["X-Cache"] = "miss"
            _safely("set", key, response, timeout)
        return response

    @staticmethod
    def _cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(NEVER_CACHED_PREFIXES)
        )

    def _cacheable_response(self, response):
        return (
            response.status_code in self.CACHEABLE_STATUSES
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
