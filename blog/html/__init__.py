"""
The body of a post: sanitizing editors' HTML (`sanitize`), cutting it into paragraphs and
numbering its footnotes (`blocks`), and finding pull quotes in it (`passages`).
"""

from django.core.exceptions import ValidationError

from .blocks import FOOTNOTE, number_footnotes, split_blocks
from .passages import (
    Passages,
    fold,
    nearest_passage,
    passage_paragraph,
    passage_pattern,
    plain_text,
    quote_in_body,
)
from .sanitize import BARE_DOMAIN, clean_body, remove_bare_spans, sanitize_html, wrap_paragraphs

__all__ = [
    "BARE_DOMAIN",
    "BODY_MAX_CHARACTERS",
    "FOOTNOTE",
    "Passages",
    "clean_body",
    "fold",
    "nearest_passage",
    "number_footnotes",
    "passage_paragraph",
    "passage_pattern",
    "plain_text",
    "quote_in_body",
    "remove_bare_spans",
    "sanitize_html",
    "split_blocks",
    "validate_body_length",
    "wrap_paragraphs",
]

# A long report runs to 200,000 characters of HTML; this leaves five times that.
BODY_MAX_CHARACTERS = 1_000_000


# Here, not in `sanitize`: migrations name this validator by its module, `blog.html`.
def validate_body_length(value):
    """Refuse a body over BODY_MAX_CHARACTERS with a message that says by how much; the
    form shows it above the editor's text, which is kept."""
    if len(value) > BODY_MAX_CHARACTERS:
        raise ValidationError(
            "This body is %(length)s characters of HTML, and a post holds at most %(limit)s. "
            "Nothing was saved; your text is still below. Move long appendices to a linked "
            "document, or split the post in two.",
            code="max_length",
            params={"length": f"{len(value):,}", "limit": f"{BODY_MAX_CHARACTERS:,}"},
        )
