from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from core import dates
from core.templatetags.site_tags import lang_attr

register = template.Library()

# Each phrase of the byline (PostAuthor.BYLINE_PHRASES) in the page's language, for a
# number of people: Russian says “Автор:” for one and “Авторы:” for two.
PHRASES = {
    "By": lambda count: ngettext("By %(names)s", "By %(names)s", count),
    "with": lambda count: ngettext("with %(names)s", "with %(names)s", count),
    "translated by": lambda count: ngettext(
        "translated by %(names)s", "translated by %(names)s", count
    ),
    "edited by": lambda count: ngettext("edited by %(names)s", "edited by %(names)s", count),
}


def names_list(names):
    """“A”, “A and B”, “A, B and C”, with the page's language's “and”; `names` are
    escaped HTML, and so is what this returns."""
    if len(names) == 1:
        return names[0]
    wording = conditional_escape(gettext("%(names)s and %(last)s"))
    return wording % {"names": ", ".join(names[:-1]), "last": names[-1]}


@register.simple_tag
def byline(post):
    """
    `<p class="byline">By A, B and C, with D; translated by E</p>`, each name linking to
    the person's page (`rel="author"` for the authors alone). A tag rather than an include:
    every card of every listing has one, and joining names with commas and “and” took a
    template two nested loops.
    """
    text = ""
    for phrase, people in post.byline_parts:
        link = '<a href="{}" rel="author">{}</a>' if phrase == "By" else '<a href="{}">{}</a>'
        links = [format_html(link, person.get_absolute_url(), person.name) for person in people]
        # “with” continues the authors' phrase; other credits are phrases of their own.
        separator = "" if not text else ", " if phrase == "with" else "; "
        wording = conditional_escape(PHRASES[phrase](len(people)))
        text += separator + wording % {"names": names_list(links)}
    return format_html('<p class="byline">{}</p>', mark_safe(text))  # noqa: S308


@register.simple_tag
def post_card(post, level=2):
    """
    A post as a listing shows it: its type and program, title (a heading of `level`),
    dek, byline and date, each part in the post's language where the page speaks
    another. A tag for the same reason as `byline`: every listing repeats it, twenty
    times a page, and the equivalent include took about a third longer per card.
    """
    language = lang_attr(post.language)
    published = post.published_on
    dek = format_html('<p class="post-card__dek"{}>{}</p>', language, post.dek) if post.dek else ""
    return format_html(
        '<article class="post-card">\n'
        '  <p class="post-card__meta"><span class="post-type">{}</span> · '
        '<a href="{}">{}</a></p>\n'
        '  <h{} class="post-card__title"{}><a href="{}">{}</a></h{}>\n'
        "  {}\n  {}\n"
        '  <p class="post-card__date"><time datetime="{}">{}</time></p>\n'
        "</article>\n",
        post.type_label,
        post.program.get_absolute_url(),
        post.program.name,
        level,
        language,
        post.get_absolute_url(),
        post.title,
        level,
        dek,
        byline(post),
        dates.machine_time(published),
        formats.date_format(timezone.localtime(published), "DATE_FORMAT") if published else "",
    )
