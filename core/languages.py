"""The languages posts are written in: settings.LANGUAGES, named each in its own language."""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils import translation

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


def named():
    """(code, name in itself) of each of the site's languages, in the site's order."""
    return [(code, local_name(code)) for code, _ in settings.LANGUAGES]


def og_locale(code):
    return OG_LOCALES.get(code, code.replace("-", "_"))


def use(code):
    """
    Speak `code` for the rest of this request: a post's page its post's language, a
    listing narrowed by ?lang= that language. SiteLanguageMiddleware sets the site's
    default language back when the request ends; a code the site does not list is ignored.
    """
    if code in dict(settings.LANGUAGES):
        translation.activate(code)


class SiteLanguageMiddleware:
    """
    Each request starts in the site's default language, whatever the thread last spoke,
    and its response says which language it was written in (`Content-Language`). Not
    Django's LocaleMiddleware: a page's language is its content's, never the reader's
    Accept-Language, so one address is one page, as the page cache keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(settings.LANGUAGE_CODE)
        try:
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        finally:
            translation.activate(settings.LANGUAGE_CODE)
