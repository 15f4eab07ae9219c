"""
Reading a WordPress export (WXR 1.1 and 1.2, as Tools → Export writes it) as a stream.

`read(path)` yields one record per author, term and item, each as a plain dataclass, and
keeps no more of the document in memory than the item being read: a 500 MB export is read
in bounded memory. WordPress has written its namespace both as `http://wordpress.org/
export/1.2/` and `https://…`; both are read. A document type declaration is refused (no
entity can expand), and a file that is not well-formed XML, or not a WordPress export,
raises `ExportError` naming the line.
"""

import dataclasses
import os
import re
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import iterparse

WP = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/$")
CONTENT = "http://purl.org/rss/1.0/modules/content/"
EXCERPT = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/excerpt/$")
DC = "http://purl.org/dc/elements/1.1/"


class ExportError(Exception):
    """The file cannot be read as a WordPress export; the message says where and why."""


@dataclasses.dataclass
class Author:
    """A WordPress user (`wp:author`). The e-mail address is kept private to the import."""

    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclasses.dataclass
class Term:
    """A category or tag assigned to an item (`<category domain nicename>`)."""

    domain: str
    slug: str
    name: str


@dataclasses.dataclass
class Item:
    """An `<item>`: a post, page, attachment, guest author or anything else."""

    wp_id: int = 0
    post_type: str = ""
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    status: str = ""
    post_date_gmt: str = ""
    post_date: str = ""
    password: str = ""
    sticky: bool = False
    parent: int = 0
    attachment_url: str = ""
    terms: list = dataclasses.field(default_factory=list)
    meta: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Site:
    """What the channel says of the site the export came from."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    wxr_version: str = ""


def _local(tag):
    """(namespace, local name) of an element's tag."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _kind(namespace):
    if WP.match(namespace):
        return "wp"
    if EXCERPT.match(namespace):
        return "excerpt"
    return {CONTENT: "content", DC: "dc"}.get(namespace, namespace)


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _children(element):
    """{(kind, name): element} of an element's children (the last of each name)."""
    return {(_kind(_local(child.tag)[0]), _local(child.tag)[1]): child for child in element}


def _author(element):
    fields = _children(element)

    def get(name):
        return _text(fields.get(("wp", name)))

    return Author(
        login=get("author_login"),
        email=get("author_email"),
        display_name=get("author_display_name"),
        first_name=get("author_first_name"),
        last_name=get("author_last_name"),
    )


# <wp:…> elements of an item read as text: element name → Item field.
WP_TEXT = {
    "post_type": "post_type",
    "post_name": "post_name",
    "status": "status",
    "post_date_gmt": "post_date_gmt",
    "post_date": "post_date",
    "post_password": "password",
    "attachment_url": "attachment_url",
}


def _item(element):
    item = Item()
    for child in element:
        kind, name = _kind(_local(child.tag)[0]), _local(child.tag)[1]
        text = child.text or ""
        if kind == "" and name == "title":
            item.title = text.strip()
        elif kind == "" and name == "link":
            item.link = text.strip()
        elif kind == "" and name == "category":
            item.terms.append(
                Term(child.get("domain", ""), child.get("nicename", ""), text.strip())
            )
        elif kind == "dc" and name == "creator":
            item.creator = text.strip()
        elif kind == "content" and name == "encoded":
            item.content = text
        elif kind == "excerpt" and name == "encoded":
            item.excerpt = text.strip()
        elif kind == "wp" and name in WP_TEXT:
            setattr(item, WP_TEXT[name], text.strip())
        elif kind == "wp" and name in ("post_id", "post_parent"):
            number = text.strip()
            setattr(
                item,
                "wp_id" if name == "post_id" else "parent",
                int(number or 0) if number.isdigit() else 0,
            )
        elif kind == "wp" and name == "is_sticky":
            item.sticky = text.strip() == "1"
        elif kind == "wp" and name == "postmeta":
            meta = _children(child)
            key = _text(meta.get(("wp", "meta_key")))
            value = meta.get(("wp", "meta_value"))
            if key:
                item.meta[key] = (value.text or "").strip() if value is not None else ""
    return item


def read(path, site=None, progress=None) -> Iterator[Author | Item]:
    """
    The export's authors and items, in the file's order. `site`, a `Site`, is filled in
    from the channel as it is read; `progress(fraction)` is told how much of the file has
    been read after each item. Raises `ExportError` for a file that is not a well-formed
    WordPress export.
    """
    seen_root = seen_wp = False
    depth = 0
    try:
        with open(path, "rb") as source:
            size = max(os.fstat(source.fileno()).st_size, 1)
            events = iterparse(source, events=("start", "end"), forbid_dtd=True)
            for event, element in events:
                namespace, name = _local(element.tag)
                kind = _kind(namespace)
                if event == "start":
                    depth += 1
                    if depth == 1:
                        if name != "rss":
                            raise ExportError(
                                f"{path}: not a WordPress export (it is <{name}>, not <rss>)."
                            )
                        seen_root = True
                    seen_wp = seen_wp or kind == "wp"
                    continue
                depth -= 1
                if depth == 2 and kind == "wp" and name == "author":
                    yield _author(element)
                    element.clear()
                elif depth == 2 and kind == "" and name == "item":
                    yield _item(element)
                    element.clear()
                    if progress is not None:
                        progress(min(source.tell() / size, 1.0))
                elif depth == 2 and site is not None:
                    if kind == "" and name == "title":
                        site.title = _text(element)
                    elif kind == "" and name == "link":
                        site.link = _text(element)
                    elif kind == "wp" and name == "base_site_url":
                        site.base_site_url = _text(element)
                    elif kind == "wp" and name == "wxr_version":
                        site.wxr_version = _text(element)
                    element.clear()
                elif depth == 2:
                    element.clear()
    except ParseError as error:
        line, column = error.position
        raise ExportError(
            f"{path}: line {line}, column {column}: the file is not well-formed XML "
            f"({_reason(error)}). Export it again from WordPress (Tools → Export)."
        ) from error
    except (DTDForbidden, EntitiesForbidden) as error:
        raise ExportError(
            f"{path}: line {getattr(error, 'line', '?')}: the file declares a document type "
            "or entities, which a WordPress export never does; it was not read."
        ) from error
    except (LookupError, ValueError) as error:  # an encoding Python or expat cannot read
        raise ExportError(
            f"{path}: the file's encoding cannot be read ({error}). Export it again from "
            "WordPress, which writes UTF-8."
        ) from error
    except OSError as error:
        raise ExportError(f"{path}: {error.strerror or error}") from error
    if not seen_root:
        raise ExportError(f"{path}: the file is empty.")
    if not seen_wp:
        raise ExportError(f"{path}: an RSS feed, but not a WordPress export (no wp: elements).")


def _reason(error):
    return re.sub(r":\s*line \d+, column \d+$", "", str(error))
