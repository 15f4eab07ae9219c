"""Quote cards: every letter drawn, in Latin, Cyrillic and their punctuation, and a long
attribution shortened to fit."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops, ImageDraw

from blog import cards
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, PullQuoteFactory

TEXTS = {
    "Russian": "«Санкции изменили маршруты: грузы идут через Актау». — Пётр Ильин, Щёкино",
    "Ukrainian": "Українська: ґанок, їжак, європейський, «Київ» — Ґрінченко",
    "accented Latin": "— Tomás Herrera, Jürgen Müller, Ayşe Şahin, Élodie Brûlé, Łukasz Żak",
}


def drawn(character, font):
    image = Image.new("L", (80, 80), 0)
    ImageDraw.Draw(image).text((10, 10), character, font=font, fill=255)
    return image


@pytest.mark.parametrize("language", TEXTS)
def test_the_card_font_draws_every_character(language):
    font = cards.font(40)
    # A character the font lacks is drawn as its missing-glyph box, as this one is.
    missing = drawn("\U000e0fff", font)
    for character in set(TEXTS[language]) - {" "}:
        image = drawn(character, font)
        assert ImageChops.difference(image, missing).getbbox() is not None, character
        assert image.getbbox() is not None, character


def test_a_long_attribution_is_shortened_to_fit():
    names = [
        "Konstantin Konstantinopolsky",
        "Maria-Fernanda Villalobos",
        "Bartholomew Okonkwo-Smith",
        "Anastasia Vasilyevna",
        "Ruth Okafor",
    ]
    font = cards.font(32)
    line = cards.attribution(names, font)
    assert line.startswith("— Konstantin Konstantinopolsky")
    assert line.endswith("others")
    assert font.getlength(line) <= cards.TEXT_WIDTH


def test_a_short_attribution_names_everyone():
    font = cards.font(32)
    assert cards.attribution(["Ann Ames", "Ben Bell", "Cy Cole"], font) == (
        "— Ann Ames, Ben Bell and Cy Cole"
    )


@pytest.mark.django_db
def test_a_quotes_share_page_and_card_credit_the_authors_only(client):
    author, translator = AuthorFactory(name="Lan Chen"), AuthorFactory(name="Tomás Herrera")
    post = PostFactory(authors=[author, (translator, "translator")], program=ProgramFactory())
    quote = PullQuoteFactory(post=post)
    response = client.get(f"{post.get_absolute_url()}quotes/{quote.pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("figcaption").get_text(" ", strip=True).startswith("— Lan Chen, in")
    assert "Tomás Herrera" not in soup.find("meta", property="og:description")["content"]
    image = Image.open(io.BytesIO(cards.render_card(quote)))
    assert image.size == (cards.WIDTH, cards.HEIGHT)


@pytest.mark.django_db
def test_a_card_is_drawn_whatever_line_breaks_names_hold():
    author = AuthorFactory(name="Ann\nAmes\r\n<script\n>")
    program = ProgramFactory(name="Caspian\nProgram")
    quote = PullQuoteFactory(post=PostFactory(authors=[author], program=program))
    image = Image.open(io.BytesIO(cards.render_card(quote)))
    assert image.size == (cards.WIDTH, cards.HEIGHT)
