"""Topics (django-taggit's tags) in the admin, in place of taggit's own admin: renamed one
by one, merged several at a time, and shown to each account only as far as it may see."""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from taggit.models import Tag

from core.admin_queries import CheckedQueryAdmin

from .. import services
from .forms import MergeTopicsForm
from .permissions import topics_seen_by

# taggit registers an admin of its own for tags; this one takes its place.
admin.site.unregister(Tag)


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
                target, moved = services.merge_topics(topics, form.cleaned_data["name"])
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
