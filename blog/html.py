"""The body of a post: sanitizing editors' HTML and cutting it into paragraphs."""

from html.parser import HTMLParser

import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup", "br", "a",
    "ul", "ol", "li", "blockquote", "cite", "q", "abbr", "code", "pre", "hr",
    "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption",
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


def sanitize_html(html: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes; drop everything else."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
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
    html = (html or "").strip()
    if html and "<" not in html:
        html = linebreaks(html)
    return "\n".join(split_blocks(sanitize_html(html)))
