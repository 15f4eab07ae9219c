"""The importer's posts: each WordPress post imported (or updated, kept, trashed) in its own
transaction, with its body, byline, topics, pull quotes and old address."""

import dataclasses
import datetime
import hashlib
import html
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from blog.html import clean_body
from blog.models import Post, PostAuthor, PostSlug, PullQuote
from blog.search import index_post, indexing_deferred
from blog.services import trash_posts
from blog.slugs import slug_from_title, unique_slug
from blog.topics import replace_topics
from programs.models import Program

from ..content import Converter, text_of
from ..models import ImportedPost
from .images import MAX_WP_ID, ImagesMixin
from .people import PeopleMixin

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


class Importer(PeopleMixin, ImagesMixin):
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
