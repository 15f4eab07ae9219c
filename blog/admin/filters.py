"""The filters of the post list."""

from django.contrib import admin
from taggit.models import Tag

from people.models import Author


class StatusFilter(admin.SimpleListFilter):
    """Draft, in review, scheduled or live: a published post is scheduled until its time."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published (live)"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        # The model's own rules, so the list never disagrees with what readers see.
        if value == "scheduled":
            return queryset.scheduled()
        if value == "published":
            return queryset.published()
        if value in {"draft", "review"}:
            return queryset.filter(status=value)
        return queryset


class TrashFilter(admin.SimpleListFilter):
    """Posts in the trash are hidden unless this filter asks for them."""

    title = "trash"
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("yes", "In the trash")]

    def queryset(self, request, queryset):
        return queryset.in_trash() if self.value() == "yes" else queryset.not_deleted()


class OutdatedTranslationFilter(admin.SimpleListFilter):
    """Translations whose original's body changed after they were last saved."""

    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("outdated", "Outdated (the original changed since)")]

    def queryset(self, request, queryset):
        return queryset.outdated_translations() if self.value() == "outdated" else queryset


class AuthorFilter(admin.SimpleListFilter):
    """The authors of the posts this account may see."""

    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        visible = model_admin.get_queryset(request)
        return [
            (a.pk, a.name)
            for a in Author.objects.filter(bylines__post__in=visible)
            .distinct()
            .order_by("sort_name")
        ]

    def queryset(self, request, queryset):
        # Only an author the filter offers: any other value is ignored, numbers beyond what
        # an id holds included (SQLite refuses to compare with those: a 500).
        if self.value() in {str(pk) for pk, name in self.lookup_choices}:
            return queryset.filter(bylines__author_id=self.value())
        return queryset


class TopicFilter(admin.SimpleListFilter):
    """The topics of the posts this account may see."""

    title = "topic"
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        visible = model_admin.get_queryset(request).values("pk")
        return [
            (tag.slug, tag.name)
            for tag in Tag.objects.filter(
                taggit_taggeditem_items__content_type__model="post",
                taggit_taggeditem_items__content_type__app_label="blog",
                taggit_taggeditem_items__object_id__in=visible,
            )
            .distinct()
            .order_by("name")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(topics__slug=self.value())
        return queryset
