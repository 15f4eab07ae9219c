"""Under the Content-Security-Policy, public pages and the admin work with nothing blocked."""

import pytest

from tests.browser.pages import log_in

PAGES = [
    "/",
    "/blog/pipelines-ports-and-the-new-caspian-bargain/",
    "/search/?q=ports",
    "/admin/blog/post/{post}/change/",
    "/admin/blog/post/add/",
    "/admin/people/author/add/",
    "/admin/blog/post/calendar/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_content_security_policy_violation(site, page, path):
    from blog.models import Post

    post = Post.objects.get(slug="pipelines-ports-and-the-new-caspian-bargain")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    if path.startswith("/admin/"):
        log_in(page, site)
    response = page.goto(site + path.format(post=post.pk))
    assert response.ok
    page.wait_for_load_state("networkidle")
    if "change" in path or "add" in path:
        # The admin's scripts ran, the editor's modules through the import map included:
        # the body editor's toolbar and the select2 widgets are in place.
        assert page.locator(".select2").count() > 0
        if path.startswith("/admin/blog/post/"):
            assert page.locator(".prose-menubar").count() == 1
    assert violations == []
