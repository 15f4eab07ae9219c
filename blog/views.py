from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from .models import Post, PostSlug, ReviewLink


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
    """The commentary page. A post's former address redirects here permanently."""

    context_object_name = "post"

    def get_queryset(self):
        return Post.objects.published().for_page()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            former = PostSlug.objects.filter(
                slug=kwargs["slug"], post__in=Post.objects.published()
            ).select_related("post")
            if former := former.first():
                return HttpResponsePermanentRedirect(former.post.get_absolute_url())
            raise


class ReviewView(DetailView):
    """A post seen through a review link: read-only, for a reviewer without an account."""

    template_name = "blog/post_detail.html"
    context_object_name = "post"

    def get_object(self, queryset=None):
        link = ReviewLink.from_token(self.kwargs["token"])
        if link is None or link.post.deleted_at:
            raise Http404("This review link does not exist, has expired or was revoked.")
        self.link = link
        return Post.objects.for_page().get(pk=link.post_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            preview=True,
            preview_banner="Review copy — not published",
            review_expires=self.link.expires_at,
            **kwargs,
        )

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)

        def no_store(request, *args, **kwargs):
            response = never_cache(view)(request, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Referrer-Policy"] = "no-referrer"
            return response

        return no_store
