"""The importer's people: bylines from Co-Authors Plus terms or the post's creator, and
WordPress users and guest authors made into (or found again as) Folio's authors."""

import html

from django.db import transaction

from blog.slugs import unique_slug
from people.models import Author

from ..content import text_of
from ..models import ImportedAuthor


class PeopleMixin:
    """The importer's people: WordPress users and guest authors as Folio's authors."""

    def byline(self, item):
        """The item's authors in order: Co-Authors Plus terms if any, else its creator."""
        keys = []
        for term in item.terms:
            if term.domain != "author":
                continue
            nicename = term.slug.removeprefix("cap-")
            if term.name in self.catalogue.guests or nicename in self.catalogue.guests:
                keys.append(
                    ("guest", term.name if term.name in self.catalogue.guests else nicename)
                )
            elif term.name in self.catalogue.users:  # the term's name is the user's login
                keys.append(("user", term.name))
            elif nicename in self.catalogue.nicenames:
                keys.append(("user", self.catalogue.nicenames[nicename]))
            elif term.name or nicename:
                keys.append(("name", term.name or nicename))
        if not keys and item.creator:
            keys.append(("user", item.creator))
        authors = []
        for key in dict.fromkeys(keys):
            author = self.author(*key)
            if author is not None and author not in authors:
                authors.append(author)
        return authors

    def author(self, kind, login):
        key = f"{kind}:{login}"
        if key in self.authors:
            return self.authors[key]
        email, bio = "", ""
        if kind == "name" and "@" in login:
            return None  # an address is nobody's name, and private: never in a byline
        if kind == "guest":
            guest = self.catalogue.guests[login]
            linked = guest.meta.get("cap-linked_account", "")
            if linked and linked in self.catalogue.users:
                return self.author("user", linked)
            name = guest.meta.get("cap-display_name") or html.unescape(guest.title) or login
            last = guest.meta.get("cap-last_name", "")
            email, bio = (
                guest.meta.get("cap-user_email", ""),
                guest.meta.get("cap-description", ""),
            )
        elif kind == "user" and login in self.catalogue.users:
            user = self.catalogue.users[login]
            name = user.display_name or " ".join(p for p in (user.first_name, user.last_name) if p)
            name, last, email = name or login, user.last_name, user.email
        else:
            name, last = login, ""
        # As the fields hold them: a name of one long word is its own family name.
        name = " ".join(name.split())[:200] or login[:200] or "Unnamed author"
        last = (" ".join(last.split()) or name.split()[-1])[:100]
        email = email if len(email) <= 254 and "@" in email else ""
        author = None
        imported = ImportedAuthor.objects.filter(key=key).select_related("author").first()
        if imported is not None:
            author = imported.author
        elif not self.options.dry_run:
            author = Author.objects.filter(name=name).first()
            if author is None:
                author = Author.objects.create(
                    name=name,
                    family_name=last,
                    slug=unique_slug(name, Author.objects.all()),
                    short_bio=text_of(bio),
                )
                transaction.on_commit(lambda: self.report.count("author", "created"))
            ImportedAuthor.objects.create(key=key, email=email, author=author)
        elif kind != "name":
            self.report.count("author", "would be created")
        self.authors[key] = author
        return author
