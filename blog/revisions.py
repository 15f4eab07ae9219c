"""Revisions of posts: what each save stored, readable diffs between two, and restoring."""

import difflib

from django.db import transaction
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

from people.models import Author

from .html import plain_text, split_blocks
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
        {"text": quote.text, "after_paragraph": quote.after_paragraph, "order": quote.order}
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
    for quote in data["pull_quotes"]:
        PullQuote.objects.create(post=post, **quote)
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


def _paragraph_diff(old_body, new_body):
    """The body's changed paragraphs, each as an inline word diff; unchanged ones skipped."""
    old, new = _paragraphs(old_body), _paragraphs(new_body)
    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        rows.append(_words_diff("\n".join(old[a1:a2]), "\n".join(new[b1:b2])))
    return rows


def _quotes(data):
    return [f"{q['text']} (after paragraph {q['after_paragraph']})" for q in data["pull_quotes"]]


def compare(old, new):
    """
    A readable diff of two snapshots: for each field that differs, its label and the
    changes as HTML (<del> and <ins>). Fields that are the same are left out.
    """
    changes = []
    for field, label in [("title", "Title"), ("dek", "Dek")]:
        if old.get(field) != new.get(field):
            changes.append((label, [_words_diff(old.get(field) or "", new.get(field) or "")]))
    for field, label in [
        ("status", "Status"),
        ("publish_at", "Publication time"),
        ("slug", "Address"),
        ("post_type", "Type"),
        ("program", "Program"),
        ("series", "Series"),
    ]:
        if field in old and field in new and old[field] != new[field]:
            changes.append((label, [_words_diff(str(old[field] or "—"), str(new[field] or "—"))]))
    if old.get("body") != new.get("body"):
        changes.append(("Body", _paragraph_diff(old.get("body", ""), new.get("body", ""))))
    for label, key in [("Byline", "authors"), ("Topics", "topics")]:
        before = [a["name"] if isinstance(a, dict) else a for a in old.get(key, [])]
        after = [a["name"] if isinstance(a, dict) else a for a in new.get(key, [])]
        if before != after:
            changes.append((label, [_words_diff("; ".join(before), "; ".join(after))]))
    if _quotes(old) != _quotes(new):
        rows = []
        matcher = difflib.SequenceMatcher(None, _quotes(old), _quotes(new), autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op != "equal":
                rows.append(
                    _words_diff("\n".join(_quotes(old)[a1:a2]), "\n".join(_quotes(new)[b1:b2]))
                )
        changes.append(("Pull quotes", rows))
    return changes


def render_changes(changes):
    """The output of `compare` as an HTML definition list, for messages and pages."""
    if not changes:
        return mark_safe(
            "<p>No differences in title, dek, body, byline, topics or pull quotes.</p>"
        )
    return format_html_join(
        "",
        '<div class="revision-diff__field"><h3>{}</h3>{}</div>',
        (
            (label, format_html_join("", "<p>{}</p>", ((row,) for row in rows)))
            for label, rows in changes
        ),
    )
