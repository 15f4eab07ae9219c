"""A body's words as readers read them, and where a pull quote's passage is found in it."""

import bisect
import difflib
import functools
import html as html_lib
import itertools
import re

from .blocks import FOOTNOTE

# Zero-width characters come from editors and pasted documents; readers never see them.
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# A block's edge or a line break parts words; an inline element (bold, a link) does not:
# "b<strong>old</strong>" reads "bold".
WORD_BREAKING_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|blockquote|pre|table|caption|tbody|tr|th|td|figure|hr|br)\b[^>]*>",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]+>")
FOLDED_CHARACTERS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ",
        "\u2026": "...",
    }
)  # fmt: skip


def plain_text(html: str) -> str:
    """The words of some HTML as a reader reads them, footnotes left out."""
    text = TAG.sub("", WORD_BREAKING_TAG.sub(" ", FOOTNOTE.sub("", html or "")))
    return " ".join(html_lib.unescape(text).split())


def fold(text: str) -> str:
    """Text reduced for comparing quotations: one kind of quote mark and dash, spaces
    folded, case ignored, surrounding quote marks dropped."""
    text = " ".join(ZERO_WIDTH.sub("", text).translate(FOLDED_CHARACTERS).split())
    text = re.sub(r"\s*-+\s*", "-", text)
    return text.strip(" \"'").casefold()


def passage_pattern(quote: str) -> re.Pattern | None:
    """What finds a pull quote's passage in folded text (see `fold`); None for a quote
    with no words."""
    needle = fold(quote)
    if not needle:
        return None
    # Whole words only: "rts on both shores" is not a passage of "ports on both shores".
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")


def quote_in_body(quote: str, body_html: str) -> bool:
    """Whether a pull quote is a passage of the body, as `fold` compares them."""
    pattern = passage_pattern(quote)
    return pattern is not None and pattern.search(fold(plain_text(body_html))) is not None


class Passages:
    """
    The blocks of a body (`split_blocks`), their text folded once (see `fold`), to find in
    which block each pull quote's passage is, matched as `quote_in_body` matches it.
    """

    def __init__(self, blocks: list[str]):
        self.blocks = blocks
        self.count = len(blocks)

    @functools.cached_property
    def texts(self):
        # Folded when a quote is first looked for: quotes placed by number need only `count`.
        return [fold(plain_text(block)) for block in self.blocks]

    @functools.cached_property
    def ends(self):
        """Where each block's text ends in `joined`, for a passage that runs from one block
        into the next."""
        return list(itertools.accumulate(len(text) + 1 for text in self.texts))

    @functools.cached_property
    def joined(self):
        return " ".join(self.texts)

    def paragraph(self, quote: str) -> int | None:
        """The number (1 for the first) of the first block that holds the quote's passage,
        else of the block where a passage running across blocks ends; None if none does."""
        pattern = passage_pattern(quote)
        if pattern is None:
            return None
        for number, text in enumerate(self.texts, start=1):
            if pattern.search(text):
                return number
        match = pattern.search(self.joined)
        if match is None:
            return None
        return bisect.bisect_left(self.ends, match.end() + 1) + 1


def passage_paragraph(quote: str, blocks: list[str]) -> int | None:
    """The number of the block of `blocks` that holds a pull quote's passage (see
    `Passages.paragraph`, which serves many quotes of one body at less cost)."""
    return Passages(blocks).paragraph(quote)


def nearest_passage(quote: str, body_html: str) -> str:
    """The run of the body's words most like the quote, to show an editor what changed."""
    words = plain_text(body_html).split()
    size = min(max(1, len(quote.split())), 80)
    if not words:
        return ""
    target = fold(" ".join(quote.split()[:size]))

    def likeness(start):
        candidate = " ".join(words[start : start + size])
        return difflib.SequenceMatcher(None, target, fold(candidate)).ratio(), start

    # A coarse pass over a bounded number of windows, then every window near the best, so a
    # long body answers quickly.
    last = max(0, len(words) - size)
    step = max(1, last // 300)
    _, best = max(likeness(start) for start in range(0, last + 1, step))
    _, best = max(
        likeness(start) for start in range(max(0, best - step), min(last, best + step) + 1)
    )
    return " ".join(words[best : best + size])
