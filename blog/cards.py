"""Share cards for pull quotes: a 1200×630 image of the quote, its author and program."""

import functools
import hashlib
import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from django.utils.translation import gettext, ngettext
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BACKGROUND, INK, ACCENT, MUTED = (16, 42, 67), (255, 255, 255), (242, 169, 59), (190, 205, 220)
# Part of each card's name: a change of the design makes every card again.
CARD_DESIGN = "2"


# DejaVu Sans, shipped with Folio (blog/fonts, under its own free licence): Latin with its
# accents, Cyrillic and the punctuation a quote needs, whatever fonts the server has.
FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
LEFT, RIGHT = 80, 60
TEXT_WIDTH = WIDTH - LEFT - RIGHT


@functools.cache
def font(size):
    return ImageFont.truetype(str(FONT), size)


def one_line(text):
    """`text` with every run of whitespace, line breaks included, made one space: a font's
    measure of a line refuses a line break."""
    return " ".join(str(text).split())


def wrap(text, typeface, width=TEXT_WIDTH):
    """`text` in lines no wider than `width` pixels, broken between words."""
    lines = []
    for word in text.split():
        if lines and typeface.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def fitted(text, typeface, width=TEXT_WIDTH):
    """`text` cut with “…” to fit on one line of `width` pixels."""
    if typeface.getlength(text) <= width:
        return text
    while text and typeface.getlength(f"{text}…") > width:
        text = text[:-1]
    return f"{text.rstrip()}…"


def and_last(names, last):
    return gettext("%(names)s and %(last)s") % {"names": names, "last": last}


def attribution(names, typeface, width=TEXT_WIDTH):
    """
    “— A, B and C” if it fits on one line, else as many names as fit and how many more:
    “— A, B and 3 others”.
    """
    for shown in range(len(names), 0, -1):
        rest = len(names) - shown
        if rest == 0:
            text = names[0] if len(names) == 1 else and_last(", ".join(names[:-1]), names[-1])
        else:
            text = ngettext(
                "%(names)s and %(count)s other", "%(names)s and %(count)s others", rest
            ) % {"names": ", ".join(names[:shown]), "count": rest}
        if typeface.getlength(f"— {text}") <= width:
            return f"— {text}"
    return fitted(f"— {names[0]}", typeface, width) if names else ""


def card_name(quote):
    post = quote.post
    key = "|".join(
        [
            quote.text,
            post.title,
            ", ".join(a.name for a in post.credited_authors),
            post.program.name,
            settings.SITE_NAME,
            post.language,
            CARD_DESIGN,
        ]
    )
    return f"cards/quote-{quote.pk}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.jpg"


def render_card(quote):
    """The card's JPEG bytes, its words (quotation marks, “and 3 others”) in the post's
    language."""
    with translation.override(quote.post.language):
        return draw_card(quote)


def draw_card(quote):
    post = quote.post
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    text = gettext("“%(quote)s”") % {"quote": one_line(quote.text)}
    # The largest size at which the quote fits its 400 pixels of height.
    for size in (54, 46, 40, 34, 28):
        lines = wrap(text, font(size))
        if len(lines) * size * 1.3 <= 400:
            break
    lines = lines[: int(400 // (size * 1.3))]
    y = 70
    for line in lines:
        draw.text((LEFT, y), fitted(line, font(size)), font=font(size), fill=INK)
        y += int(size * 1.3)
    names = [one_line(author.name) for author in post.credited_authors]
    draw.text((LEFT, HEIGHT - 150), attribution(names, font(32)), font=font(32), fill=ACCENT)
    source = fitted(one_line(f"{post.program.name} · {settings.SITE_NAME}"), font(26))
    draw.text((LEFT, HEIGHT - 95), source, font=font(26), fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def card_for(quote):
    """The stored card's name, made once and kept: the name changes when its text does."""
    name = card_name(quote)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(render_card(quote)))
    return name
