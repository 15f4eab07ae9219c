from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from core.text import sort_key
from programs.models import Program

from .models import Author, Position


class AuthorListView(ListView):
    """
    The experts directory: current staff and fellows, then former staff, then guest
    contributors, each sorted by family name. Filters: ?program=<slug>, ?q=<name>.
    """

    template_name = "people/author_list.html"
    context_object_name = "authors"
    paginate_by = 60
    SECTIONS = {
        0: _("Experts"),
        1: _("Former staff and fellows"),
        2: _("Guest contributors"),
    }

    def get_queryset(self):
        authors = (
            Author.objects.with_status()
            .annotate(
                section=Case(
                    When(is_current=True, then=Value(0)),
                    When(is_former=True, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .prefetch_related("positions")
            .order_by("section", "sort_name", "pk")
        )
        self.program = None
        if slug := self.request.GET.get("program"):
            self.program = Program.objects.filter(slug=slug).first()
            if self.program is None:
                raise Http404("No such program")
            authors = authors.filter(positions__program=self.program).distinct()
        self.query = " ".join(self.request.GET.get("q", "").split())[:100]
        if self.query:
            authors = authors.filter(
                Q(name__icontains=self.query) | Q(sort_name__contains=sort_key(self.query))
            )
        return authors

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for author in context["authors"]:
            author.section_name = self.SECTIONS[author.section]
        context.update(programs=Program.objects.all(), program=self.program, query=self.query)
        return context


class AuthorDetailView(SingleObjectMixin, ListView):
    """One person: photo, titles, full bio, positions and links, then their posts."""

    template_name = "people/author_detail.html"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(
            queryset=Author.objects.prefetch_related(
                Prefetch("positions", queryset=Position.objects.select_related("program")),
                "links",
            )
        )
        return super().get(request, *args, **kwargs)

    # Of the posts a person translated or edited, the page lists this many, newest first.
    OTHER_WORK_SHOWN = 50

    def get_queryset(self):
        # The blog app declares `Author.posts`; people never imports blog.
        return self.object.posts.published().written_by(self.object).for_listing()

    def get_context_data(self, **kwargs):
        other_work = self.object.posts.published().other_work_of(self.object).for_listing()
        return super().get_context_data(
            author=self.object, other_work=other_work[: self.OTHER_WORK_SHOWN], **kwargs
        )
