"""
Addresses of pages named by a slug, with the URL patterns searched once per route.

`reverse()` walks the URL patterns and checks its result against them on every call. A
commentary page links to its authors several times over, to programs, posts and topics:
some forty addresses, a noticeable share of the page's time. For a route of the form
`…/<slug:slug>/…`, the address of any valid slug is the same text around the slug, so
each route is reversed once (per script prefix and URL configuration) and later
addresses are built around the slug. Anything that is not a valid slug goes through
`reverse()`, which refuses it as before.
"""

import functools
import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_MARKER = "slug-marker-7f3a"


def slug_url(viewname, slug):
    """`reverse(viewname, kwargs={"slug": slug})`, answered from the route's shape."""
    if not isinstance(slug, str) or not _SLUG.match(slug):
        return reverse(viewname, kwargs={"slug": slug})
    before, after = _shape(viewname, get_script_prefix(), get_urlconf())
    return f"{before}{slug}{after}"


@functools.lru_cache(maxsize=128)
def _shape(viewname, script_prefix, urlconf):
    address = reverse(viewname, urlconf=urlconf, kwargs={"slug": _MARKER})
    before, _, after = address.partition(_MARKER)
    return before, after


@receiver(setting_changed)
def _forget_shapes(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _shape.cache_clear()
