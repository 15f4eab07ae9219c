"""The admin forms as an editor or a bio manager submits them."""

from tests.factories import AuthorFactory, ProgramFactory

BODY = (
    "<p>First paragraph about ports.</p><p>Second paragraph on freight.</p>"
    "<p>Third paragraph on debts.</p>"
)


def inline_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def post_form(program, authors, pull_quotes, **fields):
    data = {
        "post_type": "blog-post",
        "language": "en",
        "translation_of": "",
        "title": "Ports and Power",
        "slug": "ports-and-power",
        "dek": "Who ships what, and through whom.",
        "body": BODY,
        "program": str(program.pk),
        "series": "",
        "topics": "Energy, Trade corridors",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "status": "published",
        "publish_at_0": "2026-01-15",
        "publish_at_1": "09:30:00",
        **inline_management("bylines", len(authors)),
        **inline_management("pull_quotes", len(pull_quotes)),
        **inline_management("corrections", 0),
        **inline_management("review_links", 0),
    }
    for index, author in enumerate(authors):
        # An author, or (author, credit) for another credit.
        author, credit = author if isinstance(author, tuple) else (author, "author")
        data[f"bylines-{index}-author"] = str(author.pk)
        data[f"bylines-{index}-role"] = credit
        data[f"bylines-{index}-position"] = str(index)
    for index, (text, after) in enumerate(pull_quotes):
        data[f"pull_quotes-{index}-text"] = text
        data[f"pull_quotes-{index}-after_paragraph"] = str(after)
        data[f"pull_quotes-{index}-order"] = str(index)
    data.update(fields)
    return data


def change_data(post, **fields):
    """The change form as an editor would submit it, with the version they loaded."""
    quotes = [(q.text, q.after_paragraph) for q in post.pull_quotes.all()]
    byline = [(row.author, row.role) for row in post.bylines.all()]
    data = post_form(post.program, byline, [], **fields)
    data.update(
        {
            "title": fields.get("title", post.title),
            "slug": fields.get("slug", post.slug),
            "dek": fields.get("dek", post.dek),
            "body": fields.get("body", post.body),
            "topics": "",
            "language": post.language,
            "translation_of": str(post.translation_of_id or ""),
            "loaded_version": str(fields.get("loaded_version", post.version)),
            "bylines-INITIAL_FORMS": "0",
        }
    )
    for index, (text, after) in enumerate(quotes):
        quote = post.pull_quotes.all()[index]
        data[f"pull_quotes-{index}-id"] = str(quote.pk)
        data[f"pull_quotes-{index}-post"] = str(post.pk)
        data[f"pull_quotes-{index}-text"] = text
        # An anchored quote (no paragraph chosen) is sent as the select's empty choice.
        data[f"pull_quotes-{index}-after_paragraph"] = "" if after is None else str(after)
        data[f"pull_quotes-{index}-order"] = str(index)
    data["pull_quotes-TOTAL_FORMS"] = data["pull_quotes-INITIAL_FORMS"] = str(len(quotes))
    # Bylines are re-sent as existing rows.
    for index, byline in enumerate(post.bylines.all()):
        data[f"bylines-{index}-id"] = str(byline.pk)
        data[f"bylines-{index}-post"] = str(post.pk)
    data["bylines-INITIAL_FORMS"] = str(post.bylines.count())
    return data


def author_form(upload):
    """The add-author form as a bio manager submits it, with `upload` as the photo."""
    return {
        "name": "Ines Ortega",
        "family_name": "Ortega",
        "slug": "ines-ortega",
        "photo": upload,
        "photo_alt": "Ines Ortega",
        "photo_focal_x": "0.5",
        "photo_focal_y": "0.5",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }


def hero_form(upload):
    return post_form(ProgramFactory(), [AuthorFactory()], [], hero_image=upload, hero_alt="Docks")
