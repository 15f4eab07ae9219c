"""Times as machines read them: HTML `datetime` attributes, JSON-LD, feeds and sitemaps."""

from django.utils import timezone


def to_the_second(moment):
    """
    `moment` without its fraction of a second. Stored times carry microseconds; HTML's
    `datetime` allows at most three digits of a second, and no reader needs any.
    """
    return moment.replace(microsecond=0) if moment else moment


def machine_time(moment):
    """`moment` in the site's time zone as ISO 8601 to the second, or "" for none:
    “2026-11-30T10:28:51-05:00”."""
    if not moment:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return to_the_second(moment).isoformat()
