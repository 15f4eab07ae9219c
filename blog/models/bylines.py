"""The byline: who wrote, co-wrote, translated or edited a post, in order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Author


class PostAuthor(models.Model):
    """One person in a post's byline, with their credit, at a position in the byline order."""

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        CO_AUTHOR = "co-author", "Co-author"
        TRANSLATOR = "translator", "Translator"
        EDITOR = "editor", "Editor"
        WITH = "with", "With"

    # Which phrase of the byline each credit joins, in the byline's order: authors and
    # co-authors share “By”. The words themselves are the byline tag's, in the page's
    # language.
    BYLINE_PHRASES = {
        "author": "By",
        "co-author": "By",
        "with": "with",
        "translator": "translated by",
        "editor": "edited by",
    }
    # What a person's page calls the posts they had each credit on: “Translated by …”.
    CREDIT_HEADINGS = {
        "author": _("By"),
        "co-author": _("By"),
        "with": _("With"),
        "translator": _("Translated by"),
        "editor": _("Edited by"),
    }
    # Credited as the post's authors: in citations, feeds, cards and `citation_author`.
    AUTHOR_ROLES = {"author", "co-author"}
    # Wrote the post, so each has an “About the Author” box and lists it among their
    # commentary; a translator's or editor's work is listed apart.
    WRITING_ROLES = {"author", "co-author", "with"}

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(
        "credit",
        max_length=20,
        choices=Role.choices,
        default=Role.AUTHOR,
        help_text="Authors and co-authors read “By…”; the others “with…”, “translated by…”, "
        "“edited by…”. Citations and feeds name only authors and co-authors as authors.",
    )
    position = models.PositiveIntegerField(default=0, help_text="Byline order: lowest first.")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "author"
        verbose_name_plural = "byline"
        constraints = [
            models.UniqueConstraint(fields=["post", "author"], name="unique_author_per_post")
        ]

    def __str__(self):
        # Shown where Django lists what holds an author, e.g. when deleting one.
        return f"{self.author} in the byline of “{self.post}”"
