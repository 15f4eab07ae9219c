"""
The editorial calendar: a month or a week of the team's plan, with published, scheduled
and planned posts (drafts and posts in review, on their publication time or the date
their writer proposed) told apart, today marked and plans whose day has passed flagged.
Contributors see the whole team's dates, but the titles only of their own unpublished
posts.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from people.models import Author
from programs.models import Program

from ..models import Post, PostAuthor
from .forms import CalendarFilterForm
from .permissions import can_publish

VIEWS = ("month", "week")


@dataclass
class Entry:
    """One post on one day of the calendar, as the account looking at it may see it."""

    post: Post
    day: datetime.date
    state: str  # "published", "scheduled", "review" or "draft"
    overdue: bool
    title_shown: bool

    STATE_LABELS = {
        "published": "Published",
        "scheduled": "Scheduled",
        "review": "In review",
        "draft": "Draft",
    }

    @property
    def state_label(self):
        return self.STATE_LABELS[self.state]

    @property
    def time(self):
        """The publication time, for published and scheduled posts."""
        if self.state in ("published", "scheduled"):
            return timezone.localtime(self.post.publish_at)
        return None


def entry_for(post, today, user, sees_everything):
    """`post` as `user` sees it on the calendar; None if it has no date."""
    if post.publish_at:
        day = timezone.localdate(post.publish_at)
    elif post.proposed_for:
        day = post.proposed_for
    else:
        return None
    if post.is_public:
        state = "published"
    elif post.is_scheduled:
        state = "scheduled"
    else:
        state = "review" if post.status == Post.Status.IN_REVIEW else "draft"
    own = any(byline.author.user_id == user.pk for byline in post.bylines.all())
    return Entry(
        post=post,
        day=day,
        state=state,
        overdue=state in ("draft", "review") and day < today,
        title_shown=sees_everything or own or state == "published",
    )


def period(view, anchor):
    """The first day shown and the day after the last: whole weeks from Monday."""
    if view == "week":
        start = anchor - datetime.timedelta(days=anchor.weekday())
        return start, start + datetime.timedelta(days=7)
    first = anchor.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    start = first - datetime.timedelta(days=first.weekday())
    end = last + datetime.timedelta(days=7 - last.weekday())
    return start, end


def neighbours(view, anchor):
    """The anchors of the previous and the next month or week."""
    if view == "week":
        return anchor - datetime.timedelta(days=7), anchor + datetime.timedelta(days=7)
    first = anchor.replace(day=1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return previous, following


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def calendar_view(model_admin, request):
    """A month (or, with ?view=week, a week) of the editorial calendar around ?date=."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    today = timezone.localdate()
    view = request.GET.get("view", "month")
    try:
        anchor = (
            datetime.date.fromisoformat(request.GET["date"]) if "date" in request.GET else today
        )
    except ValueError:
        return HttpResponseBadRequest(
            "The calendar's date must be a day written as YYYY-MM-DD, such as 2026-12-01."
        )
    if view not in VIEWS:
        return HttpResponseBadRequest("The calendar's view is either month or week.")
    start, end = period(view, anchor)
    sees_everything = can_publish(request.user)
    # The team's plan: every post that is not in the trash, whoever wrote it.
    posts = (
        Post.objects.not_deleted()
        .filter(
            Q(publish_at__gte=local_midnight(start), publish_at__lt=local_midnight(end))
            | Q(publish_at__isnull=True, proposed_for__gte=start, proposed_for__lt=end)
        )
        .select_related("program")
        .prefetch_related(
            Prefetch("bylines", queryset=PostAuthor.objects.select_related("author"))
        )
        .order_by("publish_at", "proposed_for", "title")
    )
    authors = Author.objects.filter(bylines__isnull=False).distinct()
    chosen = CalendarFilterForm(request.GET, authors=authors).cleaned_data
    program, author = chosen.get("program"), chosen.get("author")
    if program:
        posts = posts.filter(program=program)
    if author:
        posts = posts.filter(bylines__author=author)
    by_day = {}
    for post in posts:
        if entry := entry_for(post, today, request.user, sees_everything):
            by_day.setdefault(entry.day, []).append(entry)
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days)]
    weeks = [
        [(day, by_day.get(day, [])) for day in days[week : week + 7]]
        for week in range(0, len(days), 7)
    ]
    # Posts waiting without any date: the account's own (all, for editors).
    undated = (
        model_admin.get_queryset(request)
        .not_deleted()
        .filter(publish_at__isnull=True, proposed_for__isnull=True)
        .exclude(status=Post.Status.PUBLISHED)
        .select_related("program")
        .order_by("-modified_at")
    )
    if program:
        undated = undated.filter(program=program)
    if author:
        undated = undated.filter(bylines__author=author)
    previous, following = neighbours(view, anchor)
    if view == "week":
        heading = f"Week of {start:%B} {start.day}, {start.year}"
    else:
        heading = f"{anchor:%B %Y}"
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Editorial calendar",
        "heading": heading,
        "view": view,
        "weeks": weeks,
        "weekdays": list(calendar.day_name),
        "month": anchor.month,
        "today": today,
        "anchor": anchor,
        "previous": previous,
        "following": following,
        "undated": undated,
        "programs": Program.objects.all(),
        "authors": authors,
        "selected_program": str(program.pk) if program else "",
        "selected_author": str(author.pk) if author else "",
        "sees_everything": sees_everything,
        "time_zone": settings.TIME_ZONE,
    }
    return TemplateResponse(request, "admin/blog/post/calendar.html", context)
