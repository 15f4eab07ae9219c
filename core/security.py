"""Response headers that keep pages from being framed, sniffed or scripted from elsewhere,
and the friendly answer readers get when the database is away."""

import ipaddress
import logging
import secrets

from django.conf import settings
from django.core.exceptions import BadRequest, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class RefusedQuery(BadRequest):
    """
    A query string asking for more than Folio answers (an admin search too long to run).
    `MalformedQueryMiddleware` answers it with the 400 page giving `reason`, which ends the
    sentence "This address is not valid: …".
    """

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def bad_request(reason):
    """The 400 page, saying why the address is not valid: the same under DEBUG, where
    Django's own debug page for a refused request cannot show some of them at all."""
    html = render_to_string("400.html", {"SITE_NAME": settings.SITE_NAME, "reason": reason})
    return HttpResponse(html, status=400)


#: Hosts besides our own whose pages our pages may frame (the players of embedded videos
#: and charts); apps add theirs with `allow_frames` when they are ready.
FRAME_SOURCES = []


def allow_frames(*hosts):
    """Let pages frame these hosts (`https://player.example`): the CSP's frame-src."""
    FRAME_SOURCES.extend(host for host in hosts if host not in FRAME_SOURCES)


class ContentSecurityPolicyMiddleware:
    """
    A strict Content-Security-Policy on every response: scripts only from our own origin or
    carrying this response's nonce (`request.csp_nonce`), no plugins, no framing, forms and
    the base URL limited to our origin. Styles allow inline attributes because the admin's
    select widgets set them; styles cannot run code.

    A view whose response our own pages may frame says so as Django does, with
    `X-Frame-Options: SAMEORIGIN` (the admin's preview beside the post form); the policy's
    frame-ancestors then says the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        framed_by = "'self'" if response.get("X-Frame-Options") == "SAMEORIGIN" else "'none'"
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = "; ".join(
                [
                    "default-src 'self'",
                    f"script-src 'self' 'nonce-{request.csp_nonce}'",
                    "style-src 'self' 'unsafe-inline'",
                    "img-src 'self' data:",
                    "font-src 'self'",
                    "connect-src 'self'",
                    " ".join(["frame-src 'self'", *FRAME_SOURCES]),
                    "object-src 'none'",
                    "base-uri 'self'",
                    "form-action 'self'",
                    f"frame-ancestors {framed_by}",
                ]
            )
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DatabaseUnavailableMiddleware:
    """When the database does not answer, readers get a short 503 page that says so, with
    Retry-After, instead of an error; the site recovers by itself when it returns."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Only a database that cannot be reached or does not answer in time; a refused
        # write (a broken constraint) is a fault in Folio and must not pass for an outage.
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception)
        html = render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


class MalformedQueryMiddleware:
    """
    A query string holding a NUL character is malformed: no slug, search or filter holds
    one, and PostgreSQL refuses it in text outright (which would read as an outage). So is
    one of more parameters than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS): it refuses to
    read any of them, and under DEBUG its debug page, which lists them, fails in turn with
    a 500. Both get a 400 before any view runs; a view refusing a query (`RefusedQuery`)
    gets the same page with its own reason.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            parameters = request.GET.items()
        except TooManyFieldsSent:
            limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
            return bad_request(f"it has more than {limit} parameters, so it could not be read.")
        if any("\x00" in key or "\x00" in value for key, value in parameters):
            return bad_request("it holds a character that is not allowed (NUL).")
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RefusedQuery):
            return bad_request(exception.reason)
        return None


FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED")


def client_address(request):
    """
    The address of the client that sent this request, for sign-in limits; None when it
    cannot be told.

    With `TRUSTED_PROXIES=0` (the default) Folio is reached directly and the client is
    REMOTE_ADDR. A request that nevertheless carries a forwarding header came through a
    proxy Folio was not told about: REMOTE_ADDR is the proxy's, shared by every client, so
    the address is unknown. With `TRUSTED_PROXIES=N`, each of the N proxies in front has
    appended the address it saw to X-Forwarded-For, so the client is the N-th entry from
    the right; entries further left were written by the client and prove nothing.
    """
    trusted = settings.TRUSTED_PROXIES
    if trusted == 0:
        if any(request.META.get(header) for header in FORWARDING_HEADERS):
            return None
        address = request.META.get("REMOTE_ADDR", "")
    else:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        if not forwarded:
            address = request.META.get("REMOTE_ADDR", "")
        else:
            address = forwarded[-trusted] if len(forwarded) >= trusted else forwarded[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
