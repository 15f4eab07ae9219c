"""Old WordPress addresses of imported posts answer with a permanent redirect."""

from django.http import HttpResponsePermanentRedirect

from blog.models import Post

from .models import ImportedPost


def _public_address(imported):
    """The post's current address, if readers may see it (a draft's stays unknown)."""
    if imported is None or imported.post_id is None:
        return None
    if not Post.objects.published().filter(pk=imported.post_id).exists():
        return None
    return imported.post.get_absolute_url()


class OldAddressMiddleware:
    """
    An imported post's WordPress addresses keep working: its permalink's path (where
    Folio has no page of its own) and its `/?p=<id>` form answer 301 with the post's
    current address, which follows any later change of slug.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wp_id = request.GET.get("p", "") if request.path == "/" else ""
        if wp_id.isascii() and wp_id.isdigit() and len(wp_id) < 19:
            imported = ImportedPost.objects.select_related("post").filter(wp_id=wp_id).first()
            if address := _public_address(imported):
                return HttpResponsePermanentRedirect(address)
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = request.path
        paths = {path, path.rstrip("/") or "/", path if path.endswith("/") else f"{path}/"}
        imported = ImportedPost.objects.select_related("post").filter(old_path__in=paths).first()
        return (
            HttpResponsePermanentRedirect(address)
            if (address := _public_address(imported))
            else response
        )
