"""Findings of the security review: a post's old address cannot be taken by another post,
and citation files carry any name or title intact."""

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection  # noqa: F401 -- read by the skipif condition below
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from blog.models import Post, PostSlug
from tests.concurrency import at_once
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, UserFactory, login
from tests.forms import change_data, post_form

pytestmark = pytest.mark.django_db

REFUSED = "This address was used by “Ports and Power” and still leads to it; choose another."


def renamed_post():
    """A published post moved from /blog/ports-and-power/ to /blog/ports-power-and-trade/."""
    post = PostFactory(title="Ports and Power", slug="ports-and-power")
    post.slug = "ports-power-and-trade"
    post.save()
    return post


def slug_errors(response):
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors.get("slug")


def assert_old_address_leads_to(client, post):
    response = client.get("/blog/ports-and-power/")
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()


# Old addresses ------------------------------------------------------------------------


def test_a_draft_cannot_take_a_renamed_posts_old_address(client, contributor):
    renamed = renamed_post()
    draft = PostFactory(authors=[contributor.author], status=Post.Status.DRAFT, publish_at=None)
    data = change_data(draft, slug="ports-and-power", status="draft")

    response = login(contributor).post(f"/admin/blog/post/{draft.pk}/change/", data)

    assert slug_errors(response) == [REFUSED]
    draft.refresh_from_db()
    assert draft.slug != "ports-and-power"
    assert_old_address_leads_to(client, renamed)


def test_a_contributor_cannot_start_a_draft_at_a_renamed_posts_old_address(client, contributor):
    renamed = renamed_post()
    data = post_form(
        ProgramFactory(), [contributor.author], [], title="Harbour notes", slug="ports-and-power"
    )
    data["status"] = "draft"

    response = login(contributor).post("/admin/blog/post/add/", data)

    assert slug_errors(response) == [REFUSED]
    assert Post.objects.count() == 1
    assert_old_address_leads_to(client, renamed)


def test_an_editor_cannot_give_a_post_a_renamed_posts_old_address(client, editor):
    renamed = renamed_post()
    other = PostFactory(title="Grain routes")

    response = login(editor).post(
        f"/admin/blog/post/{other.pk}/change/", change_data(other, slug="ports-and-power")
    )

    assert slug_errors(response) == [REFUSED]
    assert_old_address_leads_to(client, renamed)


def test_the_refusal_does_not_name_a_post_readers_cannot_see(contributor):
    renamed = renamed_post()
    renamed.status = Post.Status.DRAFT
    renamed.save()
    data = post_form(
        ProgramFactory(), [contributor.author], [], title="Harbour notes", slug="ports-and-power"
    )
    data["status"] = "draft"

    response = login(contributor).post("/admin/blog/post/add/", data)

    assert slug_errors(response) == [
        "This address was used by another post and is kept for it; choose another."
    ]
    assert "Ports and Power" not in response.content.decode()


def test_a_post_may_take_back_its_own_old_address(client, editor):
    renamed = renamed_post()

    response = login(editor).post(
        f"/admin/blog/post/{renamed.pk}/change/", change_data(renamed, slug="ports-and-power")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert client.get("/blog/ports-and-power/").status_code == 200
    assert client.get("/blog/ports-power-and-trade/")["Location"] == "/blog/ports-and-power/"


def test_saving_a_post_at_another_posts_old_address_is_refused():
    renamed = renamed_post()

    with pytest.raises(ValidationError) as refusal:
        PostFactory(title="Someone else", slug="ports-and-power")

    assert refusal.value.message_dict == {"slug": [REFUSED]}
    assert PostSlug.objects.get(slug="ports-and-power").post == renamed


def test_a_slug_made_from_the_title_skips_other_posts_old_addresses(client):
    renamed = renamed_post()

    post = PostFactory(title="Ports and Power", slug="")

    assert post.slug == "ports-and-power-2"
    assert_old_address_leads_to(client, renamed)


def test_loading_the_demo_again_leaves_a_renamed_demo_posts_old_address_to_it(client):
    call_command("load_demo", verbosity=0)
    post = Post.objects.published().order_by("pk").first()
    old_address = post.get_absolute_url()
    post.slug = f"{post.slug}-renamed"
    post.save()
    count = Post.objects.count()

    call_command("load_demo", verbosity=0)

    assert Post.objects.count() == count
    response = client.get(old_address)
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="concurrent requests need a database server (PostgreSQL)",
)
def test_a_rename_and_a_takeover_of_the_old_address_at_once_keep_the_redirect(client):
    post = PostFactory(title="Ports and Power", slug="ports-and-power")
    contributor = UserFactory(role="Contributors")
    AuthorFactory(name="Cora Writer", user=contributor)
    draft = PostFactory(authors=[contributor.author], status=Post.Status.DRAFT, publish_at=None)
    requests = [
        (
            login(UserFactory(role="Editors")),
            f"/admin/blog/post/{post.pk}/change/",
            change_data(post, slug="ports-power-and-trade"),
        ),
        (
            login(contributor),
            f"/admin/blog/post/{draft.pk}/change/",
            change_data(draft, slug="ports-and-power", status="draft"),
        ),
    ]
    outcomes = at_once(*requests)

    assert [getattr(outcome, "status_code", outcome) for outcome in outcomes] == [302, 200]
    post.refresh_from_db()
    assert_old_address_leads_to(client, post)


