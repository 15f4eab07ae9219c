"""The post admin: the list, the form, the workflow actions and the trash. Its extra
views (preview, revisions, topic suggestions, calendar) are in `views.py`."""

from functools import partial

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from js_asset import Media as ScriptMedia

from core import languages
from core.admin_labels import NamedInputsMixin
from core.admin_queries import CheckedQueryAdmin
from core.storage import RefusedMediaWriteAdmin

from .. import revisions, services
from ..models import Post, PostAuthor, ReviewLink, Revision
from ..models.reading import in_language_order
from . import calendar, views
from .filters import (
    AuthorFilter,
    OutdatedTranslationFilter,
    StatusFilter,
    TopicFilter,
    TrashFilter,
)
from .forms import PostAdminForm
from .inlines import CorrectionInline, PostAuthorInline, PullQuoteInline, ReviewLinkInline
from .permissions import can_publish


def local_time(moment, pattern="%Y-%m-%d %H:%M %Z"):
    """`moment` in the site's time zone (TIME_ZONE), as the post list shows it."""
    return timezone.localtime(moment).strftime(pattern)


def where_readers_see(post):
    """
    Where readers find `post` once saved: a link to its live page, or when a scheduled post
    will appear (in the site's time zone). None for a post readers will not see (a draft, a
    post in review or in the trash). Titles are escaped by format_html.
    """
    if post.is_public:
        return format_html('<a href="{}">view it on the site</a>', post.get_absolute_url())
    if post.is_scheduled:
        when = local_time(post.publish_at, "%Y-%m-%d at %H:%M %Z")
        return format_html("it will appear on the site on {}", when)
    return None


def publication_notice(post):
    """The message after publishing or scheduling one post (None if readers will not see it):
    “Ports and Power” is published: <a href="/blog/ports-and-power/">view it on the site</a>."""
    where = where_readers_see(post)
    if where is None:
        return None
    state = "published" if post.is_public else "scheduled"
    return format_html("“{}” is {}: {}.", post.title, state, where)


def translations_of(post):
    """
    The post's translation group as its form shows it: every version not in the trash
    with its language and status, and the site's languages it has no version in yet.
    """
    original = post.translation_of_id or post.pk
    # What the box shows of each version: never its body, the largest column by far.
    versions = in_language_order(
        Post.objects.not_deleted()
        .filter(Q(pk=original) | Q(translation_of=original))
        .only("title", "language", "status", "publish_at", "deleted_at", "translation_of")
    )
    taken = {version.language for version in versions}
    return {
        "versions": versions,
        "original": original,
        "missing": [
            (code, languages.local_name(code))
            for code, _ in settings.LANGUAGES
            if code not in taken
        ],
    }


