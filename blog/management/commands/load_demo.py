import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html
from PIL import Image, ImageDraw

from blog import demo_content, revisions
from blog.models import Figure, Post, PostAuthor, PullQuote
from core import images
from people.models import Author, AuthorLink, AuthorTranslation, Position
from programs.models import Program, Series


def portrait(colour, size=600):
    """A simple, original portrait placeholder: a head-and-shoulders silhouette."""
    image = Image.new("RGB", (size, size), tuple(min(255, c + 150) for c in colour))
    draw = ImageDraw.Draw(image)
    draw.ellipse((size * 0.3, size * 0.16, size * 0.7, size * 0.56), fill=colour)
    draw.ellipse((size * 0.12, size * 0.6, size * 0.88, size * 1.3), fill=colour)
    return jpeg(image)


def seascape(width=1600, height=900):
    """A hero image: sky, sea and a line of cranes on the horizon."""
    image = Image.new("RGB", (width, height), (196, 218, 232))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.58)
    draw.rectangle((0, horizon, width, height), fill=(38, 84, 112))
    for x in range(120, width, 260):
        draw.rectangle((x, horizon - 180, x + 14, horizon), fill=(60, 60, 66))
        draw.rectangle((x - 70, horizon - 180, x + 120, horizon - 166), fill=(60, 60, 66))
    for y in range(horizon + 30, height, 48):
        draw.line((0, y, width, y), fill=(54, 104, 134), width=3)
    return jpeg(image)


def bar_chart(values, width=1200, height=675):
    """A figure image: one bar per value, on a light ground."""
    image = Image.new("RGB", (width, height), (246, 247, 249))
    draw = ImageDraw.Draw(image)
    bottom, top = height - 80, 60
    step = (width - 160) // len(values)
    for number, value in enumerate(values):
        left = 120 + number * step
        bar_top = bottom - (bottom - top) * value // max(values)
        draw.rectangle((left, bar_top, left + step * 3 // 5, bottom), fill=(11, 92, 140))
    draw.line((100, bottom, width - 40, bottom), fill=(27, 31, 36), width=3)
    return jpeg(image)


def figure_html(figure, caption):
    """A figure image as the body editor writes it."""
    largest = figure.largest
    return format_html(
        '<figure class="image"><img src="{}" alt="{}" width="{}" height="{}" data-image="{}">'
        "<figcaption>{}</figcaption></figure>",
        images.url(largest["jpeg"]),
        figure.description,
        largest["width"],
        largest["height"],
        figure.pk,
        caption,
    )


def jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def demo_figure(description, credit, caption, values):
    """A figure image of a bar chart, stored, and the body's HTML that shows it."""
    figure = Figure(description=description, credit=credit)
    figure.image.save("chart.jpg", ContentFile(bar_chart(values)), save=False)
    figure.save()
    return figure_html(figure, caption)


class Command(BaseCommand):
    help = (
        "Load the demo institution: programs, a series, authors with photos and positions, "
        "and posts (one co-written, one scheduled, one draft). Safe to run again: what "
        "exists is left as it is."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        created = 0
        programs = {}
        series = {}
        for data in demo_content.PROGRAMS:
            program, new = Program.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    key: data[key]
                    for key in ("name", "short_description", "description", "ordering")
                },
            )
            created += new
            programs[program.slug] = program
            for item in data["series"]:
                one, new = Series.objects.get_or_create(
                    slug=item["slug"],
                    defaults={
                        "program": program,
                        "name": item["name"],
                        "description": item["description"],
                    },
                )
                created += new
                series[one.slug] = one

        authors = {}
        for data in demo_content.AUTHORS:
            author, new = Author.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    key: data[key]
                    for key in ("name", "family_name", "photo_alt", "short_bio", "full_bio")
                },
            )
            authors[author.slug] = author
            if not new:
                continue
            created += 1
            author.photo.save(f"{author.slug}.jpg", ContentFile(portrait(data["colour"])))
            for order, position in enumerate(data["positions"]):
                Position.objects.create(
                    author=author,
                    order=order,
                    title=position["title"],
                    organization=position["organization"],
                    start_date=datetime.date.fromisoformat(position["start_date"]),
                    end_date=(
                        datetime.date.fromisoformat(position["end_date"])
                        if position.get("end_date")
                        else None
                    ),
                )
            for order, link in enumerate(data["links"]):
                AuthorLink.objects.create(author=author, order=order, **link)
            for language, text in data.get("translations", {}).items():
                AuthorTranslation.objects.create(author=author, language=language, **text)

        now = timezone.now().replace(microsecond=0)
        for data in demo_content.POSTS:
            if Post.objects.at_address(data["slug"]).exists():
                continue
            created += 1
            publish_at = (
                now - datetime.timedelta(days=data["days_ago"])
                if data["days_ago"] is not None
                else None
            )
            post = Post(
                slug=data["slug"],
                title=data["title"],
                post_type=data["post_type"],
                dek=data["dek"],
                body="\n".join(
                    [
                        *(f"<p>{escape(p)}</p>" for p in data["paragraphs"]),
                        *data.get("blocks", []),
                        *(demo_figure(**shown) for shown in data.get("figures", [])),
                    ]
                ),
                program=programs[data["program"]],
                series=series.get(data["series"]),
                status=data["status"],
                publish_at=publish_at,
                language=data.get("language", "en"),
                translation_of=(
                    Post.objects.get(slug=data["translation_of"])
                    if data.get("translation_of")
                    else None
                ),
                # A draft's day proposed by its writer, for the editorial calendar.
                proposed_for=(
                    timezone.localdate() + datetime.timedelta(days=data["proposed_in_days"])
                    if "proposed_in_days" in data
                    else None
                ),
            )
            if data["hero"]:
                post.hero_alt = "Cargo cranes on the horizon of a calm grey sea"
                post.hero_caption = "The container terminal at a Caspian port at dusk."
                post.hero_credit = "Illustration: Folio demo"
                post.hero_image.save(f"{post.slug}.jpg", ContentFile(seascape()), save=False)
            post.save()
            for position, credit in enumerate(data["authors"]):
                # An author's slug, or (slug, credit) for another credit.
                slug, role = credit if isinstance(credit, tuple) else (credit, "author")
                PostAuthor.objects.create(
                    post=post, author=authors[slug], role=role, position=position
                )
            for order, (text, after) in enumerate(data["pull_quotes"]):
                PullQuote.objects.create(post=post, text=text, after_paragraph=after, order=order)
            post.topics.set(data["topics"])
            revisions.record(post, note="Demo content loaded")

        User = get_user_model()
        admin = demo_content.DEMO_ADMIN
        if not User.objects.filter(username=admin["username"]).exists():
            User.objects.create_superuser(admin["username"], admin["email"], admin["password"])
            created += 1

        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({created} new items)."))
        else:
            self.stdout.write("Demo content already loaded; nothing changed.")
