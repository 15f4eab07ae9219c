import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from taggit.forms import TagWidget
from taggit.models import Tag, TaggedItem

from core.admin_queries import CheckedQueryAdmin
from core.storage import RefusedMediaWriteAdmin
from people.models import Author
from programs.models import Program

from . import revisions, search
from .html import clean_body, nearest_passage, quote_in_body
from .models import Correction, Post, PostAuthor, PullQuote, ReviewLink, Revision
from .slugs import hold_slug, slug_from_title, unique_slug

# --- Who may do what ------------------------------------------------------------------


def can_publish(user):
    """Editors publish, schedule and unpublish; contributors never do."""
    return user.has_perm("blog.publish_post")


def topics_seen_by(user):
    """Every topic for editors. Contributors see those of published posts and of their own
    posts: a colleague's draft may carry a topic that is not to be known before it appears."""
    if can_publish(user):
        return Tag.objects.all()
    return Post.objects.public_topics() | Post.objects.authored_by(user).used_topics()


# --- Inlines -------------------------------------------------------------------------


class BylineAuthorSelect(AutocompleteSelect):
    """
    The author picker of one byline row. Django's widget looks up its chosen author when it
    renders, one query per row; `BylineFormSet` looks up every row's author in one query
    and hands them over in `chosen`.
    """

    chosen = None

    def optgroups(self, name, value, attr=None):
        if self.chosen is None:
            return super().optgroups(name, value, attr)
        options = []
        for pk in value:
            author = self.chosen.get(str(pk))
            if author is not None:
                options.append(
                    self.create_option(name, author.pk, str(author), True, len(options))
                )
        return [(None, options, 0)]


class BylineFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = {str(form["author"].value()) for form in self.forms}
        ids = {pk for pk in ids if pk.isdigit()}
        chosen = {str(pk): author for pk, author in Author.objects.in_bulk(ids).items()}
        for form in self.forms:
            widget = form.fields["author"].widget
            getattr(widget, "widget", widget).chosen = chosen  # inside the admin's wrapper


class PostAuthorInline(admin.TabularInline):
    model = PostAuthor
    formset = BylineFormSet
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = "author"
    verbose_name_plural = "Byline (in order: lowest position first)"

    def get_queryset(self, request):
        # Each row is labelled with its author and post (PostAuthor.__str__).
        return super().get_queryset(request).select_related("author", "post")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["widget"] = BylineAuthorSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        # A post always has a byline: refuse to save one without an author.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class PullQuoteFormSet(forms.BaseInlineFormSet):
    """Every pull quote must be a passage of the body the editor is saving."""

    def clean(self):
        super().clean()
        body = clean_body(self.instance.body)  # what will be stored, not what was sent
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("text"):
                continue
            text = data["text"]
            if not quote_in_body(text, body):
                nearest = nearest_passage(text, body)
                message = f"This pull quote is not a passage of the body: “{text}”."
                if nearest:
                    message += f" The nearest passage in the body reads: “{nearest}”."
                form.add_error("text", message)


class PullQuoteInline(admin.StackedInline):
    model = PullQuote
    formset = PullQuoteFormSet
    extra = 0
    fields = ["text", "after_paragraph", "order"]
    verbose_name_plural = "Pull quotes (each must repeat a passage of the body, word for word)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.body:
            field = formset.form.base_fields["after_paragraph"]
            field.widget = forms.Select(choices=obj.paragraph_choices())
            field.help_text = "The quote is set after this paragraph of the saved body."
        return formset


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "published_at", "text"]


