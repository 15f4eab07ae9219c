"""Pull quotes: passages of the body set large between paragraphs."""

from django.db import models
from django.utils.text import Truncator


class PullQuote(models.Model):
    """A passage of the body set large between two paragraphs."""

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="pull_quotes")
    text = models.TextField()
    # Empty (the default) anchors the quote to its passage, so an edit elsewhere in the body
    # does not move it; a number is an editor's choice of paragraph, kept whatever moves.
    after_paragraph = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Leave empty to set the quote after the paragraph that holds its passage, "
        "wherever that paragraph moves. A number sets it after that paragraph (1 is the "
        "first; 0 puts it before the first).",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return Truncator(self.text).chars(80)

    @property
    def is_anchored(self):
        """Whether the quote follows its passage rather than a chosen paragraph."""
        return self.after_paragraph is None

    def placement(self, passages):
        """
        The number of the paragraph of the body the quote is set after, 0 for before the
        first, given the body's `blog.html.Passages`: the chosen number, at most the last
        paragraph; for an anchored quote, the paragraph that holds its passage, or the last
        paragraph if none does (a body changed outside the admin), so no quote is lost.
        """
        if self.is_anchored:
            found = passages.paragraph(self.text)
            return passages.count if found is None else found
        return min(self.after_paragraph, passages.count)
