"""“Cite this”: a post as a Chicago, APA or MLA reference, BibTeX and RIS, and the
Google Scholar meta tags. Names come from the byline (family names first where a style
wants them), the container is the series or program, the publisher the institution."""

import re
from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

MONTHS_MLA = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
]  # fmt: skip

# BibTeX hands field values to LaTeX as they are: TeX's special characters as text.
TEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# BibTeX finds where a field ends by counting braces, escaped or not: an unpaired "\}"
# would end the field early, and BibTeX and reference managers drop the entry.
UNPAIRED_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
TEX_SPECIAL = re.compile(r"[\\{}%&$#_~^]")


def _given(author):
    """The given names: the display name without the family name."""
    given = author.name.replace(author.family_name, "", 1).strip() if author.family_name else ""
    return " ".join(given.split())


def _inverted(author):
    given = _given(author)
    return f"{author.family_name}, {given}" if given else author.name


def _initials(author):
    parts = re.split(r"[\s]+", _given(author))
    return " ".join(
        f"{p[0]}." if "-" not in p else "-".join(f"{q[0]}." for q in p.split("-") if q)
        for p in parts
        if p
    )


def _initialled(author):
    """“T. Herrera”: APA's order for a translator or an editor."""
    return (
        f"{_initials(author)} {author.family_name}".strip() if author.family_name else author.name
    )


def _braces_pair(value):
    depth = 0
    for character in value:
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


def tex_escaped(value):
    """`value` as LaTeX text in a BibTeX field: “50% R&D” → “50\\% R\\&D”."""
    escapes = TEX_ESCAPES if _braces_pair(value) else {**TEX_ESCAPES, **UNPAIRED_BRACES}
    return TEX_SPECIAL.sub(lambda match: escapes[match.group()], value)


def _join(names, conjunction="and", oxford=True):
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return (
            f"{names[0]}, {conjunction} {names[1]}"
            if oxford and "," in names[0]
            else f"{names[0]} {conjunction} {names[1]}"
        )
    return ", ".join(names[:-1]) + f", {conjunction} " + names[-1]


