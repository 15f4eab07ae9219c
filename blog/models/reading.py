"""How readers see a post: byline phrasing, author boxes, the body with its pull quotes,
citations' and sharing's data. Post inherits these; they read what `for_page()` prefetched."""

import html
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from taggit.models import Tag

from core import dates, images, languages

from ..embeds import render_embeds
from ..html import (
    Passages,
    number_footnotes,
    split_blocks,
)
from .bylines import PostAuthor
from .figures import render_figures
from .pull_quotes import PullQuote
from .querysets import RELATED_POSTS


def in_language_order(posts):
    """`posts` in the order of settings.LANGUAGES (then by id)."""
    order = [code for code, _ in settings.LANGUAGES]
    return sorted(
        posts, key=lambda p: (order.index(p.language) if p.language in order else len(order), p.pk)
    )


@dataclass(frozen=True)
class BodyPart:
    html: str = ""
    pull_quote: "PullQuote | None" = None


class PostReading:
    """What the commentary page, feeds and citations read of a post."""

    @cached_property
    def topics_by_name(self):
        """The post's topics by name, in one query of the topic index (cheaper to build
        than taggit's prefetch, which the commentary page would spend it on anyway)."""
        return list(
            Tag.objects.filter(
                taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(self),
                taggit_taggeditem_items__object_id=self.pk,
            ).order_by("name")
        )

    @cached_property
    def byline(self):
        """Everyone in the byline, whatever their credit, in byline order (uses the
        prefetched bylines)."""
        return [byline.author for byline in self.bylines.all()]

    def credited(self, *roles):
        """The people credited with any of `roles` (PostAuthor.Role values), in order."""
        return [byline.author for byline in self.bylines.all() if byline.role in roles]

    @property
    def credit_heading(self):
        """What a person did for this post, as their page heads the list
        (“Translated by”); for posts read with `other_work_of()`."""
        return PostAuthor.CREDIT_HEADINGS[self.credit]

    @cached_property
    def credited_authors(self):
        """
        The post's authors: those credited as author or co-author. Citations, feeds,
        share cards and `citation_author` name these alone; a translator, an editor or a
        “with” contributor is credited as such. A byline with no author at all (kept from
        before credits were checked) falls back to everyone in it.
        """
        return self.credited(*PostAuthor.AUTHOR_ROLES) or self.byline

    @cached_property
    def byline_parts(self):
        """
        The byline as phrases, each with its people in order:
        [("By", [A, B]), ("with", [C]), ("translated by", [D])] reads
        “By A and B, with C; translated by D”.
        """
        groups = {}
        for byline in self.bylines.all():
            groups.setdefault(PostAuthor.BYLINE_PHRASES[byline.role], []).append(byline.author)
        order = list(dict.fromkeys(PostAuthor.BYLINE_PHRASES.values()))
        return [(phrase, groups[phrase]) for phrase in order if phrase in groups]

    @cached_property
    def author_boxes(self):
        """
        One “About the Author” box per person who wrote the post (author, co-author or
        “with”; not the translator or the editor), with their titles as they were when the
        post appeared if those differ from today's. On a post in another language than
        the site's, a person's titles and short bio are those kept for that language
        (AuthorTranslation, read with the bylines by `for_page()`), or the site's own,
        with the language they are in, so the page can mark them.
        """
        boxes = []
        site_language = languages.default_language()
        for byline in self.bylines.all():
            if byline.role not in PostAuthor.WRITING_ROLES:
                continue
            author = byline.author
            now, then = author.titles_display, self.titles_as_published(author)
            box = {
                "author": author,
                "titles": then,
                "titles_language": site_language,
                "as_published": then != now,
                "bio": author.short_bio,
                "bio_language": site_language,
            }
            # Translated titles are today's: when the titles have changed since, the
            # site's own, as they were then, are the right ones. (Bylines read without
            # for_page(), as a post built in memory has, carry no translations.)
            if getattr(byline, "translated_titles", "") and not box["as_published"]:
                box.update(titles=byline.translated_titles, titles_language=self.language)
            if getattr(byline, "translated_bio", ""):
                box.update(bio=byline.translated_bio, bio_language=self.language)
            boxes.append(box)
        return boxes

    def titles_as_published(self, author):
        """`author`'s titles on the day the post appeared (today's if none were dated then):
        what the author box and the JSON-LD both name."""
        published = timezone.localdate(self.published_on) if self.published_on else None
        now = author.titles_display
        return (author.titles_on(published) if published else now) or now

    @cached_property
    def summary(self):
        """Plain-text summary for listings, meta descriptions and feeds (read four times
        by the commentary page)."""
        text = self.dek or strip_tags(self.body)
        return Truncator(" ".join(text.split())).chars(300)

    @property
    def has_embeds(self):
        """Whether the body holds an embed (the page then loads the script that plays one)."""
        return 'class="embed"' in self.body

    @cached_property
    def body_parts(self):
        """
        The body's paragraphs with each pull quote set after the paragraph that holds its
        passage, or the one the editor chose (`PullQuote.placement`), as a list of BodyPart
        (either `html` or `pull_quote`). Quotes after one paragraph keep their order.
        """
        blocks = split_blocks(render_figures(render_embeds(self.rendered_body[0])))
        quotes = sorted(self.pull_quotes.all(), key=lambda q: (q.order, q.pk or 0))
        # Passages are looked for in the body as written, since numbered footnote markers
        # would add their numbers to the text; numbering footnotes leaves the blocks as they
        # are. Quotes placed by number need only the count of blocks.
        written = split_blocks(self.body) if any(q.is_anchored for q in quotes) else blocks
        passages = Passages(written)
        quotes_after = {}
        for quote in quotes:
            position = min(quote.placement(passages), len(blocks))
            quotes_after.setdefault(position, []).append(quote)
        parts = [BodyPart(pull_quote=quote) for quote in quotes_after.get(0, [])]
        for number, block in enumerate(blocks, start=1):
            parts.append(BodyPart(html=mark_safe(block)))  # noqa: S308 -- sanitized on save
            parts.extend(BodyPart(pull_quote=quote) for quote in quotes_after.get(number, []))
        return parts

    @cached_property
    def rendered_body(self):
        """The body with footnote markers numbered, and the list of (number, note html)."""
        return number_footnotes(self.body)

    @property
    def footnotes(self):
        return self.rendered_body[1]

    def paragraph_choices(self):
        """(number, label) for each paragraph, to place pull quotes: “3 — Freight on the…”."""
        choices = [(0, "Before the first paragraph")]
        for number, block in enumerate(split_blocks(self.body), start=1):
            # strip_tags keeps entities (&nbsp;, &amp;), which the select would show as
            # written; split() also folds the non-breaking spaces they become.
            text = html.unescape(strip_tags(block))
            words = Truncator(" ".join(text.split())).words(8)
            choices.append((number, f"After paragraph {number}: {words}"))
        return choices

    def related_posts(self):
        """
        Up to three published posts sharing the most topics, then the same program, newest
        first, as cards with their bylines (see `PostQuerySet.related_to`): two queries.
        """
        post_type = ContentType.objects.get_for_model(self).pk  # cached by Django
        related = type(self).objects.related_to(self.pk, self.program_id, post_type)
        return list(related[:RELATED_POSTS])

    def absolute_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @cached_property
    def versions(self):
        """
        The published versions of this post, itself included, in the order of
        settings.LANGUAGES: the original and its translations. Empty unless there are two
        or more, so a post on its own announces no alternates. One query, and none for a
        post read with `for_page()` that neither translates nor is translated.
        """
        if not self.translation_of_id and not getattr(self, "has_translations", True):
            return []
        original = self.translation_of_id or self.pk
        posts = (
            type(self)
            .objects.published()
            .filter(models.Q(pk=original) | models.Q(translation_of=original))
        )
        posts = list(posts.only("slug", "title", "language", "translation_of"))
        return in_language_order(posts) if len(posts) > 1 else []

    @property
    def other_versions(self):
        """The published versions in other languages, for the language switcher."""
        return [version for version in self.versions if version.pk != self.pk]

    @property
    def original_version(self):
        """The published original of the group (`x-default`), or None."""
        original = self.translation_of_id or self.pk
        return next((version for version in self.versions if version.pk == original), None)

    @property
    def is_outdated(self):
        """Whether this translation's original body changed after it was last saved."""
        original = self.translation_of
        return bool(
            original
            and original.body_changed_at
            and self.modified_at
            and original.body_changed_at > self.modified_at
        )

    @property
    def language_name(self):
        """The post's language named in itself (“Русский”)."""
        return languages.local_name(self.language)

    @property
    def og_locale(self):
        return languages.og_locale(self.language)

    def share_image_url(self):
        """The 1200×630 card a shared link shows: the hero image, else the first author's
        photo."""
        name = self.hero_renditions.get("share", {}).get("jpeg")
        for author in self.credited_authors:
            name = name or author.share_image_name
        return settings.SITE_URL + images.url(name) if name else ""

    def structured_data(self):
        """schema.org JSON-LD for the commentary page, with every author as a Person."""
        kind = "BlogPosting" if self.post_type == self.PostType.BLOG_POST else "NewsArticle"
        data = {
            "@context": "https://schema.org",
            "@type": kind,
            "headline": self.title,
            "description": self.summary,
            "url": self.absolute_url(),
            "mainEntityOfPage": self.absolute_url(),
            "datePublished": dates.machine_time(self.published_on) or None,
            "dateModified": dates.machine_time(self.last_modified) or None,
            "author": [self.person_data(author) for author in self.credited_authors],
            "publisher": {
                "@type": "Organization",
                "name": settings.SITE_NAME,
                "url": settings.SITE_URL + "/",
            },
            "keywords": [topic.name for topic in self.topics_by_name],
            "articleSection": self.program.name,
        }
        data["inLanguage"] = self.language
        original = self.original_version
        if original and original.pk != self.pk:
            data["translationOfWork"] = {
                "@id": original.absolute_url(),
                "url": original.absolute_url(),
            }
        elif original:
            data["workTranslation"] = [
                {"@id": v.absolute_url(), "url": v.absolute_url(), "inLanguage": v.language}
                for v in self.other_versions
            ]
        if image := self.share_image_url():
            data["image"] = image
        if self.series_id:
            data["isPartOf"] = {
                "@type": "Blog",
                "name": self.series.name,
                "url": settings.SITE_URL + self.series.get_absolute_url(),
            }
        for key, role in (
            ("contributor", "with"),
            ("translator", "translator"),
            ("editor", "editor"),
        ):
            if people := self.credited(role):
                data[key] = [self.person_data(person) for person in people]
        return data

    def person_data(self, author):
        """`author` as a schema.org Person, with their titles as the post's box shows them."""
        return author.person_data(titles=self.titles_as_published(author))
