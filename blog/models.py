import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Window
from django.db.models.functions import JSONArray, RowNumber
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from core import images
from core.cache import content_changed
from people.models import Author
from programs.models import Program, Series

from .html import (
    clean_body,
    number_footnotes,
    plain_text,
    split_blocks,
    validate_body_length,
)
from .slugs import unique_slug

RELATED_POSTS = 3
# Related posts are looked for among the newest this many posts of each of a post's topics.
RELATED_TOPIC_WINDOW = 200
# What a post card reads of a post (templates/blog/includes/post_card.html).
CARD_FIELDS = ["post_type", "title", "slug", "dek", "program", "publish_at", "first_published_at"]
# What bylines, author boxes, citations and the JSON-LD of the commentary page read of a
# person; their long biography is left in the database.
PAGE_AUTHOR = ["name", "family_name", "slug", "photo_renditions", "photo_alt", "short_bio"]


# Sent with `posts` when posts come back from the trash by a queryset update, which sends
# no post_save: the search index (blog/signals.py) listens, so models need not import it.
posts_restored = Signal()


class PostQuerySet(models.QuerySet):
    def published(self, now=None):
        """
        What readers may see: published posts whose publication time has come. The one
        rule for every public page, feed and listing; a scheduled post appears at its
        moment because the rule is applied at query time (`now`, the present by default).
        """
        return self.filter(
            status=Post.Status.PUBLISHED,
            publish_at__lte=timezone.now() if now is None else now,
            deleted_at__isnull=True,
        )

    def public_topics(self):
        """Topics used by at least one published post, by name (none used only by drafts)."""
        return self.published().used_topics()

    def used_topics(self):
        """Topics used by at least one of these posts, by name."""
        # For each topic, stop at its first post (a semi-join per topic), rather than
        # joining every tagging of the archive and removing duplicates.
        items = TaggedItem.objects.filter(
            tag_id=models.OuterRef("pk"),
            content_type=ContentType.objects.get_for_model(Post),
        ).filter(models.Exists(self.filter(pk=models.OuterRef("object_id"))))
        return Tag.objects.filter(models.Exists(items)).order_by("name")

    def latest_by_program(self, per_program=3):
        """The newest published posts of every program in one query, `per_program` each."""
        ranked = self.published().annotate(
            program_rank=Window(
                RowNumber(), partition_by=[F("program_id")], order_by=F("publish_at").desc()
            )
        )
        return ranked.filter(program_rank__lte=per_program).order_by(
            "program__ordering", "program__name", "-publish_at"
        )

    def move_to_trash(self):
        """Trash these posts. A queryset update sends no signals, so the page cache is told."""
        trashed = list(self.not_deleted().values_list("pk", flat=True))
        count = Post.objects.filter(pk__in=trashed).update(deleted_at=timezone.now())
        SearchEntry.objects.filter(post_id__in=trashed).delete()
        content_changed()
        return count

    def restore_from_trash(self):
        """Bring these posts back from the trash. A queryset update sends no signals: the
        search index hears `posts_restored`, and the page cache is told."""
        restored = list(self.in_trash())
        count = Post.objects.filter(pk__in=[post.pk for post in restored]).update(deleted_at=None)
        for post in restored:
            post.deleted_at = None
        posts_restored.send(sender=Post, posts=restored)
        content_changed()
        return count

    def not_deleted(self):
        return self.filter(deleted_at__isnull=True)

    def in_trash(self):
        return self.filter(deleted_at__isnull=False)

    def scheduled(self, now=None):
        """Published posts whose publication time is still to come."""
        return self.filter(
            status=Post.Status.PUBLISHED,
            publish_at__gt=timezone.now() if now is None else now,
            deleted_at__isnull=True,
        )

    def next_scheduled_moment(self):
        """When the next scheduled post goes live, or None."""
        return self.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()

    def at_address(self, slug):
        """Posts whose address is `slug`, or was before it changed."""
        return self.filter(models.Q(slug=slug) | models.Q(old_slugs__slug=slug)).distinct()

    def authored_by(self, user):
        """Posts whose byline includes the author record linked to this login account."""
        return self.filter(bylines__author__user=user).distinct()

    def for_listing(self):
        """What a list of post cards shows: program, series and byline, in a fixed number
        of queries whatever the number of posts."""
        return self.select_related("program", "series").prefetch_related(
            Prefetch("bylines", queryset=PostAuthor.objects.select_related("author"))
        )

    def newest_in_program(self, program_id, besides, now=None):
        """Published posts of a program other than `besides`, newest first, as ids."""
        return (
            self.published(now)
            .filter(program_id=program_id)
            .exclude(pk=besides)
            .order_by("-publish_at")
            .values_list("pk", flat=True)
        )

    def for_page(self):
        """
        Everything the commentary page shows of a post, in six queries whatever the number
        of authors, quotes or topics: the post with its program and series (and its
        program's newest other posts, for related posts), then its pull quotes, topics,
        corrections, bylines with their authors, and those authors' positions.
        """
        # The program's newest other posts: three index lookups inside the post's query,
        # so that related posts need no query of their own to find them.
        newest_in_program = Post.objects.newest_in_program(
            models.OuterRef("program_id"), besides=models.OuterRef("pk")
        )
        newest = [models.Subquery(newest_in_program[n : n + 1]) for n in range(RELATED_POSTS)]
        bylines = PostAuthor.objects.select_related("author").only(
            "post", "author", "role", "position", *(f"author__{name}" for name in PAGE_AUTHOR)
        )
        return (
            self.select_related("program", "series")
            .annotate(newest_in_program=JSONArray(*newest))
            .prefetch_related(
                "pull_quotes",
                "topics",
                "corrections",
                Prefetch("bylines", queryset=bylines),
                # For each author's titles now and when the post appeared.
                "bylines__author__positions",
            )
        )

    def for_cards(self):
        """
        Posts as a card shows them (type, program, title, dek, date, byline) and nothing
        more: the body, the largest column by far, is never read.
        """
        bylines = PostAuthor.objects.select_related("author").only(
            "post", "author", "role", "position", "author__name", "author__slug"
        )
        return (
            self.select_related("program")
            .only(*CARD_FIELDS, "program__name", "program__slug")
            .prefetch_related(Prefetch("bylines", queryset=bylines))
        )

    def related_to(self, post, program, post_type, newest_in_program, now=None):
        """
        Published posts related to post `post`: those sharing the most topics with it,
        then its program's (`program`) newest other posts (`newest_in_program`, ids), then
        the newest; as cards (`for_cards()`), so two queries. `post_type` is the post
        model's content type, which topics are tagged with. Candidates are the fifty posts
        sharing the most topics among each topic's newest RELATED_TOPIC_WINDOW posts,
        counted on the topic index, and the given ids: the cost grows neither with the
        archive nor with a topic's size.
        """
        tagged, posts = TaggedItem._meta.db_table, Post._meta.db_table
        # A UNION inside IN (…): PostgreSQL answers an OR of two subqueries with a full
        # scan of the posts. Each branch is wrapped so that SQLite accepts its LIMIT.
        # From the post's few topics (s) to the posts under each (t), on the topic index;
        # CROSS JOIN keeps that order on SQLite, whose planner would otherwise read every
        # tagged item to save a sort. PostgreSQL plans it as an inner join. Only each
        # topic's newest posts are counted (ids at or above its RELATED_TOPIC_WINDOW-th
        # newest): a topic of thousands of posts is not counted whole on every page view,
        # and recent commentary is the better suggestion anyway.
        window = (
            f"SELECT u.object_id FROM {tagged} u WHERE u.content_type_id = s.content_type_id "
            "AND u.tag_id = s.tag_id ORDER BY u.object_id DESC "
            f"LIMIT 1 OFFSET {RELATED_TOPIC_WINDOW - 1}"
        )
        candidates = models.expressions.RawSQL(
            f"SELECT object_id FROM (SELECT t.object_id FROM {tagged} s CROSS JOIN {tagged} t "
            "WHERE s.content_type_id = %s AND s.object_id = %s "
            "AND t.content_type_id = s.content_type_id AND t.tag_id = s.tag_id "
            f"AND t.object_id >= COALESCE(({window}), 0) AND t.object_id <> %s "
            "GROUP BY t.object_id ORDER BY COUNT(*) DESC, t.object_id DESC LIMIT 50) AS shared"
            + " UNION SELECT %s"
            * len(newest_in_program),
            [post_type, post, post, *newest_in_program],
        )
        shared_topics = models.expressions.RawSQL(
            f"SELECT COUNT(*) FROM {tagged} t JOIN {tagged} s ON s.tag_id = t.tag_id "
            f"WHERE t.content_type_id = %s AND t.object_id = {posts}.id "
            "AND s.content_type_id = %s AND s.object_id = %s",
            [post_type, post_type, post],
            output_field=models.IntegerField(),
        )
        other_program = models.Case(
            models.When(program_id=program, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return (
            self.published(now)
            .filter(pk__in=candidates)
            .exclude(pk=post)
            .alias(shared_topics=shared_topics, other_program=other_program)
            .for_cards()
            .order_by("-shared_topics", "other_program", "-publish_at", "-id")
        )


class Post(models.Model):
    """A piece of commentary: a blog post, op-ed, Q&A or interview by one or more authors."""

    class PostType(models.TextChoices):
        BLOG_POST = "blog-post", "Blog post"
        ARTICLE = "article", "Article"
        OP_ED = "op-ed", "Op-ed"
        QA = "q-and-a", "Q&A"
        INTERVIEW = "interview", "Interview"
        ANALYSIS = "analysis", "Analysis"
        REVIEW = "review", "Book review"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    post_type = models.CharField(
        "type", max_length=20, choices=PostType.choices, default=PostType.BLOG_POST
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the post’s address."
    )
    dek = models.TextField(
        blank=True, help_text="The standfirst under the title; also the summary in listings."
    )
    body = models.TextField(
        help_text="Paragraphs of HTML. Scripts, styles and unknown tags are removed on save.",
        validators=[validate_body_length],
    )
    authors = models.ManyToManyField(Author, through="PostAuthor", related_name="posts")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="posts")
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="posts", null=True, blank=True
    )
    topics = TaggableManager("topics", blank=True, help_text="A comma-separated list of topics.")
    hero_image = images.ImageUploadField(
        upload_to=images.UnguessableName("posts/%Y/"),
        blank=True,
        help_text="A JPEG, PNG or WebP at least 1600 pixels wide. Camera and location data "
        "are removed when it is saved.",
    )
    hero_renditions = models.JSONField(default=dict, blank=True, editable=False)
    hero_alt = models.CharField(
        "hero image description",
        max_length=300,
        blank=True,
        help_text="Describes the image for readers who cannot see it. Required with an image.",
    )
    hero_caption = models.CharField(max_length=500, blank=True)
    hero_credit = models.CharField(max_length=200, blank=True, help_text="“Photo: Agency”.")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="When a published post reaches readers. A future time schedules it; "
        "empty means now.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(
        "last revised",
        null=True,
        blank=True,
        editable=False,
        help_text="Set when a post is saved again after it has appeared to readers.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    featured_rank = models.PositiveSmallIntegerField(
        "featured position",
        null=True,
        blank=True,
        help_text="Feature on the home page: 1 leads, then 2, 3… Leave empty not to feature.",
    )
    body_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(
        default=0, editable=False, help_text="Counts saves; detects two people editing at once."
    )
    deleted_at = models.DateTimeField(
        "moved to trash", null=True, blank=True, editable=False, db_index=True
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [
            # What readers may see, newest first: a partial index of the posts not in the trash,
            # in the listings' full order, so a page's ids are read from the index alone.
            models.Index(
                fields=["status", "-publish_at", "-id"],
                name="post_public_idx",
                condition=models.Q(deleted_at__isnull=True),
            ),
            models.Index(fields=["program", "status", "-publish_at"], name="post_program_idx"),
            models.Index(fields=["post_type", "status", "-publish_at"], name="post_type_idx"),
            models.Index(fields=["featured_rank"], name="post_featured_idx"),
        ]
        permissions = [("publish_post", "Can publish, schedule and unpublish posts")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        self.body_text = plain_text(self.body)
        self.refresh_renditions()
        if not self.slug:
            # Other posts' old addresses still lead to them: a slug made here skips them.
            self.slug = unique_slug(
                self.title,
                Post.objects.exclude(pk=self.pk),
                PostSlug.objects.exclude(post_id=self.pk),
            )
        self.version += 1
        now = timezone.now()
        if self.is_public and self.first_published_at and self.first_published_at <= now:
            self.updated_at = now
        if self.status == self.Status.PUBLISHED:
            if self.publish_at is None:
                self.publish_at = now
            # Until the post has actually reached readers, its first publication is
            # whenever it is now set to appear (a schedule moved earlier or later).
            if self.first_published_at is None or self.first_published_at > now:
                self.first_published_at = self.publish_at
        elif self.first_published_at and self.first_published_at > now:
            self.first_published_at = None  # a schedule withdrawn before it came
        previous = (
            Post.objects.filter(pk=self.pk).values("slug", "first_published_at").first()
            if self.pk
            else None
        )
        if previous is None or previous["slug"] != self.slug:
            # Whatever sets the slug (a form, a script, an import): links meant for
            # another post must not start reaching this one.
            self.validate_not_an_old_address()
        super().save(*args, **kwargs)
        if previous and previous["slug"] != self.slug and previous["first_published_at"]:
            # Readers and other sites link to the old address: keep it answering.
            PostSlug.objects.update_or_create(slug=previous["slug"], defaults={"post": self})

    def get_absolute_url(self):
        return reverse("blog:post", kwargs={"slug": self.slug})

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        # Only after the check of current slugs: a rename commits its new slug and the old
        # address together, so a check running meanwhile that misses one sees the other.
        if self.slug and "slug" not in (exclude or ()):
            self.validate_not_an_old_address()

    def validate_not_an_old_address(self):
        """Refuse a slug that was another post's address: that address still leads there
        (and will again if that post is published again). Its own old ones it may take
        back."""
        owner = (
            PostSlug.objects.filter(slug=self.slug)
            .exclude(post_id=self.pk)
            .values_list("post_id", flat=True)
            .first()
        )
        if owner is None:
            return
        # The title only where the address shows that post to anyone anyway.
        title = Post.objects.published().filter(pk=owner).values_list("title", flat=True).first()
        message = (
            f"This address was used by “{title}” and still leads to it; choose another."
            if title is not None
            else "This address was used by another post and is kept for it; choose another."
        )
        raise ValidationError({"slug": ValidationError(message, code="old_address")})

    def clean(self):
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError(
                {"hero_alt": "Describe the image for readers who cannot see it."}
            )
        if self.series_id and self.program_id and self.series.program_id != self.program_id:
            raise ValidationError(
                {"series": f"“{self.series}” belongs to another program than this post."}
            )

    def refresh_renditions(self):
        """Cut the hero image's renditions again when the image changed."""
        if not self.hero_image:
            self.hero_renditions = {}
            return
        # A new upload is stored first, as saving the post would store it, so that its
        # renditions are cut from the name it is stored under.
        self._meta.get_field("hero_image").pre_save(self, add=self.pk is None)
        if self.hero_renditions.get("source") == self.hero_image.name:
            return
        self.hero_renditions = {
            "source": self.hero_image.name,
            **images.render(self.hero_image.name, HERO_SPECS, prefix="renditions/posts"),
        }

    @property
    def hero_widths(self):
        """The hero image's renditions at its own proportions, narrowest first."""
        return [
            self.hero_renditions[spec.name]
            for spec in HERO_SPECS
            if not spec.height and spec.name in self.hero_renditions
        ]

    # Reading the post -------------------------------------------------------------------

    @property
    def is_public(self):
        """Whether readers may see the post now: the same rule as `published()`."""
        return (
            self.deleted_at is None
            and self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def published_on(self):
        """The date readers see as the publication date."""
        return self.first_published_at or self.publish_at

    @property
    def last_modified(self):
        """When readers last saw the post change: a revision or a correction note."""
        moments = [self.updated_at, self.published_on]
        moments += [correction.published_at for correction in self.visible_corrections]
        moments = [moment for moment in moments if moment]
        return max(moments) if moments else None

    @property
    def visible_corrections(self):
        """Corrections whose date has come (from the prefetched corrections)."""
        now = timezone.now()
        return [c for c in self.corrections.all() if c.published_at <= now]

    @property
    def was_updated(self):
        """Whether the post changed on a later day than it first appeared."""
        published, modified = self.published_on, self.last_modified
        return bool(
            published and modified and timezone.localdate(modified) > timezone.localdate(published)
        )

    @cached_property
    def topics_by_name(self):
        """The post's topics by name (from the prefetched topics when `for_page()` read
        them). Sorted here: taggit's prefetch keeps the order they were added in."""
        return sorted(self.topics.all(), key=lambda topic: topic.name)

    @cached_property
    def byline(self):
        """The authors in byline order (uses the prefetched bylines)."""
        return [byline.author for byline in self.bylines.all()]

    @cached_property
    def byline_parts(self):
        """
        The byline as phrases, each with its people in order:
        [("By", [A, B]), ("translated by", [C])] reads “By A and B; translated by C”.
        """
        groups = {}
        for byline in self.bylines.all():
            groups.setdefault(PostAuthor.BYLINE_PHRASES[byline.role], []).append(byline.author)
        order = list(dict.fromkeys(PostAuthor.BYLINE_PHRASES.values()))
        return [(phrase, groups[phrase]) for phrase in order if phrase in groups]

    @property
    def writers(self):
        """Authors credited for the writing (not translators or editors), for citations."""
        return [
            b.author for b in self.bylines.all() if b.role in PostAuthor.WRITING_ROLES
        ] or self.byline

    @cached_property
    def author_boxes(self):
        """
        One “About the Author” box per person in the byline, with their titles as they were
        when the post appeared if those differ from today's.
        """
        published = timezone.localdate(self.published_on) if self.published_on else None
        boxes = []
        for author in self.byline:
            now = author.titles_display
            then = author.titles_on(published) if published else now
            boxes.append(
                {
                    "author": author,
                    "titles": then or now,
                    "as_published": bool(then) and then != now,
                }
            )
        return boxes

    @cached_property
    def summary(self):
        """Plain-text summary for listings, meta descriptions and feeds (read four times
        by the commentary page)."""
        text = self.dek or strip_tags(self.body)
        return Truncator(" ".join(text.split())).chars(300)

    @cached_property
    def body_parts(self):
        """
        The body's paragraphs with each pull quote set after the paragraph the editor chose,
        as a list of BodyPart (either `html` or `pull_quote`).
        """
        blocks = split_blocks(self.rendered_body[0])
        quotes_after = {}
        for quote in sorted(self.pull_quotes.all(), key=lambda q: (q.order, q.pk or 0)):
            position = min(quote.after_paragraph, len(blocks))
            quotes_after.setdefault(position, []).append(quote)
        parts = [BodyPart(pull_quote=quote) for quote in quotes_after.get(0, [])]
        for number, block in enumerate(blocks, start=1):
            parts.append(BodyPart(html=mark_safe(block)))  # noqa: S308 -- sanitized on save
            parts.extend(BodyPart(pull_quote=quote) for quote in quotes_after.get(number, []))
        return parts

    @cached_property
    def rendered_body(self):
        """The body with footnote markers numbered, and the list of (number, note html)."""
        return number_footnotes(self.body)

    @property
    def footnotes(self):
        return self.rendered_body[1]

    def paragraph_choices(self):
        """(number, label) for each paragraph, to place pull quotes: “3 — Freight on the…”."""
        choices = [(0, "Before the first paragraph")]
        for number, block in enumerate(split_blocks(self.body), start=1):
            words = Truncator(" ".join(strip_tags(block).split())).words(8)
            choices.append((number, f"After paragraph {number}: {words}"))
        return choices

    def related_posts(self):
        """
        Up to three published posts sharing the most topics, then the same program, newest
        first, as cards with their bylines (see `PostQuerySet.related_to`): two queries, and
        one more for the program's newest posts unless `for_page()` read them with the post.
        """
        newest = getattr(self, "newest_in_program", None)
        if newest is None:
            newest = Post.objects.newest_in_program(self.program_id, besides=self.pk)
            newest = newest[:RELATED_POSTS]
        # The annotation holds None where the program has fewer other posts.
        newest = [pk for pk in newest if pk is not None]
        post_type = ContentType.objects.get_for_model(Post).pk  # cached by Django
        related = Post.objects.related_to(self.pk, self.program_id, post_type, newest)
        return list(related[:RELATED_POSTS])

    def absolute_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    def share_image_url(self):
        """The 1200×630 card a shared link shows: the hero image, else the first author's
        photo."""
        name = self.hero_renditions.get("share", {}).get("jpeg")
        for author in self.byline:
            name = name or author.share_image_name
        return settings.SITE_URL + images.url(name) if name else ""

    def structured_data(self):
        """schema.org JSON-LD for the commentary page, with every author as a Person."""
        kind = "BlogPosting" if self.post_type == self.PostType.BLOG_POST else "NewsArticle"
        data = {
            "@context": "https://schema.org",
            "@type": kind,
            "headline": self.title,
            "description": self.summary,
            "url": self.absolute_url(),
            "mainEntityOfPage": self.absolute_url(),
            "datePublished": self.published_on.isoformat() if self.published_on else None,
            "dateModified": self.last_modified.isoformat() if self.last_modified else None,
            "author": [
                b.author.person_data()
                for b in self.bylines.all()
                if b.role != "translator" and b.role != "editor"
            ],
            "publisher": {
                "@type": "Organization",
                "name": settings.SITE_NAME,
                "url": settings.SITE_URL + "/",
            },
            "keywords": [topic.name for topic in self.topics_by_name],
            "articleSection": self.program.name,
        }
        if image := self.share_image_url():
            data["image"] = image
        if self.series_id:
            data["isPartOf"] = {
                "@type": "Blog",
                "name": self.series.name,
                "url": settings.SITE_URL + self.series.get_absolute_url(),
            }
        for role, key in (("translator", "translator"), ("editor", "editor")):
            people = [b.author.person_data() for b in self.bylines.all() if b.role == role]
            if people:
                data[key] = people
        return data


HERO_SPECS = [
    images.Spec("w640", 640),
    images.Spec("w960", 960),
    images.Spec("w1280", 1280),
    images.Spec("w1920", 1920),
    images.Spec("share", 1200, 630, formats=("jpeg",)),
]


@dataclass(frozen=True)
class BodyPart:
    html: str = ""
    pull_quote: "PullQuote | None" = None


class PostAuthor(models.Model):
    """One person in a post's byline, with their credit, at a position in the byline order."""

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        CO_AUTHOR = "co-author", "Co-author"
        TRANSLATOR = "translator", "Translator"
        EDITOR = "editor", "Editor"
        WITH = "with", "With"

    BYLINE_PHRASES = {
        "author": "By",
        "co-author": "By",
        "with": "with",
        "translator": "translated by",
        "editor": "edited by",
    }
    WRITING_ROLES = {"author", "co-author", "with"}

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField("credit", max_length=20, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveIntegerField(default=0, help_text="Byline order: lowest first.")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "author"
        verbose_name_plural = "byline"
        constraints = [
            models.UniqueConstraint(fields=["post", "author"], name="unique_author_per_post")
        ]

    def __str__(self):
        # Shown where Django lists what holds an author, e.g. when deleting one.
        return f"{self.author} in the byline of “{self.post}”"


class PullQuote(models.Model):
    """A passage of the body set large between two paragraphs."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="pull_quotes")
    text = models.TextField()
    after_paragraph = models.PositiveIntegerField(
        default=1,
        help_text="Set the quote after this paragraph of the body (1 is the first; 0 puts it "
        "before the first).",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return Truncator(self.text).chars(80)


class SearchEntry(models.Model):
    """
    A published post as search sees it (PostgreSQL only). Kept apart from the post's wide
    row: a common word matches thousands of posts, and reading thousands of narrow rows
    is what keeps such a search fast. Exists only while its post is published and not in
    the trash (`blog.search.index_post` keeps it so); scheduled posts have an entry and
    are left out by `publish_at` at query time.
    """

    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    publish_at = models.DateTimeField()
    # Title (A), dek (B), people and topics (C): small enough to stay in the row, so
    # ranking by it reads nothing more.
    heading = SearchVectorField()
    # The heading plus the body (D), under a GIN index: what finds a post.
    document = SearchVectorField()

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"Search entry of post {self.post_id}"


class PostSlug(models.Model):
    """An address a post had before its slug changed; it redirects to the current one."""

    slug = models.SlugField(max_length=200, unique=True)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "former address"
        verbose_name_plural = "former addresses"

    def __str__(self):
        return self.slug


class Correction(models.Model):
    """A dated correction or update note shown at the end of a published post."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What changed, as readers should read it.")
    published_at = models.DateTimeField("date", default=timezone.now)

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"

    def __str__(self):
        return f"{self.get_kind_display()}, {self.published_at:%Y-%m-%d}"


def _review_link_expiry():
    return timezone.now() + datetime.timedelta(days=settings.REVIEW_LINK_DAYS)


class ReviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ReviewLink(models.Model):
    """
    A read-only link to a post, for a reviewer without an account. The address carries a
    signed token; the link stops working when it expires or is revoked.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="review_links")
    note = models.CharField(
        "for", max_length=200, blank=True, help_text="Who the link is for, as a reminder."
    )
    nonce = models.CharField(max_length=64, default=secrets.token_urlsafe, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_review_link_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Review link for “{self.post}”"

    def get_absolute_url(self):
        return reverse("blog:review", kwargs={"token": self.token})

    @property
    def token(self):
        # No timestamp in the signature: the address stays the same; expiry is on the row.
        return signing.Signer(salt=REVIEW_LINK_SALT).sign_object(
            {"link": self.pk, "nonce": self.nonce}
        )

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def from_token(cls, token):
        """The active link a token names, or None for a forged, expired or revoked one."""
        try:
            data = signing.Signer(salt=REVIEW_LINK_SALT).unsign_object(token)
        except (signing.BadSignature, ValueError, UnicodeDecodeError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("link"), int):
            return None
        link = cls.objects.active().select_related("post").filter(pk=data["link"]).first()
        if link is None or not constant_time_compare(link.nonce, str(data.get("nonce"))):
            return None
        return link


REVIEW_LINK_SALT = "blog.review-link"


class Revision(models.Model):
    """A saved state of a post with its byline, topics and pull quotes."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.CharField(max_length=200, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"Revision {self.version} of “{self.post}”"
