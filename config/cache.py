"""
Whole-page caching for readers.

Anonymous GET responses of public pages are kept in Django's cache (Redis when the site
runs on several machines) under a key that includes a *content generation*: one number
that every save or delete of anything a page shows (posts, bylines, pull quotes, people,
positions, programs, topics…) moves on. So an edit makes every cached page old at once,
on every machine sharing the cache; nothing is ever stale after an edit, and no
dependency graph has to be kept right. A page is also never kept past the moment the next
scheduled post goes live, so scheduled posts appear on time on cached listings.

Staff (anyone with a session), previews and review links are never cached and are sent
`Cache-Control: private, no-store`.
"""

import contextlib
import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_cache_control

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


def generation():
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
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet: the next read starts a new one
        pass
    except Exception as error:
        # The change cannot be announced; cached pages live at most PAGE_CACHE_SECONDS.
        logger.error("Could not invalidate cached pages: %s", error)


def seconds_until_next_publication():
    """Seconds until the next scheduled post goes live (None if none is scheduled)."""
    from blog.models import Post

    key = NEXT_PUBLISH_KEY.format(generation())
    moment = _safely("get", key)
    if moment is None:
        moment = (
            Post.objects.filter(
                status=Post.Status.PUBLISHED,
                publish_at__gt=timezone.now(),
                deleted_at__isnull=True,
            )
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        ) or "none"
        _safely("set", key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    if moment == "none":
        return None
    return max(0, math.floor((moment - timezone.now()).total_seconds()))


# The query parameters public pages read: listings' filters and page, search's query.
PAGE_PARAMETERS = frozenset({"page", "q", "type", "program", "topic", "author"})


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
