from django.urls import path

from . import feeds, views

app_name = "blog"
urlpatterns = [
    path("", views.PostListView.as_view(), name="list"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("feed/atom/", feeds.atom(feeds.LatestPostsFeed)(), name="atom"),
    path("review/<str:token>/", views.ReviewView.as_view(), name="review"),
    path("<slug:slug>/", views.PostDetailView.as_view(), name="post"),
    path(
        "<slug:slug>/cite.bib", views.PostCitationView.as_view(), {"format": "bib"}, name="bibtex"
    ),
    path("<slug:slug>/cite.ris", views.PostCitationView.as_view(), {"format": "ris"}, name="ris"),
    path("<slug:slug>/quotes/<int:pk>/", views.PullQuoteShareView.as_view(), name="quote"),
]

topic_urlpatterns = (
    [path("<slug:slug>/", views.TopicView.as_view(), name="detail")],
    "topics",
)
