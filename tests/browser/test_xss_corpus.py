"""
Stored XSS in a real browser: every payload of the corpus is written into every field a
contributor, editor or bio manager controls, and every page that shows those fields is
loaded in Chromium, as a reader and as a superuser in the admin. Nothing may run: no
alert, confirm, prompt or print, and no event handler, script URL, frame or unsigned inline
script in the page as the browser built it (which is where mutation XSS would show).
"""

import io
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.blog.xss_corpus import PAYLOADS
from tests.browser.pages import log_in

# Runs in the page after it loaded and painted once more, so autofocus and animations had
# their chance to fire.
INSPECT = """async () => {
  await new Promise(done => requestAnimationFrame(done));
  const found = [];
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data"];
  for (const element of document.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`${tag} ${name}`);
      if (name === "srcdoc") found.push(`${tag} srcdoc`);
      if (urlAttributes.includes(name) && /^(javascript|vbscript|data:text\\/html)/.test(value))
        found.push(`${tag} ${name}=${attribute.value}`);
    }
    // The post form's own preview beside it frames our preview of that post, no other page.
    const preview = tag === "iframe" && element.name === "post-preview"
      && /^[/]admin[/]blog[/]post[/][0-9]+[/]preview[/]$/.test(element.getAttribute("src") || "");
    if (["iframe", "frame", "object", "embed", "base", "portal"].includes(tag) && !preview)
      found.push(tag);
    if (tag === "meta" && element.httpEquiv) found.push(`meta http-equiv=${element.httpEquiv}`);
    if (tag === "script" && !element.src && !element.nonce
        && !["application/ld+json", "application/json"].includes(element.type))
      found.push("inline script without the page's nonce");
  }
  return found;
}"""

WATCH = """
window.print = () => alert("print()");
"""


def tiny_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), (20, 80, 120)).save(buffer, "JPEG")
    return buffer.getvalue()


# Post: title, dek, body, pull quote, hero alt text, caption, credit and file name, topic.
# Author: name, family name, short and full bio, position title and organization, link
# label and address.
FIELDS = 17


def hostile_content():
    """One published post per payload, with the payload in each of the FIELDS."""
    from blog import revisions
    from blog.models import Post, PostAuthor, PullQuote
    from core import images
    from people.models import Author, AuthorLink, Position
    from programs.models import Program

    program = Program.objects.first()
    image = tiny_jpeg()
    made = []
    for number, payload in enumerate(PAYLOADS):
        author = Author.objects.create(
            name=f"Ann {payload}"[:200],
            family_name=payload[:100] or "Ann",
            slug=f"xss-author-{number}",
            short_bio=payload,
            full_bio=payload,
        )
        Position.objects.create(
            author=author, title=payload[:200], organization=payload[:200], start_date="2020-01-01"
        )
        AuthorLink.objects.create(
            author=author, label=payload[:100], url=f"https://example.org/?q={payload}"[:200]
        )
        post = Post(
            title=f"Harbour {number} {payload}"[:300],
            slug=f"xss-{number}",
            dek=payload,
            body=f"<p>Harbour trade grew. {payload}</p><p>{payload}</p>",
            hero_alt=payload[:300],
            hero_caption=payload[:500],
            hero_credit=payload[:200],
            program=program,
            status=Post.Status.PUBLISHED,
            publish_at=timezone.now() - timezone.timedelta(hours=1),
        )
        # The file name as an upload would carry it; the image field cleans it.
        upload = images.clean_upload(SimpleUploadedFile(f"{payload}.jpg", image))
        post.hero_image.save(upload.name, upload, save=False)
        post.save()
        PostAuthor.objects.create(post=post, author=author, position=0)
        quote = PullQuote.objects.create(post=post, text=payload, after_paragraph=1)
        post.topics.set(["Harbours", f"T{number} {payload}"[:100]])
        revisions.record(post)
        post.dek = f"{payload} (revised)"
        post.save()
        revisions.record(post)
        topic = post.topics.exclude(name="Harbours").get()
        made.append((post, author, quote, topic))
    return made


@pytest.mark.system
def test_no_stored_payload_runs_in_any_field_or_context(site, new_page):
    made = hostile_content()
    executed, planted, contexts = [], [], set()

    def watch(page):
        page.add_init_script(WATCH)
        page.on(
            "dialog",
            lambda dialog: (executed.append((page.url, dialog.message)), dialog.dismiss()),
        )
        return page

    def visit(page, url, context):
        response = page.goto(site + url)
        if response.status == 404:
            return False
        assert response.status == 200, (context, url, response.status)
        planted.extend((context, url, finding) for finding in page.evaluate(INSPECT))
        contexts.add(context)
        return True

    reader = watch(new_page())
    admin = watch(new_page())
    log_in(admin, site)

    for post, author, quote, topic in made:
        path = post.get_absolute_url()
        for page, context, url in [
            (reader, "post page (with JSON-LD, OpenGraph, citation)", path),
            (reader, "pull quote share page", f"{path}quotes/{quote.pk}/"),
            (reader, "author page", author.get_absolute_url()),
            (reader, "topic page", f"/topics/{topic.slug}/"),
            (admin, "admin change form", f"/admin/blog/post/{post.pk}/change/"),
            (admin, "admin history", f"/admin/blog/post/{post.pk}/history/"),
            (admin, "admin revision diff", f"/admin/blog/post/{post.pk}/revisions/"),
            (admin, "admin author form", f"/admin/people/author/{author.pk}/change/"),
        ]:
            assert visit(page, url, context), (context, url, 404)

    for page, context, url in [
        (reader, "home page", "/"),
        (reader, "program page", made[0][0].program.get_absolute_url()),
        (admin, "admin author list", "/admin/people/author/"),
        (admin, "admin topic list", "/admin/taggit/tag/"),
    ]:
        assert visit(page, url, context), (context, url, 404)
    # Paged listings, each to its last page.
    for page, context, url in [
        (reader, "blog listing", "/blog/?page={}"),
        (reader, "search results (snippets)", "/search/?q=harbour&page={}"),
        (reader, "people directory", "/people/?page={}"),
        (admin, "admin change list", "/admin/blog/post/?p={}"),
    ]:
        number = 1
        while visit(page, url.format(number), context) and number < 20:
            number += 1

    # Last, as it moves the posts to the trash: the delete confirmation and its message.
    for post, *_ in made:
        visit(admin, f"/admin/blog/post/{post.pk}/delete/", "admin delete confirmation")
        admin.click("input[type=submit]")
        admin.wait_for_load_state()
        assert "is in the trash" in admin.inner_text(".messagelist")
        planted.extend(("admin message", admin.url, found) for found in admin.evaluate(INSPECT))
    contexts.add("admin message")

    print(
        f"\nStored XSS in Chromium: {len(PAYLOADS)} payloads × {FIELDS} fields × "
        f"{len(contexts)} contexts tried; executed: {len(executed)}; "
        f"live handlers or script URLs found: {len(planted)}",
        file=sys.stderr,
    )
    assert executed == []
    assert planted == []


def test_the_watch_sees_a_payload_that_does_run(new_page):
    """The same watch on a page that really is vulnerable: it must see both signs."""
    page = new_page()
    page.add_init_script(WATCH)
    seen = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    page.set_content('<img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>')
    found = page.evaluate(INSPECT)
    assert seen == ["1"]
    assert "img onerror" in found and "a href=javascript:alert(2)" in found