@admin.register(Post)
class PostAdmin(NamedInputsMixin, CheckedQueryAdmin, RefusedMediaWriteAdmin):
    """Posts for editors and contributors. Contributors see only the posts they write, edit
    only their drafts and never publish (`permissions.can_publish`); deleting a post moves
    it to the trash."""

    form = PostAdminForm
    list_display = [
        "title",
        "status_badge",
        "post_type",
        "byline_names",
        "program",
        "publication_time",
    ]
    list_filter = [
        TrashFilter,
        StatusFilter,
        "post_type",
        "program",
        "series",
        AuthorFilter,
        TopicFilter,
        OutdatedTranslationFilter,
    ]
    list_select_related = ["program"]
    search_fields = ["title", "dek", "slug", "bylines__author__name"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["program", "series", "translation_of"]
    readonly_fields = ["first_published_at", "updated_at", "created_at", "modified_at"]
    save_on_top = True
    actions = ["publish", "unpublish", "submit_for_review", "move_to_trash", "restore_from_trash"]
    inlines = [PostAuthorInline, PullQuoteInline, CorrectionInline, ReviewLinkInline]
    change_form_template = "admin/blog/post/change_form.html"
    change_list_template = "admin/blog/post/change_list.html"
    delete_confirmation_template = "admin/blog/post/delete_confirmation.html"
    fieldsets = [
        (None, {"fields": ["post_type", "title", "slug", "dek", "body", "loaded_version"]}),
        ("Program and topics", {"fields": ["program", "series", "topics"]}),
        ("Language", {"fields": ["language", "translation_of"]}),
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
                    "proposed_for",
                    "publish_at",
                    "first_published_at",
                    "updated_at",
                    "created_at",
                    "modified_at",
                ]
            },
        ),
        ("This save", {"fields": ["revision_note"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-names.js"]

    # Permissions, enforced on the server ------------------------------------------

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("bylines", queryset=PostAuthor.objects.select_related("author"))
            )
        )
        if not can_publish(request.user):
            queryset = queryset.authored_by(request.user)
        return queryset

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or can_publish(request.user):
            return True
        # Contributors edit their own drafts; once submitted for review, it is the editors' turn.
        return (
            obj.deleted_at is None
            and obj.status == Post.Status.DRAFT
            and obj.bylines.filter(author__user=request.user).exists()
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            fields.append("publish_at")
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not can_publish(request.user) and "status" in form.base_fields:
            form.base_fields["status"].choices = [
                (Post.Status.DRAFT, "Draft"),
                (Post.Status.IN_REVIEW, "In review: ready for an editor"),
            ]
        return form

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if not can_publish(request.user) and obj.status == Post.Status.PUBLISHED:
            raise PermissionDenied  # the form's choices already refuse it
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        post = form.instance
        for formset in formsets:
            if formset.model is ReviewLink:
                for link in formset.new_objects:
                    link.created_by = request.user
                    link.save(update_fields=["created_by"])
        author = getattr(request.user, "author", None)
        if author and not can_publish(request.user) and not post.bylines.filter(author=author):
            PostAuthor.objects.create(post=post, author=author, position=post.bylines.count())
        revisions.record(post, request.user, note=form.cleaned_data.get("revision_note", ""))

    def render_change_form(self, request, context, *args, **kwargs):
        # The editor's import map is an inline script: it runs under this response's CSP
        # nonce, like every script tag of the page's media.
        context["media"] = ScriptMedia.from_media(context["media"], nonce=request.csp_nonce)
        if post := kwargs.get("obj"):
            context["translations"] = translations_of(post)
            if post.is_outdated:
                changes = revisions.original_changes_since(post)
                context["original_changes"] = (
                    revisions.render_changes(changes) if changes is not None else None
                )
        return super().render_change_form(request, context, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self.announce_publication(request, obj)
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        self.announce_publication(request, obj)
        return response

    def announce_publication(self, request, post):
        """After saving a post readers will see, replace the admin's "was changed
        successfully" with where they see it: its live page, or when it will appear."""
        notice = publication_notice(post)
        if notice is None or IS_POPUP_VAR in request.POST:
            return  # a popup closes at once: nothing would show the message
        # Reading the messages takes them out of the next page; all but the admin's success
        # message (which this one replaces) go back in.
        for message in messages.get_messages(request):
            if message.level != messages.SUCCESS:
                messages.add_message(
                    request, message.level, message.message, extra_tags=message.extra_tags
                )
        self.message_user(request, notice, messages.SUCCESS)

    def delete_model(self, request, obj):
        """Posts go to the trash, from which an editor can restore them."""
        obj.deleted_at = timezone.now()
        obj.save(update_fields=["deleted_at"])

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)
        # Replace Django's "deleted successfully": nothing was destroyed.
        list(messages.get_messages(request))
        self.message_user(
            request,
            f"“{obj_display}” is in the trash. Filter the list by “In the trash” to restore it.",
            messages.SUCCESS,
        )
        return response

    def delete_queryset(self, request, queryset):
        services.trash_posts(queryset)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id and object_id.isdigit():
            extra_context["revisions"] = Revision.objects.filter(post_id=object_id).select_related(
                "user"
            )[:50]
        return super().change_view(request, object_id, form_url, extra_context)

    # Change list ----------------------------------------------------------------------

    @admin.display(description="Byline")
    def byline_names(self, post):
        return ", ".join(byline.author.name for byline in post.bylines.all())

    @admin.display(description="Status", ordering="status")
    def status_badge(self, post):
        if post.deleted_at:
            label, css = "In the trash", "trash"
        elif post.is_scheduled:
            label, css = "Scheduled", "scheduled"
        else:
            label, css = post.get_status_display(), post.status
        return format_html('<span class="status-badge status-{}">{}</span>', css, label)

    @admin.display(description=f"Publication time ({settings.TIME_ZONE})", ordering="publish_at")
    def publication_time(self, post):
        if not post.publish_at:
            return "—"
        return local_time(post.publish_at)

    def view_on_site(self, post):
        return post.get_absolute_url() if post.is_public else None

    # Actions ------------------------------------------------------------------------

    @admin.action(permissions=["publish"], description="Publish selected posts")
    def publish(self, request, queryset):
        # A list, so that the posts as saved (their publication time set) are at hand to
        # say where readers find them.
        posts = list(queryset.not_deleted())
        services.set_status(posts, Post.Status.PUBLISHED, request.user, "Published")
        if not posts:
            self.message_user(
                request,
                "No post was published: restore posts from the trash first.",
                messages.WARNING,
            )
        elif len(posts) == 1:
            self.message_user(request, publication_notice(posts[0]), messages.SUCCESS)
        else:
            each = format_html_join(
                "; ", "“{}” ({})", ((post.title, where_readers_see(post)) for post in posts)
            )
            message = format_html("Published {} posts: {}.", len(posts), each)
            self.message_user(request, message, messages.SUCCESS)

    @admin.action(permissions=["publish"], description="Unpublish selected posts (back to draft)")
    def unpublish(self, request, queryset):
        count = services.set_status(queryset, Post.Status.DRAFT, request.user, "Unpublished")
        self.message_user(request, f"Unpublished {count} post(s); readers no longer see them.")

    @admin.action(permissions=["change"], description="Submit selected drafts for review")
    def submit_for_review(self, request, queryset):
        drafts = queryset.not_deleted().filter(status=Post.Status.DRAFT)
        count = services.set_status(
            drafts, Post.Status.IN_REVIEW, request.user, "Submitted for review"
        )
        self.message_user(request, f"Submitted {count} draft(s) for review.")

    @admin.action(permissions=["delete"], description="Move selected posts to the trash")
    def move_to_trash(self, request, queryset):
        count = services.trash_posts(queryset)
        self.message_user(
            request, f"Moved {count} post(s) to the trash. Filter by “In the trash” to restore."
        )

    @admin.action(permissions=["delete"], description="Restore selected posts from the trash")
    def restore_from_trash(self, request, queryset):
        count = services.restore_posts(queryset)
        self.message_user(request, f"Restored {count} post(s) from the trash.")

    # Extra views: preview, revisions, calendar ---------------------------------------------

    def get_urls(self):
        def view(function):
            # Bound to this admin, so that the view reads posts through its queryset and
            # permissions, as the admin's own views do.
            return self.admin_site.admin_view(partial(function, self))

        return [
            path("calendar/", view(calendar.calendar_view), name="blog_post_calendar"),
            path("topics/", view(views.topic_suggestions), name="blog_post_topics"),
            path("figures/", view(views.figures_view), name="blog_post_figures"),
            path("<int:pk>/preview/", view(views.preview_view), name="blog_post_preview"),
            path("<int:pk>/translate/", view(views.translate_view), name="blog_post_translate"),
            path("<int:pk>/revisions/", view(views.revisions_view), name="blog_post_revisions"),
            path(
                "<int:pk>/revisions/<int:revision_id>/restore/",
                view(views.restore_view),
                name="blog_post_restore",
            ),
            *super().get_urls(),
        ]
