"""
Importing a WordPress export: authors, posts, their images, topics and old addresses.

`import_export(path, options)` reads the export twice, as a stream. The first pass reads
the site's users, Co-Authors Plus guest authors and attachments (a few fields each), and
reads the whole file, so a malformed one stops the import before anything is written. The
second imports the posts, each in its own transaction. Re-running the same or a newer
export updates what changed, keyed by the WordPress post ID, and never duplicates; a post
edited in Folio since it was imported is left as it is, and listed. No network request is
made: images come from a copy of `wp-content/uploads` (`--media-dir`) or not at all.
"""

import dataclasses
import datetime
import hashlib
import html
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from blog.html import clean_body
from blog.models import Figure, Post, PostAuthor, PostSlug, PullQuote
from blog.search import index_post, indexing_deferred
from blog.services import trash_posts
from blog.slugs import slug_from_title, unique_slug
from blog.topics import replace_topics
from core.images.uploads import clean_upload
from people.models import Author
from programs.models import Program

from . import wxr
from .content import Converter, text_of
from .models import ImportedAuthor, ImportedImage, ImportedPost

STATUSES = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.PUBLISHED,
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.IN_REVIEW,
    "private": Post.Status.DRAFT,
    "auto-draft": None,  # never written by anyone: skipped
    "trash": None,
    "inherit": None,
}
NO_DATE = "0000-00-00 00:00:00"
MAX_WP_ID = 2**63  # WordPress's IDs are unsigned 64-bit; ours are signed
SIZED_NAME = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclasses.dataclass
class Options:
    """How to import: where the uploads are, which program posts go to, and whether to
    write anything."""

    program: Program | None = None
    category_programs: dict = dataclasses.field(default_factory=dict)
    media_dir: Path | None = None
    dry_run: bool = False

    def fingerprint(self):
        """What of the options shapes an imported post."""
        return (
            self.program and self.program.pk,
            sorted((category, program.pk) for category, program in self.category_programs.items()),
            self.media_dir is not None,  # a copy elsewhere of the same folder changes nothing
        )


@dataclasses.dataclass
class Attachment:
    wp_id: int
    file: str  # relative to the uploads folder: "2021/03/ports.jpg"
    url: str
    alt: str
    title: str


class Report:
    """Counts by kind and outcome, and a line for every item skipped, changed or missing."""

    def __init__(self):
        self.counts = Counter()
        self.lines = []

    def count(self, kind, outcome):
        self.counts[(kind, outcome)] += 1

    def note(self, kind, wp_id, text):
        self.lines.append(f"{kind} {wp_id}: {text}")

    def remark(self, text):
        """A line on the import as a whole."""
        self.lines.append(text)

    def render(self, dry_run=False):
        heading = (
            "What the import would do (dry run: nothing was written)"
            if dry_run
            else ("What the import did")
        )
        out = [heading, ""]
        for (kind, outcome), number in sorted(self.counts.items()):
            out.append(f"  {kind:<14} {outcome:<40} {number:>7}")
        if self.lines:
            out += ["", "Items to look at:"]
            out += [f"  {line}" for line in self.lines]
        return "\n".join(out) + "\n"


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


def import_export(path, options, progress=None):
    """Import the export at `path`; the `Report` says what was done (or would be)."""
    report = Report()
    catalogue = read_catalogue(path, progress=progress and (lambda done: progress(done / 2)))
    unknown = sorted(set(options.category_programs) - catalogue.categories)
    if unknown:
        known = ", ".join(sorted(catalogue.categories)) or "none"
        raise wxr.ExportError(
            f"The export has no category {', '.join(unknown)} (--category-program takes a "
            f"category's slug; the export's are: {known}). Nothing was imported."
        )
    importer = Importer(catalogue, options, report)
    for kind, wp_id, title in catalogue.skipped:
        report.count(kind, "skipped (not a post)")
        report.note(kind, wp_id, f"skipped (not a post): {title}")
    for record in wxr.read(path, progress=progress and (lambda done: progress(0.5 + done / 2))):
        if isinstance(record, wxr.Item) and record.post_type == "post":
            importer.post(record)
    importer.note_media()
    return report