class Citation:
    def __init__(self, post):
        self.post = post
        # Without a byline the institution is the author, as style guides advise.
        self.authors = post.credited_authors or [
            SimpleNamespace(name=settings.SITE_NAME, family_name=settings.SITE_NAME)
        ]
        # Other credits, each named as its style's manual says, never as an author.
        self.contributors = post.credited("with")
        self.translators = post.credited("translator")
        self.editors = post.credited("editor")
        self.date = timezone.localdate(post.published_on)
        self.url = post.absolute_url()
        self.container = post.series.name if post.series_id else post.program.name
        self.publisher = settings.SITE_NAME

    def other_credits(self):
        """[“translated by A”, “edited by B and C”]: the credits Chicago and MLA name after
        the title, in the words both use."""
        return [
            f"{phrase} {_join([person.name for person in people])}"
            for phrase, people in (
                ("translated by", self.translators),
                ("edited by", self.editors),
            )
            if people
        ]

    # Each style as HTML (titles of containers in italics) and as plain text.
    def chicago_parts(self):
        names = [_inverted(a) if i == 0 else a.name for i, a in enumerate(self.authors)]
        authors = _join(names) if len(names) <= 10 else f"{names[0]} et al."
        if self.contributors:
            authors += ", with " + _join([person.name for person in self.contributors])
        credits = "".join(f"{credit[0].upper()}{credit[1:]}. " for credit in self.other_credits())
        date = f"{self.date:%B} {self.date.day}, {self.date.year}"
        return [
            (f"{authors.rstrip('.')}. “{self.post.title.rstrip('.')}.” {credits}", False),
            (self.container, True),
            (f" (blog), {self.publisher}, {date}. {self.url}.", False),
        ]

    def apa_parts(self):
        names = [f"{a.family_name}, {_initials(a)}".rstrip(", ") for a in self.authors]
        authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
        date = f"{self.date.year}, {self.date:%B} {self.date.day}"
        # APA names translators and editors after the title: “(T. Herrera, Trans.)”.
        credits = "; ".join(
            _join([_initialled(person) for person in people], "&", oxford=False)
            + f", {abbreviation}"
            for people, abbreviation in (
                (self.translators, "Trans."),
                (self.editors, "Ed." if len(self.editors) == 1 else "Eds."),
            )
            if people
        )
        title = f"{self.post.title} ({credits})" if credits else self.post.title
        return [
            (f"{authors} ({date}). {title}. ", False),
            (self.container, True),
            (f". {self.publisher}. {self.url}", False),
        ]

    def mla_parts(self):
        first = _inverted(self.authors[0])
        if len(self.authors) == 1:
            authors = first
        elif len(self.authors) == 2:
            authors = f"{first}, and {self.authors[1].name}"
        else:
            authors = f"{first}, et al"
        date = f"{self.date.day} {MONTHS_MLA[self.date.month - 1]} {self.date.year}"
        url = re.sub(r"^https?://", "", self.url)
        # MLA's “other contributors” of the source itself follow its title.
        credits = ", ".join(self.other_credits())
        credits = f"{credits[0].upper()}{credits[1:]}. " if credits else ""
        return [
            (f"{authors.rstrip('.')}. “{self.post.title.rstrip('.')}.” {credits}", False),
            (self.container, True),
            (f", {self.publisher}, {date}, {url}.", False),
        ]

    @staticmethod
    def html(parts):
        return mark_safe(  # noqa: S308 -- every part is escaped
            "".join(f"<i>{escape(text)}</i>" if italic else escape(text) for text, italic in parts)
        )

    @staticmethod
    def text(parts):
        return "".join(text for text, _ in parts)

    def styles(self):
        """[(name, html, plain text)] for the “Cite this” box."""
        return [
            (name, self.html(parts), self.text(parts))
            for name, parts in (
                ("Chicago", self.chicago_parts()),
                ("APA", self.apa_parts()),
                ("MLA", self.mla_parts()),
            )
        ]

    def bibtex(self):
        key = re.sub(r"[^a-z0-9]", "", (self.authors[0].family_name or "post").lower())
        key = f"{key}{self.date.year}{self.post.slug.split('-')[0]}"
        authors = " and ".join(tex_escaped(_inverted(a)) for a in self.authors)
        fields = [("author", authors)]
        fields += [
            (name, " and ".join(tex_escaped(_inverted(person)) for person in people))
            for name, people in (("translator", self.translators), ("editor", self.editors))
            if people
        ]
        fields += [
            ("title", "{" + tex_escaped(self.post.title) + "}"),
            ("journal", tex_escaped(self.container)),
            ("publisher", tex_escaped(self.publisher)),
            ("year", str(self.date.year)),
            ("month", self.date.strftime("%b").lower()),
            ("day", str(self.date.day)),
            ("url", self.url),
            ("urldate", timezone.localdate().isoformat()),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@online{{{key},\n{body}\n}}\n"

    def ris(self):
        lines = [("TY", "BLOG")]
        lines += [("AU", _inverted(a)) for a in self.authors]
        # A4 is RIS's translator (as Zotero and EndNote read it), ED its editor.
        lines += [("A4", _inverted(person)) for person in self.translators]
        lines += [("ED", _inverted(person)) for person in self.editors]
        lines += [
            ("TI", self.post.title),
            ("T2", self.container),
            ("PB", self.publisher),
            ("PY", str(self.date.year)),
            ("DA", self.date.strftime("%Y/%m/%d")),
            ("UR", self.url),
        ]
        if self.post.dek:
            lines.append(("AB", self.post.dek))
        lines.append(("ER", ""))
        return "\r\n".join(f"{tag}  - {' '.join(value.split())}" for tag, value in lines) + "\r\n"

    def scholar_meta(self):
        """(name, content) pairs for Google Scholar's citation_* meta tags."""
        tags = [("citation_title", self.post.title)]
        tags += [("citation_author", _inverted(a)) for a in self.authors]
        tags += [
            ("citation_publication_date", self.date.strftime("%Y/%m/%d")),
            ("citation_journal_title", self.container),
            ("citation_publisher", self.publisher),
            ("citation_fulltext_html_url", self.url),
        ]
        return tags
