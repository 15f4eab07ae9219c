from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from blog.urls import topic_urlpatterns
from blog.views import HomeView

from . import views

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("blog/", include("blog.urls")),
    path("people/", include("people.urls")),
    path("programs/", include("programs.urls")),
    path("topics/", include(topic_urlpatterns)),
    path("support/", TemplateView.as_view(template_name="support.html"), name="support"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
    # Uploaded images. A reverse proxy in front should serve MEDIA_ROOT itself; this keeps
    # a single-process deployment complete.
    re_path(
        r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
        views.media,
        name="media",
    ),
]

admin.site.site_header = f"{settings.SITE_NAME} — Folio"
admin.site.site_title = "Folio"
admin.site.index_title = "Commentary, people and programs"
