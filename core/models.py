from django.db import models
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
        return cls.objects.filter(pk=1).values_list("value", flat=True).first() or 0

    @classmethod
    def advance(cls):
        if not cls.objects.filter(pk=1).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=1, defaults={"value": 1})
