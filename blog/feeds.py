"""RSS 2.0 and Atom feeds of the latest posts, overall and per author, program and topic."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from core import dates, images, languages
from people.models import Author
from programs.models import Program

from .models import Post

FEED_LENGTH = 20


def _clean(text):
    """Feeds are XML: characters XML 1.0 forbids (control characters) are dropped."""
    return "".join(
        ch for ch in str(text or "") if ch in "\t\n\r" or (ord(ch) >= 0x20 and ord(ch) != 0xFFFE)
    )


def full_text(post):
    """
    A post's body as a full-text feed gives it: its footnotes numbered and listed after it,
    as on the page, and its images' addresses whole, since a feed is read elsewhere.
    """
    body, notes = post.rendered_body
    if notes:
        body += format_html(
            "<h2>{}</h2><ol>{}</ol>",
            gettext("Notes"),
            format_html_join(
                "",
                '<li id="fn-{}">{}</li>',
                ((n, mark_safe(note)) for n, note in notes),  # noqa: S308
            ),
        )
    return MEDIA_SOURCE.sub(rf"\1{settings.SITE_URL}\2", body)


def corrections_html(post):
    """The corrections and updates readers can see, as the page lists them after the body."""
    return format_html_join(
        "",
        "<p><strong>{}, {}:</strong> {}</p>",
        (
            (c.get_kind_display(), date_format(localtime(c.published_at), "DATE_FORMAT"), c.text)
            for c in post.visible_corrections
        ),
    )


def language_query(scope):
    """`?lang=ru` for a feed narrowed to one language, so its links keep the narrowing."""
    return f"?lang={scope.language}" if scope.language else ""


# An image's address in a body, relative to the site (blog.models.figures).
MEDIA_SOURCE = re.compile(r'(<img [^>]*src=")(/[^"]*")')


class MultiAuthorRss(Rss201rev2Feed):
    """RSS with every author of an item as <dc:creator>."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("all_authors", []):
            handler.addQuickElement("dc:creator", name)


class MultiAuthorAtom(Atom1Feed):
    """Atom with every author of an entry as its own <author>."""

    def add_item_elements(self, handler, item):
        names = item.get("all_authors", [])
        item = {**item, "author_name": None}
        super().add_item_elements(handler, item)
        for name in names:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


@dataclass(frozen=True)
class FeedScope:
    """What one request for a feed asked for: its subject (an author, a program, a topic;
    None for all posts) and its language (“” for every language)."""

    subject: object
    language: str


class LatestPostsFeed(Feed):
    """
    The latest published posts (RSS 2.0); `?lang=ru` narrows any feed to one language,
    whose words its title and description then use.

    Every address in a feed is absolute from SITE_URL: Django would otherwise build them
    from the request's Host header, and the page cache would hand one reader's Host to all.
    """

    feed_type = MultiAuthorRss
    feed_path = "feed/"  # below the page the feed follows

    def page_path(self, subject):
        return reverse("blog:list")

    def link(self, scope):
        return settings.SITE_URL + self.page_path(scope.subject) + language_query(scope)

    def feed_url(self, scope):
        path = self.page_path(scope.subject) + self.feed_path
        return settings.SITE_URL + path + language_query(scope)

    def title(self, scope):
        heading = self.heading(scope.subject)
        if scope.language:
            heading = f"{heading} · {languages.local_name(scope.language)}"
        return _clean(f"{heading} — {settings.SITE_NAME}")

    def heading(self, subject):
        return gettext("Latest commentary")

    def description(self, scope):
        return _clean(
            gettext("%(heading)s from %(site)s.")
            % {"heading": self.heading(scope.subject), "site": settings.SITE_NAME}
        )

    def get_object(self, request, *args, **kwargs):
        language = request.GET.get("lang", "")
        if language and language not in dict(settings.LANGUAGES):
            raise Http404("Unknown language")
        languages.use(language)
        return FeedScope(self.subject(**kwargs), language)

    def subject(self, **kwargs):
        return None

    def filter(self, queryset, subject):
        return queryset

    def items(self, scope):
        posts = self.filter(Post.objects.published(), scope.subject)
        if scope.language:
            posts = posts.filter(language=scope.language)
        return posts.for_listing().prefetch_related("topics", "corrections")[:FEED_LENGTH]

    def item_title(self, post):
        return _clean(post.title)

    def item_description(self, post):
        # The words around a post's text (“Notes”, a correction's date) in its language.
        with translation.override(post.language):
            if settings.FEED_FULL_TEXT:
                return _clean(full_text(post) + corrections_html(post))
            # Readers treat a description as HTML: a plain-text summary is escaped for it.
            return _clean(escape(post.summary) + corrections_html(post))

    def item_link(self, post):
        return settings.SITE_URL + post.get_absolute_url()

    def item_guid(self, post):
        return settings.SITE_URL + post.get_absolute_url()

    def item_pubdate(self, post):
        return dates.to_the_second(post.published_on)

    def item_updateddate(self, post):
        return dates.to_the_second(post.last_modified)

    def item_categories(self, post):
        return [_clean(topic.name) for topic in post.topics.all()]

    def item_enclosures(self, post):
        name = post.hero_renditions.get("w960", post.hero_renditions.get("w640", {})).get("jpeg")
        if not name:
            return []
        try:
            length = str(default_storage.size(name))
        except OSError:
            return []
        return [Enclosure(settings.SITE_URL + images.url(name), length, "image/jpeg")]

    def item_extra_kwargs(self, post):
        # The authors only, each an element of its own: feed readers take one
        # comma-joined name for a single person. Translators and editors are not authors.
        return {"all_authors": [_clean(author.name) for author in post.credited_authors]}


class AuthorFeed(LatestPostsFeed):
    def subject(self, slug):
        return get_object_or_404(Author, slug=slug)

    def heading(self, author):
        return gettext("Commentary by %(name)s") % {"name": author.name}

    def page_path(self, author):
        return author.get_absolute_url()

    def filter(self, queryset, author):
        return queryset.written_by(author)


class ProgramFeed(LatestPostsFeed):
    def subject(self, slug):
        return get_object_or_404(Program, slug=slug)

    def heading(self, program):
        return gettext("%(program)s: latest commentary") % {"program": program.name}

    def page_path(self, program):
        return program.get_absolute_url()

    def filter(self, queryset, program):
        return queryset.filter(program=program)


class TopicFeed(LatestPostsFeed):
    def subject(self, slug):
        return get_object_or_404(Post.objects.public_topics(), slug=slug)

    def heading(self, topic):
        return gettext("Commentary on %(topic)s") % {"topic": topic.name}

    def page_path(self, topic):
        return reverse("topics:detail", args=[topic.slug])

    def filter(self, queryset, topic):
        return queryset.filter(topics=topic)


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {
            "feed_type": MultiAuthorAtom,
            "feed_path": "feed/atom/",
            "subtitle": feed_class.description,
        },
    )
