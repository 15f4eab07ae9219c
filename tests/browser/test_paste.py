"""
Pasting into the body editor keeps meaning and drops noise: from Word (desktop and web),
Google Docs, LibreOffice Writer and a web page, the same document arrives as the same
headings, paragraphs, bold, italic, link, lists and table, with no empty paragraphs, styles,
classes or scripts (clipboard fixtures in `paste_fixtures.py`).
"""

import pytest
from bs4 import BeautifulSoup

from blog.html import clean_body
from tests.browser.pages import BODY_AREA, log_in
from tests.browser.paste_fixtures import PASTES, WORD_NESTED_LISTS

PASTE = """(area, html) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "plain text fallback");
    area.focus();
    area.dispatchEvent(
        new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
    );
}"""


def texts(elements):
    return [" ".join(element.get_text().split()) for element in elements]


@pytest.fixture
def pasted(site, page):
    log_in(page, site)
    page.goto(f"{site}/admin/blog/post/add/")
    area = page.locator(BODY_AREA)
    area.wait_for()

    def paste(html):
        area.evaluate(PASTE, html)
        page.wait_for_function("document.querySelector('textarea#id_body').value !== ''")
        assert not page.evaluate("window.pastedScriptRan === true"), "the pasted script ran"
        return page.locator("textarea#id_body").input_value()

    return paste


@pytest.mark.parametrize("clipboard", PASTES.values(), ids=PASTES.keys())
def test_a_paste_keeps_the_documents_structure(pasted, clipboard):
    body = BeautifulSoup(pasted(clipboard), "html.parser")

    assert texts(body.find_all("h2")) == ["Ports of the Caspian"]
    paragraph = next(p for p in body.find_all("p") if "Freight" in p.get_text())
    assert texts(paragraph.find_all("strong")) == ["doubled"]
    assert texts(paragraph.find_all("em")) == ["ferries"]
    assert [(a["href"], a.get_text()) for a in paragraph.find_all("a")] == [
        ("https://example.org/ports", "the port data")
    ]
    assert [texts(lst.find_all("li")) for lst in body.find_all("ul")] == [["Aktau", "Baku"]]
    assert [texts(lst.find_all("li")) for lst in body.find_all("ol")] == [["Dredge", "Widen"]]
    rows = [texts(row.find_all(["th", "td"])) for row in body.find_all("tr")]
    assert rows == [["Year", "Tonnes"], ["2024", "2.1 million"]]


@pytest.mark.parametrize("clipboard", PASTES.values(), ids=PASTES.keys())
def test_a_paste_leaves_no_noise(pasted, clipboard):
    html = pasted(clipboard)
    body = BeautifulSoup(html, "html.parser")

    empty = [str(p) for p in body.find_all("p") if not p.get_text(strip=True)]
    assert empty == [], "empty paragraphs"
    assert [tag.name for tag in body.find_all(attrs={"style": True})] == []
    assert [tag.name for tag in body.find_all(attrs={"class": True})] == []
    assert not body.find_all(["script", "style", "button", "div", "span", "font"])
    assert "Share" not in body.get_text() and "Mso" not in html
    # What the editor sends is what the server stores.
    stored = BeautifulSoup(clean_body(html), "html.parser").get_text()
    assert "".join(stored.split()) == "".join(body.get_text().split())


def outline(list_element):
    """A list as (text, sublists) pairs, to compare nesting at a glance."""
    items = []
    for item in list_element.find_all("li", recursive=False):
        own = " ".join(" ".join(p.get_text().split()) for p in item.find_all("p", recursive=False))
        nested = [(sub.name, outline(sub)) for sub in item.find_all(["ul", "ol"], recursive=False)]
        items.append((own, nested) if nested else own)
    return items


def test_word_list_levels_paste_as_nested_lists(pasted):
    body = BeautifulSoup(pasted(WORD_NESTED_LISTS), "html.parser")
    top = [element for element in body.children if getattr(element, "name", None)]
    assert [element.name for element in top] == ["ul", "p", "ol"]
    assert outline(top[0]) == [
        ("Ports", [("ul", ["Aktau", "Baku"])]),
        ("Railways", [("ul", [("Middle Corridor", [("ul", ["Kazakh section"])])])]),
        "Pipelines",
    ]
    assert outline(top[2]) == [("Dredge", [("ol", ["Aktau first"])]), "Widen"]
