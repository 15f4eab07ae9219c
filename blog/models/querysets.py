"""What posts are read as: the publication rule, listings, the commentary page, related posts."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from people.models import AuthorTranslation

from .bylines import PostAuthor
from .history import Correction

RELATED_POSTS = 3
# Related posts are looked for among the newest this many posts of each of a post's topics.
RELATED_TOPIC_WINDOW = 200
# …and among their program's newest this many, whatever their status: room to spare for
# posts scheduled ahead or in the trash, which published() then leaves out.
RELATED_PROGRAM_WINDOW = 50
# What a post card reads of a post (the post_card tag, blog/templatetags/blog_tags.py).
# A card marks its title with its post's language where the page speaks another.
CARD_FIELDS = [
    "post_type",
    "title",
    "slug",
    "dek",
    "language",
    "program",
    "publish_at",
    "first_published_at",
]
# What bylines, author boxes, citations and the JSON-LD of the commentary page read of a
# person; their long biography is left in the database.
PAGE_AUTHOR = ["name", "family_name", "slug", "photo_renditions", "photo_alt", "short_bio"]


def author_translation(field, posts):
    """A byline's author's `field` of AuthorTranslation in the language of its post (of
    table `posts`), or NULL: a subquery on the (author, language) index, for a PostAuthor
    query."""
    translations, bylines = AuthorTranslation._meta.db_table, PostAuthor._meta.db_table
    return models.expressions.RawSQL(
        f"SELECT translation.{field} FROM {translations} AS translation "
        f"JOIN {posts} AS post ON post.id = {bylines}.post_id "
        f"WHERE translation.author_id = {bylines}.author_id "
        "AND translation.language = post.language",
        [],
        output_field=models.TextField(),
    )


def refers_to_post(table, column, posts):
    """Whether a row of `table` names the post (of table `posts`) in `column`: an EXISTS
    on that column's index, for a query of posts."""
    return models.expressions.RawSQL(
        f"EXISTS (SELECT 1 FROM {table} AS referring WHERE referring.{column} = {posts}.id)",
        [],
        output_field=models.BooleanField(),
    )


