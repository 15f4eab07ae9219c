from django.db import connections, models, router
from django.db.models import F


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
