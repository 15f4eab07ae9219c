"""Stored XSS: hostile text in every field an editor or bio manager controls is rendered
inert on every page and feed that shows it, and in the admin."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from blog.models import PostAuthor, PullQuote
from tests.blog.xss_corpus import PAYLOADS
from tests.factories import AuthorFactory, PositionFactory, PostFactory

pytestmark = pytest.mark.django_db

DANGEROUS_URL = ("javascript:", "data:text/html", "vbscript:")


def assert_inert(html, where):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), f"{where}: {element.name} {attribute}"
            values = value if isinstance(value, list) else [value]
            if attribute in {"href", "src", "action", "data", "formaction", "xlink:href"}:
                for item in values:
                    cleaned = "".join(str(item).split()).lower()
                    assert not cleaned.startswith(DANGEROUS_URL), f"{where}: {attribute}={item}"
        assert element.name not in {
            "iframe",
            "object",
            "embed",
            "base",
        } or where.startswith("admin"), f"{where}: <{element.name}>"
        if element.name == "script":
            kind = element.get("type", "text/javascript")
            if kind == "importmap":  # the editor's: data naming our own modules, not code
                addresses = json.loads(element.string)["imports"].values()
                assert all(url.startswith("/static/") for url in addresses), f"{where}: {element}"
                continue
            assert kind == "application/ld+json" or element.get("src"), f"{where}: inline script"
            if kind == "application/ld+json":
                assert "</script" not in (element.string or "").lower()
        if element.name == "meta" and element.get("http-equiv"):
            pytest.fail(f"{where}: meta http-equiv")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert_in_every_field_and_context(client, admin_client, payload):
    author = AuthorFactory(
        name=f"Ann {payload}", family_name=payload[:100], short_bio=payload, full_bio=payload
    )
    PositionFactory(author=author, title=payload, organization=payload)
    post = PostFactory(
        title=f"Ports {payload}",
        dek=payload,
        body=f"<p>Ports grew. {payload}</p><p>{payload}</p>",
        hero_caption=payload,
        hero_credit=payload,
        authors=[],
    )
    PostAuthor.objects.create(post=post, author=author, position=0)
    PullQuote.objects.create(post=post, text=payload, after_paragraph=1)
    post.topics.set(["Energy", f"T {payload}"[:100]])
    pages = {
        "post": post.get_absolute_url(),
        "listing": "/blog/",
        "home": "/",
        "search": "/search/?q=ports",
        "author": author.get_absolute_url(),
        "directory": "/people/",
        "program": post.program.get_absolute_url(),
        "citation": f"{post.get_absolute_url()}cite.bib",
        "admin list": "/admin/blog/post/",
        "admin form": f"/admin/blog/post/{post.pk}/change/",
        "admin author": f"/admin/people/author/{author.pk}/change/",
        "admin preview": f"/admin/blog/post/{post.pk}/preview/",
    }
    for where, url in pages.items():
        web = admin_client if where.startswith("admin") else client
        response = web.get(url)
        assert response.status_code == 200, (where, response.status_code)
        if response["Content-Type"].startswith("text/html"):
            assert_inert(response.content.decode(), where)
    for feed in ("/blog/feed/", "/blog/feed/atom/"):
        root = ET.fromstring(client.get(feed).content)
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1] in {"description", "summary", "content"}:
                # A feed reader unescapes these once and renders the result as HTML.
                assert_inert(element.text or "", feed)
