from django.db.models import Max, Prefetch
from django.urls import reverse
from taggit.models import Tag

from core.sitemaps import SiteSitemap as Sitemap

from .models import Correction, Post
from .models.reading import in_language_order

VERSION_FIELDS = ("slug", "language", "translation_of", "status", "publish_at", "deleted_at")


class PostSitemap(Sitemap):
    """Published posts only, with the time readers last saw them change."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        published_versions = Post.objects.published().only(*VERSION_FIELDS)
        return (
            Post.objects.published()
            .only(*VERSION_FIELDS, "updated_at", "first_published_at")
            .prefetch_related(
                Prefetch("corrections", queryset=Correction.objects.only("post", "published_at")),
                # Each post's versions in other languages, for its hreflang alternates.
                Prefetch("translation_of", queryset=Post.objects.only(*VERSION_FIELDS)),
                Prefetch("translations", queryset=published_versions),
                Prefetch("translation_of__translations", queryset=published_versions),
            )
            .order_by("-publish_at", "-id")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's entries, each with its versions in other languages as `xhtml:link`
        alternates and the original as `x-default`, as the pages announce them."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            post = url["item"]
            original = post.translation_of or post
            versions = [original] if original.is_public else []
            versions += list(original.translations.all())
            if len(versions) < 2:
                continue
            url["alternates"] = [
                {"lang_code": version.language, "location": version.absolute_url()}
                for version in in_language_order(versions)
            ]
            if original.is_public:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": original.absolute_url()}
                )
        return urls

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
