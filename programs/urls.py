from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("", views.ProgramListView.as_view(), name="list"),
    path("series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series"),
    path("<slug:slug>/", views.ProgramDetailView.as_view(), name="detail"),
]