class PostQuerySet(models.QuerySet):
    def published(self, now=None):
        """
        What readers may see: published posts whose publication time has come. The one
        rule for every public page, feed and listing; a scheduled post appears at its
        moment because the rule is applied at query time (`now`, the present by default).
        """
        return self.filter(
            status=self.model.Status.PUBLISHED,
            publish_at__lte=timezone.now() if now is None else now,
            deleted_at__isnull=True,
        )

    def public_topics(self):
        """Topics used by at least one published post, by name (none used only by drafts)."""
        return self.published().used_topics()

    def used_topics(self):
        """Topics used by at least one of these posts, by name."""
        # For each topic, stop at its first post (a semi-join per topic), rather than
        # joining every tagging of the archive and removing duplicates.
        items = TaggedItem.objects.filter(
            tag_id=models.OuterRef("pk"),
            content_type=ContentType.objects.get_for_model(self.model),
        ).filter(models.Exists(self.filter(pk=models.OuterRef("object_id"))))
        return Tag.objects.filter(models.Exists(items)).order_by("name")

    def latest_by_program(self, per_program=3):
        """The newest published posts of every program in one query, `per_program` each."""
        ranked = self.published().annotate(
            program_rank=Window(
                RowNumber(), partition_by=[F("program_id")], order_by=F("publish_at").desc()
            )
        )
        return ranked.filter(program_rank__lte=per_program).order_by(
            "program__ordering", "program__name", "-publish_at"
        )

    def not_deleted(self):
        return self.filter(deleted_at__isnull=True)

    def in_trash(self):
        return self.filter(deleted_at__isnull=False)

    def scheduled(self, now=None):
        """Published posts whose publication time is still to come."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            publish_at__gt=timezone.now() if now is None else now,
            deleted_at__isnull=True,
        )

    def next_scheduled_moment(self):
        """When the next scheduled post goes live, or None."""
        return self.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()

    def at_address(self, slug):
        """Posts whose address is `slug`, or was before it changed."""
        return self.filter(models.Q(slug=slug) | models.Q(old_slugs__slug=slug)).distinct()

    def authored_by(self, user):
        """Posts whose byline includes the author record linked to this login account."""
        return self.filter(bylines__author__user=user).distinct()

    def outdated_translations(self):
        """Translations whose original's body changed after they were last saved."""
        return self.filter(
            translation_of__isnull=False,
            translation_of__body_changed_at__gt=models.F("modified_at"),
        )

    def written_by(self, author):
        """Posts `author` wrote: credited as author, co-author or “with”."""
        return self.filter(bylines__author=author, bylines__role__in=PostAuthor.WRITING_ROLES)

    def other_work_of(self, author):
        """
        Posts `author` is credited on for other work than writing (translating, editing),
        by credit then newest first, each with its `credit` (a PostAuthor.Role value).
        """
        roles = set(PostAuthor.Role.values) - PostAuthor.WRITING_ROLES
        return (
            self.filter(bylines__author=author, bylines__role__in=roles)
            .annotate(credit=models.F("bylines__role"))
            .order_by("credit", "-publish_at", "-id")
        )

    def for_listing(self):
        """What a list of post cards shows: program, series and byline, in a fixed number
        of queries whatever the number of posts."""
        return self.select_related("program", "series").prefetch_related(
            Prefetch("bylines", queryset=PostAuthor.objects.select_related("author"))
        )

    def for_page(self):
        """
        Everything the commentary page shows of a post, in four queries whatever the number
        of authors or quotes: the post with its program and series, then its pull quotes,
        bylines with their authors, and those authors' positions. Its topics are one more
        query of their own (`topics_by_name`), and its corrections another where it has
        some (`visible_corrections`). Read it with `get()` or as a list: its SQL names the
        posts' table, which a subquery would rename.
        """
        # Each author's titles and short bio in the post's language where staff keep
        # them, and whether other posts translate this one (so that a post without
        # translations spends no query on its versions): index lookups inside the
        # bylines' and the post's queries, not queries of their own. Written as SQL
        # because the page is read on every uncached view, and these correlated
        # subqueries cost several times more to build through expressions than to run.
        posts = self.model._meta.db_table
        bylines = (
            PostAuthor.objects.select_related("author")
            .only(
                "post", "author", "role", "position", *(f"author__{name}" for name in PAGE_AUTHOR)
            )
            .annotate(
                translated_titles=author_translation("titles", posts),
                translated_bio=author_translation("short_bio", posts),
            )
        )
        # Most posts have no correction: knowing that spares them the corrections' query
        # (`visible_corrections` reads them when there are some).
        has_translations = refers_to_post(posts, "translation_of_id", posts)
        has_corrections = refers_to_post(Correction._meta.db_table, "post_id", posts)
        return (
            self.select_related("program", "series")
            .annotate(has_translations=has_translations, has_corrections=has_corrections)
            .prefetch_related(
                "pull_quotes",
                Prefetch("bylines", queryset=bylines),
                # For each author's titles now and when the post appeared.
                "bylines__author__positions",
            )
        )

    def for_cards(self):
        """
        Posts as a card shows them (type, program, title, dek, date, byline) and nothing
        more: the body, the largest column by far, is never read.
        """
        bylines = PostAuthor.objects.select_related("author").only(
            "post", "author", "role", "position", "author__name", "author__slug"
        )
        return (
            self.select_related("program")
            .only(*CARD_FIELDS, "program__name", "program__slug")
            .prefetch_related(Prefetch("bylines", queryset=bylines))
        )

    def related_to(self, post, program, post_type, now=None):
        """
        Published posts related to post `post`: those sharing the most topics with it,
        then its program's (`program`) newest, as cards (`for_cards()`), so two queries.
        `post_type` is the post model's content type, which topics are tagged with.
        Candidates are the fifty posts sharing the most topics among each topic's newest
        RELATED_TOPIC_WINDOW posts, counted on the topic index, and the program's newest
        RELATED_PROGRAM_WINDOW published posts, read on the program index: the cost grows
        neither with the archive nor with a topic's or a program's size.
        """
        tagged, posts = TaggedItem._meta.db_table, self.model._meta.db_table
        # A UNION inside IN (…): PostgreSQL answers an OR of two subqueries with a full
        # scan of the posts. Each branch is wrapped so that SQLite accepts its LIMIT.
        # From the post's few topics (s) to the posts under each (t), on the topic index;
        # CROSS JOIN keeps that order on SQLite, whose planner would otherwise read every
        # tagged item to save a sort. PostgreSQL plans it as an inner join. Only each
        # topic's newest posts are counted (ids at or above its RELATED_TOPIC_WINDOW-th
        # newest): a topic of thousands of posts is not counted whole on every page view,
        # and recent commentary is the better suggestion anyway.
        window = (
            f"SELECT u.object_id FROM {tagged} u WHERE u.content_type_id = s.content_type_id "
            "AND u.tag_id = s.tag_id ORDER BY u.object_id DESC "
            f"LIMIT 1 OFFSET {RELATED_TOPIC_WINDOW - 1}"
        )
        candidates = models.expressions.RawSQL(
            f"SELECT object_id FROM (SELECT t.object_id FROM {tagged} s CROSS JOIN {tagged} t "
            "WHERE s.content_type_id = %s AND s.object_id = %s "
            "AND t.content_type_id = s.content_type_id AND t.tag_id = s.tag_id "
            f"AND t.object_id >= COALESCE(({window}), 0) AND t.object_id <> %s "
            "GROUP BY t.object_id ORDER BY COUNT(*) DESC, t.object_id DESC LIMIT 50) AS shared "
            # The program's newest posts, on the program index; which of them readers may
            # see (the moment come, not in the trash) is decided by published() below, as
            # everywhere. The window leaves room for posts scheduled ahead or trashed.
            f"UNION SELECT id FROM (SELECT id FROM {posts} WHERE program_id = %s "
            "AND status = %s AND id <> %s "
            f"ORDER BY publish_at DESC, id DESC LIMIT {RELATED_PROGRAM_WINDOW}) AS newest",
            [post_type, post, post, program, self.model.Status.PUBLISHED, post],
        )
        shared_topics = models.expressions.RawSQL(
            f"SELECT COUNT(*) FROM {tagged} t JOIN {tagged} s ON s.tag_id = t.tag_id "
            f"WHERE t.content_type_id = %s AND t.object_id = {posts}.id "
            "AND s.content_type_id = %s AND s.object_id = %s",
            [post_type, post_type, post],
            output_field=models.IntegerField(),
        )
        other_program = models.expressions.RawSQL(
            f"CASE WHEN {posts}.program_id = %s THEN 0 ELSE 1 END",
            [program],
            output_field=models.IntegerField(),
        )
        return (
            self.published(now)
            .filter(pk__in=candidates)  # the post itself is not among them
            .alias(shared_topics=shared_topics, other_program=other_program)
            .for_cards()
            .order_by("-shared_topics", "other_program", "-publish_at", "-id")
        )
