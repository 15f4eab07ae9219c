import datetime

import factory
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from blog.models import Post, PostAuthor, PullQuote
from blog.roles import role_group
from core.text import transliterate
from people.models import Author, Position
from programs.models import Program, Series

PARAGRAPHS = [
    "Ports on both shores are being dredged and widened for ships that have not yet come.",
    "Freight rates tell the story better than any communiqué from a summit.",
    "Governments promise corridors; traders only want a predictable border.",
    "A shallower sea means smaller ships, and smaller ships mean higher costs.",
    "The next decade will be negotiated one berth at a time.",
]


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    short_description = factory.LazyAttribute(lambda o: f"The {o.name} studies the region.")
    description = factory.LazyAttribute(lambda o: f"The full story of the {o.name}.")


class SeriesFactory(DjangoModelFactory):
    class Meta:
        model = Series

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author Number{n}")
    family_name = factory.LazyAttribute(lambda o: o.name.split()[-1])
    slug = factory.LazyAttribute(lambda o: slugify(transliterate(o.name)))
    short_bio = factory.LazyAttribute(lambda o: f"{o.name} writes about ports.")


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    author = factory.SubFactory(AuthorFactory)
    title = "Fellow"
    start_date = datetime.date(2020, 1, 1)


def author_with_a_former_title():
    """A person who was a Visiting Scholar in 2020–2022 and is a Senior Fellow since 2023."""
    author = AuthorFactory()
    PositionFactory(
        author=author,
        title="Visiting Scholar",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2022, 12, 31),
    )
    PositionFactory(author=author, title="Senior Fellow", start_date=datetime.date(2023, 1, 1))
    return author


class PostFactory(DjangoModelFactory):
    """A published post, live since yesterday, with one author unless `authors` is given
    (people, or (person, credit) pairs for other credits than author)."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Commentary number {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    dek = "What changes when the sea gets shallower."
    body = "\n".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    program = factory.SubFactory(ProgramFactory)
    status = Post.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @factory.post_generation
    def authors(post, create, extracted, **kwargs):
        if not create:
            return
        for position, author in enumerate([AuthorFactory()] if extracted is None else extracted):
            author, role = author if isinstance(author, tuple) else (author, "author")
            PostAuthor.objects.create(post=post, author=author, role=role, position=position)


class PullQuoteFactory(DjangoModelFactory):
    class Meta:
        model = PullQuote

    post = factory.SubFactory(PostFactory)
    text = PARAGRAPHS[1]
    after_paragraph = 1


class UserFactory(DjangoModelFactory):
    """A staff account in one of the roles ("Editors", "Contributors", "Bio managers")."""

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(role_group(extracted))


def login(user):
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client
