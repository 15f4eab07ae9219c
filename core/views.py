from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

FAVICON = "img/favicon.svg"


@never_cache
@require_GET
def healthz(request):
    """200 while the database answers, 503 otherwise: for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {settings.SITE_URL}/sitemap.xml"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """
    Browsers ask for /favicon.ico whether or not a page links an icon. The redirect names
    the icon's stable address, not its hashed one: browsers keep a permanent redirect for
    good, and a hashed name stops existing when the icon changes.
    """
    return HttpResponsePermanentRedirect(settings.STATIC_URL + FAVICON)


def media(request, path):
    """Uploaded images, for a deployment without a reverse proxy serving MEDIA_ROOT."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
