"""
The admin site, with sign-in attempts limited per account and per address, and a
"view on site" shortcut that answers only for what the account may see.

Failed sign-ins are counted by django-axes in the database, so every worker and every
server shares one count and readers' traffic cannot push it out of a cache.
"""

import datetime
import unicodedata

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from .security import client_address

LIMIT_MESSAGE = (
    "Too many failed sign-in attempts. Wait {minutes} minutes and try again, or ask an "
    "administrator to reset your password."
)


# django-axes reads these through AXES_* settings (config/settings.py). They read Folio's
# own settings at call time, so a changed setting applies without a restart of axes.


def normalized_username(request, credentials=None):
    """
    The account an attempt is counted against: NFKC, then case-folded. Django's sign-in
    form applies NFKC itself, so `ｖｉｃｔｉｍ`, `Victim` and `victim` all count, and are
    checked, against one counter.
    """
    username = credentials.get("username") if credentials else request.POST.get("username")
    return unicodedata.normalize("NFKC", username or "").casefold().strip()


def failures_per_account(request, credentials=None):
    return settings.LOGIN_FAILURES_PER_ACCOUNT


def lockout_period(request=None):
    return datetime.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)


def limited_response(request, original_response=None, credentials=None):
    """The sign-in page again, saying why, with 429. It reads the same whether the
    account exists or not."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        **admin.site.each_context(request),
        "title": "Log in",
        "app_path": request.get_full_path(),
        "username": username,
        "rate_limited": LIMIT_MESSAGE.format(minutes=settings.LOGIN_LOCKOUT_SECONDS // 60),
        "form": AdminAuthenticationForm(request, initial={"username": username}),
    }
    response = TemplateResponse(request, "admin/login.html", context, status=429)
    return response.render()


def address_is_limited(request):
    """
    Whether the address this request comes from has failed too often, across accounts.
    An address Folio cannot tell (a proxy it was not told to trust) is never limited:
    that would lock every editor out at once.
    """
    address = client_address(request)
    if address is None:
        return False
    failures = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=timezone.now() - lockout_period()
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= settings.LOGIN_FAILURES_PER_ADDRESS


class FolioAdminSite(admin.AdminSite):
    site_title = "Folio"
    index_title = "Commentary, people and programs"

    @property
    def site_header(self):
        return f"{settings.SITE_NAME} — Folio"

    def get_urls(self):
        # Django's own shortcut answers any staff account; Folio's checks the object.
        urls = [url for url in super().get_urls() if getattr(url, "name", "") != "view_on_site"]
        shortcut = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [shortcut, *urls]

    def view_on_site(self, request, content_type_id, object_id):
        """
        Redirect to an object's public page, only for an account that may view the object
        in this admin and only where its admin offers a public page: a draft's or a
        trashed post's address, or a review link's signed address, is not given away.
        """
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404("No such object.") from None
        if model is None or not self.is_registered(model):
            raise Http404("No such object.")
        model_admin = self.get_model_admin(model)
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404("No such object.")
        if callable(model_admin.view_on_site):
            url = model_admin.view_on_site(obj)
        elif model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
            url = obj.get_absolute_url()
        else:
            url = None
        if not url:
            raise Http404("This object has no public page.")
        return HttpResponseRedirect(url)

    def login(self, request, extra_context=None):
        """Refuse further attempts once an address has failed too often; django-axes
        refuses them once an account has."""
        if request.method == "POST" and address_is_limited(request):
            return limited_response(request)
        return super().login(request, extra_context)