class Importer:
    """Imports posts one at a time, remembering the people and images already made."""

    def __init__(self, catalogue, options, report):
        self.catalogue = catalogue
        self.options = options
        self.report = report
        self.authors = {}  # key → Author (or None in a dry run)
        self.figures = {}  # attachment wp id → Figure (or a stand-in in a dry run)
        self.tags = {}  # name, case folded → Tag
        self.seen = set()  # WordPress IDs of the posts read so far
        self.images_wanted = self.images_found = 0  # attachments asked for, and found
        self.program = options.program or self.default_program()

    # -- Programs -----------------------------------------------------------------------

    def default_program(self):
        name = self.catalogue.site.title or "Imported commentary"
        slug = slugify(name) or "imported"
        program = Program.objects.filter(slug=slug).first()
        if program is None and not self.options.dry_run:
            program = Program.objects.create(name=name, slug=slug)
        return program

    def program_for(self, item):
        for term in item.terms:
            if term.domain == "category" and term.slug in self.options.category_programs:
                return self.options.category_programs[term.slug]
        return self.program

    # -- People -------------------------------------------------------------------------

    def byline(self, item):
        """The item's authors in order: Co-Authors Plus terms if any, else its creator."""
        keys = []
        for term in item.terms:
            if term.domain != "author":
                continue
            nicename = term.slug.removeprefix("cap-")
            if term.name in self.catalogue.guests or nicename in self.catalogue.guests:
                keys.append(
                    ("guest", term.name if term.name in self.catalogue.guests else nicename)
                )
            elif term.name in self.catalogue.users:  # the term's name is the user's login
                keys.append(("user", term.name))
            elif nicename in self.catalogue.nicenames:
                keys.append(("user", self.catalogue.nicenames[nicename]))
            elif term.name or nicename:
                keys.append(("name", term.name or nicename))
        if not keys and item.creator:
            keys.append(("user", item.creator))
        authors = []
        for key in dict.fromkeys(keys):
            author = self.author(*key)
            if author is not None and author not in authors:
                authors.append(author)
        return authors

    def author(self, kind, login):
        key = f"{kind}:{login}"
        if key in self.authors:
            return self.authors[key]
        email, bio = "", ""
        if kind == "name" and "@" in login:
            return None  # an address is nobody's name, and private: never in a byline
        if kind == "guest":
            guest = self.catalogue.guests[login]
            linked = guest.meta.get("cap-linked_account", "")
            if linked and linked in self.catalogue.users:
                return self.author("user", linked)
            name = guest.meta.get("cap-display_name") or html.unescape(guest.title) or login
            last = guest.meta.get("cap-last_name", "")
            email, bio = (
                guest.meta.get("cap-user_email", ""),
                guest.meta.get("cap-description", ""),
            )
        elif kind == "user" and login in self.catalogue.users:
            user = self.catalogue.users[login]
            name = user.display_name or " ".join(p for p in (user.first_name, user.last_name) if p)
            name, last, email = name or login, user.last_name, user.email
        else:
            name, last = login, ""
        # As the fields hold them: a name of one long word is its own family name.
        name = " ".join(name.split())[:200] or login[:200] or "Unnamed author"
        last = (" ".join(last.split()) or name.split()[-1])[:100]
        email = email if len(email) <= 254 and "@" in email else ""
        author = None
        imported = ImportedAuthor.objects.filter(key=key).select_related("author").first()
        if imported is not None:
            author = imported.author
        elif not self.options.dry_run:
            author = Author.objects.filter(name=name).first()
            if author is None:
                author = Author.objects.create(
                    name=name,
                    family_name=last,
                    slug=unique_slug(name, Author.objects.all()),
                    short_bio=text_of(bio),
                )
                transaction.on_commit(lambda: self.report.count("author", "created"))
            ImportedAuthor.objects.create(key=key, email=email, author=author)
        elif kind != "name":
            self.report.count("author", "would be created")
        self.authors[key] = author
        return author

    # -- Images -------------------------------------------------------------------------

    def source_file(self, attachment):
        self.images_wanted += 1
        path = self.find_file(attachment)
        self.images_found += path is not None
        return path

    def find_file(self, attachment):
        if self.options.media_dir is None or not attachment.file:
            return None
        try:
            path = (self.options.media_dir / attachment.file).resolve()
            # An attachment's recorded path never leads out of the uploads folder.
            if self.options.media_dir.resolve() not in path.parents or not path.is_file():
                return None
            with path.open("rb"):
                return path
        except (OSError, ValueError):  # a name too long, unreadable, a NUL in it
            return None

    def figure_for(self, wp_id, address):
        attachment = self.catalogue.attachment_for(wp_id, address)
        if attachment is None:
            return None
        if attachment.wp_id in self.figures:
            return self.figures[attachment.wp_id]
        imported = ImportedImage.objects.filter(wp_id=attachment.wp_id).first()
        figure = imported.figure if imported else None
        if figure is None:
            source = self.source_file(attachment)
            if source is None:
                return None
            description = attachment.alt or attachment.title or source.stem
            if self.options.dry_run:
                figure = Figure(description=description)
                self.report.count("image", "would be imported")
            else:
                try:
                    cleaned = clean_upload(File(source.open("rb"), name=source.name))
                except ValidationError as error:
                    self.report.note(
                        "attachment", attachment.wp_id, f"refused: {error.messages[0]}"
                    )
                    return None
                figure = Figure(description=description[:300])
                figure.image.save(cleaned.name, cleaned, save=False)
                figure.save()
                ImportedImage.objects.create(wp_id=attachment.wp_id, figure=figure)
                transaction.on_commit(lambda: self.report.count("image", "imported"))
        self.figures[attachment.wp_id] = figure
        return figure

    # -- Posts --------------------------------------------------------------------------

    def post(self, item):
        report = self.report
        if not 0 < item.wp_id < MAX_WP_ID:
            report.count("post", "skipped (no usable ID)")
            report.note("post", item.wp_id, f"skipped: no usable WordPress ID ({item.title!r})")
            return
        if item.wp_id in self.seen:
            report.count("post", "skipped (ID given twice)")
            report.note("post", item.wp_id, "skipped: the export has a second post with this ID")
            return
        self.seen.add(item.wp_id)
        status = STATUSES.get(item.status, Post.Status.DRAFT)
        if item.status == "trash":
            self.trash(item)
            return
        if status is None:
            report.count("post", f"skipped ({item.status})")
            return
        hidden = item.status == "private" or bool(item.password)
        if hidden:
            status = Post.Status.DRAFT
        # What the post is made from: the item, and the options that decide where its
        # images and program come from (a re-run with --media-dir fills in the images).
        made_from = (dataclasses.astuple(item), self.options.fingerprint())
        fingerprint = hashlib.sha256(repr(made_from).encode()).hexdigest()
        imported = ImportedPost.objects.filter(wp_id=item.wp_id).select_related("post").first()
        if imported and imported.post is None:
            report.count("post", "skipped (deleted in Folio)")
            report.note(
                "post", item.wp_id, "deleted in Folio since it was imported: not brought back"
            )
            return
        if imported and imported.fingerprint == fingerprint:
            report.count("post", "unchanged")
            return
        if imported and imported.post.version != imported.version:
            report.count("post", "kept (edited in Folio)")
            report.note(
                "post", item.wp_id, "changed in WordPress and in Folio: Folio's version kept"
            )
            return
        if hidden:
            reason = "private" if item.status == "private" else "password-protected"
            report.note("post", item.wp_id, f"{reason} in WordPress: imported as a draft")
        if self.options.dry_run:
            self.plan(item, status, imported)
            return
        try:
            with transaction.atomic(), indexing_deferred():
                self.save(item, status, imported, fingerprint)
        except (ValidationError, DatabaseError, RecursionError) as error:
            # What this post made is gone with its transaction; so is what was learned.
            self.forget()
            messages = getattr(error, "messages", None) or [str(error).splitlines()[0]]
            report.count("post", "refused")
            report.note("post", item.wp_id, "refused: " + "; ".join(messages))
            return
        report.count("post", f"{'updated' if imported else 'created'} ({status})")

    def trash(self, item):
        """A post in WordPress's trash: not imported, and if it was before, moved to ours
        (from where an editor can restore it)."""
        imported = ImportedPost.objects.filter(wp_id=item.wp_id).first()
        if imported is None or imported.post_id is None or self.options.dry_run:
            self.report.count("post", "skipped (in the trash)")
            return
        if trash_posts(Post.objects.filter(pk=imported.post_id)):
            self.report.count("post", "moved to the trash")
            self.report.note("post", item.wp_id, "in WordPress's trash: moved to Folio's")
        else:
            self.report.count("post", "skipped (in the trash)")

    def note_media(self):
        """One line on the images as a whole, when the folder looks wrong or is missing."""
        if not self.images_wanted:
            return
        if self.options.media_dir is None:
            self.report.remark(
                "No --media-dir was given, so no image was imported; a re-run with it brings "
                "them in."
            )
        elif not self.images_found:
            self.report.remark(
                f"None of the images was found under {self.options.media_dir}: give the "
                "uploads folder itself (wp-content/uploads, whose folders are years)."
            )

    def forget(self):
        """Drop what was remembered of people, images and topics: after a post is refused,
        its transaction took with it any that were new."""
        self.authors, self.figures, self.tags = {}, {}, {}

    def plan(self, item, status, imported):
        converted = Converter(self.figure_for, item.meta.get("footnotes", "")).convert(
            item.content
        )
        self.note_conversion(item, converted)
        self.byline(item)
        self.report.count("post", f"would be {'updated' if imported else 'created'} ({status})")

    def note_conversion(self, item, converted):
        for name in sorted(set(converted.removed_shortcodes)):
            self.report.note("post", item.wp_id, f"shortcode [{name}] removed, its text kept")
        for name in sorted(set(converted.unknown_blocks)):
            self.report.note("post", item.wp_id, f"block {name} kept as plain content")
        for image in converted.missing_images:
            self.report.note("post", item.wp_id, f"image not found: {image}")

    def save(self, item, status, imported, fingerprint):
        converted = Converter(self.figure_for, item.meta.get("footnotes", "")).convert(
            item.content
        )
        self.note_conversion(item, converted)
        post = imported.post if imported else Post()
        saved = self.visible(post) if post.pk else None
        post.title = html.unescape(item.title)[:300] or f"Untitled ({item.wp_id})"
        post.dek = text_of(item.excerpt)
        post.body = converted.body
        post.program = self.program_for(item)
        post.status = status
        post.publish_at = self.publish_at(item, status)
        if item.sticky and post.featured_rank is None:
            post.featured_rank = 1
        post.slug = self.slug(item, post)
        hero_wp_id = self.hero(item, post, imported)
        # WordPress keeps posts without words (a title saved as a draft); so does Folio,
        # and the post form asks for a body when an editor next saves it.
        post.full_clean(exclude=["slug", "hero_image", *([] if post.body else ["body"])])
        post.body = clean_body(post.body)
        # Saved again only if something of it changed: a save of a published post tells
        # readers it was updated.
        if self.visible(post) != saved:
            post.save()

        authors = self.byline(item)
        if [b.author_id for b in post.bylines.all()] != [a.pk for a in authors]:
            post.bylines.all().delete()
            PostAuthor.objects.bulk_create(
                PostAuthor(post=post, author=author, position=number)
                for number, author in enumerate(authors)
            )
        if not authors:
            self.report.note("post", item.wp_id, "no author in the export")
        replace_topics(post, [self.topic(name) for name in self.topic_names(item)])
        post.pull_quotes.all().delete()
        PullQuote.objects.bulk_create(
            PullQuote(post=post, text=text, order=number)
            for number, text in enumerate(converted.pull_quotes)
        )
        # The bulk writes above send no signals; the post's search entry is rebuilt once,
        # with its byline and topics, when `indexing_deferred` ends (in `post`).
        index_post(post)
        post.refresh_from_db(fields=["version"])
        ImportedPost.objects.update_or_create(
            wp_id=item.wp_id,
            defaults={
                "post": post,
                # As Django reads a request's path: decoded ("/2024/03/порты/").
                "old_path": unquote(urlsplit(item.link).path or "/")[:500],
                "fingerprint": fingerprint,
                "hero_wp_id": hero_wp_id,
                "version": post.version,
            },
        )

    def topic_names(self, item):
        """Categories and tags, in the export's order, each once ("Uncategorized" left out)."""
        names = {}
        for term in item.terms:
            if term.domain in ("category", "post_tag") and term.slug != "uncategorized":
                # A topic's name holds no comma (the topics field splits on commas); taggit
                # may add "_1" to a slug of 100 characters.
                for part in html.unescape(term.name).split(","):
                    name = " ".join(part.split())[:90]
                    if name:
                        names.setdefault(name.casefold(), name)
        return list(names.values())

    def topic(self, name):
        """The topic of this name (matched as the topics field matches, ignoring case)."""
        key = name.casefold()
        if key not in self.tags:
            self.tags[key] = Tag.objects.filter(name__iexact=name).first() or (
                Tag.objects.create(name=name)
            )
        return self.tags[key]

    def slug(self, item, post):
        """The WordPress slug (percent-encoded for other scripts there), made unique."""
        wanted = slug_from_title(unquote(item.post_name)) if item.post_name else ""
        if post.slug and (not wanted or post.slug == wanted):
            return post.slug
        others = Post.objects.exclude(pk=post.pk)
        old = PostSlug.objects.exclude(post_id=post.pk)
        if (
            wanted
            and not others.filter(slug=wanted).exists()
            and not old.filter(slug=wanted).exists()
        ):
            return wanted
        return unique_slug(wanted or post.title, others, old)

    @staticmethod
    def visible(post):
        """What of a post's own row an import sets."""
        return (
            post.title, post.dek, post.body, post.program_id, post.status, post.publish_at,
            post.slug, post.featured_rank, post.hero_image.name, post.hero_alt,
        )  # fmt: skip

    def hero(self, item, post, imported):
        """The featured image as the hero image; a later import replaces it only when
        WordPress's featured image changed."""
        wp_id = item.meta.get("_thumbnail_id", "")
        if not (wp_id.isascii() and wp_id.isdigit()) or int(wp_id) >= MAX_WP_ID:
            return None
        if imported and imported.hero_wp_id == int(wp_id) and post.hero_image:
            return int(wp_id)
        attachment = self.catalogue.attachments.get(int(wp_id))
        source = self.source_file(attachment) if attachment else None
        if source is None:
            self.report.note("post", item.wp_id, f"featured image not found: attachment {wp_id}")
            return None
        try:
            cleaned = clean_upload(File(source.open("rb"), name=source.name))
        except ValidationError as error:
            self.report.note("post", item.wp_id, f"featured image refused: {error.messages[0]}")
            return None
        post.hero_image.save(cleaned.name, cleaned, save=False)
        post.hero_alt = (attachment.alt or attachment.title or post.title)[:300]
        return int(wp_id)

    def publish_at(self, item, status):
        """
        The publication time: WordPress's GMT date, else its local one. A draft has none
        (its date is when it was last edited). An unreadable date is listed, and a
        published post without one appears when it is imported.
        """
        if status != Post.Status.PUBLISHED:
            return None
        for value, zone in ((item.post_date_gmt, datetime.UTC), (item.post_date, None)):
            if value and value != NO_DATE:
                try:
                    moment = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
                except ValueError:
                    continue
                return moment.replace(tzinfo=zone) if zone else timezone.make_aware(moment)
        self.report.note(
            "post",
            item.wp_id,
            f"no readable date ({item.post_date_gmt or item.post_date!r}): "
            "published as of the import",
        )
        return None
