"""
Write a WordPress export of N posts, for measuring `import_wordpress` (`make bench-import`).

The posts are written in WordPress's shapes: half classic content (blank lines between
paragraphs, a shortcode now and then), half block-editor content (headings, lists, a
table, a pull quote, footnotes); a few users and Co-Authors Plus guest authors; categories
and tags; a page and a menu item per hundred posts, which the import skips.
"""

import random
from xml.sax.saxutils import escape

from django.core.management.base import BaseCommand

WORDS = (
    "port pipeline corridor tariff sanction treaty river basin drought harvest freight "
    "tanker ferry border customs ministry summit reform election parliament grain quota "
    "transit railway dam reservoir shipping insurance cargo terminal"
).split()
USERS = [("ana", "Ana Petrova"), ("li", "Li Wen"), ("omar", "Omar Haddad")]
GUESTS = [("guest-rosa", "Rosa Lindgren"), ("guest-kofi", "Kofi Mensah")]
CATEGORIES = ["Energy", "Trade", "Water", "Security", "Shipping"]
WP = "http://wordpress.org/export/1.2/"


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def classic(rng):
    paragraphs = [" ".join(sentence(rng) for _ in range(3)) for _ in range(rng.randint(4, 8))]
    if rng.random() < 0.2:
        paragraphs.insert(1, f"[pullout]{sentence(rng)}[/pullout]")
    return "\n\n".join(paragraphs)


def blocks(rng, wp_id):
    first = sentence(rng)
    parts = [
        f'<!-- wp:paragraph -->\n<p>{first}<sup data-fn="fn{wp_id}" class="fn">'
        f'<a href="#fn{wp_id}" id="fn{wp_id}-link">1</a></sup> {sentence(rng)}</p>\n'
        "<!-- /wp:paragraph -->",
        f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{sentence(rng, 4)}</h2>\n'
        "<!-- /wp:heading -->",
        '<!-- wp:list -->\n<ul class="wp-block-list">'
        + "".join(
            f"<!-- wp:list-item -->\n<li>{sentence(rng, 5)}</li>\n<!-- /wp:list-item -->"
            for _ in range(3)
        )
        + "</ul>\n<!-- /wp:list -->",
        f'<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>'
        f"{first[:-1]}</p></blockquote></figure>\n<!-- /wp:pullquote -->",
        '<!-- wp:table -->\n<figure class="wp-block-table"><table><tbody>'
        + "".join(
            f"<tr><td>{rng.choice(WORDS)}</td><td>{rng.randint(1, 99)}</td></tr>" for _ in range(3)
        )
        + "</tbody></table><figcaption>Figures</figcaption></figure>\n<!-- /wp:table -->",
    ]
    parts += [
        f"<!-- wp:paragraph -->\n<p>{' '.join(sentence(rng) for _ in range(3))}</p>\n"
        "<!-- /wp:paragraph -->"
        for _ in range(rng.randint(3, 6))
    ]
    parts.append("<!-- wp:footnotes /-->")
    return "\n\n".join(parts)


def item(wp_id, post_type, title, slug, content, terms, meta, creator="ana", status="publish"):
    year, month, day = 2015 + wp_id % 10, 1 + wp_id % 12, 1 + wp_id % 28
    date = f"{year}-{month:02d}-{day:02d} {wp_id % 24:02d}:15:00"
    return (
        "\t<item>\n"
        f"\t\t<title>{escape(title)}</title>\n"
        f"\t\t<link>https://think.example/{year}/{month:02d}/{slug}/</link>\n"
        f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n"
        f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n"
        f"\t\t<excerpt:encoded>{cdata('')}</excerpt:encoded>\n"
        f"\t\t<wp:post_id>{wp_id}</wp:post_id>\n"
        f"\t\t<wp:post_date>{cdata(date)}</wp:post_date>\n"
        f"\t\t<wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt>\n"
        f"\t\t<wp:post_name>{cdata(slug)}</wp:post_name>\n"
        f"\t\t<wp:status>{cdata(status)}</wp:status>\n"
        f"\t\t<wp:post_type>{cdata(post_type)}</wp:post_type>\n"
        "\t\t<wp:post_password></wp:post_password>\n"
        "\t\t<wp:is_sticky>0</wp:is_sticky>\n"
        + "".join(
            f'\t\t<category domain="{domain}" nicename="{nicename}">{cdata(name)}</category>\n'
            for domain, nicename, name in terms
        )
        + "".join(
            f"\t\t<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
            f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>\n"
            for key, value in meta.items()
        )
        + "\t</item>\n"
    )


class Command(BaseCommand):
    help = "Write a WordPress export of N generated posts, to measure import_wordpress."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, path, posts, seed, **options):
        rng = random.Random(seed)
        with open(path, "w", encoding="utf-8") as out:
            out.write(
                '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
                f'xmlns:excerpt="{WP}excerpt/" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                f'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{WP}">\n<channel>\n'
                "\t<title>Generated Think Tank</title>\n\t<link>https://think.example</link>\n"
                "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
            )
            for login, name in USERS:
                first, last = name.split()
                out.write(
                    f"\t<wp:author><wp:author_login>{cdata(login)}</wp:author_login>"
                    f"<wp:author_email>{cdata(login + '@think.example')}</wp:author_email>"
                    f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
                    f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
                    f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>\n"
                )
            for number, (login, name) in enumerate(GUESTS, start=1):
                out.write(
                    item(
                        900_000 + number, "guest-author", name, f"cap-{login}", "", [],
                        {"cap-user_login": login, "cap-display_name": name,
                         "cap-last_name": name.split()[-1]},
                    )
                )  # fmt: skip
            for wp_id in range(1, posts + 1):
                title = sentence(rng, 6)[:-1]
                slug = f"post-{wp_id}"
                content = blocks(rng, wp_id) if wp_id % 2 else classic(rng)
                terms = [("category", c.lower(), c) for c in rng.sample(CATEGORIES, 2)]
                terms += [("post_tag", w, w.title()) for w in rng.sample(WORDS, 3)]
                if wp_id % 7 == 0:
                    terms += [("author", f"cap-{g}", g) for g, _ in GUESTS]
                meta = {}
                if wp_id % 2:
                    meta["footnotes"] = f'[{{"content":"{sentence(rng, 8)}","id":"fn{wp_id}"}}]'
                creator = USERS[wp_id % len(USERS)][0]
                out.write(item(wp_id, "post", title, slug, content, terms, meta, creator))
                if wp_id % 100 == 0:
                    out.write(
                        item(wp_id + 1_000_000, "page", "About", f"about-{wp_id}", "", [], {})
                    )
                    out.write(
                        item(wp_id + 2_000_000, "nav_menu_item", "Menu", f"m-{wp_id}", "", [], {})
                    )
            out.write("</channel>\n</rss>\n")
        self.stdout.write(f"Wrote {posts} posts to {path}.")
