from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from .models import Author


class AuthorListView(ListView):
    """The experts directory, sorted by family name."""

    model = Author
    context_object_name = "authors"

    def get_queryset(self):
        return Author.objects.prefetch_related("positions")


class AuthorDetailView(SingleObjectMixin, ListView):
    """One person: photo, titles, full bio and links, then their published posts."""

    template_name = "people/author_detail.html"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(
            queryset=Author.objects.prefetch_related("positions", "links")
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # The blog app declares `Author.posts`; people never imports blog.
        return self.object.posts.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.object, **kwargs)
