from django.conf import settings


def site(request):
    """The institution's name and links, for the header, footer and share tags."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SUPPORT_URL": settings.SUPPORT_URL,
    }
