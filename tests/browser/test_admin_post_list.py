"""The editors' post list reads at a laptop's width: titles in a few lines, dates whole."""

from tests.browser.pages import log_in
from tests.factories import AuthorFactory, PostFactory

LAPTOP = {"width": 1280, "height": 800}
MAX_TITLE_LINES = 3
# Long but real titles (about 100 characters), under a long byline.
TITLES = [
    "Pipelines, ports and the new Caspian bargain: what a shallower sea means for freight "
    "and ferries",
    "Why the Aral Basin still matters to Central Asian water diplomacy, and what Kazakhstan "
    "should do next",
    "What sanctions cannot do: export controls, shadow fleets and the limits of financial "
    "pressure",
]

# Per row: the title's number of lines (its text's rectangles, one top per line), and
# whether the publication time's cell shows all of its text inside the visible table.
MEASURE = """() => {
  const results = document.querySelector("#changelist .results");
  const visible = results.getBoundingClientRect();
  const rows = Array.from(document.querySelectorAll("#result_list tbody tr")).map(row => {
    const range = document.createRange();
    range.selectNodeContents(row.querySelector(".field-title"));
    const tops = new Set(Array.from(range.getClientRects())
      .filter(r => r.width > 0).map(r => Math.round(r.top)));
    const time = row.querySelector(".field-publication_time");
    const box = time.getBoundingClientRect();
    return {
      title: row.querySelector(".field-title").textContent.trim(),
      lines: tops.size,
      time: time.textContent.trim(),
      timeVisible: box.left >= visible.left - 0.5 && box.right <= visible.right + 0.5
        && time.scrollWidth <= time.clientWidth,
    };
  });
  const header = document.querySelector("#result_list thead .column-publication_time")
    .getBoundingClientRect();
  return {
    rows,
    headerVisible: header.right <= visible.right + 0.5,
    tableScrolls: results.scrollWidth > results.clientWidth,
    pageScrolls: document.documentElement.scrollWidth > innerWidth,
  };
}"""


def test_post_list_at_1280px_keeps_titles_short_and_dates_whole(site, new_page):
    author = AuthorFactory(name="Anastasia Voskresenskaya-Rahimova")
    for title in TITLES:
        PostFactory(title=title, authors=[author])
    page = new_page(viewport=LAPTOP)
    log_in(page, site)

    page.goto(f"{site}/admin/blog/post/")
    layout = page.evaluate(MEASURE)

    long_rows = [row for row in layout["rows"] if row["title"] in TITLES]
    assert len(long_rows) == len(TITLES)
    assert [row for row in layout["rows"] if row["lines"] > MAX_TITLE_LINES] == []
    assert [row for row in layout["rows"] if not row["timeVisible"]] == []
    assert layout["headerVisible"]
    assert not layout["tableScrolls"]
    assert not layout["pageScrolls"]
