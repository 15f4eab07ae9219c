from django.urls import path

from . import views

app_name = "blog"
urlpatterns = [
    path("", views.PostListView.as_view(), name="list"),
    path("review/<str:token>/", views.ReviewView.as_view(), name="review"),
    path("<slug:slug>/", views.PostDetailView.as_view(), name="post"),
]

topic_urlpatterns = (
    [path("<slug:slug>/", views.TopicView.as_view(), name="detail")],
    "topics",
)
