"""What a post was: its former addresses, its dated corrections, its saved revisions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PostSlug(models.Model):
    """An address a post had before its slug changed; it redirects to the current one."""

    slug = models.SlugField(max_length=200, unique=True)
    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "former address"
        verbose_name_plural = "former addresses"

    def __str__(self):
        return self.slug


class CorrectionQuerySet(models.QuerySet):
    def next_scheduled_moment(self):
        """When the next correction dated in the future reaches readers, or None."""
        upcoming = self.filter(published_at__gt=timezone.now()).order_by("published_at")
        return upcoming.values_list("published_at", flat=True).first()


class Correction(models.Model):
    """A dated correction or update note shown at the end of a published post, from its
    date on (a date to come schedules it)."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What changed, as readers should read it.")
    published_at = models.DateTimeField("date", default=timezone.now)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"

    def __str__(self):
        return f"{self.get_kind_display()}, {self.published_at:%Y-%m-%d}"


class Revision(models.Model):
    """A saved state of a post with its byline, topics and pull quotes."""

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.CharField(max_length=200, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"Revision {self.version} of “{self.post}”"
