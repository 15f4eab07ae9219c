"""The admin site, with sign-in attempts limited per account and per address."""

import hashlib

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.template.response import TemplateResponse

LIMIT_MESSAGE = (
    "Too many failed sign-in attempts. Wait {minutes} minutes and try again, or ask an "
    "administrator to reset your password."
)


def _keys(request, username):
    address = request.META.get("REMOTE_ADDR", "unknown")
    account = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()
    return [
        (f"folio:login-fail:user:{account}", settings.LOGIN_FAILURES_PER_ACCOUNT),
        (f"folio:login-fail:addr:{address}", settings.LOGIN_FAILURES_PER_ADDRESS),
    ]


def _count(key):
    try:
        return cache.get(key, 0)
    except Exception:  # an unreachable cache must not lock everyone out, nor answer 500
        return 0


def is_limited(request, username):
    return any(_count(key) >= limit for key, limit in _keys(request, username))


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    for key, _ in _keys(request, credentials.get("username")):
        try:
            if not cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
                cache.incr(key)
        except Exception:
            pass


class FolioAdminSite(admin.AdminSite):
    site_title = "Folio"
    index_title = "Commentary, people and programs"

    @property
    def site_header(self):
        return f"{settings.SITE_NAME} — Folio"

    def login(self, request, extra_context=None):
        """Refuse further attempts once an account or an address has failed too often. The
        answer is the same whether the account exists or not."""
        if request.method == "POST" and is_limited(request, request.POST.get("username")):
            context = {
                **self.each_context(request),
                "title": "Log in",
                "app_path": request.get_full_path(),
                "username": request.POST.get("username", ""),
                "rate_limited": LIMIT_MESSAGE.format(minutes=settings.LOGIN_LOCKOUT_SECONDS // 60),
                **(extra_context or {}),
            }
            from django.contrib.admin.forms import AdminAuthenticationForm

            context["form"] = AdminAuthenticationForm(request)
            return TemplateResponse(request, "admin/login.html", context, status=429)
        return super().login(request, extra_context)
