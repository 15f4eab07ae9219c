"""
Embeds: a video or an interactive chart from one of a short list of providers, placed in a
body as its address and title (`<figure class="embed"><a href="…">title</a></figure>`).

Readers see a titled link and, with JavaScript, a button that loads the provider's player
in place (static/js/embeds.js): no request goes to another site before they choose to load
it, and the Content-Security-Policy's frame-src names exactly the providers' player hosts
(`FRAME_HOSTS`). The editor offers the same list (`editor_providers()`), so an editor
learns at once that an address is not one of them.
"""

import html
import re
from dataclasses import dataclass

from django.utils.html import format_html


@dataclass(frozen=True)
class Provider:
    name: str
    kind: str  # "video" or "chart", as the reader's note says
    pattern: re.Pattern  # an address of the provider's page; group "id"
    player: str  # the player's address, with {id}

    @property
    def frame_host(self):
        return "/".join(self.player.split("/")[:3])


PROVIDERS = [
    Provider(
        "YouTube",
        "video",
        re.compile(
            r"^https://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?v=|embed/|shorts/)|youtu\.be/)"
            r"(?P<id>[\w-]{11})(?:[?&#].*)?$"
        ),
        "https://www.youtube-nocookie.com/embed/{id}",
    ),
    Provider(
        "Vimeo",
        "video",
        re.compile(r"^https://(?:www\.)?vimeo\.com/(?P<id>\d+)/?(?:[?#].*)?$"),
        "https://player.vimeo.com/video/{id}",
    ),
    Provider(
        "Datawrapper",
        "chart",
        re.compile(
            r"^https://(?:datawrapper\.dwcdn\.net|www\.datawrapper\.de/_)/(?P<id>\w{5})(?:/\d+)?/?$"
        ),
        "https://datawrapper.dwcdn.net/{id}/",
    ),
    Provider(
        "Flourish",
        "chart",
        re.compile(
            r"^https://(?:public\.flourish\.studio|flo\.uri\.sh)/visualisation/(?P<id>\d+)/?(?:embed)?$"
        ),
        "https://flo.uri.sh/visualisation/{id}/embed",
    ),
]

#: The hosts whose players a page may frame, for the Content-Security-Policy.
FRAME_HOSTS = sorted({provider.frame_host for provider in PROVIDERS})

# An embed as the sanitizer stores it (blog.html): one link in a figure of class "embed".
STORED = re.compile(
    r'<figure class="embed"><a href="(?P<href>[^"]*)">(?P<title>[^<]*)</a></figure>'
)


def stored_embed(address, title):
    """An embed as a body stores it, for a page of a provider on our list."""
    return format_html('<figure class="embed"><a href="{}">{}</a></figure>', address, title)


def player(address):
    """(provider, player address) for an address of a provider's page, else (None, None)."""
    for provider in PROVIDERS:
        if match := provider.pattern.match(address):
            return provider, provider.player.format(id=match["id"])
    return None, None


def _for_readers(match):
    href, title = html.unescape(match["href"]), html.unescape(match["title"])
    provider, src = player(href)
    if provider is None:
        return match[0]  # a link like any other
    return format_html(
        '<figure class="embed" data-embed-src="{src}" data-embed-title="{title}">'
        '<p class="embed__title"><a href="{href}">{title}</a></p>'
        '<p class="embed__note">{name} {kind}: loading it here connects to {name}. '
        '<button type="button" class="embed__load" hidden>Load the {kind}</button></p>'
        "</figure>",
        src=src,
        title=title,
        href=href,
        name=provider.name,
        kind=provider.kind,
    )


def render_embeds(html):
    """The body with each embed from a known provider as readers see it (module docstring)."""
    return STORED.sub(_for_readers, html) if 'class="embed"' in html else html


def editor_providers():
    """The providers as the editor's Embed extension takes them (static/js/body-schema.js)."""
    # JavaScript names a group (?<id>…) where Python writes (?P<id>…).
    return [
        {"name": p.name, "pattern": p.pattern.pattern.replace("(?P<", "(?<")} for p in PROVIDERS
    ]
