from django.contrib import admin
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import format_html

from .models import Post, PostAuthor, PullQuote


class PostAuthorInline(admin.TabularInline):
    model = PostAuthor
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = "author"
    verbose_name_plural = "Byline (in order: lowest position first)"

    def get_formset(self, request, obj=None, **kwargs):
        # A post always has a byline: refuse to save one without an author.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class PullQuoteInline(admin.StackedInline):
    model = PullQuote
    extra = 0
    fields = ["text", "after_paragraph", "order"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "status_badge", "post_type", "byline_names", "program", "publish_at"]
    list_filter = ["status", "post_type", "program", "series"]
    list_select_related = ["program"]
    search_fields = ["title", "dek", "slug", "bylines__author__name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["program", "series"]
    readonly_fields = ["first_published_at", "updated_at", "created_at", "modified_at"]
    save_on_top = True
    inlines = [PostAuthorInline, PullQuoteInline]

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (None, {"fields": ["post_type", "title", "slug", "dek", "body"]}),
        ("Program and topics", {"fields": ["program", "series", "topics"]}),
        (
            "Hero image",
            {
                "fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"],
                "classes": ["collapse"],
            },
        ),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "publish_at",
                    "first_published_at",
                    "updated_at",
                    "created_at",
                    "modified_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("bylines", queryset=PostAuthor.objects.select_related("author"))
            )
        )

    @admin.display(description="Byline")
    def byline_names(self, post):
        return ", ".join(byline.author.name for byline in post.bylines.all())

    @admin.display(description="Status", ordering="status")
    def status_badge(self, post):
        if post.status == Post.Status.PUBLISHED and post.publish_at > timezone.now():
            label, css = "Scheduled", "scheduled"
        else:
            label, css = post.get_status_display(), post.status
        return format_html('<span class="status-badge status-{}">{}</span>', css, label)

    def view_on_site(self, post):
        return post.get_absolute_url() if post.is_public else None
