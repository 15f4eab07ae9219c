from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


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
        names = links[-1] if len(links) == 1 else f"{', '.join(links[:-1])} and {links[-1]}"
        # “with” continues the authors' phrase; other credits are phrases of their own.
        separator = "" if not text else ", " if phrase == "with" else "; "
        text += separator + format_html("{} {}", phrase, mark_safe(names))  # noqa: S308 -- each link escaped
    return format_html('<p class="byline">{}</p>', mark_safe(text))  # noqa: S308
