from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from .models import Program, Series


class ProgramListView(ListView):
    """Every program, in the order editors set."""

    model = Program
    context_object_name = "programs"


class ProgramDetailView(SingleObjectMixin, ListView):
    """A program with its description and series, then its published posts, paginated."""

    template_name = "programs/program_detail.html"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=Program.objects.prefetch_related("series"))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # The blog app declares `Program.posts`; programs never imports blog.
        return self.object.posts.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.object, **self.people(), **kwargs)

    def people(self):
        """Leadership and experts: people holding a current position in this program.
        (`Program.positions` is declared by the people app; programs never imports it.)"""
        positions = (
            self.object.positions.current()
            .select_related("author")
            .prefetch_related("author__positions")
            .order_by("author__sort_name", "order")
        )
        leadership, experts = {}, {}
        for position in positions:
            group = leadership if position.leadership else experts
            group.setdefault(position.author_id, position.author)
        experts = {pk: a for pk, a in experts.items() if pk not in leadership}
        return {"leadership": list(leadership.values()), "experts": list(experts.values())}


class SeriesDetailView(SingleObjectMixin, ListView):
    """A series and its published posts, paginated."""

    template_name = "programs/series_detail.html"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=Series.objects.select_related("program"))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.object.posts.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.object, **kwargs)
