"""An editor credits a translator in the post form; readers see the credit and the
citation names the translator as Chicago does."""

from playwright.sync_api import expect

from blog.models import Post
from people.models import Author
from tests.browser.pages import choose_autocomplete, log_in

SLUG = "pipelines-ports-and-the-new-caspian-bargain"


def test_an_editor_credits_a_translator_in_the_byline(page, site):
    post = Post.objects.get(slug=SLUG)
    translator = Author.objects.exclude(bylines__post=post).order_by("name").first()
    rows = post.bylines.count()
    log_in(page, site)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    page.get_by_role("button", name="Add another Author", exact=True).click()
    choose_autocomplete(page, f"id_bylines-{rows}-author", translator.family_name, translator.name)
    page.select_option(f"#id_bylines-{rows}-role", label="Translator")
    page.fill(f"#id_bylines-{rows}-position", str(rows))
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()
    expect(page.locator(".errornote")).to_have_count(0)

    page.goto(f"{site}/blog/{SLUG}/")
    expect(page.locator(".post-header .byline")).to_contain_text(
        f"translated by {translator.name}"
    )
    expect(page.locator(".cite")).to_contain_text(f"Translated by {translator.name}.")
    boxes = page.locator(".author-box__name")
    expect(boxes.filter(has_text=translator.name)).to_have_count(0)
