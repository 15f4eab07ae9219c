"""Revisions of posts: what each save stored, readable diffs between two, and restoring."""

import datetime
import difflib
import itertools

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from people.models import Author

from .html import FOOTNOTE, number_footnotes, plain_text, split_blocks
from .models import PostAuthor, PullQuote, Revision

FIELDS = ["title", "slug", "post_type", "dek", "body", "status", "publish_at"]


def snapshot(post):
    """The post as stored now, with its byline, topics and pull quotes, as plain data."""
    data = {field: getattr(post, field) for field in FIELDS}
    data["publish_at"] = post.publish_at.isoformat() if post.publish_at else None
    data["program"] = post.program_id
    data["series"] = post.series_id
    data["authors"] = [
        {"id": byline.author_id, "name": byline.author.name, "role": byline.role}
        for byline in post.bylines.select_related("author").order_by("position", "id")
    ]
    data["topics"] = sorted(post.topics.names())
    data["pull_quotes"] = [
        {
            "id": quote.pk,
            "text": quote.text,
            "after_paragraph": quote.after_paragraph,
            "order": quote.order,
        }
        for quote in post.pull_quotes.order_by("order", "id")
    ]
    return data


def record(post, user=None, note=""):
    """Store the post's current state as a new revision."""
    return Revision.objects.create(
        post=post,
        version=post.version,
        user=user if user and user.is_authenticated else None,
        note=note,
        data=snapshot(post),
    )


