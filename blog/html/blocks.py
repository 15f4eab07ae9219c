"""A body's top-level blocks, which pull-quote placements count, and its footnotes."""

import re
from html.parser import HTMLParser

# Top-level elements that stand as a paragraph of their own; anything else found at the
# top level (stray text, an inline element) is gathered into a <p>.
BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "pre", "hr", "table", "figure"}
VOID_TAGS = {"br", "hr", "img", "wbr"}


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
