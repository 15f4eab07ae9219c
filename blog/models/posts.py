"""The post: its fields, the rules a save keeps, and whether readers may see it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core import images, languages
from core.models import PageBySlug
from people.models import Author
from programs.models import Program, Series

from ..html import (
    clean_body,
    plain_text,
    validate_body_length,
)
from ..slugs import unique_slug
from .history import PostSlug
from .querysets import PostQuerySet
from .reading import PostReading


class Post(PageBySlug, PostReading, images.RenditionsMixin, models.Model):
    """A piece of commentary: a blog post, op-ed, Q&A or interview by one or more authors."""

    page_url_name = "blog:post"

    # The hero image's renditions (`images.RenditionsMixin`): cut on save when the image
    # changes, old files removed once the save commits (a post in the trash keeps them).
    rendition_image_field = "hero_image"
    rendition_field = "hero_renditions"
    rendition_prefix = "renditions/posts"

    class PostType(models.TextChoices):
        BLOG_POST = "blog-post", _("Blog post")
        ARTICLE = "article", _("Article")
        OP_ED = "op-ed", _("Op-ed")
        QA = "q-and-a", _("Q&A")
        INTERVIEW = "interview", _("Interview")
        ANALYSIS = "analysis", _("Analysis")
        REVIEW = "review", _("Book review")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    post_type = models.CharField(
        "type", max_length=20, choices=PostType.choices, default=PostType.BLOG_POST
    )
    # A BCP 47 code of settings.LANGUAGES (“uk” is Ukrainian). Not a `choices` field, so
    # that a site's own list of languages needs no migration; the post form offers them.
    language = models.CharField(
        max_length=12,
        default=languages.default_language,
        validators=[languages.validate_language],
        help_text="The language the post is written in.",
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name="translation of",
        help_text="The original, if this post is a translation of another post.",
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the post’s address."
    )
    dek = models.TextField(
        blank=True, help_text="The standfirst under the title; also the summary in listings."
    )
    body = models.TextField(
        help_text=(
            "Markdown shortcuts work as you type: “## ” a heading, “- ” or “1. ” a list, “> ” a "
            "quote. Pasted text keeps its headings, lists, bold, italic, links and tables."
        ),
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
    proposed_for = models.DateField(
        "proposed date",
        null=True,
        blank=True,
        help_text="The day the writer would like the post to appear, for the editorial "
        "calendar. The publication time an editor sets decides.",
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
    body_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the body last changed: its translations saved before are outdated.",
    )
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
            # The publication rule's columns by id: search checks which of its matches
            # readers may see on this index alone on SQLite, never on the posts' rows, which
            # a long body spills onto overflow pages read through to reach the columns after
            # it. (No partial condition: one on status would not serve a query that binds
            # the status as a parameter, as Django's do.)
            models.Index(
                fields=["id", "status", "publish_at", "deleted_at"], name="post_visibility_idx"
            ),
            models.Index(fields=["program", "status", "-publish_at"], name="post_program_idx"),
            models.Index(fields=["post_type", "status", "-publish_at"], name="post_type_idx"),
            models.Index(fields=["featured_rank"], name="post_featured_idx"),
        ]
        permissions = [("publish_post", "Can publish, schedule and unpublish posts")]

    def __str__(self):
        return self.title

    # What a reader sees of the post itself: a save that changes one of these is an
    # update (“Updated …”, dateModified); a save that only adds a correction note, or
    # changes nothing, is not.
    READER_VISIBLE_FIELDS = (
        "post_type", "title", "dek", "body", "program_id", "series_id",
        "hero_image", "hero_alt", "hero_caption", "hero_credit",
    )  # fmt: skip

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        self.body_text = plain_text(self.body)
        if not self.slug:
            # Other posts' old addresses still lead to them: a slug made here skips them.
            self.slug = unique_slug(
                self.title,
                Post.objects.exclude(pk=self.pk),
                PostSlug.objects.exclude(post_id=self.pk),
            )
        self.version += 1
        now = timezone.now()
        previous = (
            Post.objects.filter(pk=self.pk)
            .values("slug", "first_published_at", *self.READER_VISIBLE_FIELDS)
            .first()
            if self.pk
            else None
        )
        if previous is None or previous["body"] != self.body:
            self.body_changed_at = now
        if (
            self.is_public
            and self.first_published_at
            and self.first_published_at <= now
            and self.changes_what_readers_see(previous)
        ):
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
        if previous is None or previous["slug"] != self.slug:
            # Whatever sets the slug (a form, a script, an import): links meant for
            # another post must not start reaching this one.
            self.validate_not_an_old_address()
        super().save(*args, **kwargs)
        if previous and previous["slug"] != self.slug and previous["first_published_at"]:
            # Readers and other sites link to the old address: keep it answering.
            PostSlug.objects.update_or_create(slug=previous["slug"], defaults={"post": self})

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        # Only after the check of current slugs: a rename commits its new slug and the old
        # address together, so a check running meanwhile that misses one sees the other.
        if self.slug and "slug" not in (exclude or ()):
            self.validate_not_an_old_address()

    def changes_what_readers_see(self, previous):
        """Whether this save changes what readers see of the post (`previous`: its stored
        values of READER_VISIBLE_FIELDS)."""
        if previous is None:
            return True
        return any(
            str(getattr(self, name) or "") != str(previous[name] or "")
            for name in self.READER_VISIBLE_FIELDS
        )

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
        if self.translation_of_id:
            self.validate_translation()

    def validate_translation(self):
        """A translation points at an original (not at itself or another translation),
        and a group has one version per language."""
        original = self.translation_of
        if original.pk == self.pk or original.translation_of_id:
            raise ValidationError(
                {"translation_of": "Choose the original post, not a translation of it."}
            )
        if self.pk and self.translations.exists():
            raise ValidationError(
                {"translation_of": "Other posts translate this one: it is an original."}
            )
        taken = (
            Post.objects.filter(models.Q(pk=original.pk) | models.Q(translation_of=original))
            .exclude(pk=self.pk)
            .filter(language=self.language)
            .first()
        )
        if taken:
            raise ValidationError(
                {"language": f"“{taken}” is already the {self.language} version of this post."}
            )

    def rendition_specs(self):
        """The hero image's renditions, read when they are cut (so changed sizes take effect)."""
        return HERO_SPECS

    @property
    def type_label(self):
        """The post's type as readers see it (“Op-ed”), in the page's language. What
        `get_post_type_display()` gives, read straight from the choices: that method
        translates every label to find one, and cards show it on every listing."""
        try:
            return self.PostType(self.post_type).label
        except ValueError:  # a type no longer offered keeps its stored value
            return self.post_type

    @property
    def hero_widths(self):
        """The hero image's renditions at its own proportions, narrowest first."""
        return [
            self.hero_renditions[spec.name]
            for spec in HERO_SPECS
            if not spec.height and spec.name in self.hero_renditions
        ]

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
        """Whether the post waits to reach readers: the same rule as `scheduled()`."""
        return (
            self.deleted_at is None
            and self.status == self.Status.PUBLISHED
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
        """
        Corrections whose date has come, read once (a no-op where they were prefetched).
        A post read with `for_page()` knows whether it has any (`has_corrections`), so
        the many without spend no query on them.
        """
        if not getattr(self, "has_corrections", True):
            return []
        models.prefetch_related_objects([self], "corrections")
        now = timezone.now()
        return [c for c in self.corrections.all() if c.published_at <= now]

    @property
    def was_updated(self):
        """Whether the post changed on a later day than it first appeared."""
        published, modified = self.published_on, self.last_modified
        return bool(
            published and modified and timezone.localdate(modified) > timezone.localdate(published)
        )


HERO_SPECS = [
    images.Spec("w640", 640),
    images.Spec("w960", 960),
    images.Spec("w1280", 1280),
    images.Spec("w1920", 1920),
    images.Spec("share", 1200, 630, formats=("jpeg",)),
]