@transaction.atomic
def restore(post, revision, user=None):
    """Bring back a revision's title, text, byline, topics and pull quotes. The restore is
    itself saved as a new revision, so the state it replaced is kept too."""
    data = revision.data
    for field in ["title", "post_type", "dek", "body"]:
        setattr(post, field, data[field])
    post.save()
    existing = set(
        Author.objects.filter(pk__in=[a["id"] for a in data["authors"]]).values_list(
            "pk", flat=True
        )
    )
    kept = [a for a in data["authors"] if a["id"] in existing]  # people deleted since are left out
    if kept:
        post.bylines.all().delete()
        for position, author in enumerate(kept):
            PostAuthor.objects.create(
                post=post,
                author_id=author["id"],
                role=author.get("role", PostAuthor.Role.AUTHOR),
                position=position,
            )
    author = getattr(user, "author", None) if user is not None else None
    contributor = author is not None and not user.has_perm("blog.publish_post")
    if contributor and not post.bylines.filter(author=author).exists():
        # A contributor never restores themselves out of their own post.
        PostAuthor.objects.create(post=post, author=author, position=post.bylines.count())
    post.topics.set(data["topics"])
    post.pull_quotes.all().delete()
    # Restored quotes keep the ids they had, so that a comparison matches each to itself;
    # an id some other quote holds now (after an archive import, say) is left to the
    # database to give.
    wanted = [quote["id"] for quote in data["pull_quotes"] if quote.get("id")]
    taken = set(PullQuote.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    for quote in data["pull_quotes"]:
        PullQuote.objects.create(
            pk=None if quote.get("id") in taken else quote.get("id"),
            post=post,
            text=quote["text"],
            after_paragraph=quote["after_paragraph"],
            order=quote["order"],
        )
    return record(post, user, note=f"Restored revision {revision.version}")


def _words_diff(old, new):
    """Inline word diff as HTML: removed words in <del>, added words in <ins>."""
    old_words, new_words = old.split(), new.split()
    pieces = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            pieces.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
    return mark_safe(" ".join(pieces))  # noqa: S308 -- every piece is escaped


def _paragraphs(body):
    return [plain_text(block) for block in split_blocks(body)]


def _body_rows(old_body, new_body):
    """The body's changed paragraphs, each as an inline word diff; unchanged ones skipped.
    Footnotes are left out here: they are compared on their own (`_footnote_rows`)."""
    old, new = _paragraphs(old_body), _paragraphs(new_body)
    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        rows.append(_words_diff("\n".join(old[a1:a2]), "\n".join(new[b1:b2])))
    if not rows and FOOTNOTE.sub("", old_body) != FOOTNOTE.sub("", new_body):
        # The words are the same but the markup is not (emphasis, a link, a heading):
        # a change readers see, so it is reported, though it has no words to show.
        rows.append("Formatting or links changed; the words are the same.")
    return rows


def instant(value):
    """
    A stored time (ISO 8601 text, as `snapshot` keeps it) as an aware datetime to the
    second, the precision the post form offers: the same moment written in another zone or
    with microseconds is then equal. None for no time; text that is not a time is returned
    as it is, so it is still compared.
    """
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    if timezone.is_naive(moment):
        # Django reads a time without a zone in the site's zone; so do revisions.
        moment = timezone.make_aware(moment)
    return moment.replace(microsecond=0)


def _time_rows(old, new):
    """Both times, whole, in the site's time zone as the post list shows them; with
    seconds when a second is what differs."""
    seconds = any(isinstance(m, datetime.datetime) and m.second for m in (old, new))
    pattern = "%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z"

    def shown(moment):
        if moment is None:
            return "—"
        if isinstance(moment, datetime.datetime):
            return timezone.localtime(moment).strftime(pattern)
        return str(moment)

    return [format_html("<del>{}</del> <ins>{}</ins>", shown(old), shown(new))]


def _footnotes(body):
    return [plain_text(note) for _, note in number_footnotes(body or "")[1]]


def _footnote_rows(old_body, new_body):
    """
    Each footnote that differs, by number: removed (its number in the older version),
    added or changed (its number in the newer one, and the older number if it moved).
    Notes are lined up by their text, so deleting note 2 shows note 2 removed rather than
    every later note changed.
    """
    old, new = _footnotes(old_body), _footnotes(new_body)
    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(a2 - a1, b2 - b1)
        for offset in range(paired):
            was, now = a1 + offset + 1, b1 + offset + 1
            number = f"{now} (was {was})" if was != now else str(now)
            diff = _words_diff(old[was - 1], new[now - 1])
            rows.append(format_html("<strong>Footnote {}</strong> changed: {}", number, diff))
        for index in range(a1 + paired, a2):
            rows.append(
                format_html(
                    "<strong>Footnote {}</strong> removed: <del>{}</del>", index + 1, old[index]
                )
            )
        for index in range(b1 + paired, b2):
            rows.append(
                format_html(
                    "<strong>Footnote {}</strong> added: <ins>{}</ins>", index + 1, new[index]
                )
            )
    return rows


def _pair_quotes(old, new):
    """
    The pull quotes of two versions as (older, newer) pairs, None where a quote is only in
    one. Quotes are matched by id when both versions stored ids (a quote deleted and
    another added are then two quotes, not one changed); revisions saved before ids were
    kept are matched by position.
    """
    if all(quote.get("id") for quote in old + new):
        by_id = {quote["id"]: quote for quote in new}
        pairs = [(quote, by_id.get(quote["id"])) for quote in old]
        kept = {quote["id"] for quote in old}
        return pairs + [(None, quote) for quote in new if quote["id"] not in kept]
    return list(itertools.zip_longest(old, new))


def _where(after_paragraph):
    # An empty placement anchors the quote to its passage (blog/models/pull_quotes.py).
    return "its passage" if after_paragraph is None else f"paragraph {after_paragraph}"


def _placement(before, after, key, label=str):
    if before[key] == after[key]:
        return escape(label(after[key]))
    return format_html("<del>{}</del> <ins>{}</ins>", label(before[key]), label(after[key]))


def _moved(before, after):
    """Where a changed quote is set: "paragraph <del>2</del> <ins>3</ins>" between numbers,
    else the whole placement, as when it became anchored to its passage."""
    if None not in (before["after_paragraph"], after["after_paragraph"]):
        return format_html("paragraph {}", _placement(before, after, "after_paragraph"))
    return _placement(before, after, "after_paragraph", _where)


def _quote_rows(old, new):
    """One row per pull quote that differs: removed, added, or changed (its words as a word
    diff, where it is placed, and its order when that moved)."""
    rows = []
    for before, after in _pair_quotes(old, new):
        if after is None:
            rows.append(
                format_html(
                    "<strong>Removed</strong>: <del>{}</del> (after {})",
                    before["text"],
                    _where(before["after_paragraph"]),
                )
            )
        elif before is None:
            rows.append(
                format_html(
                    "<strong>Added</strong>: <ins>{}</ins> (after {})",
                    after["text"],
                    _where(after["after_paragraph"]),
                )
            )
        elif any(before[key] != after[key] for key in ("text", "after_paragraph", "order")):
            order = (
                format_html("; order {}", _placement(before, after, "order"))
                if before["order"] != after["order"]
                else ""
            )
            rows.append(
                format_html(
                    "<strong>Changed</strong>: {} (after {}{})",
                    _words_diff(before["text"], after["text"]),
                    _moved(before, after),
                    order,
                )
            )
    return rows


def _names(data, key):
    return [item["name"] if isinstance(item, dict) else item for item in data.get(key, [])]


def compare(old, new):
    """
    A readable diff of two snapshots: for each field that differs, its label and the
    changes as HTML (<del> and <ins>). Fields that are the same are left out; times are
    compared as instants, to the second.
    """
    changes = []
    for field, label in [("title", "Title"), ("dek", "Dek")]:
        if old.get(field) != new.get(field):
            changes.append((label, [_words_diff(old.get(field) or "", new.get(field) or "")]))
    if "publish_at" in old and "publish_at" in new:
        before, after = instant(old["publish_at"]), instant(new["publish_at"])
        if before != after:
            changes.append(("Publication time", _time_rows(before, after)))
    for field, label in [
        ("status", "Status"),
        ("slug", "Address"),
        ("post_type", "Type"),
        ("program", "Program"),
        ("series", "Series"),
    ]:
        if field in old and field in new and old[field] != new[field]:
            changes.append((label, [_words_diff(str(old[field] or "—"), str(new[field] or "—"))]))
    old_body, new_body = old.get("body") or "", new.get("body") or ""
    if old_body != new_body:
        for label, rows in [
            ("Body", _body_rows(old_body, new_body)),
            ("Footnotes", _footnote_rows(old_body, new_body)),
        ]:
            if rows:
                changes.append((label, rows))
    for label, key in [("Byline", "authors"), ("Topics", "topics")]:
        before, after = _names(old, key), _names(new, key)
        if before != after:
            changes.append((label, [_words_diff("; ".join(before), "; ".join(after))]))
    quotes = _quote_rows(old.get("pull_quotes", []), new.get("pull_quotes", []))
    if quotes:
        changes.append(("Pull quotes", quotes))
    return changes


def render_changes(changes):
    """The output of `compare` as an HTML definition list, for messages and pages."""
    if not changes:
        return mark_safe(
            "<p>No differences in title, dek, body, footnotes, byline, topics, pull quotes "
            "or publication details.</p>"
        )
    return format_html_join(
        "",
        '<div class="revision-diff__field"><h3>{}</h3>{}</div>',
        (
            (label, format_html_join("", "<p>{}</p>", ((row,) for row in rows)))
            for label, rows in changes
        ),
    )


def original_changes_since(translation):
    """
    What changed in a translation's original since the translation was last saved, as
    `compare` gives it (the original's revision then against the original now), or None
    when no revision of the original is that old.
    """
    original = translation.translation_of
    then = (
        original.revisions.filter(created_at__lte=translation.modified_at)
        .order_by("-created_at", "-id")
        .first()
    )
    if then is None:
        return None
    return compare(then.data, snapshot(original))
