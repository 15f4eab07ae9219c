"""axe, signed in, finds nothing serious or critical on the editors' admin screens."""

import pytest

from blog.models import Post
from tests.browser.pages import log_in
from tests.browser.test_accessibility import AXE_JS, AXE_OPTIONS, describe

ADMIN_PAGES = [
    "/admin/blog/post/",
    "/admin/blog/post/add/",
    "change",
    "change-wide",  # the post form with the preview beside it
    "/admin/people/author/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_editors_admin_screens_have_no_serious_axe_violations(site, new_page, path):
    wide = path == "change-wide"
    page = new_page(
        bypass_csp=True, **({"viewport": {"width": 1600, "height": 1000}} if wide else {})
    )
    log_in(page, site)
    if path.startswith("change"):
        post = Post.objects.get(slug="pipelines-ports-and-the-new-caspian-bargain")
        path = f"/admin/blog/post/{post.pk}/change/"
    response = page.goto(site + path)
    assert response.status == 200, f"{path} answered {response.status}"
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    serious = [v for v in results["violations"] if v["impact"] in {"serious", "critical"}]
    assert not serious, f"axe found {len(serious)} serious violation(s) on {path}:" + describe(
        serious
    )
