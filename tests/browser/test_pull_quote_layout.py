"""
Pull quotes never collide: with each other, with the body's lines, or with the viewport's
edge, at every width from a small phone to a wide desktop and wherever editors place them.
"""

import pytest

from tests.factories import PostFactory, PullQuoteFactory

WIDTHS = [320, 390, 768, 1024, 1280, 1440, 1920]
HEIGHT = 900
# Below this share of the column a line beside a quote reads as a ragged sliver.
MIN_LINE_SHARE = 0.45
# Sub-pixel rounding between boxes that merely touch is not a collision.
TOLERANCE = 0.5

# Several lines even at 1920 px, so that every paragraph has full lines to measure.
PARAGRAPHS = [
    "Ports on both shores of the Caspian are being dredged and widened for ships that have "
    "not yet come, and the harbour masters who oversee the work say openly that the cargo "
    "forecasts behind it were written for a sea that was a metre deeper than it is today.",
    "Freight rates tell the story better than any communiqué from a summit: a container "
    "crossing from Aktau to Baku costs more this year than it did five years ago, although "
    "the ferries are newer, the paperwork is shorter and the governments promise more.",
    "Governments promise corridors, but traders only want a predictable border, a tariff "
    "that does not change between the loading of a wagon and its arrival, and a customs "
    "officer who reads the same rules on Monday as on Friday, whoever is asking him.",
    "A shallower sea means smaller ships, and smaller ships mean higher costs per tonne, "
    "which no amount of new quay wall can offset; the engineers know this, and say so in "
    "their reports, which ministers then summarise in a sentence that leaves it out.",
    "The next decade will therefore be negotiated one berth at a time, by port authorities "
    "and shipping lines rather than by heads of state, and the corridor that wins will be "
    "the one whose rules are dull, stable and written down where everyone can read them.",
]
QUOTES = [
    "A container crossing from Aktau to Baku costs more this year than it did five years "
    "ago, although the ferries are newer and the paperwork is shorter.",
    "Traders only want a predictable border and a customs officer who reads the same rules "
    "on Monday as on Friday.",
]
# Which paragraph each quote follows (0 is before the first).
PLACEMENTS = {
    "two-after-one-paragraph": [2, 2],
    "after-adjacent-paragraphs": [2, 3],
    "after-the-last-paragraph": [len(PARAGRAPHS)],
    "before-the-first-paragraph": [0],
}

# The body column, each quote's box, and each body paragraph's line boxes: the rectangles
# of its text (Range.getClientRects) merged into one rectangle per line.
MEASURE = """() => {
  const body = document.querySelector(".post-body");
  const box = body.getBoundingClientRect();
  const style = getComputedStyle(body);
  const column = {
    left: box.left + parseFloat(style.paddingLeft),
    right: box.right - parseFloat(style.paddingRight),
  };
  column.width = column.right - column.left;
  const rect = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const quotes = Array.from(body.querySelectorAll(".pull-quote"))
    .map(q => rect(q.getBoundingClientRect()));
  const paragraphs = Array.from(body.querySelectorAll(":scope > p")).map(p => {
    const range = document.createRange();
    range.selectNodeContents(p);
    const lines = [];
    const fragments = Array.from(range.getClientRects())
      .filter(r => r.width > 0 && r.height > 0)
      .sort((a, b) => a.top - b.top || a.left - b.left);
    for (const r of fragments) {
      const line = lines.find(l => Math.abs(l.top - r.top) < 2);
      if (line) {
        line.left = Math.min(line.left, r.left);
        line.right = Math.max(line.right, r.right);
        line.bottom = Math.max(line.bottom, r.bottom);
      } else {
        lines.push(rect(r));
      }
    }
    return lines;
  });
  return {
    column, quotes, paragraphs,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}"""


def overlap(a, b):
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > TOLERANCE
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > TOLERANCE
    )


def collisions(layout, expected_quotes):
    """What is wrong with one measured layout, as readable lines (empty when all is well)."""
    problems = []
    quotes, paragraphs, column = layout["quotes"], layout["paragraphs"], layout["column"]
    if len(quotes) != expected_quotes or len(paragraphs) != len(PARAGRAPHS):
        problems.append(f"found {len(quotes)} quotes and {len(paragraphs)} paragraphs")
    for i, quote in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            if overlap(quote, quotes[j]):
                problems.append(f"quote {i + 1} overlaps quote {j + 1}")
        for number, lines in enumerate(paragraphs, start=1):
            if any(overlap(quote, line) for line in lines):
                problems.append(f"quote {i + 1} overlaps paragraph {number}'s text")
        if quote["left"] < -TOLERANCE or quote["right"] > layout["innerWidth"] + TOLERANCE:
            problems.append(f"quote {i + 1} leaves the viewport: {quote}")
    for number, lines in enumerate(paragraphs, start=1):
        # A paragraph's last line is as short as its last words: only full lines measure
        # the room the text is given.
        for line in lines[:-1]:
            width = line["right"] - line["left"]
            if width < MIN_LINE_SHARE * column["width"]:
                problems.append(
                    f"paragraph {number} has a line {width:.0f}px wide "
                    f"in a {column['width']:.0f}px column"
                )
                break
    if layout["scrollWidth"] > layout["innerWidth"]:
        problems.append(f"page scrolls sideways: {layout['scrollWidth']}px wide")
    return problems


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_pull_quotes_collide_with_nothing_at_any_width(live_server, new_page, placement):
    post = PostFactory(body="\n".join(f"<p>{text}</p>" for text in PARAGRAPHS))
    placed_after = PLACEMENTS[placement]
    for order, after in enumerate(placed_after):
        PullQuoteFactory(post=post, text=QUOTES[order], after_paragraph=after, order=order)

    page = new_page(viewport={"width": WIDTHS[0], "height": HEIGHT})
    page.goto(live_server.url + post.get_absolute_url())
    page.wait_for_load_state("networkidle")

    failures = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        layout = page.evaluate(MEASURE)
        failures += [f"{width}px: {problem}" for problem in collisions(layout, len(placed_after))]
    assert not failures, f"{placement}:\n" + "\n".join(failures)
