from django.db import connections, models, router
from django.db.models import F
from django.urls import reverse


class PageBySlug:
    """
    A model whose page is the URL pattern `page_url_name` with the object's slug. A
    commentary page asks for the same person's, program's or post's address several
    times over (byline, author box, structured data, citation), and reverse() is the
    costliest step of rendering those, so an instance keeps the address it reversed
    for as long as its slug stays the same.
    """

    page_url_name = None

    def get_absolute_url(self):
        reversed_for = getattr(self, "page_url_reversed", None)
        if reversed_for is None or reversed_for[0] != self.slug:
            url = reverse(self.page_url_name, kwargs={"slug": self.slug})
            self.page_url_reversed = reversed_for = (self.slug, url)
        return reversed_for[1]


class ContentGeneration(models.Model):
    """
    One number that every save or delete of content moves on, kept in the database when
    the cache is private to each process: a save made by any process (another worker, a
    management command, another server) is then seen by every process's next request.
    """

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls):
        """The generation now (0 before the first change). Every cached page reads it, so
        it is one plain statement: building a queryset each time cost 20 times as much
        (about 240 µs against 12 µs on SQLite), which halved the cached page's speed."""
        connection = connections[router.db_for_read(cls)]
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {table} WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def advance(cls):
        if not cls.objects.filter(pk=1).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=1, defaults={"value": 1})
