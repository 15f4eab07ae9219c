"""Pull quotes: passages of the body set large between paragraphs."""

from django.db import models
from django.utils.text import Truncator


class PullQuote(models.Model):
    """A passage of the body set large between two paragraphs."""

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="pull_quotes")
    text = models.TextField()
    after_paragraph = models.PositiveIntegerField(
        default=1,
        help_text="Set the quote after this paragraph of the body (1 is the first; 0 puts it "
        "before the first).",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return Truncator(self.text).chars(80)
