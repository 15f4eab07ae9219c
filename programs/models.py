from django.db import models

from core.models import PageBySlug


class Program(PageBySlug, models.Model):
    """An institute or regional program that owns experts, series and posts."""

    page_url_name = "programs:detail"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    modified_at = models.DateTimeField(auto_now=True)
    short_description = models.TextField(
        help_text="Two or three sentences for the program box at the end of each post."
    )
    description = models.TextField(
        blank=True, help_text="The full description on the program page."
    )
    ordering = models.PositiveIntegerField(
        default=0, help_text="Programs are listed by this number, then by name."
    )

    class Meta:
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name


class Series(PageBySlug, models.Model):
    """A blog or series within a program, such as a program's regular column."""

    page_url_name = "programs:series"

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="series")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    modified_at = models.DateTimeField(auto_now=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.name
