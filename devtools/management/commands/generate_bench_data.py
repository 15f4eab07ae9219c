import datetime
import random
import sys
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag, TaggedItem

from blog import search
from blog.html import plain_text
from blog.models import Post, PostAuthor, PullQuote
from core.text import sort_key
from people.models import Author, Position
from programs.models import Program, Series

WORDS = [
    "port",
    "pipeline",
    "corridor",
    "tariff",
    "sanction",
    "treaty",
    "river",
    "basin",
    "drought",
    "harvest",
    "freight",
    "tanker",
    "ferry",
    "border",
    "customs",
    "ministry",
    "summit",
    "reform",
    "election",
    "parliament",
    "budget",
    "debt",
    "loan",
    "bank",
    "currency",
    "inflation",
    "wage",
    "labour",
    "migration",
    "city",
    "province",
    "coast",
    "delta",
    "dam",
    "reservoir",
    "grid",
    "energy",
    "gas",
    "oil",
    "coal",
    "wind",
    "solar",
    "nuclear",
    "rail",
    "road",
    "bridge",
    "shipping",
    "container",
    "market",
    "export",
    "import",
    "alliance",
    "neighbour",
    "security",
    "strategy",
    "policy",
    "region",
    "capital",
    "envoy",
    "embassy",
    "mission",
    "dialogue",
    "agreement",
    "quota",
    "fishery",
    "seabed",
    "climate",
    "water",
]
GIVEN = [
    "Anna",
    "Boris",
    "Chen",
    "Dana",
    "Elif",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kira",
    "Leon",
    "Maya",
    "Nikolai",
    "Olga",
    "Pavel",
    "Rosa",
    "Sami",
    "Tamar",
    "Yuri",
]
FAMILY = [
    "Adler",
    "Brandt",
    "Costa",
    "Dvořák",
    "Eriksen",
    "Fischer",
    "García",
    "Hansen",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Morozov",
    "Nowak",
    "Orlov",
    "Petrova",
    "Quist",
    "Rossi",
    "Sokolova",
    "Tanaka",
    "Üzüm",
    "Vidal",
    "Weber",
    "Zhukov",
]  # noqa: E501


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


class Command(BaseCommand):
    help = (
        "Build a large, realistic data set for benchmarks: N posts with 1–4 authors, 0–4 "
        "pull quotes, topics, programs and series, and thousands of authors."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=2_000)
        parser.add_argument(
            "--unless-present",
            action="store_true",
            help="Do nothing when the database already holds at least this many posts.",
        )

    def progress(self, label, done, total):
        width = 30
        filled = int(width * done / max(total, 1))
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{label:<10} [{bar}] {done:>7}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def handle(self, *args, posts, seed, batch, unless_present=False, **options):
        if unless_present and Post.objects.count() >= posts:
            self.stdout.write(f"{Post.objects.count()} posts already there; nothing generated.")
            return
        rng = random.Random(seed)
        started = time.monotonic()
        run = f"bench{seed}-{Post.objects.count()}"
        with transaction.atomic():
            programs = [
                Program.objects.create(
                    name=f"Bench Program {run} {n}",
                    slug=f"{run}-program-{n}",
                    short_description=sentence(rng),
                    description=sentence(rng),
                    ordering=n,
                )
                for n in range(6)
            ]
            series = [
                Series.objects.create(program=p, name=f"{p.name} Series", slug=f"{p.slug}-series")
                for p in programs
            ]
            author_count = max(200, posts // 25)
            authors = []
            for n in range(author_count):
                given, family = rng.choice(GIVEN), rng.choice(FAMILY)
                authors.append(
                    Author(
                        name=f"{given} {family} {n}",
                        family_name=family,
                        slug=f"{run}-author-{n}",
                        short_bio=sentence(rng, 24),
                        full_bio=sentence(rng, 60),
                        sort_name=sort_key(f"{family} {given} {n}"),
                    )
                )
            authors = Author.objects.bulk_create(authors, batch_size=batch)
            positions = [
                Position(
                    author=a,
                    title=rng.choice(["Fellow", "Senior Fellow", "Director", "Global Fellow"]),
                    program=rng.choice(programs),
                    order=0,
                    start_date=datetime.date(2020, 1, 1),
                )
                for a in authors
            ]
            Position.objects.bulk_create(positions, batch_size=batch)
            topics = [
                Tag.objects.get_or_create(name=f"Topic {n}", defaults={"slug": f"topic-{n}"})[0]
                for n in range(300)
            ]
        self.progress("authors", author_count, author_count)

        post_type = Post.PostType.values
        content_type_id = None
        now = timezone.now()
        created = 0
        while created < posts:
            size = min(batch, posts - created)
            with transaction.atomic():
                rows = []
                bodies = []
                for n in range(created, created + size):
                    paragraphs = [
                        sentence(rng, rng.randint(20, 45)) for _ in range(rng.randint(4, 9))
                    ]
                    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
                    bodies.append(paragraphs)
                    program = rng.choice(programs)
                    published = now - datetime.timedelta(minutes=n * 7 + 1)
                    rows.append(
                        Post(
                            title=sentence(rng, rng.randint(4, 10))[:-1],
                            slug=f"{run}-post-{n}",
                            post_type=rng.choice(post_type),
                            dek=sentence(rng, 18),
                            body=body,
                            body_text=plain_text(body),
                            program=program,
                            series=series[programs.index(program)] if rng.random() < 0.4 else None,
                            status=Post.Status.PUBLISHED
                            if rng.random() < 0.97
                            else Post.Status.DRAFT,
                            publish_at=published,
                            first_published_at=published,
                        )
                    )
                made = Post.objects.bulk_create(rows, batch_size=batch)
                if content_type_id is None:
                    content_type_id = ContentType.objects.get_for_model(Post).pk
                bylines, quotes, tagged = [], [], []
                for post, paragraphs in zip(made, bodies, strict=True):
                    for position, author in enumerate(rng.sample(authors, rng.randint(1, 4))):
                        bylines.append(PostAuthor(post=post, author=author, position=position))
                    for order in range(rng.randint(0, 4)):
                        number = rng.randrange(len(paragraphs))
                        words = paragraphs[number].split()
                        quotes.append(
                            PullQuote(
                                post=post,
                                text=" ".join(words[:12]),
                                after_paragraph=number + 1,
                                order=order,
                            )
                        )
                    for tag in rng.sample(topics, rng.randint(1, 5)):
                        tagged.append(
                            TaggedItem(tag=tag, content_type_id=content_type_id, object_id=post.pk)
                        )
                PostAuthor.objects.bulk_create(bylines, batch_size=batch)
                PullQuote.objects.bulk_create(quotes, batch_size=batch)
                TaggedItem.objects.bulk_create(tagged, batch_size=batch)
            created += size
            self.progress("posts", created, posts)

        # Bulk inserts send no signals: the search index (PostgreSQL's entries, SQLite's
        # FTS5 table) is built once, at the end.
        self.stderr.write("search    building the search index…")
        search.reindex_all()
        # The planners choose indexes from statistics, which a bulk load leaves stale
        # (SQLite has none until ANALYZE runs).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {posts} posts and {author_count} authors in "
                f"{time.monotonic() - started:.0f} s."
            )
        )
