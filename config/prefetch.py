"""
Related rows fetched inside their parent's query, as a JSON array per parent row.

`prefetch_related` costs one query per relation. The commentary page shows five kinds of
related rows (bylines, positions, pull quotes, topics, corrections), so its query budget is
kept by folding the small ones into the parent's SELECT: a correlated subquery aggregates
them to JSON (`JSONB_AGG` on PostgreSQL, `JSON_GROUP_ARRAY` on SQLite), and the rows are
turned back into model instances placed in the prefetch cache exactly where
`prefetch_related` would have put them, so `post.pull_quotes.all()` reads them without a
query and templates cannot tell the difference.

    with_json_relations(Post.objects.all(), JSONRelation("pull_quotes", PullQuote.objects,
                        "post", ["text", "after_paragraph", "order"]))
"""

import datetime
import json

from django.conf import settings
from django.db import models
from django.db.models.functions import JSONObject
from django.utils import timezone


class JSONArrayAgg(models.Aggregate):
    """A JSON array of the aggregated values (objects built with `JSONObject`)."""

    function = "JSONB_AGG"
    output_field = models.JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


class JSONRelation:
    """
    One relation to fold into the parent query.

    `relation`: the manager's name on the object it belongs to (`pull_quotes`);
    `queryset`: the related rows (`PullQuote.objects`); `link`: the lookup from a related
    row to the parent's key (`post`); `fields`: what the page reads of each row;
    `outer`: the parent's column the link matches (its primary key by default); `on`: for
    a relation of a related object, the attribute holding it (positions `on="author"` of
    a byline); `where`: more conditions, applied in the same `filter()` as the link so
    that both constrain the same row of a many-valued relation; `select`: for a foreign
    key among `fields`, the fields to read of the object it points to, which is then
    cached on each row as `select_related` would (`{"author": ["name", "slug"]}`);
    `within`: relations of each row folded into the row's own JSON (a byline's author's
    positions, inside the post's bylines).
    """

    def __init__(
        self,
        relation,
        queryset,
        link,
        fields,
        *,
        where=None,
        outer="pk",
        on=None,
        ordering=None,
        select=None,
        within=(),
    ):
        self.relation, self.queryset, self.link = relation, queryset, link
        self.where = where or {}
        self.fields, self.outer, self.on = list(fields), outer, on
        self.select = {key: list(names) for key, names in (select or {}).items()}
        self.within = list(within)
        # Ascending field names; the model's default ordering unless given.
        self.ordering = ordering or queryset.model._meta.ordering or ["pk"]
        self.model = queryset.model
        self.alias = f"{relation}_json"

    def subquery(self):
        names = ["pk", *self.fields]
        names += [f"{key}__{name}" for key, selected in self.select.items() for name in selected]
        values = {name: name for name in names}
        values.update({inner.alias: inner.subquery() for inner in self.within})
        return models.Subquery(
            self.queryset.filter(**{self.link: models.OuterRef(self.outer)}, **self.where)
            .order_by()
            .values(self.link)
            .annotate(rows=JSONArrayAgg(JSONObject(**values)))
            .values("rows")[:1],
            output_field=models.JSONField(),
        )

    def attach(self, parent):
        """Build the related instances from the parent's JSON and cache them on it."""
        rows = parent.__dict__.pop(self.alias, None) or []
        owner = getattr(parent, self.on) if self.on else parent
        opts = self.model._meta
        fields = [opts.pk, *(opts.get_field(name) for name in self.fields)]
        names = [field.attname for field in fields]
        converters = [_converter(field) for field in fields]
        selected = [self._selected(key, names) for key, names in self.select.items()]
        objects = []
        for row in rows:
            values = [row[key] for key in ["pk", *self.fields]]
            values = [convert(value) for convert, value in zip(converters, values, strict=True)]
            obj = self.model.from_db("default", names, values)
            for build in selected:
                build(obj, row)
            for inner in self.within:
                obj.__dict__[inner.alias] = _json(row.get(inner.alias))
                inner.attach(obj)
            objects.append(obj)
        keys = ["pk" if name == "id" else name for name in self.ordering]
        objects.sort(key=lambda obj: [getattr(obj, key) for key in keys])
        cache_prefetched(owner, self.relation, objects)

    def _selected(self, key, selected):
        """A function that builds the object `key` points to from a row and caches it."""
        link = self.model._meta.get_field(key)
        opts = link.related_model._meta
        fields = [opts.get_field(name) for name in selected]
        names = [opts.pk.attname, *(field.attname for field in fields)]
        converters = [_converter(field) for field in fields]
        keys = [f"{key}__{name}" for name in selected]

        def build(obj, row):
            values = [convert(row[k]) for convert, k in zip(converters, keys, strict=True)]
            related = link.related_model.from_db("default", names, [row[key], *values])
            link.set_cached_value(obj, related)

        return build


def cache_prefetched(owner, relation, objects):
    """Place `objects` where `prefetch_related(relation)` would have put them, so that
    `owner.<relation>.all()` reads them without a query."""
    manager = getattr(owner, relation)
    remote = getattr(manager, "field", None)
    if isinstance(remote, models.ForeignKey):
        for obj in objects:
            remote.set_cached_value(obj, owner)
        queryset = manager.all()
    else:
        # Tags: a queryset of the same tags by their keys, which a later filter() or
        # names() narrows as the relation's own would. (The tag manager's own joins its
        # table through the tagged items and costs ten times more to build; its `model`
        # is the tagged model, not the tag.)
        tag_model = manager.through.tag_model()
        queryset = tag_model._base_manager.filter(pk__in=[obj.pk for obj in objects])
    queryset._result_cache = objects
    queryset._prefetch_done = True
    # Reverse foreign keys and taggit's manager both cache under the relation's name.
    owner.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


def with_json_relations(queryset, *relations):
    """`queryset` with each relation folded into its query and attached to every row."""

    class Iterable(queryset._iterable_class):
        def __iter__(self):
            for obj in super().__iter__():
                for relation in relations:
                    relation.attach(obj)
                yield obj

    queryset = queryset.annotate(**{r.alias: r.subquery() for r in relations})
    queryset._iterable_class = Iterable
    return queryset


def _json(value):
    # SQLite hands JSON from a subquery or a column inside an object over as its text.
    return json.loads(value) if isinstance(value, str) else value


def _converter(field):
    if isinstance(field, models.JSONField):
        return _json  # our JSON fields hold objects and lists, never a bare string
    if isinstance(field, models.DateTimeField):
        return _datetime
    if isinstance(field, models.DateField):
        return lambda value: datetime.date.fromisoformat(value) if value else None
    if field.is_relation:
        return field.target_field.to_python
    return field.to_python


def _datetime(value):
    if not value:
        return None
    moment = datetime.datetime.fromisoformat(value)
    if settings.USE_TZ and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment
