from django.db.models import Max, Prefetch
from django.urls import reverse
from taggit.models import Tag

from core.sitemaps import SiteSitemap as Sitemap

from .models import Correction, Post


class PostSitemap(Sitemap):
    """Published posts only, with the time readers last saw them change."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Post.objects.published()
            .only("slug", "publish_at", "updated_at", "first_published_at")
            .prefetch_related(
                Prefetch("corrections", queryset=Correction.objects.only("post", "published_at"))
            )
            .order_by("-publish_at", "-id")
        )

    def lastmod(self, post):
        # The moment the page, its JSON-LD and the feeds give too: corrections included.
        return post.last_modified


class TopicSitemap(Sitemap):
    """Topics that published posts use, dated by their newest post."""

    changefreq = "daily"

    def items(self):
        newest = dict(
            Post.objects.published()
            .filter(topics__isnull=False)
            .values_list("topics")
            .annotate(newest=Max("publish_at"))
            .values_list("topics", "newest")
        )
        topics = list(Tag.objects.filter(pk__in=newest).order_by("name"))
        for topic in topics:
            topic.newest = newest[topic.pk]
        return topics

    def location(self, topic):
        return reverse("topics:detail", args=[topic.slug])

    def lastmod(self, topic):
        return topic.newest
