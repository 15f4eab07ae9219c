"""
Images set in a post's body as figures: uploaded from the body editor, each described for
readers who cannot see it, credited, and cut into renditions for the page.

Readers see the image the editor chose or uploaded as a <picture> of WebP and JPEG
renditions with srcset, width and height, its description as alt text, and the body's
caption with the image's credit (`render_figures`). The body holds
`<figure class="image"><img data-image="ID" …><figcaption>`; the <img> there is the
editor's view of it, never served to readers as it stands.
"""

import re

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import images
from core.templatetags.site_tags import picture

FIGURE_SPECS = [
    images.Spec("w480", 480),
    images.Spec("w800", 800),
    images.Spec("w1200", 1200),
]


class Figure(images.RenditionsMixin, models.Model):
    """
    An image a body shows. The body holds it as
    `<figure class="image"><img data-image="ID" src alt width height><figcaption>`, the
    caption belonging to the post; the description and credit belong to the image, and
    the page reads them from here (`blog.figures`).
    """

    rendition_image_field = "image"
    rendition_field = "renditions"
    rendition_prefix = "renditions/figures"

    image = images.ImageUploadField(
        upload_to=images.UnguessableName("figures/%Y/"),
        help_text="A JPEG, PNG or WebP: a chart, a map or a photograph. Camera and location "
        "data are removed when it is saved.",
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    description = models.CharField(
        max_length=300,
        help_text="What the image shows, for readers who cannot see it (its alt text).",
    )
    credit = models.CharField(max_length=200, blank=True, help_text="“Photo: Agency”, “Map: …”.")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "figure image"

    def __str__(self):
        return self.description

    def rendition_specs(self):
        return FIGURE_SPECS

    @property
    def widths(self):
        """The renditions, narrowest first."""
        return [self.renditions[s.name] for s in FIGURE_SPECS if s.name in self.renditions]

    @property
    def largest(self):
        return self.widths[-1] if self.widths else None

    def editor_attributes(self):
        """The attributes of the <img> the body editor shows for this image."""
        largest = self.largest or {}
        return {
            "image": self.pk,
            "src": images.url(largest["jpeg"]) if largest else "",
            "alt": self.description,
            "width": largest.get("width"),
            "height": largest.get("height"),
        }

    def body_html(self, caption=""):
        """This image set in a body, as the editor writes it, with the body's caption."""
        attributes = self.editor_attributes()
        img = format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" data-image="{}">',
            attributes["src"],
            attributes["alt"],
            attributes["width"],
            attributes["height"],
            attributes["image"],
        )
        if caption:
            return format_html(
                '<figure class="image">{}<figcaption>{}</figcaption></figure>', img, caption
            )
        return format_html('<figure class="image">{}</figure>', img)


STORED = re.compile(
    r'<figure class="image"><img [^>]*data-image="(?P<id>\d+)"[^>]*>'
    r"(?:<figcaption>(?P<caption>.*?)</figcaption>)?</figure>",
    re.DOTALL,
)
# The body's column: the full width of a phone, 42rem from a tablet up.
SIZES = "(min-width: 44rem) 42rem, 100vw"


def render_figures(body):
    """The body with each figure as readers see it (module docstring); one query for all."""
    if 'class="image"' not in body:
        return body
    found = Figure.objects.in_bulk([int(m["id"]) for m in STORED.finditer(body)])

    def for_readers(match):
        figure = found.get(int(match["id"]))
        caption = mark_safe(match["caption"] or "")  # noqa: S308 -- sanitized on save
        if figure is None or figure.largest is None:
            # The image was removed: the caption stays, never an address that is gone.
            return (
                format_html('<figure class="image"><figcaption>{}</figcaption></figure>', caption)
                if caption
                else ""
            )
        largest = figure.largest
        credit = (
            format_html(' <span class="credit">{}</span>', figure.credit) if figure.credit else ""
        )
        figcaption = (
            format_html("<figcaption>{}{}</figcaption>", caption, credit)
            if caption or credit
            else ""
        )
        return format_html(
            '<figure class="image">{}{}</figure>',
            picture(
                figure.widths, figure.description, largest["width"], largest["height"], sizes=SIZES
            ),
            figcaption,
        )

    return STORED.sub(for_readers, body)
