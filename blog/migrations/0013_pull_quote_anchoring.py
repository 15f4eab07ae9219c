"""Pull quotes anchored to their passage (issue 15): `after_paragraph` may be empty, meaning
"after the paragraph that holds the passage". Existing quotes are anchored only where that
is the paragraph they are set after now, so every page reads exactly as before."""

import bisect
import html
import itertools
import re

from django.db import migrations, models

# Which paragraphs a body has is the splitting the pages use; it takes a string.
from blog.html import split_blocks

# The passage matcher as it stood when this migration was written (blog/html.py: `fold`,
# `plain_text`, `Passages.paragraph`), copied so that a later change there cannot change
# what this migration did.
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
FOOTNOTE = re.compile(r'<span class="footnote">(.*?)</span>', re.S)
TAG = re.compile(r"<[^>]+>")
FOLDED_CHARACTERS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ",
        "\u2026": "...",
    }
)


def plain_text(markup):
    text = TAG.sub(" ", FOOTNOTE.sub(" ", markup or ""))
    return " ".join(html.unescape(text).split())


def fold(text):
    text = " ".join(ZERO_WIDTH.sub("", text).translate(FOLDED_CHARACTERS).split())
    text = re.sub(r"\s*-+\s*", "-", text)
    return text.strip(" \"'").casefold()


def passage_paragraph(quote, blocks):
    """The number of the first block holding the passage, else of the block where a
    passage running across blocks ends; None when the blocks do not hold it."""
    needle = fold(quote)
    if not needle:
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    texts = [fold(plain_text(block)) for block in blocks]
    for number, text in enumerate(texts, start=1):
        if pattern.search(text):
            return number
    match = pattern.search(" ".join(texts))
    if match is None:
        return None
    ends = list(itertools.accumulate(len(text) + 1 for text in texts))
    return bisect.bisect_left(ends, match.end() + 1) + 1


def anchor_quotes(apps, schema_editor):
    """Anchor each quote whose passage is in the paragraph it is set after (a number past
    the last paragraph counting as the last, as pages place it); keep the others' numbers."""
    PullQuote = apps.get_model("blog", "PullQuote")
    anchored = []
    quotes = PullQuote.objects.exclude(after_paragraph=None).select_related("post")
    for quote in quotes.order_by("post_id", "pk").iterator(chunk_size=500):
        blocks = split_blocks(quote.post.body)
        if not blocks:
            continue
        found = passage_paragraph(quote.text, blocks)
        if found is not None and found == min(quote.after_paragraph, len(blocks)):
            anchored.append(quote.pk)
    # In slices: SQLite limits the number of parameters of one statement.
    for start in range(0, len(anchored), 500):
        PullQuote.objects.filter(pk__in=anchored[start : start + 500]).update(
            after_paragraph=None
        )


def number_quotes(apps, schema_editor):
    """The way back: give each anchored quote the number of the paragraph it is set after
    now (the last paragraph where its passage is gone, as pages place it)."""
    PullQuote = apps.get_model("blog", "PullQuote")
    quotes = PullQuote.objects.filter(after_paragraph=None).select_related("post")
    for quote in quotes.iterator(chunk_size=500):
        blocks = split_blocks(quote.post.body)
        found = passage_paragraph(quote.text, blocks)
        quote.after_paragraph = len(blocks) if found is None else found
        quote.save(update_fields=["after_paragraph"])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0012_sqlite_fts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="pullquote",
            name="after_paragraph",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Leave empty to set the quote after the paragraph that holds its "
                "passage, wherever that paragraph moves. A number sets it after that paragraph "
                "(1 is the first; 0 puts it before the first).",
                null=True,
            ),
        ),
        migrations.RunPython(anchor_quotes, number_quotes),
    ]
