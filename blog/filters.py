"""The listing filters readers combine: ?type=, ?program=, ?topic=, ?author=, ?lang=."""

import html

from django.conf import settings
from django.http import Http404
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import languages
from people.models import Author
from programs.models import Program

from .models import Post


class PostFilters:
    """
    Reads the filters from a query string. An unknown value answers 404 (a filter for a
    program that does not exist is a page that does not exist), never an error.
    """

    def __init__(self, params):
        self.type = params.get("type", "")
        self.program = self._lookup(Program.objects.all(), params.get("program"))
        # Only a topic readers can see: one that only drafts, scheduled or trashed posts
        # carry would show its name, and that it exists, before it appears.
        self.topic = self._lookup(Post.objects.public_topics(), params.get("topic"))
        self.author = self._lookup(Author.objects.all(), params.get("author"))
        if self.type and self.type not in Post.PostType.values:
            raise Http404("Unknown type")
        self.language = params.get("lang", "")
        if self.language and self.language not in dict(settings.LANGUAGES):
            raise Http404("Unknown language")

    @staticmethod
    def _lookup(queryset, slug):
        if not slug:
            return None
        found = queryset.filter(slug=slug).first()
        if found is None:
            raise Http404(f"Unknown {queryset.model._meta.verbose_name}")
        return found

    def apply(self, queryset):
        if self.type:
            queryset = queryset.filter(post_type=self.type)
        if self.program:
            queryset = queryset.filter(program=self.program)
        if self.topic:
            queryset = queryset.filter(topics=self.topic)
        if self.author:
            queryset = queryset.filter(bylines__author=self.author)
        if self.language:
            queryset = queryset.filter(language=self.language)
        return queryset

    @property
    def active(self):
        """(label, value) of each filter in use, for the page heading and title."""
        chosen = []
        if self.type:
            chosen.append((gettext("Type"), Post.PostType(self.type).label))
        for label, value in ((gettext("Program"), self.program), (gettext("Topic"), self.topic)):
            if value:
                chosen.append((label, value.name))
        if self.author:
            chosen.append((gettext("Author"), self.author.name))
        if self.language:
            chosen.append((gettext("Language"), languages.local_name(self.language)))
        return chosen

    def context(self):
        # Callables, which the template calls only for the selects it shows (a topic's
        # page offers no topic filter).
        return {
            "filters": self,
            "type_options": lambda: self.options(Post.PostType.choices, self.type),
            "program_options": lambda: self.options(
                Program.objects.values_list("slug", "name"), self.program and self.program.slug
            ),
            "language_options": lambda: self.options(
                [(code, languages.local_name(code)) for code, _ in settings.LANGUAGES],
                self.language,
            ),
            "topic_options": lambda: self.options(
                Post.objects.public_topics().values_list("slug", "name"),
                self.topic and self.topic.slug,
            ),
        }

    @staticmethod
    def options(choices, chosen):
        """The <option> elements of a filter's select, `chosen` selected. Built here, not
        in a template loop: a site has hundreds of topics, and each listing, topic and
        search page offers them all. Each value and label is escaped with `html.escape`,
        which Django's `escape()` wraps: through `format_html`, the same markup took
        about three times the Python calls, nearly a third of a listing's."""
        markup = "".join(
            f'<option value="{html.escape(str(value))}"{" selected" if value == chosen else ""}>'
            f"{html.escape(str(label))}</option>"
            for value, label in choices
        )
        return mark_safe(markup)  # noqa: S308 -- every value and label escaped above
