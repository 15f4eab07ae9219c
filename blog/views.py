from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from core import images, languages

from . import cards, search
from .citations import Citation
from .filters import PostFilters
from .models import Post, PostAuthor, PostSlug, PullQuote, ReviewLink


class HomeView(TemplateView):
    """The home page: featured posts in the editors' order, the latest, then each program."""

    template_name = "blog/home.html"
    latest_count = 8

    def get_context_data(self, **kwargs):
        published = Post.objects.published()
        featured = list(
            published.filter(featured_rank__isnull=False)
            .for_listing()
            .order_by("featured_rank", "-publish_at")[:4]
        )
        latest = list(
            published.exclude(pk__in=[p.pk for p in featured]).for_listing()[: self.latest_count]
        )
        programs = {}
        for post in published.latest_by_program().for_listing():
            programs.setdefault(post.program, []).append(post)
        return super().get_context_data(
            featured=featured, latest=latest, programs=list(programs.items()), **kwargs
        )


class IdsFirstPaginator(Paginator):
    """
    A paginator that finds a page's posts by their ids first, then loads those posts
    alone, in the same query: an index-only scan steps over the earlier pages, instead of
    reading every earlier post's row to throw it away (page 500 of /blog/ read 10,000).
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        return Page(self.object_list.filter(pk__in=ids), number, self)


class FilteredListView(ListView):
    """A list of published posts narrowed by the contract's filters, which combine."""

    paginate_by = 20
    paginator_class = IdsFirstPaginator

    def get(self, request, *args, **kwargs):
        self.filters = PostFilters(request.GET)
        # A listing narrowed to one language is written in it, its page words included.
        languages.use(self.filters.language)
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return Post.objects.published()

    def get_queryset(self):
        # Cards show neither body; they are the largest columns by far.
        return self.filters.apply(self.base_queryset()).for_listing().defer("body", "body_text")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.filters.context(), **kwargs)


class PostListView(FilteredListView):
    """All published posts, newest first, paginated, filterable."""

    template_name = "blog/post_list.html"


class TopicView(FilteredListView):
    """Published posts under one topic. A topic no published post uses does not exist."""

    template_name = "blog/topic_detail.html"

    def get(self, request, *args, **kwargs):
        self.topic = get_object_or_404(Post.objects.public_topics(), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return Post.objects.published().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class SearchView(FilteredListView):
    """Full-text search over published posts; the listing filters combine with it."""

    template_name = "blog/search.html"
    paginator_class = Paginator  # the results page its own posts (search.Results)

    def get(self, request, *args, **kwargs):
        self.query, self.shortened = search.normalize_query(request.GET.get("q", ""))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not self.query:
            return Post.objects.none()
        posts = self.filters.apply(Post.objects.published()).for_listing()
        return search.search(posts, self.query, narrowed=bool(self.filters.active))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, shortened=self.shortened, **kwargs)
        search.add_snippets(context["object_list"], self.query)
        return context


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

    def get_context_data(self, **kwargs):
        languages.use(self.object.language)
        return super().get_context_data(
            related=self.object.related_posts(), citation=Citation(self.object), **kwargs
        )


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
        languages.use(self.object.language)
        return super().get_context_data(
            preview=True,
            preview_banner=gettext("Review copy — not published"),
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


class PostCitationView(DetailView):
    """The post's reference as a BibTeX or RIS file for reference managers."""

    FORMATS = {
        "bib": ("application/x-bibtex; charset=utf-8", "bibtex"),
        "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    }

    def get_queryset(self):
        return Post.objects.published().for_listing()

    def render_to_response(self, context, **kwargs):
        content_type, method = self.FORMATS[self.kwargs["format"]]
        body = getattr(Citation(self.object), method)()
        response = HttpResponse(body, content_type=content_type)
        filename = f"{self.object.slug}.{self.kwargs['format']}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PullQuoteShareView(DetailView):
    """A page for sharing one pull quote: its own card image, a link to the passage."""

    template_name = "blog/pull_quote_share.html"
    context_object_name = "quote"

    def get_queryset(self):
        # The card and the page name the post's authors and program, nothing more of it.
        return (
            PullQuote.objects.filter(
                post__in=Post.objects.published(), post__slug=self.kwargs["slug"]
            )
            .select_related("post__program")
            .prefetch_related(
                Prefetch("post__bylines", queryset=PostAuthor.objects.select_related("author"))
            )
        )

    def get_context_data(self, **kwargs):
        quote = self.object
        languages.use(quote.post.language)
        fragment = quote_fragment(quote.text)
        return super().get_context_data(
            post=quote.post,
            card_url=settings.SITE_URL + images.url(cards.card_for(quote)),
            passage_url=f"{quote.post.get_absolute_url()}#:~:text={fragment}",
            **kwargs,
        )


def quote_fragment(text):
    """A text fragment (#:~:text=) that finds the quote's passage in the body."""
    words = text.strip(" “”\"'").split()
    if len(words) > 10:
        return f"{quote(' '.join(words[:4]), safe='')},{quote(' '.join(words[-4:]), safe='')}"
    return quote(" ".join(words), safe="")
