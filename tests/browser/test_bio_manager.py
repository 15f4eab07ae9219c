"""
A bio manager's work in the real browser, from login to the author box under a post:

1. log in to the admin as a member of the "Bio managers" group (not the superuser): the
   index offers People/Authors and nothing of the blog, whose list answers 403;
2. add an author: name (the slug follows), a photo uploaded from disk, its description, a
   short bio and two positions in the inline, then "Save and continue editing";
3. click the right-hand part of the photo in the focal-point widget, save again, and read
   the two titles in the admin's preview of the author box;
4. with the author in a demo post's byline (bio managers cannot edit posts, so the ORM
   puts them there), an anonymous reader sees their "About the Author" box with the photo.
"""

import pytest
from django.contrib.auth.models import User
from PIL import Image
from playwright.sync_api import expect

from blog.models import Post, PostAuthor
from people.models import Author
from tests.factories import role_group

BIO_MANAGER = {"username": "bianca", "password": "tangerine lighthouse quarterly"}
POST_SLUG = "pipelines-ports-and-the-new-caspian-bargain"
NAME = "Saule Temirkhanova"
FAMILY_NAME = "Temirkhanova"
SLUG = "saule-temirkhanova"  # what the admin's URLify makes of the name
PHOTO_ALT = "Saule Temirkhanova in front of a bookcase"
SHORT_BIO = (
    "Saule Temirkhanova studies energy transit across the Caspian and the politics of "
    "the ports that carry it."
)
POSITIONS = [("Senior Fellow", "Caspian Institute"), ("Editor", "Eurasia Review")]
TITLES = "Senior Fellow, Caspian Institute; Editor, Eurasia Review"


@pytest.fixture
def bio_manager(transactional_db):
    """A staff account in the Bio managers group: authors yes, posts no."""
    user = User.objects.create_user(
        BIO_MANAGER["username"],
        password=BIO_MANAGER["password"],
        first_name="Bianca",
        last_name="Reyes",
        is_staff=True,
    )
    user.groups.add(role_group("Bio managers"))
    assert not user.is_superuser
    assert user.has_perm("people.add_author") and not user.has_perm("blog.view_post")
    return user


@pytest.fixture
def portrait(tmp_path):
    """An 800×600 JPEG, dark, with a bright yellow square on the right-hand side."""
    image = Image.new("RGB", (800, 600), (40, 50, 70))
    image.paste((255, 220, 0), (560, 200, 720, 360))
    path = tmp_path / "saule-portrait.jpg"
    image.save(path, format="JPEG", quality=90)
    return path


def log_in(page, site):
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.fill("#id_username", BIO_MANAGER["username"])
    page.fill("#id_password", BIO_MANAGER["password"])
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")


def save(page, button="_continue"):
    with page.expect_navigation():
        page.locator(f"input[name={button}]").first.click()
    errors = page.locator(".errornote, .errorlist li")
    if errors.count():
        pytest.fail("The admin refused to save: " + " | ".join(errors.all_inner_texts()))


def fill_position(page, index, title, organization):
    page.fill(f"#id_positions-{index}-title", title)
    page.fill(f"#id_positions-{index}-organization", organization)
    page.fill(f"#id_positions-{index}-order", str(index))


