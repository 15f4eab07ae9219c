"""Share cards for pull quotes: a 1200×630 image of the quote, its author and program."""

import hashlib
import io
import textwrap

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BACKGROUND, INK, ACCENT, MUTED = (16, 42, 67), (255, 255, 255), (242, 169, 59), (190, 205, 220)


def _font(size):
    # Pillow's bundled font (FreeType build), so no font file is fetched or required.
    return ImageFont.load_default(size=size)


def card_name(quote):
    post = quote.post
    key = "|".join(
        [
            quote.text,
            post.title,
            ", ".join(a.name for a in post.byline),
            post.program.name,
            settings.SITE_NAME,
        ]
    )
    return f"cards/quote-{quote.pk}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.jpg"


def render_card(quote):
    """The card's JPEG bytes."""
    post = quote.post
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    text = " ".join(quote.text.split())
    for size, width in ((54, 36), (46, 42), (40, 48), (34, 56), (28, 68)):
        lines = textwrap.wrap(f"“{text}”", width=width)
        if len(lines) * size * 1.3 <= 400:
            break
    lines = lines[: int(400 // (size * 1.3))]
    font = _font(size)
    y = 70
    for line in lines:
        draw.text((80, y), line, font=font, fill=INK)
        y += int(size * 1.3)
    names = ", ".join(author.name for author in post.byline)
    draw.text((80, HEIGHT - 150), f"— {names}", font=_font(32), fill=ACCENT)
    draw.text(
        (80, HEIGHT - 95),
        f"{post.program.name} · {settings.SITE_NAME}",
        font=_font(26),
        fill=MUTED,
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def card_for(quote):
    """The stored card's name, made once and kept: the name changes when its text does."""
    name = card_name(quote)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(render_card(quote)))
    return name
