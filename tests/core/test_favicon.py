"""The site's icon: linked from every page, the public site's and the admin's, and answered
at /favicon.ico, which browsers ask for whether a page links an icon or not."""

import pytest
from django.templatetags.static import static

ICON = "img/favicon.svg"


def icon_link():
    return f'<link rel="icon" href="{static(ICON)}" type="image/svg+xml">'


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/blog/", "/admin/login/"])
def test_pages_link_the_icon(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert icon_link() in response.content.decode()


@pytest.mark.django_db
def test_admin_pages_link_the_icon_once_signed_in(admin_client):
    assert icon_link() in admin_client.get("/admin/").content.decode()


def test_the_icon_is_served_as_svg(client):
    response = client.get(static(ICON))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_favicon_ico_redirects_for_good_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    # The file's stable name, not its hashed one: a browser keeps a permanent redirect
    # forever, and a hashed name disappears when the icon changes.
    assert response["Location"] == f"/static/{ICON}"
    assert client.get(response["Location"]).status_code == 200
