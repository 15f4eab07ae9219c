from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from taggit.managers import TaggableManager

from people.models import Author
from programs.models import Program, Series

from .html import clean_body, split_blocks


class PostQuerySet(models.QuerySet):
    def published(self):
        """
        What readers may see: published posts whose publication time has come. The one
        rule for every public page, feed and listing; a scheduled post appears at its
        moment because the rule is applied at query time.
        """
        return self.filter(status=Post.Status.PUBLISHED, publish_at__lte=timezone.now())

    def for_listing(self):
        """What a list of post cards shows: program, series and byline, in a fixed number
        of queries whatever the number of posts."""
        return self.select_related("program", "series").prefetch_related(
            Prefetch("bylines", queryset=PostAuthor.objects.select_related("author"))
        )

    def for_page(self):
        """Everything the commentary page shows, in a fixed number of queries."""
        return self.select_related("program", "series").prefetch_related(
            Prefetch(
                "bylines",
                queryset=PostAuthor.objects.select_related("author").prefetch_related(
                    "author__positions"
                ),
            ),
            "pull_quotes",
            "topics",
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
        help_text="Paragraphs of HTML. Scripts, styles and unknown tags are removed on save."
    )
    authors = models.ManyToManyField(Author, through="PostAuthor", related_name="posts")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="posts")
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="posts", null=True, blank=True
    )
    topics = TaggableManager("topics", blank=True, help_text="A comma-separated list of topics.")
    hero_image = models.ImageField(upload_to="posts/%Y/", blank=True)
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

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "-publish_at"], name="post_public_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        now = timezone.now()
        if self.is_public and self.first_published_at and self.first_published_at <= now:
            self.updated_at = now
        if self.status == self.Status.PUBLISHED:
            if self.publish_at is None:
                self.publish_at = now
            if self.first_published_at is None:
                self.first_published_at = self.publish_at
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:post", kwargs={"slug": self.slug})

    def clean(self):
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError(
                {"hero_alt": "Describe the image for readers who cannot see it."}
            )
        if self.series_id and self.program_id and self.series.program_id != self.program_id:
            raise ValidationError(
                {"series": f"“{self.series}” belongs to another program than this post."}
            )

    # Reading the post -------------------------------------------------------------------

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
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
    def was_updated(self):
        """Whether the post changed on a later day than it first appeared."""
        published = self.published_on
        return bool(
            published
            and self.updated_at
            and timezone.localdate(self.updated_at) > timezone.localdate(published)
        )

    @cached_property
    def byline(self):
        """The authors in byline order (uses the prefetched bylines)."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def summary(self):
        """Plain-text summary for listings, meta descriptions and feeds."""
        text = self.dek or strip_tags(self.body)
        return Truncator(" ".join(text.split())).chars(300)

    @cached_property
    def body_parts(self):
        """
        The body's paragraphs with each pull quote set after the paragraph the editor chose,
        as a list of BodyPart (either `html` or `pull_quote`).
        """
        blocks = split_blocks(self.body)
        quotes_after = {}
        for quote in sorted(self.pull_quotes.all(), key=lambda q: (q.order, q.pk or 0)):
            position = min(quote.after_paragraph, len(blocks))
            quotes_after.setdefault(position, []).append(quote)
        parts = [BodyPart(pull_quote=quote) for quote in quotes_after.get(0, [])]
        for number, block in enumerate(blocks, start=1):
            parts.append(BodyPart(html=mark_safe(block)))  # noqa: S308 -- sanitized on save
            parts.extend(BodyPart(pull_quote=quote) for quote in quotes_after.get(number, []))
        return parts

    @property
    def paragraph_count(self):
        return len(split_blocks(self.body))

    def absolute_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    def share_image_url(self):
        """The image a shared link shows: the hero image, else the first author's photo."""
        if self.hero_image:
            return settings.SITE_URL + self.hero_image.url
        for author in self.byline:
            if author.photo:
                return settings.SITE_URL + author.photo.url
        return ""

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
            "dateModified": (
                (self.updated_at or self.published_on).isoformat() if self.published_on else None
            ),
            "author": [
                {
                    "@type": "Person",
                    "name": author.name,
                    "familyName": author.family_name,
                    "url": settings.SITE_URL + author.get_absolute_url(),
                    **({"jobTitle": author.titles_display} if author.titles_display else {}),
                }
                for author in self.byline
            ],
            "publisher": {
                "@type": "Organization",
                "name": settings.SITE_NAME,
                "url": settings.SITE_URL + "/",
            },
            "keywords": [topic.name for topic in self.topics.all()],
            "articleSection": self.program.name,
        }
        if image := self.share_image_url():
            data["image"] = image
        if self.series_id:
            data["isPartOf"] = {"@type": "Blog", "name": self.series.name}
        return data


@dataclass(frozen=True)
class BodyPart:
    html: str = ""
    pull_quote: "PullQuote | None" = None


class PostAuthor(models.Model):
    """One author in a post's byline, at a position in the byline order."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveIntegerField(default=0, help_text="Byline order: lowest first.")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "author"
        verbose_name_plural = "byline"
        constraints = [
            models.UniqueConstraint(fields=["post", "author"], name="unique_author_per_post")
        ]

    def __str__(self):
        return str(self.author)


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
