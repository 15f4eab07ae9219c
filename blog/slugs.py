"""Readable Latin slugs from titles in any script."""

import re

from django.db import connection
from django.utils.text import slugify

from core.text import transliterate


def slug_from_title(title: str, max_length: int = 180) -> str:
    """“Россия и Китай: новый союз?” → “rossiya-i-kitay-novyy-soyuz”."""
    slug = slugify(transliterate(title))[:max_length].strip("-")
    return slug or "post"


def unique_slug(title, *querysets, max_length=180):
    """A slug from the title that no object in any of `querysets` uses yet (-2, -3…
    appended)."""
    base = slug_from_title(title, max_length)
    slug, number = base, 1
    while any(queryset.filter(slug=slug).exists() for queryset in querysets):
        number += 1
        slug = f"{base}-{number}"
    return slug


def hold_slug(slug: str) -> None:
    """
    Make any other transaction that claims `slug` wait until this one ends.

    A form checks that a slug is free, then saves: two editors who save the same new slug
    at the same moment would both pass the check, and the second save would break the
    unique constraint. Holding the slug from the check to the commit makes the second
    check see the first save. PostgreSQL only: SQLite transactions here take the write
    lock when they begin (``transaction_mode`` IMMEDIATE), which already serializes them.
    """
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # "x-2" holds "x": unique_slug may give "x-2" to a post whose slug was left empty.
        base = re.sub(r"-\d+$", "", slug)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"blog.slug:{base}"])
