"""axe-core finds no WCAG 2.x A/AA or best-practice violations on the public pages."""

from pathlib import Path

import axe_playwright_python
import pytest

from tests.pages import PUBLIC_PAGES as PAGES

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}


def describe(violations):
    """The violations as readable text: rule, impact, help, then each failing node."""
    lines = []
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:200]}")
            for summary in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {summary.strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.strip("/") or "home")
def test_page_has_no_axe_violations(site, new_page, path):
    # axe-core is injected as an inline script, which the site's CSP rightly blocks.
    page = new_page(bypass_csp=True)
    response = page.goto(site + path)
    expected = 404 if "no-such" in path else 200
    assert response.status == expected, f"{path} answered {response.status}"
    page.wait_for_load_state("networkidle")

    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)

    violations = results["violations"]
    assert not violations, f"axe found {len(violations)} violation(s) on {path}:" + describe(
        violations
    )
