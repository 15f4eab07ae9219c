from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from blog import feeds
from blog.sitemaps import PostSitemap, TopicSitemap
from blog.urls import topic_urlpatterns
from blog.views import HomeView, SearchView
from core import views
from people.sitemaps import AuthorSitemap
from programs.sitemaps import ProgramSitemap, SeriesSitemap

SITEMAPS = {
    "posts": PostSitemap,
    "people": AuthorSitemap,
    "programs": ProgramSitemap,
    "series": SeriesSitemap,
    "topics": TopicSitemap,
}

# Feeds of a person, a program or a topic live under its page; blog owns them all because
# people and programs never import blog.
feed_urlpatterns = []
for prefix, name, feed_class in [
    ("people", "author", feeds.AuthorFeed),
    ("programs", "program", feeds.ProgramFeed),
    ("topics", "topic", feeds.TopicFeed),
]:
    feed_urlpatterns += [
        path(f"{prefix}/<slug:slug>/feed/", feed_class(), name=f"{name}_feed"),
        path(f"{prefix}/<slug:slug>/feed/atom/", feeds.atom(feed_class)(), name=f"{name}_atom"),
    ]

urlpatterns = [
    *feed_urlpatterns,
    path("", HomeView.as_view(), name="home"),
    path("blog/", include("blog.urls")),
    path("people/", include("people.urls")),
    path("programs/", include("programs.urls")),
    path("topics/", include(topic_urlpatterns)),
    path("search/", SearchView.as_view(), name="search"),
    path("support/", TemplateView.as_view(template_name="support.html"), name="support"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
    # Uploaded images. A reverse proxy in front should serve MEDIA_ROOT itself; this keeps
    # a single-process deployment complete.
    re_path(
        r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
        views.media,
        name="media",
    ),
]
