import datetime

import pytest

from tests.factories import AuthorFactory, PositionFactory, author_with_a_former_title

pytestmark = pytest.mark.django_db


def test_titles_display_joins_current_positions_in_order():
    author = AuthorFactory()
    PositionFactory(author=author, title="Editor-at-Large", organization="Review", order=2)
    PositionFactory(author=author, title="Senior Advisor", order=0)
    PositionFactory(author=author, title="Editor-in-Chief", organization="The Letter", order=1)
    assert author.titles_display == (
        "Senior Advisor; Editor-in-Chief, The Letter; Editor-at-Large, Review"
    )


def test_titles_display_leaves_out_past_and_future_positions():
    author = AuthorFactory()
    today = datetime.date.today()
    PositionFactory(author=author, title="Fellow")
    PositionFactory(
        author=author, title="Former Director", end_date=today - datetime.timedelta(days=1)
    )
    PositionFactory(
        author=author, title="Incoming Chair", start_date=today + datetime.timedelta(days=30)
    )
    assert author.titles_display == "Fellow"


def test_author_page_shows_bio_and_only_published_posts(client):
    from blog.models import Post
    from tests.factories import PostFactory

    author = AuthorFactory(full_bio="First paragraph.\n\nSecond paragraph.")
    PostFactory(authors=[author], title="Live commentary")
    PostFactory(authors=[author], title="Unfinished draft", status=Post.Status.DRAFT)
    page = client.get(author.get_absolute_url()).content.decode()
    assert "<p>First paragraph.</p>" in page and "<p>Second paragraph.</p>" in page
    assert "Live commentary" in page
    assert "Unfinished draft" not in page


def test_unknown_author_answers_404(client):
    assert client.get("/people/nobody/").status_code == 404


def test_post_shows_titles_as_of_publication_when_they_changed(client):
    from bs4 import BeautifulSoup

    from tests.factories import PostFactory

    author = author_with_a_former_title()
    old = PostFactory(
        authors=[author], publish_at=datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)
    )
    new = PostFactory(authors=[author])

    def titles(post):
        soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
        return soup.find(class_="author-box__titles").get_text(" ", strip=True)

    assert titles(old) == "Visiting Scholar (at the time of publication)"
    assert titles(new) == "Senior Fellow"
    author_page = client.get(author.get_absolute_url()).content.decode()
    assert "Senior Fellow" in author_page and "Visiting Scholar" in author_page  # past, too


@pytest.mark.parametrize(
    ("credits", "expected"),
    [
        (["author"], "By Ann Ames"),
        (["author", "author"], "By Ann Ames and Ben Bell"),
        (["author", "co-author", "author"], "By Ann Ames, Ben Bell and Cy Cole"),
        (["author", "author", "translator"], "By Ann Ames and Ben Bell; translated by Cy Cole"),
        (["author", "with"], "By Ann Ames, with Ben Bell"),
        (["author", "with", "translator"], "By Ann Ames, with Ben Bell; translated by Cy Cole"),
        (
            ["author", "editor", "translator"],
            "By Ann Ames; translated by Cy Cole; edited by Ben Bell",
        ),
    ],
)
def test_byline_reads_naturally_for_each_credit(client, credits, expected):
    from bs4 import BeautifulSoup

    from blog.models import PostAuthor
    from tests.factories import PostFactory

    people = [AuthorFactory(name=n) for n in ["Ann Ames", "Ben Bell", "Cy Cole"][: len(credits)]]
    post = PostFactory(authors=[])
    for position, (person, role) in enumerate(zip(people, credits, strict=True)):
        PostAuthor.objects.create(post=post, author=person, role=role, position=position)
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    assert soup.find(class_="byline").get_text() == expected


def test_directory_sorts_accented_and_cyrillic_family_names_where_readers_look(client):
    from bs4 import BeautifulSoup

    for name, family in [
        ("Zoe Young", "Young"),
        ("Олег Жуков", "Жуков"),
        ("Ana Ávila", "Ávila"),
        ("Emre Öztürk", "Öztürk"),
        ("Lena Brandt", "Brandt"),
        ("Иван Петров", "Петров"),
    ]:
        author = AuthorFactory(name=name, family_name=family)
        PositionFactory(author=author)
    soup = BeautifulSoup(client.get("/people/").content, "html.parser")
    names = [h.get_text() for h in soup.select(".person-card__name")]
    assert names == [
        "Ana Ávila",
        "Lena Brandt",
        "Emre Öztürk",
        "Иван Петров",
        "Zoe Young",
        "Олег Жуков",
    ]


