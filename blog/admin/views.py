"""
The post admin's extra views: preview, revisions (compare and restore), topic suggestions
and figure images for the body editor (the editorial calendar is in `calendar.py`). Each
is a function of the `PostAdmin` that mounts it (in `PostAdmin.get_urls`), so it reads
posts through that admin's queryset and permissions, as the admin's own views do.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from core import languages

from .. import revisions, services
from ..html import clean_body
from ..models import Figure, Post
from .forms import FigureForm, PreviewForm
from .permissions import can_publish, topics_seen_by


def get_post_or_404(model_admin, request, pk, change=False):
    """The post `pk` if this account may view it (or change it, with `change`): 404 for a
    post outside its queryset, 403 for one it may not open."""
    post = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    allowed = (
        model_admin.has_change_permission(request, post)
        if change
        else model_admin.has_view_permission(request, post)
    )
    if not allowed:
        raise PermissionDenied
    return post


def preview_view(model_admin, request, pk):
    """
    The post as readers will see it, drafts included, marked as a preview. A POST from the
    post form shows its words as typed (type, title, dek and body), unsaved: the preview
    beside the form. The preview may be framed by our own pages, and only by them.
    """
    post = get_post_or_404(model_admin, request, pk)
    post = Post.objects.for_page().get(pk=post.pk)
    # The preview is the page readers will read: in the post's language, banner included.
    languages.use(post.language)
    banner = gettext("Preview — not published")
    if request.method == "POST":
        form = PreviewForm(request.POST, instance=post)
        # Fields that fail validation keep their saved value; the rest show as typed.
        form.is_valid()
        post.body = clean_body(post.body)
        banner = gettext("Preview of unsaved changes")
    response = TemplateResponse(
        request,
        "blog/post_detail.html",
        {"post": post, "preview": True, "preview_banner": banner},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


def revisions_view(model_admin, request, pk):
    """Compare two revisions, or a revision and the live post."""
    post = get_post_or_404(model_admin, request, pk)
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
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "post": post,
        "title": f"Compare revisions of “{post}”",
        "history": history,
        "old": old,
        "new": by_id.get(new_id),
        "new_id": new_id,
        "changes": revisions.render_changes(revisions.compare(old.data, new_data)),
        "can_restore": model_admin.has_change_permission(request, post),
    }
    return TemplateResponse(request, "admin/blog/post/revisions.html", context)


def restore_view(model_admin, request, pk, revision_id):
    """Bring a revision back (`revisions.restore`, which keeps the state it replaces). POST
    only: a GET goes to the comparison. A revision saved while the post was published is
    restored only by those who may publish."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse("admin:blog_post_revisions", args=[pk]))
    post = get_post_or_404(model_admin, request, pk, change=True)
    revision = get_object_or_404(post.revisions, pk=revision_id)
    if revision.data.get("status") == Post.Status.PUBLISHED and not can_publish(request.user):
        raise PermissionDenied
    revisions.restore(post, revision, request.user)
    model_admin.message_user(
        request,
        f"Restored revision {revision.version}. The version it replaced is kept as a "
        "revision too.",
        messages.SUCCESS,
    )
    return HttpResponseRedirect(reverse("admin:blog_post_change", args=[pk]))


def topic_suggestions(model_admin, request):
    """Existing topics starting with (or containing) what the editor typed, as JSON."""
    if not model_admin.has_view_or_change_permission(request):
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


def figures_view(model_admin, request):
    """
    For the body editor's Image button: the latest figure images (GET), or a new one
    uploaded (POST: image, description, credit), as JSON; a refused upload answers 400
    with the form's messages, field by field.
    """
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    if request.method == "POST":
        form = FigureForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {
                name: [e["message"] for e in found]
                for name, found in form.errors.get_json_data().items()
            }
            return JsonResponse({"errors": errors}, status=400)
        return JsonResponse({"figure": figure_for_editor(form.save())}, status=201)
    latest = Figure.objects.all()[:24]
    return JsonResponse({"figures": [figure_for_editor(figure) for figure in latest]})


def figure_for_editor(figure):
    """A figure image as the editor inserts it: its <img>'s attributes, and its credit."""
    return {**figure.editor_attributes(), "credit": figure.credit}


def translate_view(model_admin, request, pk):
    """POST ?language=: a draft translation of the post, then its form."""
    post = get_post_or_404(model_admin, request, pk)
    if request.method != "POST" or not model_admin.has_add_permission(request):
        raise PermissionDenied
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        messages.error(request, "Choose one of the site's languages to translate into.")
        return HttpResponseRedirect(reverse("admin:blog_post_change", args=[post.pk]))
    try:
        draft = services.translate_post(post, language, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("admin:blog_post_change", args=[post.pk]))
    messages.success(
        request,
        f"A draft in {languages.local_name(language)} was made from “{post}”. Translate its "
        "title, dek and body, and add the translator to the byline (credit: Translator).",
    )
    return HttpResponseRedirect(reverse("admin:blog_post_change", args=[draft.pk]))