# Citation files -----------------------------------------------------------------------

TEX_SPECIALS = "{ } \\ % & $ # _ ~ ^"


def latex_to_text(value):
    """
    The text LaTeX would print for `value`. pylatexenc knows neither brace as a text
    symbol, and reads \\textasciicircum as the modifier letter ˆ rather than the ASCII ^.
    """
    symbols = get_default_latex_context_db()
    symbols.add_context_category(
        "ascii-symbols",
        prepend=True,
        macros=[
            MacroTextSpec("textasciicircum", "^"),
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
        ],
    )
    return LatexNodes2Text(latex_context=symbols).latex_to_text(value)


def served_entry(client, post):
    """The one entry of the post's served BibTeX file, as a BibTeX parser reads it."""
    response = client.get(f"{post.get_absolute_url()}cite.bib")
    assert response.status_code == 200
    parser = BibTexParser(ignore_nonstandard_types=False)
    entries = bibtexparser.loads(response.content.decode(), parser).entries
    assert len(entries) == 1, response.content.decode()
    return entries[0]


def served_ris(client, post):
    """The post's served RIS file as (tag, value) pairs."""
    response = client.get(f"{post.get_absolute_url()}cite.ris")
    assert response.status_code == 200
    return [tuple(line.split("  - ", 1)) for line in response.content.decode().split("\r\n")[:-1]]


def cited_post(family_names, **fields):
    authors = [AuthorFactory(name=f"Ann {family}", family_name=family) for family in family_names]
    return PostFactory(authors=authors, **fields)


def test_bibtex_writes_tex_special_characters_as_latex_commands(client):
    post = cited_post([TEX_SPECIALS])
    body = client.get(f"{post.get_absolute_url()}cite.bib").content.decode()
    assert (
        r"author = {\{ \} \textbackslash{} \% \& \$ \# \_ \textasciitilde{} \textasciicircum{}, Ann}"
        in body
    )


def test_bibtex_escapes_tex_special_characters_in_names(client):
    families = [f"O'Brien-{TEX_SPECIALS}", "100% R&D {Lab}_2 \\ $5 #1 ~x ^y"]
    post = cited_post(families)

    authors = served_entry(client, post)["author"].split(" and ")

    assert [latex_to_text(author) for author in authors] == [
        f"{family}, Ann" for family in families
    ]


def test_bibtex_keeps_an_unpaired_brace_from_breaking_the_entry(client):
    families = ["O}Brien", "{Left", "a}b{c"]
    post = cited_post(families, title="Ports { and power")

    entry = served_entry(client, post)

    assert [latex_to_text(a) for a in entry["author"].split(" and ")] == [
        f"{family}, Ann" for family in families
    ]
    assert latex_to_text(entry["title"]) == "Ports { and power"


def test_bibtex_escapes_tex_special_characters_in_the_title_and_container(client, settings):
    settings.SITE_NAME = "Institute for R&D {East} #1"
    title = f"Ports & power: 50% of {TEX_SPECIALS} trade"
    program = ProgramFactory(name="Seas_and_Straits $ ~ ^ \\ Program")
    post = cited_post(["Ames"], title=title, program=program)

    entry = served_entry(client, post)

    assert latex_to_text(entry["title"]) == title
    assert latex_to_text(entry["journal"]) == program.name
    assert latex_to_text(entry["publisher"]) == settings.SITE_NAME


def test_ris_carries_tex_special_characters_unchanged(client):
    title = f"Ports & power: 50% of {TEX_SPECIALS} trade"
    program = ProgramFactory(name="Seas_and_Straits $ ~ ^ \\ Program")
    post = cited_post([TEX_SPECIALS, "O}Brien"], title=title, program=program)

    lines = served_ris(client, post)

    assert [value for tag, value in lines if tag == "AU"] == [
        f"{TEX_SPECIALS}, Ann",
        "O}Brien, Ann",
    ]
    assert ("TI", title) in lines
    assert ("T2", program.name) in lines