def test_directory_separates_current_former_and_guest_contributors(client):
    from bs4 import BeautifulSoup

    PositionFactory(author=AuthorFactory(name="Cara Current"))
    PositionFactory(author=AuthorFactory(name="Fred Former"), end_date=datetime.date(2020, 1, 1))
    AuthorFactory(name="Gina Guest")
    soup = BeautifulSoup(client.get("/people/").content, "html.parser")
    sections = {
        s.find("h2").get_text(): [h.get_text() for h in s.select(".person-card__name")]
        for s in soup.select("main section")
    }
    assert sections == {
        "Experts": ["Cara Current"],
        "Former staff and fellows": ["Fred Former"],
        "Guest contributors": ["Gina Guest"],
    }


def test_directory_filters_by_program_and_searches_by_name(client):
    from tests.factories import ProgramFactory

    program = ProgramFactory()
    PositionFactory(author=AuthorFactory(name="Paula Program"), program=program)
    PositionFactory(author=AuthorFactory(name="Otto Other"))
    page = client.get(f"/people/?program={program.slug}").content.decode()
    assert "Paula Program" in page and "Otto Other" not in page
    page = client.get("/people/?q=otto").content.decode()
    assert "Otto Other" in page and "Paula Program" not in page
    assert client.get("/people/?program=no-such-program").status_code == 404


def test_author_page_has_person_json_ld_with_job_title_and_affiliation(client):
    import json

    from bs4 import BeautifulSoup

    author = AuthorFactory(name="Ann Ames")
    PositionFactory(author=author, title="Senior Fellow")
    soup = BeautifulSoup(client.get(author.get_absolute_url()).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Person" and data["name"] == "Ann Ames"
    assert data["jobTitle"] == "Senior Fellow"
    assert data["affiliation"]["@type"] == "Organization"


def test_program_page_lists_leadership_and_experts(client):
    from tests.factories import ProgramFactory

    program = ProgramFactory()
    PositionFactory(author=AuthorFactory(name="Dana Director"), program=program, leadership=True)
    PositionFactory(author=AuthorFactory(name="Eli Expert"), program=program)
    PositionFactory(
        author=AuthorFactory(name="Pat Past"), program=program, end_date=datetime.date(2020, 1, 1)
    )
    page = client.get(program.get_absolute_url()).content.decode()
    assert page.index("Leadership") < page.index("Dana Director") < page.index("Eli Expert")
    assert "Pat Past" not in page


@pytest.mark.parametrize("kind", ["directory", "author", "program"])
def test_people_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, kind):
    from tests.factories import PostFactory, ProgramFactory

    program = ProgramFactory()
    from blog.models import PostAuthor

    # directory: count, authors, positions, programs for the filter; author: author, positions,
    # links, count, posts, bylines, then the posts they translated and those posts' bylines;
    # program: program, series, positions with people, their positions, count, posts, bylines.
    expected = {"directory": 4, "author": 8, "program": 7}[kind]

    def grow():
        author = AuthorFactory()
        PositionFactory.create_batch(3, author=author, program=program)
        PostFactory(authors=[author, main], program=program)
        translated = PostFactory(authors=[author], program=program)
        PostAuthor.objects.create(post=translated, author=main, role="translator", position=1)

    main = AuthorFactory()
    PositionFactory(author=main, program=program)
    url = {
        "directory": "/people/",
        "author": main.get_absolute_url(),
        "program": program.get_absolute_url(),
    }[kind]
    grow()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    for _ in range(5):
        grow()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_an_author_with_the_longest_names_the_form_allows_can_be_saved():
    # Transliterated, "Щ" is four letters: a sort key can outgrow the names it is made of.
    author = AuthorFactory(name="Щ" * 200, family_name="Щ" * 100, slug="shch")
    author.refresh_from_db()
    assert author.sort_name.startswith("shch")
    assert len(author.sort_name) <= 300
