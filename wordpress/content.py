"""
A WordPress post's content, as WordPress stores it, made into a Folio body.

WordPress stores two kinds of content. Classic content is HTML in which blank lines mean
paragraphs (WordPress adds the <p> tags on display, with `wpautop`) and shortcodes in
square brackets. Block-editor content (since 2018) is HTML between `<!-- wp:name {…} -->`
comments. Both become the body's schema:

- headings, lists, quotes, tables (a table block's caption becomes the table's), code and
  separators keep their HTML;
- `[caption]`, image and gallery blocks, and a bare `<img>` of the site's own uploads become
  figures, through `figure_for(attachment id, address)`; an image not found leaves its
  caption or description in a paragraph, never an <img> on another host;
- embed blocks, `[embed]` and bare addresses on their own line become embeds when the
  provider is on our list (`blog.embeds`), else a link;
- footnote blocks (WordPress 6.3+, whose notes are in the post's `footnotes` meta) become
  our footnotes;
- a pull-quote block becomes a pull quote when its text is a passage of the body, else a
  block quote;
- any other shortcode is removed with its inner text kept, and named in `Converted`.

What comes out still goes through the sanitizer when the post is saved.
"""

import dataclasses
import html
import json
import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from blog.embeds import player, stored_embed
from blog.html import quote_in_body

