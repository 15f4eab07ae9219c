from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from .models import Post


class HomeView(ListView):
    """The home page: the newest post as the lead, then the latest commentary."""

    template_name = "blog/home.html"
    context_object_name = "posts"

    def get_queryset(self):
        return Post.objects.published().for_listing()[:13]


class PostListView(ListView):
    """All published posts, newest first, paginated."""

    template_name = "blog/post_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Post.objects.published().for_listing()


class TopicView(ListView):
    """Published posts under one topic."""

    template_name = "blog/topic_detail.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.topic = get_object_or_404(Tag, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Post.objects.published().filter(topics=self.topic).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class PostDetailView(DetailView):
    """The commentary page."""

    context_object_name = "post"

    def get_queryset(self):
        return Post.objects.published().for_page()
