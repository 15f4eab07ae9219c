"""
Links in a body that readers could not follow. The sanitizer silently drops an address it
does not allow (`javascript:`, `htp://…`), which would leave the editor's link as plain
text without a word; the post form names each one instead, so the editor corrects it.
static/js/body-schema.js marks the same links in the editor, by the same rule.
"""

import re
from html.parser import HTMLParser

from .html import BARE_DOMAIN

# An address on our own site, a web address with a host name, or an e-mail address.
USABLE_ADDRESS = re.compile(
    r"""^(?:
        \#\S*                                          # a place on the same page
      | /(?!/)\S*                                      # a page of our own site
      | https?://[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:[/?\#]\S*)?   # a web address
      | mailto:[^\s@/]+@[\w-]+(?:\.[\w-]+)+            # an e-mail address
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


class _LinkFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # [address, text] of each link with an address
        self.open = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            # An anchor without an address (a bookmark pasted from Word) leads nowhere and
            # claims to lead nowhere: only an address given is checked.
            href = dict(attrs).get("href")
            link = [href, ""]
            if href is not None:
                self.links.append(link)
            self.open.append(link)

    def handle_endtag(self, tag):
        if tag == "a" and self.open:
            self.open.pop()

    def handle_data(self, data):
        for link in self.open:
            link[1] += data


# Addresses that are nobody's intent to publish: a script, or none at all (a web page's
# "javascript:void(0)" buttons, pasted). The sanitizer drops them and keeps the words, and
# there is nothing to tell the editor.
NO_ADDRESS = re.compile(r"^(?:(?:javascript|vbscript|data):.*)?$", re.IGNORECASE | re.DOTALL)


def is_usable(address: str) -> bool:
    """Whether readers can follow a link to `address` (a bare domain gets https://)."""
    address = address.strip()
    return bool(BARE_DOMAIN.match(address) or USABLE_ADDRESS.match(address))


def unusable_links(html: str) -> list[tuple[str, str]]:
    """(text, address) of each link in `html` that readers could not follow, in order."""
    finder = _LinkFinder()
    finder.feed(html or "")
    finder.close()
    return [
        (" ".join(text.split()), address)
        for address, text in finder.links
        if not is_usable(address) and not NO_ADDRESS.match(re.sub(r"[\x00-\x20]", "", address))
    ]
