"""
Querysets turned into SQL once per process, then run with new values.

Turning a queryset into SQL is work for Python, not for the database: the commentary
page's query, with its subqueries for pull quotes, topics, corrections and related posts,
costs more CPU to compile than PostgreSQL needs to answer it. Its shape never changes,
only a few values do (the slug, the time now, a post's id). `Precompiled` builds the
queryset once with a stand-in for each value, compiles it, remembers where each
stand-in landed among the SQL parameters, and on every later call hands Django that
same SQL with the real values in their places. Rows become model instances exactly as
for the queryset itself (same select, same related objects, same annotations).

    post_by_slug = Precompiled(
        lambda slug, now: Post.objects.filter(slug=slug, publish_at__lte=now),
        slug=Post._meta.get_field("slug"),
        now=Post._meta.get_field("publish_at"),
    )
    post_by_slug(slug="a-post", now=timezone.now())  # a list of 0 or 1 posts

On PostgreSQL the statement is also prepared on the server, once per connection, so
that PostgreSQL does not plan it again on every request (when `DATABASES`' `OPTIONS`
set `prepare_threshold`, which settings do unless DATABASE_PREPARED_STATEMENTS=0, for
a pooler that cannot keep prepared statements). Django's other queries are sent as
before: they bind their values on the client, which never prepares.

Each value is prepared for the database as the field named for it prepares it. A
stand-in that does not reach the parameters (a value Django writes into the SQL text,
or one that changes the query's shape, such as a list or None) is refused when the
query is first compiled, so such a use fails in tests, not on a reader's page.
"""

import copy
import datetime
import functools
import threading

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, models


def _stand_in(field, number):
    """A value of the field's type that no real row or request carries."""
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(1901, 2, 3, 4, 5, 6, 700000 + number, tzinfo=datetime.UTC)
    if isinstance(field, models.DateField):
        return datetime.date(1901, 2, 3) + datetime.timedelta(days=number)
    if isinstance(field, (models.IntegerField, models.AutoField, models.ForeignKey)):
        return -1_987_650_000 - number
    return f"\x1fstand-in-{number}\x1f"


def _prepared(field, value, connection):
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    return field.get_db_prep_value(value, connection, prepared=False)


def _prepares(connection):
    return (
        connection.vendor == "postgresql"
        and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None
    )


class _Preparing:
    """A PostgreSQL connection as a compiler sees it, whose cursors bind values on the
    server and prepare the statement the first time it runs on the connection."""

    def __init__(self, connection):
        self._connection = connection

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def cursor(self):
        connection = self._connection
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        with connection.wrap_database_errors:
            return connection._prepare_cursor(_preparing_cursor()(connection.connection))


@functools.cache
def _preparing_cursor():
    from django.db.backends.postgresql.base import ServerBindingCursor
    from psycopg import ClientCursor

    class ExecutedQuery:
        """What Django's query log reads of the last query (`cursor._query.query`), which
        psycopg leaves unset for a prepared statement: the SQL with its values, written
        out only when something logs it."""

        def __init__(self, cursor, sql, params):
            self.cursor, self.sql, self.params = cursor, sql, params

        @functools.cached_property
        def query(self):
            return ClientCursor(self.cursor.connection).mogrify(self.sql, self.params).encode()

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, **kwargs):
            result = super().execute(query, params, prepare=True)
            self._query = ExecutedQuery(self, query, params)
            return result

    return PreparingCursor


class Precompiled:
    """A queryset, built by `build(**values)`, compiled once per database connection
    alias and run with each call's values. `fields` names the model field whose type
    each value has."""

    def __init__(self, build, **fields):
        self.build = build
        self.fields = fields
        self._compiled = {}
        self._lock = threading.Lock()

    def __call__(self, using=DEFAULT_DB_ALIAS, **values):
        """The rows for these values, as a list of what the queryset yields."""
        if values.keys() != self.fields.keys():
            raise TypeError(f"expected values for {sorted(self.fields)}, got {sorted(values)}")
        queryset, compiler, sql, params, places, converters = self._compile(using)
        connection = connections[using]
        params = list(params)
        for name, indexes in places.items():
            value = _prepared(self.fields[name], values[name], connection)
            for index in indexes:
                params[index] = value
        run = copy.copy(compiler)
        # Connections belong to a thread; the compiled statement does not.
        run.connection = _Preparing(connection) if _prepares(connection) else connection
        run.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        # Which converters each column needs is part of the query's shape too.
        run.get_converters = lambda fields: converters
        # A shallow copy of the query, not a clone: nothing about it changes but the
        # compiler it hands out, and a copied query cannot be chained by mistake (a list
        # is returned, not a queryset).
        query = copy.copy(queryset.query)
        query.get_compiler = lambda *args, **kwargs: run
        rows = queryset.__class__(model=queryset.model, query=query, using=using)
        rows._iterable_class = queryset._iterable_class
        rows._fields = queryset._fields
        rows._known_related_objects = queryset._known_related_objects
        return list(rows)

    def _compile(self, using):
        try:
            return self._compiled[using]
        except KeyError:
            pass
        with self._lock:
            if using not in self._compiled:
                self._compiled[using] = self._build(using)
        return self._compiled[using]

    def _build(self, using):
        """Compile with two different sets of stand-ins: the SQL must not change, and the
        parameters may differ only where the stand-ins are. A value the queryset reads
        for itself (the time, an id looked up while building) would otherwise be frozen
        into every later run."""
        connection = connections[using]
        builds = []
        for offset in (0, len(self.fields)):
            stand_ins = {
                name: _stand_in(field, offset + number)
                for number, (name, field) in enumerate(self.fields.items(), start=1)
            }
            queryset = self.build(**stand_ins).using(using)
            if queryset._prefetch_related_lookups:
                raise ImproperlyConfigured("A precompiled queryset cannot prefetch related rows.")
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            places = {}
            for name, field in self.fields.items():
                prepared = _prepared(field, stand_ins[name], connection)
                places[name] = [
                    index
                    for index, param in enumerate(params)
                    if type(param) is type(prepared) and param == prepared
                ]
                if not places[name]:
                    raise ImproperlyConfigured(
                        f"The value {name!r} does not reach the query's parameters; "
                        "it cannot be precompiled."
                    )
            builds.append((queryset, compiler, sql, params, places))
        (queryset, compiler, sql, params, places) = builds[0]
        (_, _, other_sql, other_params, other_places) = builds[1]
        named = {index for indexes in places.values() for index in indexes}
        hidden = [
            index
            for index, (one, other) in enumerate(zip(params, other_params, strict=False))
            if index not in named and one != other
        ]
        if (
            sql != other_sql
            or places != other_places
            or len(params) != len(other_params)
            or hidden
        ):
            raise ImproperlyConfigured(
                "The query changes with something other than its named values "
                f"(parameters {hidden}); pass that as a named value to precompile it."
            )
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        return queryset, compiler, sql, params, places, converters