class ReviewLinkInline(admin.TabularInline):
    """Links for outside reviewers: add a row to create one, tick “revoke” to end it."""

    model = ReviewLink
    extra = 0
    # The address column shows the signed address to those who may manage the links; a
    # "View on site" link would pass it through the admin's shortcut instead.
    view_on_site = False
    fields = ["note", "address", "expires_at", "created_by", "status", "revoke"]
    readonly_fields = ["address", "created_by", "status"]
    verbose_name = "review link"
    verbose_name_plural = (
        "Review links (read-only links for reviewers without an account; add one, save, "
        "then copy its address)"
    )

    class Form(forms.ModelForm):
        revoke = forms.BooleanField(required=False, help_text="Stop this link from working.")

        class Meta:
            model = ReviewLink
            fields = ["note", "expires_at"]

        def clean_expires_at(self):
            expires = self.cleaned_data["expires_at"]
            longest = timezone.now() + datetime.timedelta(days=settings.REVIEW_LINK_DAYS)
            if expires and expires > longest + datetime.timedelta(minutes=5):
                raise ValidationError(
                    f"A review link may work for at most {settings.REVIEW_LINK_DAYS} days; "
                    "make a new one when it expires."
                )
            return expires

        def save(self, commit=True):
            if self.cleaned_data.get("revoke") and self.instance.revoked_at is None:
                self.instance.revoked_at = timezone.now()
            return super().save(commit)

    form = Form

    @admin.display(description="Address")
    def address(self, link):
        if not link.pk:
            return "Appears after saving"
        url = settings.SITE_URL + link.get_absolute_url()
        return format_html('<a href="{}" class="review-link-url">{}</a>', url, url)

    @admin.display(description="Status")
    def status(self, link):
        if link.revoked_at:
            return "Revoked"
        return "Active" if link.is_active else "Expired"


# --- Change list filters ---------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
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
        now = timezone.now()
        value = self.value()
        if value == "scheduled":
            return queryset.filter(status=Post.Status.PUBLISHED, publish_at__gt=now)
        if value == "published":
            return queryset.filter(status=Post.Status.PUBLISHED, publish_at__lte=now)
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


class AuthorFilter(admin.SimpleListFilter):
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


# --- The post form ------------------------------------------------------------------


class BodyEditor(forms.Textarea):
    """The body textarea with Folio's rich-text editor on top (static/js/body-editor.js)."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 24, "data-body-editor": "", **(attrs or {})})

    class Media:
        css = {"all": ["css/body-editor.css"]}
        js = ["js/body-editor.js"]


class TopicsInput(TagWidget):
    """The comma-separated topics field, with suggestions of existing topics as one types."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-topic-suggest": reverse("admin:blog_post_topics")}
        return super().get_context(name, value, attrs)

    class Media:
        js = ["js/topic-suggest.js"]


class PostAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Post
        fields = [
            "post_type", "title", "slug", "dek", "body", "program", "series", "topics",
            "hero_image", "hero_alt", "hero_caption", "hero_credit", "status", "publish_at",
        ]  # fmt: skip
        widgets = {"body": BodyEditor, "topics": TopicsInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        if "publish_at" in self.fields:
            self.fields["publish_at"].help_text += f" Times are in {settings.TIME_ZONE}."
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text += (
                " Left empty, it is made from the title. Changing it on a published post "
                "keeps the old address working."
            )

    def clean(self):
        cleaned = super().clean()
        # Before the uniqueness check that follows clean(), so a simultaneous save of the
        # same slug is checked after this one commits (an empty slug is made from the title).
        hold_slug(cleaned.get("slug") or slug_from_title(cleaned.get("title") or ""))
        if self.instance.pk:
            self._refuse_overwrite(cleaned.get("loaded_version"))
        return cleaned

    def _refuse_overwrite(self, loaded_version):
        # The admin validates and saves in one transaction; locking the row here makes a
        # second save wait for the first, then see its new version.
        current = (
            Post.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or current == loaded_version:
            return
        if loaded_version is None:
            raise ValidationError(
                "This form is out of date: reload the post, then make your changes again.",
                code="stale",
            )
        saved = Post.objects.get(pk=self.instance.pk)
        theirs = revisions.snapshot(saved)
        before = Revision.objects.filter(post=saved, version=loaded_version).first()
        latest = Revision.objects.filter(post=saved).select_related("user").first()
        who = (
            latest.user.get_full_name() or latest.user.username if latest and latest.user else None
        )
        # The next save goes through: the editor has now seen what changed.
        self.data = self.data.copy()
        self.data["loaded_version"] = current
        if before:
            changes = revisions.compare(before.data, theirs)
            heading = "What they changed since you opened this post:"
        else:
            mine = {**theirs, **{k: self.cleaned_data.get(k) for k in ("title", "dek", "body")}}
            changes = revisions.compare(mine, theirs)
            heading = "How the saved post differs from yours:"
        raise ValidationError(
            mark_safe(  # noqa: S308 -- the diff escapes every piece of text
                format_html(
                    "{} saved this post while you were editing it, so your changes were not "
                    "saved. They are still in the form below. {} "
                    '<div class="revision-diff">{}</div>'
                    "Bring in what you need from their version, then save again.",
                    who or "Someone else",
                    heading,
                    revisions.render_changes(changes),
                )
            ),
            code="conflict",
        )


class CalendarFilterForm(forms.Form):
    """
    The editorial calendar's ?program= and ?author=. A value naming none of the programs
    or authors offered is left out of `cleaned_data` and the calendar shows them all:
    numbers beyond what an id holds included, which SQLite refuses to compare with.
    """

    program = forms.ModelChoiceField(Program.objects.all(), required=False)
    author = forms.ModelChoiceField(Author.objects.none(), required=False)

    def __init__(self, data, authors):
        super().__init__(data)
        self.fields["author"].queryset = authors
        self.is_valid()


# --- The post admin -----------------------------------------------------------------


@admin.register(Post)
class PostAdmin(CheckedQueryAdmin, RefusedMediaWriteAdmin):
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
    ]
    list_select_related = ["program"]
    search_fields = ["title", "dek", "slug", "bylines__author__name"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["program", "series"]
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

    class Media:
        css = {"all": ["css/admin.css"]}

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
        revisions.record(post, request.user)

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
        queryset.move_to_trash()

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
        return timezone.localtime(post.publish_at).strftime("%Y-%m-%d %H:%M %Z")

    def view_on_site(self, post):
        return post.get_absolute_url() if post.is_public else None

    # Actions ------------------------------------------------------------------------

    def _save_each(self, request, queryset, note, change):
        count = 0
        for post in queryset:
            change(post)
            post.save()
            revisions.record(post, request.user, note=note)
            count += 1
        return count

    @admin.action(permissions=["publish"], description="Publish selected posts")
    def publish(self, request, queryset):
        def change(post):
            post.status = Post.Status.PUBLISHED

        count = self._save_each(request, queryset.not_deleted(), "Published", change)
        self.message_user(request, f"Published {count} post(s).", messages.SUCCESS)

    @admin.action(permissions=["publish"], description="Unpublish selected posts (back to draft)")
    def unpublish(self, request, queryset):
        def change(post):
            post.status = Post.Status.DRAFT

        count = self._save_each(request, queryset, "Unpublished", change)
        self.message_user(request, f"Unpublished {count} post(s); readers no longer see them.")

    @admin.action(permissions=["change"], description="Submit selected drafts for review")
    def submit_for_review(self, request, queryset):
        def change(post):
            post.status = Post.Status.IN_REVIEW

        drafts = queryset.not_deleted().filter(status=Post.Status.DRAFT)
        count = self._save_each(request, drafts, "Submitted for review", change)
        self.message_user(request, f"Submitted {count} draft(s) for review.")

    @admin.action(permissions=["delete"], description="Move selected posts to the trash")
    def move_to_trash(self, request, queryset):
        count = queryset.move_to_trash()
        self.message_user(
            request, f"Moved {count} post(s) to the trash. Filter by “In the trash” to restore."
        )

    @admin.action(permissions=["delete"], description="Restore selected posts from the trash")
    def restore_from_trash(self, request, queryset):
        count = queryset.restore_from_trash()
        self.message_user(request, f"Restored {count} post(s) from the trash.")

    # Extra views: preview, revisions, calendar ---------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("calendar/", view(self.calendar_view), name="blog_post_calendar"),
            path("topics/", view(self.topic_suggestions), name="blog_post_topics"),
            path("<int:pk>/preview/", view(self.preview_view), name="blog_post_preview"),
            path("<int:pk>/revisions/", view(self.revisions_view), name="blog_post_revisions"),
            path(
                "<int:pk>/revisions/<int:revision_id>/restore/",
                view(self.restore_view),
                name="blog_post_restore",
            ),
            *super().get_urls(),
        ]

    def _get_post_or_404(self, request, pk, change=False):
        post = get_object_or_404(self.get_queryset(request), pk=pk)
        allowed = (
            self.has_change_permission(request, post)
            if change
            else self.has_view_permission(request, post)
        )
        if not allowed:
            raise PermissionDenied
        return post

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id and object_id.isdigit():
            extra_context["revisions"] = Revision.objects.filter(post_id=object_id).select_related(
                "user"
            )[:50]
        return super().change_view(request, object_id, form_url, extra_context)

    def preview_view(self, request, pk):
        """The post as readers will see it, drafts included, marked as a preview."""
        post = self._get_post_or_404(request, pk)
        post = Post.objects.for_page().get(pk=post.pk)
        response = TemplateResponse(
            request,
            "blog/post_detail.html",
            {"post": post, "preview": True, "preview_banner": "Preview — not published"},
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def revisions_view(self, request, pk):
        """Compare two revisions, or a revision and the live post."""
        post = self._get_post_or_404(request, pk)
        history = list(post.revisions.select_related("user"))
        by_id = {str(revision.pk): revision for revision in history}
        old_id, new_id = request.GET.get("old", ""), request.GET.get("new", "live")
        if not old_id and history:
            old_id = str(history[0].pk)
        if old_id not in by_id or (new_id != "live" and new_id not in by_id):
            raise Http404("Unknown revision")
        old = by_id[old_id]
        new_data = revisions.snapshot(post) if new_id == "live" else by_id[new_id].data
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "post": post,
            "title": f"Compare revisions of “{post}”",
            "history": history,
            "old": old,
            "new": by_id.get(new_id),
            "new_id": new_id,
            "changes": revisions.render_changes(revisions.compare(old.data, new_data)),
            "can_restore": self.has_change_permission(request, post),
        }
        return TemplateResponse(request, "admin/blog/post/revisions.html", context)

    def restore_view(self, request, pk, revision_id):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:blog_post_revisions", args=[pk]))
        post = self._get_post_or_404(request, pk, change=True)
        revision = get_object_or_404(post.revisions, pk=revision_id)
        if revision.data.get("status") == Post.Status.PUBLISHED and not can_publish(request.user):
            raise PermissionDenied
        revisions.restore(post, revision, request.user)
        self.message_user(
            request,
            f"Restored revision {revision.version}. The version it replaced is kept as a "
            "revision too.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:blog_post_change", args=[pk]))

    def topic_suggestions(self, request):
        """Existing topics starting with (or containing) what the editor typed, as JSON."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        term = " ".join(request.GET.get("q", "").split())[:100]
        if not term:
            return JsonResponse({"topics": []})
        topics = topics_seen_by(request.user)
        starts = topics.filter(name__istartswith=term).order_by("name")[:10]
        names = [tag.name for tag in starts]
        if len(names) < 10:
            more = topics.filter(name__icontains=term).exclude(name__in=names)
            names += [tag.name for tag in more.order_by("name")[: 10 - len(names)]]
        return JsonResponse({"topics": names})

    def calendar_view(self, request):
        """Drafts, posts in review and scheduled posts by planned date."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        queryset = (
            self.get_queryset(request)
            .not_deleted()
            .exclude(status=Post.Status.PUBLISHED, publish_at__lte=now)
            .select_related("program")
            .order_by("publish_at", "title")
        )
        authors = Author.objects.filter(bylines__post__in=self.get_queryset(request)).distinct()
        chosen = CalendarFilterForm(request.GET, authors=authors).cleaned_data
        program, author = chosen.get("program"), chosen.get("author")
        if program:
            queryset = queryset.filter(program=program)
        if author:
            queryset = queryset.filter(bylines__author=author).distinct()
        days, undated = {}, []
        for post in queryset:
            if post.publish_at:
                days.setdefault(timezone.localdate(post.publish_at), []).append(post)
            else:
                undated.append(post)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Editorial calendar",
            "days": sorted(days.items()),
            "undated": undated,
            "programs": Program.objects.all(),
            "authors": authors,
            "selected_program": str(program.pk) if program else "",
            "selected_author": str(author.pk) if author else "",
            "time_zone": settings.TIME_ZONE,
        }
        return TemplateResponse(request, "admin/blog/post/calendar.html", context)


# --- Topics --------------------------------------------------------------------------

admin.site.unregister(Tag)


class MergeTopicsForm(forms.Form):
    name = forms.CharField(
        label="Name of the merged topic",
        max_length=100,
        help_text="One of the selected names, or a new one. Every post keeps its topics.",
    )


@admin.register(Tag)
class TopicAdmin(CheckedQueryAdmin):
    """Topics (django-taggit tags): rename one here, or merge several into one."""

    list_display = ["name", "slug", "post_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_topics"]
    ordering = ["name"]

    def get_queryset(self, request):
        # The list, its search, a topic's own page and the autocomplete of the post form's
        # topics field all read topics from here: what an account may see is decided once.
        topics = super().get_queryset(request) & topics_seen_by(request.user)
        return topics.annotate(post_count=Count("taggit_taggeditem_items"))

    @admin.display(description="Posts", ordering="post_count")
    def post_count(self, topic):
        return topic.post_count

    @admin.action(permissions=["change"], description="Merge selected topics into one")
    def merge_topics(self, request, queryset):
        topics = list(queryset.order_by("name"))
        if "apply" in request.POST:
            form = MergeTopicsForm(request.POST)
            if form.is_valid():
                target, moved = merge_topics(topics, form.cleaned_data["name"])
                self.message_user(
                    request,
                    f"Merged {len(topics)} topics into “{target.name}”; {moved} post(s) updated.",
                    messages.SUCCESS,
                )
                return None
        else:
            form = MergeTopicsForm(initial={"name": topics[0].name if topics else ""})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Merge topics",
            "topics": topics,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge.html", context)


@transaction.atomic
def merge_topics(topics, name):
    """Fold `topics` into one topic called `name`; no post loses a topic. Returns the
    remaining topic and the number of posts whose topics changed."""
    target = next((t for t in topics if t.name == name), None)
    if target is None:
        target = Tag.objects.filter(name__iexact=name).first()
    if target is None:
        target = topics[0]
        target.name = name
        target.slug = unique_slug(name, Tag.objects.exclude(pk=target.pk))
        target.save()
    touched = set()
    for topic in topics:
        if topic.pk == target.pk:
            continue
        for item in TaggedItem.objects.filter(tag=topic):
            duplicate = TaggedItem.objects.filter(
                tag=target, content_type_id=item.content_type_id, object_id=item.object_id
            ).exists()
            if duplicate:
                item.delete()
            else:
                item.tag = target
                item.save(update_fields=["tag"])
            touched.add((item.content_type_id, item.object_id))
        topic.delete()
    post_type = ContentType.objects.get_for_model(Post)
    for post in Post.objects.filter(pk__in=[oid for ct, oid in touched if ct == post_type.pk]):
        search.index_post(post)
    return target, len(touched)