def test_bio_manager_adds_an_author_who_appears_under_a_post(
    site, bio_manager, new_page, portrait
):
    page = new_page()
    log_in(page, site)

    # The index: People/Authors, nothing of the blog.
    content = page.locator("#content-main")
    expect(content.locator(".app-people")).to_be_visible()
    expect(content.locator(".app-people caption")).to_contain_text("People")
    expect(content.get_by_role("link", name="Authors", exact=True)).to_be_visible()
    expect(content.locator(".app-blog")).to_have_count(0)
    expect(content.get_by_role("link", name="Posts", exact=True)).to_have_count(0)

    # The blog is closed to this role.
    response = page.goto(f"{site}/admin/blog/post/")
    assert response.status == 403

    # A new author: typing the name fills in the slug.
    page.goto(f"{site}/admin/people/author/add/")
    page.locator("#id_name").press_sequentially(NAME)
    page.fill("#id_family_name", FAMILY_NAME)
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    # No account field for a role that cannot see users.
    expect(page.locator("#id_user")).to_have_count(0)
    # No photo yet, so no focal-point widget.
    expect(page.locator(".focal-point")).to_have_count(0)

    page.set_input_files("#id_photo", str(portrait))
    page.fill("#id_photo_alt", PHOTO_ALT)
    page.fill("#id_short_bio", SHORT_BIO)

    # Two positions: the inline's blank row, then one more.
    expect(page.locator("#id_positions-0-title")).to_be_visible()
    expect(page.locator("#id_positions-1-title")).to_have_count(0)
    fill_position(page, 0, *POSITIONS[0])
    page.locator("#positions-group").get_by_role("button", name="Add another Position").click()
    fill_position(page, 1, *POSITIONS[1])

    save(page)
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    author = Author.objects.get(slug=SLUG)
    assert author.name == NAME and author.photo
    assert [(p.title, p.organization, p.order) for p in author.positions.all()] == [
        (*POSITIONS[0], 0),
        (*POSITIONS[1], 1),
    ]
    first_renditions = author.photo_renditions
    assert first_renditions["source"][1:] == [0.5, 0.5]

    # The focal-point widget shows the saved photo; the face is on the right.
    photo = page.locator(".focal-point img")
    expect(photo).to_be_visible()
    photo.scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('.focal-point img').complete "
        "&& document.querySelector('.focal-point img').naturalWidth > 0"
    )
    assert photo.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [800, 600]
    box = photo.bounding_box()
    photo.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.47})
    focal_x = float(page.locator("#id_photo_focal_x").input_value())
    focal_y = float(page.locator("#id_photo_focal_y").input_value())
    assert focal_x > 0.5, focal_x
    assert 0.35 < focal_y < 0.6, focal_y

    save(page)
    author.refresh_from_db()
    assert author.photo_focal_x == pytest.approx(focal_x)
    assert author.photo_renditions["source"][1:] == [author.photo_focal_x, focal_y]
    assert (
        author.photo_renditions["square-120"]["jpeg"] != first_renditions["square-120"]["jpeg"]
    ), "the square crops were not cut again around the new focal point"

    # The admin's preview of the author box, from the saved data.
    preview = page.locator(".field-author_box_preview .author-box")
    expect(preview.locator(".author-box__name")).to_have_text(NAME)
    expect(preview.locator(".author-box__titles")).to_have_text(TITLES)
    expect(preview.locator(".author-box__bio")).to_have_text(SHORT_BIO)

    # Bio managers cannot edit posts: the byline gets the author through the ORM.
    post = Post.objects.get(slug=POST_SLUG)
    PostAuthor.objects.create(post=post, author=author, position=5)

    # An anonymous reader, with cookies of their own.
    reader = new_page()
    response = reader.goto(f"{site}/blog/{POST_SLUG}/")
    assert response.status == 200
    boxes = reader.locator("section.author-box")
    assert boxes.count() >= 2, "the post's own author box is missing"
    box = boxes.filter(has=reader.locator(".author-box__name", has_text=NAME))
    expect(box).to_have_count(1)
    expect(box.locator(".author-box__heading")).to_have_text("About the Author")
    expect(box.locator(".author-box__name")).to_have_text(NAME)
    expect(box.locator(".author-box__titles")).to_have_text(TITLES)
    expect(box.locator(".author-box__bio")).to_have_text(SHORT_BIO)
    read_more = box.locator("a.read-more")
    expect(read_more).to_contain_text("Read More")
    expect(read_more).to_have_attribute("href", f"/people/{SLUG}/")

    image = box.locator("picture img")
    expect(image).to_have_count(1)
    expect(image).to_have_attribute("width", "120")
    expect(image).to_have_attribute("height", "120")
    expect(image).to_have_attribute("alt", PHOTO_ALT)
    image.scroll_into_view_if_needed()
    image.evaluate(
        """img => img.complete && img.naturalWidth > 0 ? true
            : new Promise((resolve, reject) => {
                img.addEventListener("load", () => resolve(true));
                img.addEventListener("error", () => reject(new Error("image failed: " + img.currentSrc)));
            })"""
    )
    assert image.evaluate("img => img.naturalWidth") > 0, image.evaluate("i => i.currentSrc")

    # "Read More" leads to the author's page.
    with reader.expect_navigation():
        read_more.click()
    assert reader.url == f"{site}/people/{SLUG}/"
    expect(reader.locator("h1")).to_have_text(NAME)
