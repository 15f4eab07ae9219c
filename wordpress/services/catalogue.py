"""What the first pass over an export learns: the site, its users, Co-Authors Plus guest
authors, attachments, categories and the items that are not posts."""

import dataclasses
import html
import re
from urllib.parse import urlsplit

from .. import wxr

SIZED_NAME = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclasses.dataclass
class Attachment:
    wp_id: int
    file: str  # relative to the uploads folder: "2021/03/ports.jpg"
    url: str
    alt: str
    title: str


class Catalogue:
    """What the first pass learns: the site, its users, guest authors and attachments."""

    def __init__(self):
        self.site = wxr.Site()
        self.users = {}  # login → wxr.Author
        self.nicenames = {}  # the login as WordPress writes it in addresses → login
        self.guests = {}  # user_login → wxr.Item
        self.attachments = {}  # wp id → Attachment
        self.by_file = {}  # "2021/03/ports.jpg" → wp id
        self.skipped = []  # (post type, wp id, title) of items that are not posts
        self.categories = set()  # the slugs of the categories posts are in

    def add(self, record):
        if isinstance(record, wxr.Author):
            self.users[record.login] = record
            self.nicenames[nicename(record.login)] = record.login
            return
        if record.post_type == "attachment":
            file = record.meta.get("_wp_attached_file", "")
            attachment = Attachment(
                wp_id=record.wp_id,
                file=file,
                url=record.attachment_url,
                alt=record.meta.get("_wp_attachment_image_alt", ""),
                title=html.unescape(record.title),
            )
            self.attachments[record.wp_id] = attachment
            if file:
                self.by_file[file] = record.wp_id
        elif record.post_type == "guest-author":
            login = record.meta.get("cap-user_login") or record.post_name.removeprefix("cap-")
            self.guests[login] = record
        elif record.post_type == "post":
            self.categories.update(t.slug for t in record.terms if t.domain == "category")
        else:
            title = html.unescape(record.title)[:80] or "(no title)"
            self.skipped.append((record.post_type or "unknown", record.wp_id, title))

    def attachment_for(self, wp_id, address):
        """The attachment an image refers to, by its ID or by its address (a resized copy
        "ports-1024x768.jpg" names its original)."""
        if wp_id in self.attachments:
            return self.attachments[wp_id]
        path = urlsplit(address).path
        marker = "/uploads/"
        if marker in path:
            file = SIZED_NAME.sub("", path.split(marker, 1)[1])
            found = self.by_file.get(file)
            if found is not None:
                return self.attachments[found]
        return None


def nicename(login):
    """A login as WordPress writes it in addresses and Co-Authors Plus terms ("h.vance" →
    "h-vance", "tomas@harbour.example" → "tomasharbour-example")."""
    name = re.sub(r"[@]", "", login.lower())
    return re.sub(r"[^a-z0-9_-]+", "-", name).strip("-")


def read_catalogue(path, progress=None):
    catalogue = Catalogue()
    for record in wxr.read(path, catalogue.site, progress=progress):
        catalogue.add(record)
    return catalogue
