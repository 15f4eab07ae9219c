from django.contrib import admin

from core.admin_queries import CheckedQueryAdmin

from .models import Program, Series


class SeriesInline(admin.StackedInline):
    model = Series
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Program)
class ProgramAdmin(CheckedQueryAdmin):
    list_display = ["name", "slug", "ordering"]
    list_editable = ["ordering"]
    search_fields = ["name", "short_description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SeriesInline]


@admin.register(Series)
class SeriesAdmin(CheckedQueryAdmin):
    list_display = ["name", "program"]
    list_filter = ["program"]
    list_select_related = ["program"]
    search_fields = ["name", "program__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["program"]
