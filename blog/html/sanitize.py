"""Sanitizing editors' HTML into the stored form of a body: only what the body's schema
allows, every top-level piece in a block."""

import re
from html.parser import HTMLParser

import nh3
from django.conf import settings
from django.utils.html import linebreaks

from .. import body_schema
from .blocks import BLOCK_TAGS, VOID_TAGS, split_blocks
from .passages import ZERO_WIDTH

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
EMPTY_PARAGRAPH = re.compile(r"<p>(\s|&nbsp;|<br>)*</p>")


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
