"""The languages posts are written in: settings.LANGUAGES, named each in its own language."""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError

# Open Graph names a locale with its territory; a language's usual one.
OG_LOCALES = {"en": "en_US", "ru": "ru_RU", "uk": "uk_UA", "de": "de_DE", "fr": "fr_FR"}


def default_language():
    """The site's first language: a post's language unless an editor chooses another."""
    return settings.LANGUAGES[0][0]


def choices():
    """(code, name) for each of the site's languages, as the post form offers them."""
    return list(settings.LANGUAGES)


def validate_language(code):
    if code not in dict(settings.LANGUAGES):
        raise ValidationError(
            f"“{code}” is not one of the site's languages ({', '.join(dict(settings.LANGUAGES))})."
        )


def local_name(code):
    """The language's name in itself: “Русский”, “Українська”, “English”."""
    return LANG_INFO.get(code, {}).get("name_local") or dict(settings.LANGUAGES).get(code, code)


def og_locale(code):
    return OG_LOCALES.get(code, code.replace("-", "_"))
