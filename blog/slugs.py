"""Readable Latin slugs from titles in any script."""

from django.utils.text import slugify

from config.text import transliterate


def slug_from_title(title: str, max_length: int = 180) -> str:
    """“Россия и Китай: новый союз?” → “rossiya-i-kitay-novyy-soyuz”."""
    slug = slugify(transliterate(title))[:max_length].strip("-")
    return slug or "post"


def unique_slug(title, queryset, max_length=180):
    """A slug from the title that no object in `queryset` uses yet (-2, -3… appended)."""
    base = slug_from_title(title, max_length)
    slug, number = base, 1
    while queryset.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
