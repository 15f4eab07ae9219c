"""Review links: read-only addresses of unpublished posts for reviewers without an account."""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare


def _review_link_expiry():
    return timezone.now() + datetime.timedelta(days=settings.REVIEW_LINK_DAYS)


class ReviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ReviewLink(models.Model):
    """
    A read-only link to a post, for a reviewer without an account. The address carries a
    signed token; the link stops working when it expires or is revoked.
    """

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="review_links")
    note = models.CharField(
        "for", max_length=200, blank=True, help_text="Who the link is for, as a reminder."
    )
    nonce = models.CharField(max_length=64, default=secrets.token_urlsafe, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_review_link_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Review link for “{self.post}”"

    def get_absolute_url(self):
        return reverse("blog:review", kwargs={"token": self.token})

    @property
    def token(self):
        # No timestamp in the signature: the address stays the same; expiry is on the row.
        return signing.Signer(salt=REVIEW_LINK_SALT).sign_object(
            {"link": self.pk, "nonce": self.nonce}
        )

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def from_token(cls, token):
        """The active link a token names, or None for a forged, expired or revoked one."""
        try:
            data = signing.Signer(salt=REVIEW_LINK_SALT).unsign_object(token)
        except (signing.BadSignature, ValueError, UnicodeDecodeError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("link"), int):
            return None
        link = cls.objects.active().select_related("post").filter(pk=data["link"]).first()
        if link is None or not constant_time_compare(link.nonce, str(data.get("nonce"))):
            return None
        return link


REVIEW_LINK_SALT = "blog.review-link"