BLOCK_TAGS = (
    "address|article|aside|blockquote|caption|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|"
    "header|hr|li|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul"
)
STARTS_BLOCK = re.compile(rf"^\s*</?(?:{BLOCK_TAGS})\b", re.IGNORECASE)
BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closing>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"(?:\s+(?P<attrs>\{.*?\}))?\s+(?P<void>/)?-->",
    re.DOTALL,
)
# A shortcode stands where text may begin (not in "filter[topic]"), on one line.
SHORTCODE = re.compile(
    r"(?<![\w\]=?&/])\[(?P<escaped>\[)?(?P<name>[a-zA-Z][\w-]*)"
    r"(?P<attrs>(?:\s[^\]\[\n]*)?)(?P<void>/)?\]"
)
# WordPress's own shortcodes; a plugin's is told from a bracketed remark ("[sic]",
# "[emphasis added]") by a closing tag, an attribute (key=value) or a - or _ in its name.
WORDPRESS_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"}
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.IGNORECASE)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
FOOTNOTE_REF = re.compile(
    r'<sup\b[^>]*\bdata-fn="(?P<id>[^"]{1,100})"[^>]*>.{0,500}?</sup>', re.IGNORECASE | re.DOTALL
)
CITE = re.compile(r"<cite\b[^>]*>(.*?)</cite>", re.IGNORECASE | re.DOTALL)
PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
# A tag written over several lines ("<a\nhref=…>") is one tag.
TAG_OVER_LINES = re.compile(r"<[a-zA-Z/][^<>]*\n[^<>]*>")
BLOCK_OPENS = re.compile(rf"\s*(<(?:{BLOCK_TAGS})\b[^>]*>)", re.IGNORECASE)
BLOCK_CLOSES = re.compile(rf"(</(?:{BLOCK_TAGS})>)\s*", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
# Blocks whose HTML is kept as it stands (the sanitizer keeps what the schema allows).
KEPT_BLOCKS = {
    "paragraph", "heading", "list", "list-item", "quote", "code", "preformatted",
    "separator", "verse", "freeform", "table",
}  # fmt: skip
# Blocks that hold other blocks and nothing of their own worth keeping.
CONTAINER_BLOCKS = {"group", "columns", "column", "row", "stack", "cover", "media-text"}
DROPPED_BLOCKS = {"more", "nextpage", "spacer", "footnotes", "buttons", "button", "search"}


@dataclasses.dataclass
class Converted:
    """A body made from WordPress content, and what the import report should say of it."""

    body: str = ""
    pull_quotes: list = dataclasses.field(default_factory=list)
    missing_images: list = dataclasses.field(default_factory=list)
    removed_shortcodes: list = dataclasses.field(default_factory=list)
    unknown_blocks: list = dataclasses.field(default_factory=list)


def attributes(text):
    """A shortcode's or tag's attributes as a dict (lower-case names)."""
    return {
        m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in ATTRIBUTE.finditer(text)
    }


def text_of(fragment):
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


class Converter:
    """
    Converts one post's content. `figure_for(attachment_id, address)` returns a
    `blog.Figure` for an image of the site's uploads, or None when it cannot be found;
    `footnotes` is the post's `footnotes` meta (JSON, as WordPress stores it).
    """

    def __init__(self, figure_for, footnotes=""):
        self.figure_for = figure_for
        self.notes = {}
        try:
            for note in json.loads(footnotes or "[]"):
                self.notes[str(note.get("id"))] = note.get("content", "")
        except (ValueError, TypeError, AttributeError):
            self.notes = {}
        self.result = Converted()
        self.quotes = []
        self.figures = []

    # -- Entry point --------------------------------------------------------------------

    def convert(self, content):
        content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
        body = self.blocks(content) if BLOCK_COMMENT.search(content) else self.classic(content)
        body = FOOTNOTE_REF.sub(self.footnote, body)
        for number, figure_html in enumerate(self.figures):
            body = body.replace(f"<!--folio-figure-{number}-->", figure_html)
        # A pull quote stays one when its words are the body's; else it is a quotation.
        for number, (text, quote_html) in enumerate(self.quotes):
            marker = f"<!--pull-quote-{number}-->"
            if text and quote_in_body(text, body.replace(marker, "")):
                self.result.pull_quotes.append(text)
                body = body.replace(marker, "")
            else:
                body = body.replace(marker, quote_html)
        self.result.body = body.strip()
        return self.result

    # -- Classic content ----------------------------------------------------------------

    def classic(self, content):
        # A <pre> is left exactly as written: its blank lines, addresses and brackets.
        kept = []

        def keep(match):
            kept.append(match[0])
            return f"\n\n<!--folio-pre-{len(kept) - 1}-->\n\n"

        content = PRE.sub(keep, content)
        content = self.shortcodes(content)
        content = self.images(content)
        content = BARE_URL_LINE.sub(lambda m: "\n\n" + self.embed(m[1]) + "\n\n", content)
        body = autop(content)
        for number, pre in enumerate(kept):
            body = body.replace(f"<!--folio-pre-{number}-->", pre)
        return body

    def shortcodes(self, content):
        """Expand [caption], [gallery] and [embed]; remove others, keeping inner text."""
        out = []
        position = 0
        while match := SHORTCODE.search(content, position):
            name = match["name"].lower()
            closing = f"[/{match['name']}]"
            end = match.end()
            inner = None
            if not match["void"]:
                close_at = content.find(closing, end)
                if close_at != -1:
                    inner = content[end:close_at]
                    end = close_at + len(closing)
            known = name in WORDPRESS_SHORTCODES
            if not (
                known or inner is not None or "=" in match["attrs"] or re.search("[-_]", name)
            ):
                # Words in brackets, not a shortcode: kept as written.
                out.append(content[position : match.end()])
                position = match.end()
                continue
            out.append(content[position : match.start()])
            if match["escaped"]:
                # [[name]] is WordPress's way of writing the shortcode itself as text.
                out.append(content[match.start() + 1 : end].removesuffix("]"))
            elif name in ("caption", "wp_caption"):
                out.append(self.caption(attributes(match["attrs"]), inner or ""))
            elif name == "gallery":
                out.append(self.gallery(attributes(match["attrs"])))
            elif name == "embed":
                out.append("\n\n" + self.embed((inner or "").strip()) + "\n\n")
            elif name in ("audio", "video"):
                address = attributes(match["attrs"]).get("src") or (inner or "").strip()
                out.append("\n\n" + self.embed(address) + "\n\n" if address else "")
            else:
                self.result.removed_shortcodes.append(name)
                out.append(self.shortcodes(inner) if inner else "")
            position = end
        out.append(content[position:])
        return "".join(out)

    def caption(self, attrs, inner):
        image = IMG.search(inner)
        caption_html = attrs.get("caption") or IMG.sub(
            "", LINKED_IMG.sub("", inner, count=1), count=1
        )
        caption_html = caption_html.strip()
        if not image:
            return f"\n\n<p>{caption_html}</p>\n\n" if caption_html else ""
        return "\n\n" + self.figure(image[0], caption_html) + "\n\n"

    def gallery(self, attrs):
        ids = [part.strip() for part in attrs.get("ids", "").split(",") if part.strip()]
        figures = [self.figure_by_id(int(i)) for i in ids if i.isdigit()]
        return "".join(f"\n\n{f}\n\n" for f in figures if f)

    def images(self, content):
        """Each <img> of the site's uploads (linked or not) becomes a figure of its own."""
        content = LINKED_IMG.sub(lambda m: "\n\n" + self.figure(m[1]) + "\n\n", content)
        return IMG.sub(lambda m: "\n\n" + self.figure(m[0]) + "\n\n", content)

    # -- Block-editor content -----------------------------------------------------------

    def blocks(self, content):
        """The content's blocks, converted one by one; HTML between blocks is classic."""
        parts = []
        for kind, name, attrs, inner in parse_blocks(content):
            if kind == "html":
                if inner.strip():
                    parts.append(self.classic(inner))
            else:
                parts.append(self.block(name, attrs, inner))
        return "\n".join(part for part in parts if part.strip())

    def block(self, name, attrs, inner):
        name = name.removeprefix("core/")
        if name == "table":
            return table_with_caption(IMG.sub(self.image_as_words, self.shortcodes(inner)))
        if name in KEPT_BLOCKS:
            if name in ("quote", "pullquote"):
                # Who said it is not part of what they said: a line of its own after it.
                inner = CITE.sub(lambda m: f"<p>— {m[1].strip()}</p>", inner)
            return self.images(self.shortcodes(inner)).strip()
        if name in DROPPED_BLOCKS:
            return ""
        if name in CONTAINER_BLOCKS:
            return self.blocks(inner)
        if name == "image":
            image = IMG.search(inner)
            caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", inner, re.DOTALL)
            if not image:
                return ""
            wp_id = attrs.get("id")
            wp_id = wp_id if isinstance(wp_id, int) or str(wp_id).isdigit() else None
            return self.figure(image[0], caption[1].strip() if caption else "", wp_id)
        if name == "gallery":
            if BLOCK_COMMENT.search(inner):  # WordPress 5.9+: image blocks inside
                return self.blocks(inner)
            figures = [self.figure(tag) for tag in IMG.findall(inner)]
            return "\n".join(figures)
        if name == "embed" or name.startswith("core-embed/"):
            address = attrs.get("url") or text_of(
                (re.search(r'wp-block-embed__wrapper">(.*?)</div>', inner, re.DOTALL) or [""])[-1]
            )
            caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", inner, re.DOTALL)
            return self.embed(address, text_of(caption[1]) if caption else "")
        if name == "pullquote":
            paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", inner, re.DOTALL)
            text = " ".join(text_of(p) for p in paragraphs) or text_of(
                re.sub(r"<cite.*?</cite>", "", inner, flags=re.DOTALL)
            )
            quote = format_html("<blockquote><p>{}</p></blockquote>", text) if text else ""
            self.quotes.append((text, quote))
            return f"<!--pull-quote-{len(self.quotes) - 1}-->"
        if name in ("shortcode", "html"):
            return self.classic(inner)
        if name == "video" or name == "audio":
            source = re.search(r'src="([^"]+)"', inner)
            return self.embed(html.unescape(source[1])) if source else ""
        self.result.unknown_blocks.append(name)
        return self.blocks(inner) if BLOCK_COMMENT.search(inner) else self.classic(inner)

    # -- Pieces -------------------------------------------------------------------------

    def figure(self, img_tag, caption="", attachment_id=None):
        attrs = attributes(img_tag[4:])
        wp_id = attachment_id or (WP_IMAGE_CLASS.search(attrs.get("class", "")) or [None, None])[1]
        found = self.figure_for(int(wp_id) if wp_id else None, attrs.get("src", ""))
        if found is not None:
            # The caption's HTML is the body's, sanitized when the post is saved.
            return self.place(found.body_html(mark_safe(caption)))  # noqa: S308
        source = attrs.get("src", "")
        self.result.missing_images.append(
            f"attachment {wp_id}" + (f" ({source})" if source else "") if wp_id else source
        )
        words = caption or html.escape(attrs.get("alt", ""))
        return f"<p>{words}</p>" if words.strip() else ""

    def image_as_words(self, match):
        """An image where a figure cannot stand (a table's cell): its description."""
        alt = attributes(match[0][4:]).get("alt", "")
        self.result.missing_images.append(
            f"an image in a table, left as its description: {alt or '(none)'}"
        )
        return html.escape(alt)

    def figure_by_id(self, wp_id):
        found = self.figure_for(wp_id, "")
        if found is None:
            self.result.missing_images.append(f"attachment {wp_id}")
            return ""
        return self.place(found.body_html())

    def place(self, figure_html):
        """A figure stands as a marker until the end, out of reach of the steps that
        look for <img> tags to convert."""
        self.figures.append(figure_html)
        return f"<!--folio-figure-{len(self.figures) - 1}-->"

    def embed(self, address, title=""):
        address = html.unescape(address.strip())
        provider, _ = player(address)
        if provider is None:
            return format_html('<p><a href="{}">{}</a></p>', address, title or address)
        return stored_embed(address, title or f"{provider.name} {provider.kind}")

    def footnote(self, match):
        note = self.notes.get(match["id"])
        if note is None:
            return ""
        # A note is one run of text with inline marks; a <span> in it would end it early.
        note = re.sub(r"</?span\b[^>]*>", "", note)
        return f'<span class="footnote">{note}</span>'


def parse_blocks(content):
    """
    The top-level blocks of block-editor content, in order, as
    ("block", name, attrs, inner HTML) and ("html", None, {}, html) for what lies between.
    """
    parts = []
    stack = []  # [name, attrs, start of inner]
    position = 0
    for match in BLOCK_COMMENT.finditer(content):
        name = match["name"]
        try:
            attrs = json.loads(match["attrs"]) if match["attrs"] else {}
        except ValueError:
            attrs = {}
        if not isinstance(attrs, dict):
            attrs = {}
        if match["closing"]:
            if stack and stack[-1][0] == name:
                opened_name, opened_attrs, start = stack.pop()
                if not stack:
                    parts.append(
                        ("block", opened_name, opened_attrs, content[start : match.start()])
                    )
                    position = match.end()
            continue
        if not stack and match.start() > position:
            parts.append(("html", None, {}, content[position : match.start()]))
        if match["void"]:
            if not stack:
                parts.append(("block", name, attrs, ""))
                position = match.end()
            continue
        stack.append((name, attrs, match.end()))
        if len(stack) == 1:
            position = match.end()
    if stack:  # a block never closed: its HTML is kept as classic content
        parts.append(("html", None, {}, content[stack[0][2] :]))
    elif position < len(content):
        parts.append(("html", None, {}, content[position:]))
    return parts


def table_with_caption(inner):
    """A table block: the table, with the block's figcaption as the table's caption."""
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", inner, re.DOTALL)
    table = re.search(r"<table\b.*?</table>", inner, re.DOTALL | re.IGNORECASE)
    if not table:
        return ""
    table_html = re.sub(r"<figcaption[^>]*>.*?</figcaption>", "", table[0], flags=re.DOTALL)
    if caption and caption[1].strip() and "<caption" not in table_html:
        table_html = re.sub(
            r"^<table\b[^>]*>",
            lambda m: f"{m[0]}<caption>{caption[1].strip()}</caption>",
            table_html,
        )
    return table_html


def autop(content):
    """
    WordPress's `wpautop`, simplified: text separated by blank lines becomes paragraphs,
    a single line break within one a <br>; block-level HTML stands as it is, on its own.
    """
    content = TAG_OVER_LINES.sub(lambda m: " ".join(m[0].split()), content)
    content = BLOCK_OPENS.sub(r"\n\n\1", content)
    content = BLOCK_CLOSES.sub(r"\1\n\n", content)
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", content):
        chunk = chunk.strip()
        if not chunk:
            continue
        if STARTS_BLOCK.match(chunk) or chunk.startswith("<!--"):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + re.sub(r"\s*\n\s*", "<br>", chunk) + "</p>")
    return "\n".join(paragraphs)
