from django.conf import settings

from core import languages


def site(request):
    """The institution's name, links and languages, for the header, footer and share
    tags, and the per-language feeds listings announce."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SUPPORT_URL": settings.SUPPORT_URL,
        "SITE_LANGUAGES": languages.named() if len(settings.LANGUAGES) > 1 else [],
    }
