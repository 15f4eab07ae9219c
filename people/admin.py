from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from .models import Author, AuthorLink, Position


class PositionInline(admin.TabularInline):
    model = Position
    extra = 1
    fields = ["title", "organization", "order", "start_date", "end_date"]


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 0
    fields = ["label", "url", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "name", "family_name", "titles"]
    list_display_links = ["thumbnail", "name"]
    search_fields = ["name", "family_name", "short_bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    readonly_fields = ["thumbnail"]
    fieldsets = [
        (None, {"fields": ["name", "family_name", "slug"]}),
        ("Photo", {"fields": ["thumbnail", "photo", "photo_alt"]}),
        ("Biography", {"fields": ["short_bio", "full_bio"]}),
        ("Account", {"fields": ["user"], "classes": ["collapse"]}),
    ]
    inlines = [PositionInline, AuthorLinkInline]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions")

    @admin.display(description="Photo")
    def thumbnail(self, author):
        if not author.photo:
            return "—"
        return format_html(
            '<img class="author-thumbnail" src="{}" alt="" width="48" height="48">',
            author.photo.url,
        )

    @admin.display(description="Current titles")
    def titles(self, author):
        return author.titles_display
