import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Author(models.Model):
    """
    A person who writes for the institution. Not a login account: an author may be linked
    to one (so a contributor can edit their own drafts) but most never log in.
    """

    name = models.CharField(max_length=200, help_text="As shown in bylines: “Anna Petrova”.")
    family_name = models.CharField(
        max_length=100, help_text="For sorting the directory and for citations: “Petrova”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    photo = models.ImageField(upload_to="people/", blank=True)
    photo_alt = models.CharField(
        "photo description",
        max_length=300,
        blank=True,
        help_text="Describes the photo for readers who cannot see it. Required with a photo.",
    )
    short_bio = models.TextField(
        blank=True, help_text="A paragraph for the “About the Author” box under each post."
    )
    full_bio = models.TextField(
        blank=True,
        help_text="The full biography on the author page. Separate paragraphs with a blank line.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The login account of this author, if they write in the admin themselves.",
    )

    class Meta:
        ordering = ["family_name", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": "Describe the photo for readers who cannot see it."}
            )

    def current_positions(self, on=None):
        """Positions held on a date (today by default), in the order staff set."""
        on = on or timezone.localdate()
        # Iterates the prefetched positions when there are any, so a page that shows many
        # authors runs one query for all their positions.
        return [position for position in self.positions.all() if position.is_held_on(on)]

    @property
    def titles_display(self):
        """Current positions joined as in the author box: “Senior Fellow; Editor, Series”."""
        return "; ".join(position.display for position in self.current_positions())

    @property
    def bio_paragraphs(self):
        return [p.strip() for p in self.full_bio.replace("\r\n", "\n").split("\n\n") if p.strip()]


class PositionQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
        )


class Position(models.Model):
    """A title an author holds, at the institution or elsewhere, between two dates."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=200, help_text="“Senior Fellow”, “Editor-in-Chief”.")
    organization = models.CharField(
        max_length=200,
        blank=True,
        help_text="Leave empty for a title at this institution; otherwise the program, series "
        "or outside organization, shown after the title.",
    )
    order = models.PositiveIntegerField(default=0)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(
        null=True, blank=True, help_text="Empty while the position is held."
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.display

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})

    @property
    def display(self):
        return f"{self.title}, {self.organization}" if self.organization else self.title

    def is_held_on(self, day: datetime.date) -> bool:
        started = self.start_date is None or self.start_date <= day
        not_ended = self.end_date is None or self.end_date >= day
        return started and not_ended


class AuthorLink(models.Model):
    """A link on the author page: a personal site, a profile, a list of publications."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100)
    url = models.URLField("URL")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.label
