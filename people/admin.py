from django import forms
from django.contrib import admin
from django.db import models
from django.template.loader import render_to_string

from core import languages
from core.admin_labels import NamedTabularInline
from core.admin_queries import CheckedQueryAdmin
from core.storage import RefusedMediaWriteAdmin
from core.templatetags.site_tags import picture

from .models import Author, AuthorLink, AuthorTranslation, Position


class PositionInline(NamedTabularInline):
    model = Position
    extra = 1
    fields = ["title", "organization", "program", "leadership", "order", "start_date", "end_date"]
    verbose_name_plural = (
        "Positions (current ones, by order, make the titles under each post; past ones show "
        "on the author page)"
    )


class AuthorLinkInline(NamedTabularInline):
    model = AuthorLink
    extra = 0
    fields = ["label", "url", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class AuthorTranslationForm(forms.ModelForm):
    """A language is chosen from the site's others: the site's own is the bio above."""

    class Meta:
        model = AuthorTranslation
        fields = ["language", "titles", "short_bio"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = [(code, name) for code, name in languages.named()[1:]]
        self.fields["language"].widget = forms.Select(choices=[("", "---------"), *others])


class AuthorTranslationInline(admin.StackedInline):
    model = AuthorTranslation
    form = AuthorTranslationForm
    extra = 0
    classes = ["collapse"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}


class MissingFilter(admin.SimpleListFilter):
    """What a bio still lacks."""

    title = "missing"
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("photo", "Photo"), ("bio", "Short bio"), ("positions", "Positions")]

    def queryset(self, request, queryset):
        if self.value() == "photo":
            return queryset.filter(photo="")
        if self.value() == "bio":
            return queryset.filter(short_bio="")
        if self.value() == "positions":
            return queryset.filter(positions__isnull=True)
        return queryset


class StaffStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("current", "Current staff and fellows"),
            ("former", "Former staff and fellows"),
            ("guest", "Guest contributors (no position)"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        queryset = queryset.with_status()
        if value == "current":
            return queryset.filter(is_current=True)
        if value == "former":
            return queryset.filter(is_current=False, is_former=True)
        if value == "guest":
            return queryset.filter(is_current=False, is_former=False)
        return queryset


@admin.register(Author)
class AuthorAdmin(CheckedQueryAdmin, RefusedMediaWriteAdmin):
    list_display = ["thumbnail", "name", "family_name", "titles", "has_bio"]
    # The photo is not a second link to the same page: a link holding only a picture
    # would have no name for a screen reader.
    list_display_links = ["name"]
    list_filter = [StaffStatusFilter, MissingFilter, "positions__program"]
    search_fields = ["name", "family_name", "sort_name", "short_bio"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["author_box_preview"]
    inlines = [PositionInline, AuthorLinkInline, AuthorTranslationInline]
    save_on_top = True

    class Media:
        css = {"all": ["css/admin.css", "css/site-preview.css"]}
        js = ["js/focal-point.js"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["name", "family_name", "slug"]}),
            (
                "Photo",
                {
                    "fields": ["photo", "photo_alt", "photo_focal_x", "photo_focal_y"],
                    "description": "Click the photo to mark the face: square crops are cut "
                    "around that point.",
                },
            ),
            ("Biography", {"fields": ["short_bio", "full_bio"]}),
            ("Preview", {"fields": ["author_box_preview"]}),
        ]
        if request.user.has_perm("auth.view_user"):
            fieldsets.append(("Account", {"fields": ["user"], "classes": ["collapse"]}))
        return fieldsets

    def get_autocomplete_fields(self, request):
        return ["user"] if request.user.has_perm("auth.view_user") else []

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions")

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected and not request.user.has_perm("blog.view_post"):
            # Bylines name their posts, drafts included: not for those who may not see posts.
            protected = [f"{len(protected)} byline(s) in posts, which an editor can reassign"]
        return deleted, counts, perms_needed, protected

    @admin.display(description="Photo")
    def thumbnail(self, author):
        if not author.photo_square:
            return "—"
        return picture(author.photo_square, "", 48, 48, css_class="author-thumbnail")

    @admin.display(description="Current titles")
    def titles(self, author):
        return author.titles_display

    @admin.display(description="Short bio", boolean=True)
    def has_bio(self, author):
        return bool(author.short_bio)

    @admin.display(description="Author box as it appears under a post")
    def author_box_preview(self, author):
        if not author.pk:
            return "Save the author to see the box."
        box = {
            "author": author,
            "titles": author.titles_display,
            "as_published": False,
            "bio": author.short_bio,
        }
        html = render_to_string("people/includes/author_box.html", {"box": box})
        return render_to_string("people/admin/author_box_preview.html", {"box_html": html})
