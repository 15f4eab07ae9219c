from core.sitemaps import SiteSitemap as Sitemap

from .models import Program, Series


class ProgramSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Program.objects.all()

    def lastmod(self, program):
        return program.modified_at


class SeriesSitemap(ProgramSitemap):
    def items(self):
        return Series.objects.order_by("name")
