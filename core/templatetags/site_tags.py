import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import dates, images, languages

register = template.Library()

# As in django.utils.html.json_script: these characters cannot end the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def machine_time(moment):
    """A time for a `datetime` attribute or a meta tag: ISO 8601, to the second."""
    return dates.machine_time(moment)


@register.simple_tag
def lang_attr(language=None):
    """
    ` lang="ru"` where a part of the page is in another language than the page itself
    (a Russian post's title on an English listing; the site's own text about an author on
    a Russian post's page), else nothing. Without `language`: the site's default language.
    """
    language = language or settings.LANGUAGE_CODE
    if language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def og_locale(language):
    """The Open Graph locale of a language code: “ru” is “ru_RU”."""
    return languages.og_locale(language)


@register.filter
def json_ld(data):
    """Render a dict as a <script type="application/ld+json"> element, safely escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 -- escaped above
    )


@register.simple_tag
def picture(renditions, alt, width, height, sizes="", loading="lazy", css_class=""):
    """
    A <picture> offering WebP with a JPEG fallback from `renditions` (dicts with width,
    height, webp and jpeg, smallest first), with width and height set so nothing shifts
    while it loads; nothing without a rendition. Built here rather than from a template:
    author boxes and cards repeat it on every page.
    """
    renditions = [r for r in renditions or [] if r.get("jpeg")]
    if not renditions:
        return ""
    fallback = next((r for r in renditions if r["width"] >= int(width)), renditions[-1])
    sizes = sizes or f"{width}px"
    webp = ", ".join(f"{images.url(r['webp'])} {r['width']}w" for r in renditions if r.get("webp"))
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', webp, sizes)
        if webp
        else ""
    )
    return format_html(
        '<picture>{}<img{} src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" '
        'loading="{}" decoding="async"></picture>',
        source,
        format_html(' class="{}"', css_class) if css_class else "",
        images.url(fallback["jpeg"]),
        ", ".join(f"{images.url(r['jpeg'])} {r['width']}w" for r in renditions),
        sizes,
        alt,
        width,
        height,
        loading,
    )


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """This page's address with another page number, keeping the filters and query."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, *names_and_paths):
    """BreadcrumbList JSON-LD: Home, then each (name, path) pair given, in order."""
    pairs = [
        (gettext("Home"), "/"),
        *zip(names_and_paths[::2], names_and_paths[1::2], strict=True),
    ]
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": number,
                    "name": str(name),
                    "item": settings.SITE_URL + str(path),
                }
                for number, (name, path) in enumerate(pairs, start=1)
            ],
        }
    )
