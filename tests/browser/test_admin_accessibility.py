"""axe finds nothing serious on the editors' admin lists."""

import pytest

from tests.browser.pages import log_in
from tests.browser.test_accessibility import AXE_JS, AXE_OPTIONS, describe

# The post forms still have two findings: select2's boxes and the inline rows' delete boxes.
ADMIN_PAGES = ["/admin/blog/post/", "/admin/people/author/"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_editors_admin_screens_have_no_serious_axe_violations(site, new_page, path):
    page = new_page(bypass_csp=True)
    log_in(page, site)
    response = page.goto(site + path)
    assert response.status == 200, f"{path} answered {response.status}"
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    serious = [v for v in results["violations"] if v["impact"] in {"serious", "critical"}]
    assert not serious, f"axe found {len(serious)} serious violation(s) on {path}:" + describe(
        serious
    )
