"""Readable Latin slugs from titles in any script."""

import unicodedata

from django.utils.text import slugify

# BGN/PCGN-style romanization, simplified for addresses (Russian, Ukrainian, Belarusian).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",
}  # fmt: skip
# Letters that Unicode does not decompose into a Latin base letter.
OTHER = {
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
}


def transliterate(text: str) -> str:
    letters = []
    for char in text:
        lower = char.lower()
        if lower in CYRILLIC:
            latin = CYRILLIC[lower]
            letters.append(latin.capitalize() if char != lower else latin)
        else:
            letters.append(OTHER.get(lower, char))
    decomposed = unicodedata.normalize("NFKD", "".join(letters))
    return decomposed.encode("ascii", "ignore").decode("ascii")


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
