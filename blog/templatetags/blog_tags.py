from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def byline(post):
    """
    `<p class="byline">By A, B and C; translated by D</p>`, each name linking to the
    person's page. A tag rather than an include: every card of every listing has one,
    and joining names with commas and “and” took a template two nested loops.
    """
    phrases = []
    for phrase, people in post.byline_parts:
        links = [
            format_html('<a href="{}" rel="author">{}</a>', person.get_absolute_url(), person.name)
            for person in people
        ]
        names = links[-1] if len(links) == 1 else f"{', '.join(links[:-1])} and {links[-1]}"
        phrases.append(format_html("{} {}", phrase, mark_safe(names)))  # noqa: S308 -- each link escaped
    return format_html('<p class="byline">{}</p>', mark_safe("; ".join(phrases)))  # noqa: S308
