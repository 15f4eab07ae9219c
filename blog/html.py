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
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import linebreaks

from . import body_schema

# A long report runs to 200,000 characters of HTML; this leaves five times that.
BODY_MAX_CHARACTERS = 1_000_000

# Bold and italic as other programs write them; the schema's <strong> and <em> mean the same.
SYNONYMS = re.compile(r"<(/?)(b|i)(?=[\s/>])([^>]*)>", re.IGNORECASE)
STRONG_OR_EM = {"b": "strong", "i": "em"}
# A table's header and footer rows are rows of its body in the schema (header cells are
# <th scope>), so that rows keep their order: one <tbody> for all of them.
TABLE_SECTION_BREAK = re.compile(
    r"</t(?:head|body|foot)>\s*<t(?:head|body|foot)(?:\s[^>]*)?>", re.IGNORECASE
)
TABLE_SECTION = re.compile(r"<(/?)t(?:head|foot)(?=[\s>])[^>]*>", re.IGNORECASE)
# "www.example.org" is an address without its scheme, not a path on this site.
BARE_DOMAIN = re.compile(r"^(?!mailto:|https?:|/|#)[\w-]+(\.[\w-]+)+(/\S*)?$", re.IGNORECASE)

# Top-level elements that stand as a paragraph of their own; anything else found at the
# top level (stray text, an inline element) is gathered into a <p>.
BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "pre", "hr", "table", "figure"}
VOID_TAGS = {"br", "hr", "img", "wbr"}
EMPTY_PARAGRAPH = re.compile(r"<p>(\s|&nbsp;|<br>)*</p>")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _attribute_filter(tag, attribute, value):
    # The link dialog writes title="" for a link given no title: it says nothing.
    if attribute == "title" and not value.strip():
        return None
    if tag == "a" and attribute == "href" and BARE_DOMAIN.match(value):
        return f"https://{value}"
    # A body's images are Folio's own uploads (blog.models.Figure), never another host's.
    if tag == "img" and attribute == "src" and not value.startswith(settings.MEDIA_URL):
        return None
    if attribute == "lang":
        return value.strip() if LANGUAGE_TAG.fullmatch(value.strip()) else None
    return value


# A BCP 47 language tag as a body's foreign words carry it: “de”, “pt-BR”, “sr-Latn”.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


class _BareSpanRemover(HTMLParser):
    """
    Sanitized HTML without the <span>s that carry nothing (a pasted or imported
    <span style> once its style is gone): the editor drops them, so the stored body keeps
    none either, and opening and saving it changes nothing.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out, self.spans = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            self.spans.append(bool(attrs))
            if not attrs:
                return
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "span" and self.spans and not self.spans.pop():
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def remove_bare_spans(html):
    if "<span>" not in html:
        return html
    remover = _BareSpanRemover()
    remover.feed(html)
    remover.close()
    return "".join(remover.out)


def sanitize_html(html: str) -> str:
    """
    Keep only what the body's schema allows (`blog.body_schema.ALLOWLIST`, derived from the
    editor's extensions), with <b> and <i> read as <strong> and <em>; drop everything else.
    """
    html = SYNONYMS.sub(lambda m: f"<{m[1]}{STRONG_OR_EM[m[2].lower()]}{m[3]}>", html or "")
    html = TABLE_SECTION.sub(r"<\1tbody>", TABLE_SECTION_BREAK.sub("", html))
    return remove_bare_spans(
        nh3.clean(
            html,
            **body_schema.ALLOWLIST,
            url_schemes=body_schema.URL_SCHEMES,
            attribute_filter=_attribute_filter,
            link_rel=None,
            strip_comments=True,
        )
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


class _ParagraphWrapper(HTMLParser):
    """
    Wraps the loose text and inline elements of list items and block quotes in <p>, and
    makes a table cell's paragraphs lines of the cell (a cell holds a line of text).
    """

    CONTAINERS = {"li", "blockquote"}
    CELLS = {"td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.open = []  # the open elements; "p*" is a paragraph this wrapper opened

    def _close_wrapper(self):
        if self.open and self.open[-1] == "p*":
            self.open.pop()
            self.out.append("</p>")

    def _inline(self, text):
        if self.open and self.open[-1] in self.CONTAINERS:
            self.open.append("p*")
            self.out.append("<p>")
        self.out.append(text)

    def _in_cell(self):
        return bool(self.open) and self.open[-1] in self.CELLS | {"p-in-cell"}

    def handle_starttag(self, tag, attrs):
        if tag == "figcaption" and "figure" not in self.open:
            # A caption is a figure's; loose, it is a paragraph of its own.
            self.open.append("figcaption-dropped")
            return
        if tag == "figure" and not {("class", "embed"), ("class", "image")} & set(attrs):
            # A figure is an embed's or an image's; another program's is what it holds.
            self.open.append("figure-dropped")
            return
        if tag == "p" and self._in_cell():
            if self.out and not self.out[-1].startswith(("<td", "<th")):
                self.out.append("<br>")
            self.open.append("p-in-cell")
            return
        if tag in BLOCK_TAGS or tag in self.CONTAINERS:
            self._close_wrapper()
            self.out.append(self.get_starttag_text())
        else:
            self._inline(self.get_starttag_text())
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if tag == "p" and self.open and self.open[-1] == "p-in-cell":
            self.open.pop()
            return
        if tag == "figcaption" and self.open and self.open[-1] == "figcaption-dropped":
            self.open.pop()
            return
        if tag == "figure" and "figure-dropped" in self.open:
            while self.open.pop() != "figure-dropped":
                pass
            return
        if tag in BLOCK_TAGS or tag in self.CONTAINERS:
            self._close_wrapper()
        if tag in self.open:
            while self.open.pop() != tag:
                pass
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if data.strip():
            self._inline(data)
        elif not (self.open and self.open[-1] in self.CONTAINERS):
            self.out.append(data)

    def handle_entityref(self, name):
        self._inline(f"&{name};")

    def handle_charref(self, name):
        self._inline(f"&#{name};")


def wrap_paragraphs(html: str) -> str:
    """
    A list item's or block quote's loose text in a paragraph (<li>one</li> becomes
    <li><p>one</p></li>), the one way the editor writes them, so that a body in either
    form is stored the same way and saved again unchanged.
    """
    wrapper = _ParagraphWrapper()
    wrapper.feed(html)
    wrapper.close()
    return "".join(wrapper.out)


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
    blocks = split_blocks(wrap_paragraphs(sanitize_html(html)))
    # An empty paragraph is how word processors make space; the page makes its own.
    return "\n".join(block for block in blocks if not EMPTY_PARAGRAPH.fullmatch(block))


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
