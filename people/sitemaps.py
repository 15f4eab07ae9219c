from core.sitemaps import SiteSitemap as Sitemap

from .models import Author


class AuthorSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Author.objects.only("slug", "modified_at").order_by("sort_name", "pk")

    def lastmod(self, author):
        return author.modified_at
