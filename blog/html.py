"""The body of a post: sanitizing editors' HTML, cutting it into paragraphs, numbering its
footnotes, and finding pull quotes in it."""

import bisect
import difflib
import functools
import html as html_lib
import itertools
import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import linebreaks

# A long report runs to 200,000 characters of HTML; this leaves five times that.
BODY_MAX_CHARACTERS = 1_000_000

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup", "br", "a",
    "ul", "ol", "li", "blockquote", "cite", "q", "abbr", "code", "pre", "hr",
    "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Top-level elements that stand as a paragraph of their own; anything else found at the
# top level (stray text, an inline element) is gathered into a <p>.
BLOCK_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "blockquote", "pre", "hr", "figure", "table",
}  # fmt: skip
VOID_TAGS = {"br", "hr", "img", "wbr"}
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def sanitize_html(html: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes; drop everything else."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        # A footnote is written inline as <span class="footnote">the note</span>.
        allowed_classes={"span": {"footnote"}},
    )


class _BlockSplitter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks = []
        self.depth = 0
        self.block = []
        self.loose = []

    def _flush_loose(self):
        text = "".join(self.loose).strip()
        if text:
            self.blocks.append(f"<p>{text}</p>")
        self.loose = []

    def _append(self, text):
        (self.block if self.depth else self.loose).append(text)

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag in BLOCK_TAGS:
            self._flush_loose()
            if tag in VOID_TAGS:
                self.blocks.append(self.get_starttag_text())
                return
            self.depth = 1
            self.block = [self.get_starttag_text()]
            return
        self._append(self.get_starttag_text())
        if self.depth and tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0 and tag in BLOCK_TAGS:
            self._flush_loose()
            self.blocks.append(self.get_starttag_text())
        else:
            self._append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        self._append(f"</{tag}>")
        if self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.blocks.append("".join(self.block))
                self.block = []

    def handle_data(self, data):
        self._append(data)

    def handle_entityref(self, name):
        self._append(f"&{name};")

    def handle_charref(self, name):
        self._append(f"&#{name};")

    def close(self):
        super().close()
        if self.block:
            self.blocks.append("".join(self.block))
        self._flush_loose()


def split_blocks(html: str) -> list[str]:
    """The top-level blocks (paragraphs, headings, lists, …) of sanitized HTML, in order."""
    splitter = _BlockSplitter()
    splitter.feed(html or "")
    splitter.close()
    return splitter.blocks


def clean_body(html: str) -> str:
    """
    The stored form of a post body: sanitized, with every top-level piece in a block so
    that pull-quote placements ("after paragraph 3") mean the same thing everywhere.
    Plain text without tags becomes paragraphs at blank lines.
    """
    # Zero-width characters come from editors and pasted documents; readers never need them.
    html = ZERO_WIDTH.sub("", html or "").strip()
    if html and "<" not in html:
        html = linebreaks(html)
    return "\n".join(split_blocks(sanitize_html(html)))


FOOTNOTE = re.compile(r'<span class="footnote">(.*?)</span>', re.S)


def number_footnotes(html: str) -> tuple[str, list[tuple[int, str]]]:
    """
    Replace each inline footnote with a numbered reference linking to its note, and return
    the notes as (number, html) for the list at the end of the post.
    """
    notes = []

    def reference(match):
        number = len(notes) + 1
        notes.append((number, match.group(1).strip()))
        return (
            f'<sup class="footnote-ref"><a href="#fn-{number}" id="fnref-{number}">'
            f'<span class="visually-hidden">Note </span>{number}</a></sup>'
        )

    return FOOTNOTE.sub(reference, html or ""), notes


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
    text = TAG.sub(" ", FOOTNOTE.sub(" ", html or ""))
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
